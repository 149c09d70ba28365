/** The dashboard's words in Dutch and English, and the language context. */
import { createContext, useContext } from 'react';
import type { Lang } from '../charts/index.ts';

const TEXTS = {
  overview: { en: 'Overview', nl: 'Overzicht' },
  customers: { en: 'Customers', nl: 'Klanten' },
  segments: { en: 'Segments', nl: 'Segmenten' },
  costModel: { en: 'Cost model', nl: 'Kostenmodel' },
  language: { en: 'Nederlands', nl: 'English' },
  loading: { en: 'Loading…', nl: 'Laden…' },
  period: { en: 'Period', nl: 'Periode' },
  customerCount: { en: 'Customers', nl: 'Klanten' },
  netSales: { en: 'Net sales', nl: 'Netto-omzet' },
  grossMargin: { en: 'Gross margin', nl: 'Brutomarge' },
  costToServe: { en: 'Cost to serve', nl: 'Kosten van bediening' },
  contribution: { en: 'Contribution after cost to serve', nl: 'Winstbijdrage na kosten van bediening' },
  unusedCapacity: { en: 'Unused capacity (not charged to customers)', nl: 'Onbenutte capaciteit (niet doorbelast)' },
  whalePeak: { en: 'Whale curve peak', nl: 'Top van de walviscurve' },
  whalePeakNote: { en: 'of total contribution, earned by', nl: 'van de totale winstbijdrage, verdiend door' },
  ofCustomers: { en: 'of customers', nl: 'van de klanten' },
  lossMakers: { en: 'Loss-making customers', nl: 'Verliesgevende klanten' },
  valueDestroyed: { en: 'Value destroyed by loss-makers', nl: 'Waarde vernietigd door verliesgevende klanten' },
  whaleTitle: { en: 'Whale curve: who earns the profit', nl: 'Walviscurve: wie verdient de winst' },
  waterfallTitle: { en: 'From gross sales to contribution', nl: 'Van brutomzet naar winstbijdrage' },
  lossDrivers: { en: 'What drives the losses (gap to segment median)', nl: 'Waar de verliezen vandaan komen (verschil met segmentmediaan)' },
  mostOverServed: { en: 'Most over-served segment', nl: 'Meest overbediende segment' },
  search: { en: 'Search id or name', nl: 'Zoek op nummer of naam' },
  allSegments: { en: 'All segments', nl: 'Alle segmenten' },
  onlyLossMakers: { en: 'Loss-makers only', nl: 'Alleen verliesgevend' },
  customerId: { en: 'Customer', nl: 'Klant' },
  name: { en: 'Name', nl: 'Naam' },
  segment: { en: 'Segment', nl: 'Segment' },
  previous: { en: 'Previous', nl: 'Vorige' },
  next: { en: 'Next', nl: 'Volgende' },
  pageOf: { en: 'page {page} of {pages} ({total} customers)', nl: 'pagina {page} van {pages} ({total} klanten)' },
  back: { en: 'Back to customers', nl: 'Terug naar klanten' },
  costLines: { en: 'Cost lines against the segment median', nl: 'Kostenregels tegenover de segmentmediaan' },
  line: { en: 'Line', nl: 'Regel' },
  thisCustomer: { en: 'This customer', nl: 'Deze klant' },
  segmentMedian: { en: 'Segment median', nl: 'Segmentmediaan' },
  whyLoss: { en: 'Why this customer loses money', nl: 'Waarom deze klant verlies draait' },
  feedback: { en: 'Feedback', nl: 'Feedback' },
  history: { en: 'History: invoiced sales and orders per month', nl: 'Historie: gefactureerde omzet en orders per maand' },
  contacts: { en: 'Service contacts', nl: 'Klantcontacten' },
  date: { en: 'Date', nl: 'Datum' },
  kind: { en: 'Kind', nl: 'Soort' },
  score: { en: 'Score', nl: 'Score' },
  text: { en: 'Text', nl: 'Tekst' },
  channel: { en: 'Channel', nl: 'Kanaal' },
  minutes: { en: 'Minutes', nl: 'Minuten' },
  reason: { en: 'Reason', nl: 'Reden' },
  none: { en: 'None', nl: 'Geen' },
  quadrants: { en: 'Quadrants', nl: 'Kwadranten' },
  matrix: { en: 'Profitability matrix', nl: 'Winstgevendheidsmatrix' },
  voiceOfCustomer: { en: 'Voice of the customer', nl: 'Stem van de klant' },
  deciles: { en: 'Deciles of contribution', nl: 'Decielen van winstbijdrage' },
  decile: { en: 'Decile', nl: 'Deciel' },
  rollupBy: { en: 'Roll-up by', nl: 'Uitsplitsing naar' },
  value: { en: 'Value', nl: 'Waarde' },
  activity: { en: 'Activity', nl: 'Activiteit' },
  pool: { en: 'Cost pool', nl: 'Kostenpool' },
  capacity: { en: 'Practical capacity (min)', nl: 'Praktische capaciteit (min)' },
  used: { en: 'Used (min)', nl: 'Gebruikt (min)' },
  utilisation: { en: 'Utilisation', nl: 'Bezetting' },
  rate: { en: 'Rate per minute', nl: 'Tarief per minuut' },
  assigned: { en: 'Charged to customers', nl: 'Doorbelast aan klanten' },
  unused: { en: 'Unused', nl: 'Onbenut' },
  poolsTitle: { en: 'Where each cost pool went', nl: 'Waar elke kostenpool naartoe ging' },
  matrixQuadrant: { en: 'Matrix quadrant', nl: 'Matrixkwadrant' },
  vocQuadrant: { en: 'Voice-of-customer quadrant', nl: 'Kwadrant stem van de klant' },
  satisfaction: { en: 'Satisfaction', nl: 'Tevredenheid' },
  clvProfit: { en: 'Lifetime value on profit (5 years)', nl: 'Klantwaarde op winst (5 jaar)' },
  pAlive: { en: 'Chance still a customer', nl: 'Kans nog klant' },
  showCustomers: { en: 'show customers', nl: 'toon klanten' },
} as const;

/** A key of the dashboard's words. */
export type TextKey = keyof typeof TEXTS;

/** The word `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function text(lang: Lang, key: TextKey, vars: Record<string, string> = {}): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** The current language (provided by the app). */
export const LangContext = createContext<Lang>('nl');

/** The current language and a translator for it. */
export function useLang(): { lang: Lang; t: (key: TextKey, vars?: Record<string, string>) => string } {
  const lang = useContext(LangContext);
  return { lang, t: (key, vars) => text(lang, key, vars) };
}
