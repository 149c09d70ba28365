/**
 * The starter cost model `worth init` writes: order handling, picking, delivery, returns and
 * service, each rate explained, to be replaced by the company's own pools and capacities.
 * With volumes measured on an export, each capacity is the minutes those volumes use over a
 * planned utilisation of 85% (rounded up to three figures), so the starter neither overruns nor
 * leaves most capacity idle.
 * Its comments and activity names are in the workspace's language (src/words/starterWords.ts).
 */
import { starterActivityName, starterWord, type Lang, type StarterWord } from '../words/index.ts';

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
  id: string & StarterWord;
  name: string;
  driver: string;
  minutes: string;
  /** Loaded cost per minute in the currency (wages, social charges, space, systems). */
  rate: number;
  /** Practical capacity in minutes when nothing was measured. */
  capacity: number;
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
    measured: (v) => v.orderMinutes,
  },
  {
    id: 'picking',
    name: 'Picking',
    driver: 'order_lines',
    minutes: '1 + 0.02 * quantity',
    rate: 0.45,
    capacity: 120_000,
    measured: (v) => v.pickingMinutes,
  },
  {
    id: 'returns_handling',
    name: 'Returns handling',
    driver: 'returns',
    minutes: '8 + 2 * lines',
    rate: 0.5,
    capacity: 20_000,
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
};

function capacityOf(line: TimeLine, v: StarterVolumes | undefined): number {
  const used = v && line.measured ? line.measured(v) : 0;
  if (!v || !line.measured || !(used > 0)) return line.capacity;
  return starterCapacity(used);
}

/**
 * Practical capacity in minutes for `used` measured minutes: used / 85%, rounded up to three
 * significant figures in whole minutes (58.2 -> 59, 1,452,432 -> 1,460,000), so the usage stays
 * between about 84% and 85% on a 16-line export as on a large one (whole hundreds with a floor of
 * 100 put a small export's usage at 10-50%, and most of its pools into unused capacity).
 */
export function starterCapacity(used: number): number {
  const exact = used / UTILISATION;
  const step = Math.max(1, 10 ** (Math.floor(Math.log10(exact)) - 2));
  // The tolerance keeps float noise (1700 / 0.85 = 2000.0000000000002) from adding a step.
  return Math.ceil(exact / step - 1e-9) * step;
}

/** A rate as the language writes it in a comment (0.60 / 0,60). */
function rateText(rate: number, lang: Lang): string {
  const text = rate.toFixed(2);
  return lang === 'nl' ? text.replace('.', ',') : text;
}

function timeYaml(line: TimeLine, v: StarterVolumes | undefined, lang: Lang, prefix = ''): string[] {
  const capacity = capacityOf(line, v);
  const basis =
    v && line.measured
      ? starterWord(lang, 'capacityMeasured', { share: String(Math.round(UTILISATION * 100)) })
      : starterWord(lang, 'capacitySmall');
  return [
    `${prefix}  - id: ${line.id}                # ${starterWord(lang, line.id)}`,
    `${prefix}    name: ${starterActivityName(lang, line.id, line.name)}`,
    `${prefix}    kind: time`,
    `${prefix}    behaviour: capacity       # ${starterWord(lang, 'behaviourCapacity')}`,
    `${prefix}    driver: ${line.driver}`,
    `${prefix}    minutes: ${line.minutes}`,
    `${prefix}    capacity_minutes: ${capacity}   # ${basis}`,
    `${prefix}    pool: ${(capacity * line.rate).toFixed(2)}          # ${starterWord(lang, 'pool', { rate: rateText(line.rate, lang) })}`,
  ];
}

/**
 * The `cost_model` section as commented YAML, its comments in `lang` (default English).
 * `volumes` sizes each capacity on an export; without it the figures are a small company's.
 */
export function starterCostModel(volumes?: StarterVolumes, lang: Lang = 'en'): string {
  const say = (key: StarterWord, vars: Readonly<Record<string, string>> = {}) => starterWord(lang, key, vars);
  const lines = [
    `# ${say('head1')}`,
    `# ${say('head2')}`,
    `# ${say('head3')}`,
    `# ${say('head4')}`,
    'cost_model:',
    '  activities:',
  ];
  for (const t of TIME) {
    // An activity the export has no events for (no credit lines: no returns) would be a pool of
    // pure unused capacity: it is written commented out, like customer service without contacts.
    if (volumes && t.measured && !(t.measured(volumes) > 0)) {
      lines.push(
        `  # ${say('noEvents', { name: starterActivityName(lang, t.id, t.name), driver: t.driver })}`,
      );
      lines.push(...timeYaml(t, undefined, lang, '  #'));
    } else lines.push(...timeYaml(t, volumes, lang));
  }
  lines.push(
    `  - id: delivery                # ${say('delivery')}`,
    `    name: ${starterActivityName(lang, 'delivery', 'Delivery')}`,
    '    kind: direct',
    `    behaviour: variable          # ${say('behaviourVariable')}`,
    '    driver: orders',
    "    cost: '6.50'",
  );
  if (!volumes || volumes.serviceContacts) lines.push(...timeYaml(SERVICE, volumes, lang));
  else {
    lines.push(`  # ${say('serviceNeeds')}`);
    lines.push(...timeYaml(SERVICE, undefined, lang, '  #'));
  }
  return `${lines.join('\n')}\n`;
}
