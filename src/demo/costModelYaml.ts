/**
 * The demo company's cost model (the `cost_model` section of its worth.yaml). Each
 * time-driven activity's practical capacity is the minutes the written rows use (counted by
 * {@link ActivityMinutes} as they are written) over a planned utilisation, so every demo,
 * small or large, uses 75-90% of its capacity; each pool is capacity x a loaded cost per minute.
 */
import type { DemoOptions } from './options.ts';

interface TimeLine {
  id: TimeActivity;
  name: string;
  behaviour: 'variable' | 'capacity';
  driver: string;
  minutes: string;
  /** Practical capacity in minutes per customer-year (used only when no rows were written). */
  capacity: number;
  /** Share of the practical capacity the demo's rows use. */
  utilisation: number;
  /** Loaded cost per minute, euros. */
  rate: number;
  extra?: string;
}

const TIME: TimeLine[] = [
  {
    id: 'order_handling',
    utilisation: 0.85,
    name: 'Order handling',
    behaviour: 'capacity',
    driver: 'orders',
    capacity: 8.7,
    rate: 0.6,
    minutes: "if(channel = 'EDI', 1, 4) + 0.8 * lines + if(channel = 'phone', 6, 0)",
  },
  {
    id: 'picking',
    utilisation: 0.88,
    name: 'Picking',
    behaviour: 'capacity',
    driver: 'order_lines',
    capacity: 7.8,
    rate: 0.45,
    minutes: '1.2 + 0.05 * quantity',
  },
  {
    id: 'delivery',
    utilisation: 0.9,
    name: 'Delivery',
    behaviour: 'variable',
    driver: 'shipments',
    capacity: 8.3,
    rate: 0.5,
    minutes: '4 + 0.02 * weight_kg + if(express, 8, 0)',
    extra: 'direct_cost: freight_cost',
  },
  {
    id: 'returns_handling',
    utilisation: 0.8,
    name: 'Returns handling',
    behaviour: 'capacity',
    driver: 'returns',
    capacity: 2.6,
    rate: 0.55,
    minutes: '10 + 4 * lines',
  },
  {
    id: 'service_phone',
    utilisation: 0.76,
    name: 'Customer service: phone',
    behaviour: 'capacity',
    driver: 'service_contacts',
    capacity: 2.7,
    rate: 0.7,
    minutes: 'minutes + 2',
    extra: "when: channel = 'phone'",
  },
  {
    id: 'service_written',
    utilisation: 0.82,
    name: 'Customer service: email and chat',
    behaviour: 'capacity',
    driver: 'service_contacts',
    capacity: 3.5,
    rate: 0.6,
    minutes: 'minutes + 1',
    extra: "when: in_list(channel, 'email', 'chat')",
  },
  {
    id: 'field_visits',
    utilisation: 0.78,
    name: 'Account manager visits',
    behaviour: 'capacity',
    driver: 'service_contacts',
    capacity: 8.4,
    rate: 0.9,
    minutes: 'minutes + 45',
    extra: "when: channel = 'visit'",
  },
];

/** The time-driven activities of the demo's cost model. */
export type TimeActivity =
  | 'order_handling'
  | 'picking'
  | 'delivery'
  | 'returns_handling'
  | 'service_phone'
  | 'service_written'
  | 'field_visits';

/** Thousandths of a minute: every time equation below is a whole number of them, so sums are exact and do not depend on the order of blocks. */
const MILLI = 1000;

/**
 * Minutes each time-driven activity uses, counted while the demo writes its rows: the
 * twin in code of each `minutes` formula in {@link TIME} (test/demo checks the twins against
 * the minutes `worth analyze` finds). Kept in whole thousandths of a minute.
 */
export class ActivityMinutes {
  readonly milli: Record<TimeActivity, number> = {
    order_handling: 0,
    picking: 0,
    delivery: 0,
    returns_handling: 0,
    service_phone: 0,
    service_written: 0,
    field_visits: 0,
  };

  /** An order's own part of order handling: `if(channel = 'EDI', 1, 4) + if(channel = 'phone', 6, 0)`. */
  order(channel: string): void {
    this.milli.order_handling += ((channel === 'EDI' ? 1 : 4) + (channel === 'phone' ? 6 : 0)) * MILLI;
  }

  /** One order line: `0.8 * lines` of order handling and picking's `1.2 + 0.05 * quantity`. */
  orderLine(quantity: number): void {
    this.milli.order_handling += 800;
    this.milli.picking += 1200 + 50 * quantity;
  }

  /** One shipment: `4 + 0.02 * weight_kg + if(express, 8, 0)`, the weight in tenths of a kg. */
  shipment(weightTenths: number, express: boolean): void {
    this.milli.delivery += 4000 + 2 * weightTenths + (express ? 8000 : 0);
  }

  /** One return: `10 + 4 * lines`. */
  returned(lines: number): void {
    this.milli.returns_handling += 10_000 + 4000 * lines;
  }

  /** One service contact: phone `minutes + 2`, email and chat `minutes + 1`, a visit `minutes + 45`. */
  contact(channel: string, minutes: number): void {
    if (channel === 'phone') this.milli.service_phone += (minutes + 2) * MILLI;
    else if (channel === 'email' || channel === 'chat') this.milli.service_written += (minutes + 1) * MILLI;
    else if (channel === 'visit') this.milli.field_visits += (minutes + 45) * MILLI;
  }

  /** Adds another count (a block's, from another thread). */
  add(other: Record<TimeActivity, number>): void {
    for (const k of Object.keys(this.milli) as TimeActivity[]) this.milli[k] += other[k];
  }

  /** Minutes used per activity. */
  minutes(): Record<TimeActivity, number> {
    const out = { ...this.milli };
    for (const k of Object.keys(out) as TimeActivity[]) out[k] /= MILLI;
    return out;
  }
}

/** The YAML lines of the demo's cost model for these options and the minutes its rows use. */
export function costModelYaml(o: DemoOptions, used?: Record<TimeActivity, number>): string[] {
  const customerYears = o.customers * o.years;
  const lines = [
    'cost_model:                                       # time-driven ABC: pools over practical capacity',
    '  activities:',
  ];
  for (const a of TIME) {
    const minutes = used?.[a.id as TimeActivity] ?? 0;
    const capacity = Math.max(
      1,
      Math.round(minutes > 0 ? minutes / a.utilisation : a.capacity * customerYears),
    );
    lines.push(
      `    - id: ${a.id}`,
      `      name: "${a.name}"`,
      '      kind: time',
      `      behaviour: ${a.behaviour}`,
      `      driver: ${a.driver}`,
      `      pool: ${(capacity * a.rate).toFixed(2)}                # ${a.rate.toFixed(2)} a minute`,
      `      capacity_minutes: ${capacity}${minutes > 0 ? `       # ${Math.round(a.utilisation * 100)}% used by the demo's rows` : ''}`,
      `      minutes: "${a.minutes}"`,
      ...(a.extra ? [`      ${a.extra}`] : []),
    );
  }
  lines.push(
    '    - { id: account_management, name: "Account management", kind: fixed, behaviour: fixed, per_customer_per_year: 1500, customers: "segment = \'Key accounts\'" }',
    '    - { id: cost_of_credit, name: "Cost of credit", kind: credit, behaviour: variable }   # days late x amount x cost_of_capital / 365',
  );
  return lines;
}
