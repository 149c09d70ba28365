/**
 * The starter cost model `worth init` writes: order handling, picking, delivery, returns and
 * service, each rate explained, to be replaced by the company's own pools and capacities.
 * With volumes measured on an export, each capacity is the minutes those volumes use over a
 * planned utilisation of 85%, so the starter neither overruns nor leaves most capacity idle.
 */

/** Minutes the export's events use under the starter's time equations (absent: a small company's round figures). */
export interface StarterVolumes {
  /** Minutes of order handling: sum over orders of (3 + 0.5 x lines). */
  orderMinutes: number;
  /** Minutes of picking: sum over order lines of (1 + 0.02 x quantity). */
  pickingMinutes: number;
  /** Minutes of returns handling: sum over return lines of (8 + 2 x lines). */
  returnMinutes: number;
  /** Whether the workspace has service contacts (without them, the service activity is written commented out). */
  serviceContacts: boolean;
}

/** Planned share of practical capacity the measured volumes use. */
const UTILISATION = 0.85;

interface TimeLine {
  id: string;
  name: string;
  driver: string;
  minutes: string;
  /** Loaded cost per minute in the currency (wages, social charges, space, systems). */
  rate: number;
  /** Practical capacity in minutes when nothing was measured. */
  capacity: number;
  why: string;
  measured?: (v: StarterVolumes) => number;
}

const TIME: TimeLine[] = [
  {
    id: 'order_handling',
    name: 'Order handling',
    driver: 'orders',
    minutes: '3 + 0.5 * lines',
    rate: 0.6,
    capacity: 100_000,
    why: '3 minutes per order plus half a minute per line; 0.60 a minute = an order desk at 36 an hour, loaded',
    measured: (v) => v.orderMinutes,
  },
  {
    id: 'picking',
    name: 'Picking',
    driver: 'order_lines',
    minutes: '1 + 0.02 * quantity',
    rate: 0.45,
    capacity: 120_000,
    why: 'a minute to walk to a location plus 0.02 a unit; 0.45 a minute = a warehouse hand at 27 an hour, loaded',
    measured: (v) => v.pickingMinutes,
  },
  {
    id: 'returns_handling',
    name: 'Returns handling',
    driver: 'returns',
    minutes: '8 + 2 * lines',
    rate: 0.5,
    capacity: 20_000,
    why: 'receive, check and restock: 8 minutes a return plus 2 a line; 0.50 a minute = 30 an hour',
    measured: (v) => v.returnMinutes,
  },
];

const SERVICE: TimeLine = {
  id: 'service',
  name: 'Customer service',
  driver: 'service_contacts',
  minutes: 'coalesce(minutes, 6) + 2',
  rate: 0.7,
  capacity: 50_000,
  why: 'the minutes a contact took (6 when not recorded) plus 2 of logging; 0.70 a minute = 42 an hour, loaded',
};

function capacityOf(line: TimeLine, v: StarterVolumes | undefined): number {
  const used = v && line.measured ? line.measured(v) : 0;
  if (!v || !line.measured || !(used > 0)) return line.capacity;
  return Math.max(100, Math.ceil(used / UTILISATION / 100) * 100);
}

function timeYaml(line: TimeLine, v: StarterVolumes | undefined, prefix = ''): string[] {
  const capacity = capacityOf(line, v);
  const basis =
    v && line.measured
      ? `capacity: the minutes your export uses at ${Math.round(UTILISATION * 100)}% utilisation`
      : 'capacity: a small company, about 1.5 people';
  return [
    `${prefix}  - id: ${line.id}                # ${line.why}`,
    `${prefix}    name: ${line.name}`,
    `${prefix}    kind: time`,
    `${prefix}    behaviour: capacity       # staff stay until the capacity is cut`,
    `${prefix}    driver: ${line.driver}`,
    `${prefix}    minutes: ${line.minutes}`,
    `${prefix}    capacity_minutes: ${capacity}   # ${basis}`,
    `${prefix}    pool: ${(capacity * line.rate).toFixed(2)}          # capacity x ${line.rate.toFixed(2)} a minute`,
  ];
}

/**
 * The `cost_model` section as commented YAML. `volumes` sizes each capacity on an export;
 * without it the figures are a small company's.
 */
export function starterCostModel(volumes?: StarterVolumes): string {
  const lines = [
    '# Cost to serve (time-driven activity-based costing). A STARTER: every pool, capacity and',
    '# rate below is an assumption, to be replaced with your own (the cost of each team in the',
    '# period, and the minutes it can really work: usually 80-85% of paid time).',
    '# Delete this section to see the customer P&L down to gross margin only.',
    'cost_model:',
    '  activities:',
  ];
  for (const t of TIME) {
    // An activity the export has no events for (no credit lines: no returns) would be a pool of
    // pure unused capacity: it is written commented out, like customer service without contacts.
    if (volumes && t.measured && !(t.measured(volumes) > 0)) {
      lines.push(`  # ${t.name}: the export has no ${t.driver}; when it has, add:`);
      lines.push(...timeYaml(t, undefined, '  #'));
    } else lines.push(...timeYaml(t, volumes));
  }
  lines.push(
    '  - id: delivery                # a parcel per order at a carrier rate of 6.50; use freight_cost from a shipments file when you have one',
    '    name: Delivery',
    '    kind: direct',
    '    behaviour: variable          # paid per parcel: it goes when the order goes',
    '    driver: orders',
    "    cost: '6.50'",
  );
  if (!volumes || volumes.serviceContacts) lines.push(...timeYaml(SERVICE, volumes));
  else {
    lines.push(
      '  # Customer service needs a service_contacts source (a log of calls and e-mails); with one, add:',
    );
    lines.push(...timeYaml(SERVICE, undefined, '  #'));
  }
  return `${lines.join('\n')}\n`;
}
