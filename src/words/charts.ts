/** The charts' words in Dutch and English (the waterfall's lines, axis names, legends). */
import type { Catalogue } from './catalogue.ts';

/** Every word a chart shows; a key without its Dutch (or English) side does not compile. */
export const CHART_WORDS = {
  grossSales: { en: 'Gross sales', nl: 'Bruto-omzet' },
  discounts: { en: 'Discounts', nl: 'Kortingen' },
  returns: { en: 'Returns', nl: 'Retouren' },
  rebates: { en: 'Rebates', nl: 'Bonussen' },
  netSales: { en: 'Net sales', nl: 'Netto-omzet' },
  cogs: { en: 'Cost of goods', nl: 'Inkoopwaarde' },
  grossMargin: { en: 'Gross margin', nl: 'Brutomarge' },
  costToServe: { en: 'Cost to serve', nl: 'Kosten van bediening' },
  contribution: { en: 'Contribution', nl: 'Winstbijdrage' },
  customersShare: {
    en: 'Share of customers (most profitable first)',
    nl: 'Aandeel klanten (meest winstgevend eerst)',
  },
  contributionShare: {
    en: 'Cumulative contribution (% of total)',
    nl: 'Cumulatieve winstbijdrage (% van totaal)',
  },
  whale: { en: 'Whale curve', nl: 'Walviscurve' },
  peak: { en: 'Peak', nl: 'Top' },
  cumulativeContribution: { en: 'Cumulative contribution', nl: 'Cumulatieve winstbijdrage' },
  customersByContribution: {
    en: 'Customers, most profitable first',
    nl: 'Klanten, meest winstgevend eerst',
  },
  now: { en: 'Now', nl: 'Nu' },
  withNewRates: { en: 'With the new rates', nl: 'Met de nieuwe tarieven' },
  total: { en: 'Total', nl: 'Totaal' },
  clvProfit: { en: 'Lifetime value on profit', nl: 'Klantwaarde op winst' },
  customersCount: { en: 'Customers', nl: 'Klanten' },
  actual: { en: 'Actual', nl: 'Werkelijk' },
  model: { en: 'Model', nl: 'Model' },
  repeatPurchases: { en: 'Repeat purchases in the period', nl: 'Herhaalaankopen in de periode' },
  weekSinceStart: {
    en: 'Weeks since the first purchase in the data',
    nl: 'Weken sinds de eerste aankoop in de data',
  },
  cumulativeRepeat: { en: 'Cumulative repeat purchases', nl: 'Cumulatieve herhaalaankopen' },
  pAlive: { en: 'Chance still a customer (P(alive))', nl: 'Kans nog klant (P(alive))' },
  clvDecile: { en: 'Decile of lifetime value (1 = highest)', nl: 'Deciel klantwaarde (1 = hoogste)' },
  year: { en: 'Year', nl: 'Jaar' },
  cumulativeCash: {
    en: 'Cumulative extra cash (undiscounted)',
    nl: 'Cumulatieve extra kasstroom (niet verdisconteerd)',
  },
  expectedCash: { en: 'Expected (effects at their means)', nl: 'Verwacht (effecten op hun gemiddelde)' },
  cashBand: { en: 'P5–P95 of the draws', nl: 'P5–P95 van de trekkingen' },
  breakEven: { en: 'Break-even', nl: 'Break-even' },
  npv: { en: 'NPV', nl: 'NCW' },
  npvAtLow: { en: 'effect at its P10', nl: 'effect op zijn P10' },
  npvAtHigh: { en: 'effect at its P90', nl: 'effect op zijn P90' },
  costNote: {
    en: 'Only variable activities save money when volume falls. Capacity and fixed activities keep their cost (staff, equipment, contracts): the freed part is shown as stranded cost, not as a saving, unless the initiative cuts capacity explicitly (capacity_cuts: amount per year and first month).',
    nl: 'Alleen variabele activiteiten besparen geld als het volume daalt. Capaciteits- en vaste activiteiten houden hun kosten (personeel, middelen, contracten): het vrijgekomen deel staat als achterblijvende kosten, niet als besparing, tenzij het initiatief capaciteit expliciet schrapt (capacity_cuts: bedrag per jaar en eerste maand).',
  },
  chargedToCustomers: { en: 'Charged to customers', nl: 'Doorbelast aan klanten' },
  withoutCustomer: { en: 'Without a customer', nl: 'Zonder klant' },
  unusedCapacity: { en: 'Unused capacity', nl: 'Onbenutte capaciteit' },
  quarterOfYear: { en: '{year} Q{quarter}', nl: '{year} K{quarter}' },
  belowUnit: { en: '< {unit}', nl: '< {unit}' },
  waterfallRoundingTooltip: {
    en: 'Labels rounded to {unit}, so that they add up as the bars do; the exact amount of a bar is in its tooltip.',
    nl: 'Labels afgerond op {unit}, zodat ze optellen zoals de staven; het exacte bedrag van een staaf staat in de tooltip.',
  },
  waterfallRoundingTable: {
    en: 'Labels rounded to {unit}, so that they add up as the bars do; the exact amounts are in the table below.',
    nl: 'Labels afgerond op {unit}, zodat ze optellen zoals de staven; de exacte bedragen staan in de tabel eronder.',
  },
} as const satisfies Catalogue;

/** The scale words of compact money (`€ 19,5 mln`, `€19.5M`): written straight after the number. */
export const SCALE_WORDS = {
  thousands: { en: 'K', nl: 'K' },
  millions: { en: 'M', nl: ' mln' },
  billions: { en: 'bn', nl: ' mld' },
} as const satisfies Catalogue;
