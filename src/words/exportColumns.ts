/**
 * The column headers of `worth export` in a spreadsheet (the stored tables' column names in
 * words), the words for yes and no, and the kinds of activity. The stored names stay the
 * machine form (`--raw`); these are what a finance user reads in Excel.
 */
import type { Bilingual, Catalogue } from './catalogue.ts';
import { CHART_WORDS } from './charts.ts';

/** Header of each stored column an export can hold; a column not named here keeps its stored name. */
export const EXPORT_COLUMN_WORDS = {
  customer_id: { en: 'Customer id', nl: 'Klantnummer' },
  name: { en: 'Name', nl: 'Naam' },
  segment: { en: 'Segment', nl: 'Segment' },
  channel: { en: 'Channel', nl: 'Kanaal' },
  region: { en: 'Region', nl: 'Regio' },
  gross_sales: CHART_WORDS.grossSales,
  discounts: CHART_WORDS.discounts,
  returns: CHART_WORDS.returns,
  rebates: CHART_WORDS.rebates,
  net_sales: CHART_WORDS.netSales,
  cogs: CHART_WORDS.cogs,
  gross_margin: CHART_WORDS.grossMargin,
  cost_to_serve: CHART_WORDS.costToServe,
  contribution: CHART_WORDS.contribution,
  cogs_estimated: { en: 'Cost of goods estimated', nl: 'Inkoopwaarde geschat' },
  clv_profit: CHART_WORDS.clvProfit,
  clv_profit_lo: {
    en: 'Lifetime value on profit, 90% interval low',
    nl: 'Klantwaarde op winst, 90%-interval onder',
  },
  clv_profit_hi: {
    en: 'Lifetime value on profit, 90% interval high',
    nl: 'Klantwaarde op winst, 90%-interval boven',
  },
  clv_revenue: { en: 'Lifetime value on revenue', nl: 'Klantwaarde op omzet' },
  p_alive: { en: 'Probability still a customer', nl: 'Kans nog klant' },
  expected_purchases: { en: 'Expected purchases', nl: 'Verwachte aankopen' },
  expected_purchases_lo: {
    en: 'Expected purchases, 90% interval low',
    nl: 'Verwachte aankopen, 90%-interval onder',
  },
  expected_purchases_hi: {
    en: 'Expected purchases, 90% interval high',
    nl: 'Verwachte aankopen, 90%-interval boven',
  },
  segment_by: { en: 'Segments by', nl: 'Segmenten naar' },
  valued: { en: 'Customers valued', nl: 'Klanten gewaardeerd' },
  total_profit: { en: 'Lifetime value on profit, total', nl: 'Klantwaarde op winst, totaal' },
  total_profit_lo: {
    en: 'Lifetime value on profit, total, 90% interval low',
    nl: 'Klantwaarde op winst, totaal, 90%-interval onder',
  },
  total_profit_hi: {
    en: 'Lifetime value on profit, total, 90% interval high',
    nl: 'Klantwaarde op winst, totaal, 90%-interval boven',
  },
  clv_undetermined: {
    en: 'Lifetime value not determined (why)',
    nl: 'Klantwaarde niet bepaald (waarom)',
  },
  position: { en: 'Position', nl: 'Volgorde' },
  activity_id: { en: 'Activity id', nl: 'Activiteit-id' },
  kind: { en: 'Kind', nl: 'Soort' },
  behaviour: { en: 'Cost behaviour', nl: 'Kostengedrag' },
  driver: { en: 'Driver', nl: 'Kostendrijver' },
  pool: { en: 'Cost pool', nl: 'Kostenpool' },
  capacity_minutes: { en: 'Capacity (minutes)', nl: 'Capaciteit (minuten)' },
  used_minutes: { en: 'Minutes used', nl: 'Gebruikte minuten' },
  utilisation_share: { en: 'Utilisation', nl: 'Bezettingsgraad' },
  rate_per_minute: { en: 'Rate per minute', nl: 'Tarief per minuut' },
  events: { en: 'Events', nl: 'Gebeurtenissen' },
  assigned: { en: 'Assigned to customers', nl: 'Toegerekend aan klanten' },
  unattributed: { en: 'Unattributed', nl: 'Niet toe te rekenen' },
  unused_capacity: { en: 'Unused capacity', nl: 'Onbenutte capaciteit' },
  overrun_minutes: { en: 'Minutes over capacity', nl: 'Minuten boven capaciteit' },
  customer_rank: { en: 'Rank', nl: 'Rang' },
  cumulative_contribution: CHART_WORDS.cumulativeContribution,
  customer_share: { en: 'Share of customers', nl: 'Aandeel klanten' },
  contribution_share: { en: 'Share of contribution', nl: 'Aandeel winstbijdrage' },
  decile: { en: 'Decile', nl: 'Deciel' },
  customers: { en: 'Customers', nl: 'Klanten' },
  loss_making_customers: { en: 'Loss-making customers', nl: 'Verliesgevende klanten' },
  contribution_margin_share: {
    en: 'Contribution as share of net sales',
    nl: 'Winstbijdrage als aandeel van netto-omzet',
  },
  attribute: { en: 'Attribute', nl: 'Kenmerk' },
  value: { en: 'Value', nl: 'Waarde' },
  product_group: { en: 'Product group', nl: 'Productgroep' },
  order_lines: { en: 'Order lines', nl: 'Orderregels' },
  invoiced_sales: { en: 'Invoiced sales', nl: 'Gefactureerde omzet' },
  invoiced_margin: { en: 'Invoiced margin', nl: 'Gefactureerde marge' },
  margin_share: { en: 'Margin as share of invoiced sales', nl: 'Marge als aandeel van gefactureerde omzet' },
  net_price_realisation: { en: 'Net price realisation', nl: 'Nettoprijsrealisatie' },
  cost_to_serve_share: {
    en: 'Cost to serve as share of net sales',
    nl: 'Kosten van bediening als aandeel van netto-omzet',
  },
  quadrant: { en: 'Quadrant', nl: 'Kwadrant' },
  responses: { en: 'Responses', nl: 'Reacties' },
  satisfaction: { en: 'Satisfaction', nl: 'Tevredenheid' },
  mean_satisfaction: { en: 'Mean satisfaction', nl: 'Gemiddelde tevredenheid' },
  line: { en: 'Line', nl: 'Regel' },
  customer_value: { en: "Customer's amount", nl: 'Bedrag klant' },
  segment_median: { en: 'Segment median', nl: 'Mediaan segment' },
  gap: { en: 'Gap', nl: 'Verschil' },
  month: { en: 'Month', nl: 'Maand' },
  orders: { en: 'Orders', nl: 'Orders' },
  cohort: { en: 'Cohort (first-order month)', nl: 'Cohort (maand eerste order)' },
  months_since: { en: 'Months since', nl: 'Maanden sinds' },
} as const satisfies Catalogue;

/** Headers of columns named after an activity or another column: `cost_<activity>`, `m_<column>` (a segment median). */
export const EXPORT_PATTERN_WORDS = {
  cost: { en: 'Cost: {activity}', nl: 'Kosten: {activity}' },
  median: { en: 'Median: {column}', nl: 'Mediaan: {column}' },
} as const satisfies Catalogue;

/** A true/false column's values in a spreadsheet. */
export const YES_NO_WORDS = {
  true: { en: 'yes', nl: 'ja' },
  false: { en: 'no', nl: 'nee' },
} as const satisfies Catalogue;

/** How an activity is charged (the cost model's kinds, stored in English). */
export const ACTIVITY_KIND_WORDS: Readonly<Record<string, Bilingual>> = {
  time: { en: 'time-driven', nl: 'tijdgedreven' },
  direct: { en: 'direct', nl: 'direct' },
  fixed: { en: 'fixed', nl: 'vast' },
  credit: { en: 'cost of credit', nl: 'kosten van krediet' },
};
