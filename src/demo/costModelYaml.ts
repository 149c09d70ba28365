/**
 * The demo company's cost model (the `cost_model` section of its worth.yaml). Pools and
 * practical capacities scale with customers x years; each pool is capacity x a loaded cost
 * per minute. Capacities come from the use per customer-year measured at 2,000 and 100,000
 * customers: about 78-91% used at the default size and 80-98% at scale (phone and visit
 * use per customer differ most between small and large demos).
 */
import type { DemoOptions } from './options.ts';

interface TimeLine {
  id: string;
  name: string;
  behaviour: 'variable' | 'capacity';
  driver: string;
  minutes: string;
  /** Practical capacity in minutes per customer-year. */
  capacity: number;
  /** Loaded cost per minute, euros. */
  rate: number;
  extra?: string;
}

const TIME: TimeLine[] = [
  {
    id: 'order_handling',
    name: 'Order handling',
    behaviour: 'capacity',
    driver: 'orders',
    capacity: 8.7,
    rate: 0.6,
    minutes: "if(channel = 'EDI', 1, 4) + 0.8 * lines + if(channel = 'phone', 6, 0)",
  },
  {
    id: 'picking',
    name: 'Picking',
    behaviour: 'capacity',
    driver: 'order_lines',
    capacity: 7.8,
    rate: 0.45,
    minutes: '1.2 + 0.05 * quantity',
  },
  {
    id: 'delivery',
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
    name: 'Returns handling',
    behaviour: 'capacity',
    driver: 'returns',
    capacity: 2.6,
    rate: 0.55,
    minutes: '10 + 4 * lines',
  },
  {
    id: 'service_phone',
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
    name: 'Account manager visits',
    behaviour: 'capacity',
    driver: 'service_contacts',
    capacity: 8.4,
    rate: 0.9,
    minutes: 'minutes + 45',
    extra: "when: channel = 'visit'",
  },
];

/** The YAML lines of the demo's cost model for these options. */
export function costModelYaml(o: DemoOptions): string[] {
  const customerYears = o.customers * o.years;
  const lines = [
    'cost_model:                                       # time-driven ABC: pools over practical capacity',
    '  activities:',
  ];
  for (const a of TIME) {
    const capacity = Math.max(1, Math.round(a.capacity * customerYears));
    lines.push(
      `    - id: ${a.id}`,
      `      name: "${a.name}"`,
      '      kind: time',
      `      behaviour: ${a.behaviour}`,
      `      driver: ${a.driver}`,
      `      pool: ${(capacity * a.rate).toFixed(2)}                # ${a.rate.toFixed(2)} a minute`,
      `      capacity_minutes: ${capacity}`,
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
