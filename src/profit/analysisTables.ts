/** The tables `worth analyze` writes into the workspace database, in export order, with their sort order. */
export interface AnalysisTable {
  /** Table name (also the export name and the XLSX sheet name). */
  name: string;
  /** What the table holds, for `worth export --help` and docs. */
  description: string;
  /** ORDER BY for exports (column names of the table). */
  orderBy: string;
  /** One row per customer: exports add the customer's name and segment, and its lifetime value when `worth clv` ran. */
  perCustomer?: boolean;
}

/** Every analysis table, in the order a workbook shows them. */
export const ANALYSIS_TABLES: readonly AnalysisTable[] = [
  {
    name: 'customer_pnl',
    description: 'the contribution waterfall per customer, with name, segment and lifetime value',
    orderBy: 'customer_id',
    perCustomer: true,
  },
  {
    name: 'activity_summary',
    description: 'per activity: pool, capacity, minutes used, rate, assigned, unattributed, unused',
    orderBy: 'position',
  },
  {
    name: 'whale_curve',
    description: 'customers by contribution, descending, with cumulative shares',
    orderBy: 'customer_rank',
  },
  {
    name: 'deciles',
    description: 'the waterfall per decile of contribution (1 = most profitable)',
    orderBy: 'decile',
  },
  {
    name: 'rollup_customer_attribute',
    description: 'the waterfall per customer attribute value (segment, channel, region, ...)',
    orderBy: 'attribute, value',
  },
  {
    name: 'rollup_product_group',
    description: 'invoiced sales and margin per product group',
    orderBy: 'product_group',
  },
  {
    name: 'rollup_order_channel',
    description: 'invoiced sales and margin per order channel',
    orderBy: 'channel',
  },
  {
    name: 'profitability_matrix',
    description: 'net price realisation vs cost-to-serve share per customer, with quadrant',
    orderBy: 'customer_id',
  },
  {
    name: 'profitability_matrix_summary',
    description: 'customers and money per matrix quadrant',
    orderBy: 'quadrant',
  },
  {
    name: 'voice_of_customer',
    description: 'satisfaction vs contribution per customer, with quadrant',
    orderBy: 'customer_id',
  },
  {
    name: 'voice_of_customer_summary',
    description: 'customers per voice-of-customer quadrant and segment',
    orderBy: 'quadrant, segment',
  },
  {
    name: 'loss_explanations',
    description: 'per loss-making customer: the lines worse than its segment median',
    orderBy: 'customer_id, gap DESC, line',
  },
  {
    name: 'pnl_monthly',
    description:
      'the customer P&L per customer and month (cost to serve spread by the dated events of each driver)',
    orderBy: 'customer_id, month',
  },
  {
    name: 'pnl_monthly_segment',
    description: 'the customer P&L per segment and month, with customers active that month',
    orderBy: 'segment, month',
  },
  {
    name: 'cohort_monthly',
    description: 'customers, net sales and contribution per first-order month and months since',
    orderBy: 'cohort, months_since',
  },
  {
    name: 'segment_medians',
    description: 'median gross margin and cost lines per segment',
    orderBy: 'segment',
  },
];

/** Looks up an analysis table by name. */
export function analysisTable(name: string): AnalysisTable | undefined {
  return ANALYSIS_TABLES.find((t) => t.name === name);
}
