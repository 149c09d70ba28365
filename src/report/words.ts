/** The report's words in Dutch and English. */
import type { Lang } from '../charts/index.ts';

const WORDS = {
  title: { en: 'Customer profitability report', nl: 'Rapport klantwinstgevendheid' },
  generated: { en: 'Generated on {date} from {workspace}', nl: 'Gemaakt op {date} uit {workspace}' },
  period: { en: 'Period {start} – {end}', nl: 'Periode {start} – {end}' },
  findings: { en: 'Findings', nl: 'Bevindingen' },
  f1: {
    en: '{customers} customers bought {netSales} net. After cost of goods and the cost of serving them, they contributed {contribution}.',
    nl: '{customers} klanten kochten voor {netSales} netto. Na inkoopwaarde en de kosten van hun bediening droegen zij {contribution} bij.',
  },
  f2: {
    en: 'The most profitable {peakShare} of customers earn {peak} of the total contribution ({peakContribution}); the rest give part of it back.',
    nl: 'De meest winstgevende {peakShare} van de klanten verdient {peak} van de totale winstbijdrage ({peakContribution}); de rest geeft een deel terug.',
  },
  f3: {
    en: '{lossShare} of customers ({lossMakers}) lose money and destroy {valueDestroyed} of value.',
    nl: '{lossShare} van de klanten ({lossMakers}) is verliesgevend en vernietigt {valueDestroyed} aan waarde.',
  },
  f4: { en: '{unused} of capacity was paid for but not used (kept apart, not charged to customers).', nl: '{unused} aan capaciteit is betaald maar niet gebruikt (apart gehouden, niet doorbelast).' },
  f5: { en: 'Most over-served segment: {segment} ({share} of its customers are satisfied but unprofitable).', nl: 'Meest overbediende segment: {segment} ({share} van de klanten is tevreden maar niet winstgevend).' },
  f6: { en: 'What drives the losses, against segment medians: {lines}.', nl: 'Waar de verliezen vandaan komen, tegenover de segmentmedianen: {lines}.' },
  whale: { en: 'The whale curve', nl: 'De walviscurve' },
  waterfall: { en: 'From gross sales to contribution', nl: 'Van brutomzet naar winstbijdrage' },
  segments: { en: 'Segments', nl: 'Segmenten' },
  voice: { en: 'Voice of the customer: satisfaction against contribution', nl: 'Stem van de klant: tevredenheid tegenover winstbijdrage' },
  deciles: { en: 'Deciles of contribution', nl: 'Decielen van winstbijdrage' },
  overServed: { en: 'Over-served customers (satisfied, unprofitable)', nl: 'Overbediende klanten (tevreden, niet winstgevend)' },
  atRisk: { en: 'Customers at risk (profitable, unhappy)', nl: 'Klanten in gevaar (winstgevend, ontevreden)' },
  later: {
    en: 'Customer lifetime value and scenarios will appear here once they are part of the workspace analysis.',
    nl: 'Klantwaarde over de levensduur en scenario’s verschijnen hier zodra ze deel uitmaken van de analyse.',
  },
  segment: { en: 'Segment', nl: 'Segment' },
  decile: { en: 'Decile', nl: 'Deciel' },
  customers: { en: 'Customers', nl: 'Klanten' },
  lossMakers: { en: 'Loss-makers', nl: 'Verliesgevend' },
  netSales: { en: 'Net sales', nl: 'Netto-omzet' },
  costToServe: { en: 'Cost to serve', nl: 'Kosten van bediening' },
  contribution: { en: 'Contribution', nl: 'Winstbijdrage' },
  customer: { en: 'Customer', nl: 'Klant' },
  name: { en: 'Name', nl: 'Naam' },
  none: { en: 'None.', nl: 'Geen.' },
} as const;

/** A key of the report's words. */
export type ReportWord = keyof typeof WORDS;

/** The word `key` in `lang`, `{name}` placeholders filled from `vars` (already escaped HTML). */
export function word(lang: Lang, key: ReportWord, vars: Record<string, string> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
