import type { CostModel } from '../costing/index.ts';
import { costColumn } from '../profit/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Per-customer economics for CLV on profit, aligned with the summary table's order. */
export interface CustomerEconomics {
  /** Gross margin per euro of invoice revenue (gross - discounts): returns, rebates and cogs included. */
  marginRate: Float64Array;
  /** Cost to serve per order of every activity that is not a fixed yearly cost. */
  variableCostPerOrder: Float64Array;
  /** Fixed cost to serve per year while the customer is alive (e.g. account management). */
  fixedCostPerYear: Float64Array;
}

/**
 * Reads each summarised customer's margin rate and costs to serve from the customer P&L.
 * A customer without invoice revenue gets the company's margin rate. Money becomes doubles
 * here: CLV is a forecast, not a booked amount.
 */
export async function customerEconomics(engine: Engine, model: CostModel, summaryTable: string): Promise<CustomerEconomics> {
  const q = engine.dialect.quoteIdent;
  const fixed = model.activities.filter((a) => a.kind === 'fixed').map((a) => `coalesce(p.${q(costColumn(a.id))}, 0)`);
  const fixedSql = fixed.length ? fixed.join(' + ') : '0';
  const years = Number(model.periodYears) || 1;
  const company = await engine.query('SELECT CAST(sum(gross_margin) AS DOUBLE) AS m, CAST(sum(gross_sales - discounts) AS DOUBLE) AS r FROM customer_pnl');
  const companyRate = Number(company[0]?.r) > 0 ? Number(company[0]!.m) / Number(company[0]!.r) : 0;
  const cols = await engine.queryNumericColumns(
    `SELECT
       CASE WHEN p.gross_sales - p.discounts > 0 THEN CAST(p.gross_margin AS DOUBLE) / CAST(p.gross_sales - p.discounts AS DOUBLE) ELSE ${companyRate} END AS margin_rate,
       CAST(coalesce(p.cost_to_serve, 0) - (${fixedSql}) AS DOUBLE) / greatest(s.orders, 1) AS variable_per_order,
       CAST(${fixedSql} AS DOUBLE) / ${years} AS fixed_per_year
     FROM ${q(summaryTable)} s LEFT JOIN customer_pnl p ON p.customer_id = s.customer_id ORDER BY s.customer_id`,
  );
  return { marginRate: cols.margin_rate!, variableCostPerOrder: cols.variable_per_order!, fixedCostPerYear: cols.fixed_per_year! };
}
