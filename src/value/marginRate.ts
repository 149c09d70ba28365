/**
 * Margin rates a CFO believes, for CLV on profit. A customer's observed rate (gross margin per
 * euro of invoice revenue, returns, rebates and cost of goods included) is only as credible as
 * the sales behind it: a customer with 2.90 of sales and one large return can show -19.6. The
 * rate used is Bühlmann–Straub credibility: the segment's rate plus a share
 * w = revenue / (revenue + K) of the customer's difference from it, bounded to [-1, 1].
 */
import type { Engine } from '../warehouse/index.ts';

/** A rate used for CLV stays in this range: at most every euro is margin, at worst one more euro is lost. */
export const MARGIN_RATE_BOUNDS = { min: -1, max: 1 } as const;

/** The credibility constant and the moments it was estimated from. */
export interface CredibilityEstimate {
  /** K, in money: the revenue at which a customer's own rate gets half the weight (Infinity: none). */
  k: number;
  /** Expected variance of one euro of an order's margin rate around its customer's rate. */
  withinVariance: number;
  /** Variance of the customers' underlying rates around the overall rate (0 when none is detectable). */
  betweenVariance: number;
  /** Customers with at least one order of positive invoice revenue. */
  customers: number;
}

/** Sufficient statistics for the Bühlmann–Straub estimators (revenue-weighted). */
export interface CredibilityMoments {
  /** Customers (groups). */
  customers: number;
  /** Orders over all customers. */
  orders: number;
  /** Sum of revenue over customers (S). */
  total: number;
  /** Sum of squared customer revenues. */
  squares: number;
  /** Sum over orders of revenue x (order rate - its customer's rate)^2. */
  withinSquares: number;
  /** Sum over customers of revenue x (customer rate - overall rate)^2. */
  betweenSquares: number;
}

/**
 * K = within-customer variance / between-customer variance, by the Bühlmann–Straub moment
 * estimators (Bühlmann & Gisler, A Course in Credibility Theory, 4.8): s2 = withinSquares /
 * (orders - customers); a = (betweenSquares - (customers - 1) s2) / (S - squares / S), floored at 0.
 */
export function credibilityFrom(m: CredibilityMoments): CredibilityEstimate {
  const dof = m.orders - m.customers;
  const withinVariance = dof > 0 ? m.withinSquares / dof : 0;
  const denominator = m.total > 0 ? m.total - m.squares / m.total : 0;
  const betweenVariance =
    denominator > 0 ? Math.max(0, (m.betweenSquares - (m.customers - 1) * withinVariance) / denominator) : 0;
  const k = betweenVariance > 0 ? withinVariance / betweenVariance : Number.POSITIVE_INFINITY;
  return { k, withinVariance, betweenVariance, customers: m.customers };
}

/**
 * Fixed-point type the double-valued squares are summed in: each term is rounded to 1e-10 (of a
 * money unit) and the terms are added as exact decimals, so the sums are the same whatever
 * order the engine's threads add them in (a DOUBLE sum is not: it differed in the last bits
 * between runs at 100,000 customers, and with it every customer's credible rate). Rounding a
 * term moves a sum by at most 0.5e-10 per order: below 1e-3 over 10 million orders, on sums of
 * revenue times squared rates (at 1,000,000 customers some 1e7).
 */
const SQUARES_TYPE = { precision: 38, scale: 10 } as const;

/**
 * The moments from the order lines: every order of positive invoice revenue is one observation of
 * its customer's rate (lines: gross - discount - cogs over gross - discount), weighted by its revenue.
 * Deterministic to the bit: revenue and margin are summed as decimals (exact), the rates are
 * per-row divisions, and the squares are summed as fixed-point decimals ({@link SQUARES_TYPE}).
 */
export async function credibilityMoments(engine: Engine): Promise<CredibilityMoments> {
  // each double term rounded to the fixed-point type as DuckDB's CAST does (ClickHouse's truncates)
  const fixed = (e: string) =>
    engine.dialect.decimalFromDouble(e, SQUARES_TYPE.precision, SQUARES_TYPE.scale);
  await engine.run('DROP TABLE IF EXISTS clv_margin_orders');
  await engine.run(
    `CREATE TEMPORARY TABLE clv_margin_orders AS SELECT customer_id, sum(gross_amount - discount_amount) AS rev, sum(gross_amount - discount_amount - cogs_amount) AS gm
     FROM order_lines WHERE customer_id IS NOT NULL GROUP BY customer_id, order_id HAVING sum(gross_amount - discount_amount) > 0`,
  );
  await engine.run('DROP TABLE IF EXISTS clv_margin_customers');
  await engine.run(
    'CREATE TEMPORARY TABLE clv_margin_customers AS SELECT customer_id, count(*) AS n, sum(rev) AS s, sum(gm) AS margin, CAST(sum(gm) AS DOUBLE) / CAST(sum(rev) AS DOUBLE) AS r FROM clv_margin_orders GROUP BY customer_id',
  );
  try {
    const c = (
      await engine.query(
        `SELECT count(*) AS customers, coalesce(sum(n), 0) AS orders, CAST(coalesce(sum(s), 0) AS DOUBLE) AS total, CAST(coalesce(sum(margin), 0) AS DOUBLE) AS gm, CAST(coalesce(sum(${fixed('CAST(s AS DOUBLE) * CAST(s AS DOUBLE)')}), 0) AS DOUBLE) AS squares FROM clv_margin_customers`,
      )
    )[0]!;
    const total = Number(c.total);
    // the revenue-weighted mean of the customers' rates: their summed margin over their summed revenue
    const overall = total > 0 ? Number(c.gm) / total : 0;
    const w = (
      await engine.query(
        `SELECT CAST(coalesce(sum(${fixed('CAST(o.rev AS DOUBLE) * (CAST(o.gm AS DOUBLE) / CAST(o.rev AS DOUBLE) - c.r) * (CAST(o.gm AS DOUBLE) / CAST(o.rev AS DOUBLE) - c.r)')}), 0) AS DOUBLE) AS ws FROM clv_margin_orders o JOIN clv_margin_customers c ON c.customer_id = o.customer_id`,
      )
    )[0]!;
    const b = (
      await engine.query(
        `SELECT CAST(coalesce(sum(${fixed('CAST(s AS DOUBLE) * (r - $1) * (r - $1)')}), 0) AS DOUBLE) AS bs FROM clv_margin_customers`,
        [overall],
      )
    )[0]!;
    return {
      customers: Number(c.customers),
      orders: Number(c.orders),
      total,
      squares: Number(c.squares),
      withinSquares: Number(w.ws),
      betweenSquares: Number(b.bs),
    };
  } finally {
    await engine.run('DROP TABLE IF EXISTS clv_margin_orders');
    await engine.run('DROP TABLE IF EXISTS clv_margin_customers');
  }
}

/** The credible rate of one customer: complement + w x (observed - complement), w = revenue / (revenue + K), bounded. */
export function credibleRate(
  observed: number,
  revenue: number,
  complement: number,
  k: number,
): { rate: number; weight: number } {
  const weight = revenue > 0 && Number.isFinite(k) ? revenue / (revenue + k) : 0;
  const raw = complement + weight * (observed - complement);
  return { rate: Math.min(MARGIN_RATE_BOUNDS.max, Math.max(MARGIN_RATE_BOUNDS.min, raw)), weight };
}
