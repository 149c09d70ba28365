import type { CostModel } from '../costing/index.ts';
import { costColumn } from '../profit/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { credibilityFrom, credibilityMoments, credibleRate, type CredibilityEstimate } from './marginRate.ts';

/** Per-customer economics for CLV on profit, aligned with the summary table's order. */
export interface CustomerEconomics {
  /** The margin rate used: the customer's own rate made credible toward its segment's, bounded (see marginRate.ts). */
  marginRate: Float64Array;
  /** The customer's own gross margin per euro of invoice revenue (the segment's rate where it has none). */
  observedMarginRate: Float64Array;
  /** The credibility weight of the customer's own rate, in [0, 1). */
  marginCredibility: Float64Array;
  /** The credibility constant K (money) and its moments. */
  credibility: CredibilityEstimate;
  /** Cost to serve per order of every activity that is not a fixed yearly cost. */
  variableCostPerOrder: Float64Array;
  /** Fixed cost to serve per year while the customer is alive (e.g. account management). */
  fixedCostPerYear: Float64Array;
}

/**
 * Reads each summarised customer's margin rate and costs to serve from the customer P&L. The
 * margin rate's complement is the customer's segment's rate (the company's where the segment has
 * no invoice revenue or the customer no segment). Money becomes doubles here: CLV is a
 * forecast, not a booked amount.
 */
export async function customerEconomics(
  engine: Engine,
  model: CostModel,
  summaryTable: string,
): Promise<CustomerEconomics> {
  const q = engine.dialect.quoteIdent;
  const fixedIds = model.activities.filter((a) => a.kind === 'fixed').map((a) => costColumn(a.id));
  // the fixed costs' columns carried through the inner join under names of their own
  const fixedAs = fixedIds.map((c, i) => `p.${q(c)} AS ${q(`fixed_${i}`)}`);
  const fixed = fixedIds.map((_, i) => `coalesce(sp.${q(`fixed_${i}`)}, 0)`);
  const fixedSql = fixed.length ? fixed.join(' + ') : '0';
  const years = Number(model.periodYears) || 1;
  const company = (
    await engine.query(
      'SELECT CAST(sum(gross_margin) AS DOUBLE) AS m, CAST(sum(gross_sales - discounts) AS DOUBLE) AS r FROM customer_pnl WHERE gross_sales - discounts > 0',
    )
  )[0];
  const companyRate = Number(company?.r) > 0 ? Number(company?.m) / Number(company?.r) : 0;
  // One JOIN per SELECT (ClickHouse 18.16 joins two tables at a time): the summary with its
  // P&L row, then each customer's segment rate (customers with their segment's), nested.
  const cols = await engine.queryNumericColumns(
    `SELECT
       CAST(coalesce(sp.gross_sales - sp.discounts, 0) AS DOUBLE) AS revenue,
       CASE WHEN sp.gross_sales - sp.discounts > 0 THEN CAST(sp.gross_margin AS DOUBLE) / CAST(sp.gross_sales - sp.discounts AS DOUBLE) END AS observed,
       cg.rate AS segment_rate,
       CAST(coalesce(sp.cost_to_serve, 0) - (${fixedSql}) AS DOUBLE) / greatest(sp.orders, 1) AS variable_per_order,
       CAST(${fixedSql} AS DOUBLE) / ${years} AS fixed_per_year
     FROM (
       SELECT s.customer_id AS customer_id, s.orders AS orders, p.gross_sales AS gross_sales, p.discounts AS discounts,
         p.gross_margin AS gross_margin, p.cost_to_serve AS cost_to_serve${fixedAs.map((c) => `, ${c}`).join('')}
       FROM ${q(summaryTable)} s LEFT JOIN customer_pnl p ON p.customer_id = s.customer_id
     ) sp
     LEFT JOIN (
       SELECT c.customer_id AS customer_id, g.rate AS rate
       FROM customers c JOIN (
         SELECT c2.segment AS segment, CASE WHEN sum(p2.gross_sales - p2.discounts) > 0 THEN CAST(sum(p2.gross_margin) AS DOUBLE) / CAST(sum(p2.gross_sales - p2.discounts) AS DOUBLE) END AS rate
         FROM customer_pnl p2 JOIN customers c2 ON c2.customer_id = p2.customer_id
         WHERE c2.segment IS NOT NULL AND p2.gross_sales - p2.discounts > 0 GROUP BY c2.segment
       ) g ON g.segment = c.segment
     ) cg ON cg.customer_id = sp.customer_id
     ORDER BY sp.customer_id`,
  );
  const credibility = credibilityFrom(await credibilityMoments(engine));
  const revenue = cols.revenue!;
  const observedCol = cols.observed!;
  // the segment's rate, the company's where the segment has none (NULL reads as NaN)
  const segmentRate = cols.segment_rate!;
  const n = revenue.length;
  const marginRate = new Float64Array(n);
  const observed = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const complement = Number.isNaN(segmentRate[i]!) ? companyRate : segmentRate[i]!;
    // queryNumericColumns gives NaN for SQL NULL: no invoice revenue, so nothing observed.
    const own = Number.isNaN(observedCol[i]!) ? complement : observedCol[i]!;
    const r = credibleRate(own, revenue[i]!, complement, credibility.k);
    observed[i] = own;
    marginRate[i] = r.rate;
    weight[i] = r.weight;
  }
  return {
    marginRate,
    observedMarginRate: observed,
    marginCredibility: weight,
    credibility,
    variableCostPerOrder: cols.variable_per_order!,
    fixedCostPerYear: cols.fixed_per_year!,
  };
}
