/**
 * Per-segment totals of the lifetime value with 90% intervals (issue 13, point 5): each value of
 * the grouping column (`clv.segment_by`) gets its customers' total and mean profit CLV and
 * expected purchases over the horizon, each with the interval of that total from the purchase
 * model's parameter uncertainty. The interval is the total's own (the delta method on the
 * gradient of the segment's sum, src/clv/clvIntervals.ts), not the sum of its customers' bounds:
 * every customer moves with the same parameters. The money totals are summed in the engine from
 * `customer_clv` (each customer rounded to the cent, as the run's total), so the segments add up
 * to the run's total to the cent.
 */
import { positiveTotalInterval, totalInterval } from '../clv/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Table with one row per segment: totals, intervals and counts. */
export const CLV_SEGMENTS_TABLE = 'clv_segments';

/** One segment's lifetime value in total and per customer, with 90% intervals. */
export interface ClvSegmentTotal {
  /** The segment's value of the grouping column; null: customers without one. */
  segment: string | null;
  /** Customers valued by the run in the segment. */
  customers: number;
  /** Of them, those whose CLV is determined: the totals and means are over these (0: all null). */
  valued: number;
  /** Sum of profit CLV over the horizon (decimal string, cents); null when no customer is valued. */
  totalProfitClv: string | null;
  /** 90% interval of that total (decimal strings, cents); null when a fit has no covariance. */
  totalProfitInterval: { lo: string; hi: string } | null;
  /** Mean profit CLV per valued customer (cents), and its interval (the total's over `valued`). */
  meanProfitClv: string | null;
  meanProfitInterval: { lo: string; hi: string } | null;
  /** Expected purchases over the horizon, summed (not discounted); null when no customer is valued. */
  expectedPurchases: number | null;
  /** 90% interval of that sum (log-normal: a positive quantity); null without a covariance. */
  expectedPurchasesInterval: { lo: number; hi: number } | null;
  /** Mean expected purchases per valued customer, and its interval. */
  meanExpectedPurchases: number | null;
  meanExpectedPurchasesInterval: { lo: number; hi: number } | null;
}

/** The customers' parts for the intervals: one per segment value, customers left out of every total at -1. */
export interface SegmentParts {
  /** Segment of each part (null: no value), in a stable order (sorted, no value last). */
  names: (string | null)[];
  /** Per customer (summary order): its part, or -1 when its CLV is undetermined (in no total). */
  of: Int32Array;
}

/** Parts by each customer's segment value; undetermined customers in none. */
export function segmentParts(
  values: readonly (string | null)[],
  determined: (i: number) => boolean,
): SegmentParts {
  const distinct = [...new Set(values.filter((v): v is string => v !== null))].sort();
  const names: (string | null)[] = values.includes(null) ? [...distinct, null] : distinct;
  const index = new Map(names.map((n, i) => [n, i]));
  const of = Int32Array.from(values, (v, i) => (determined(i) ? index.get(v)! : -1));
  return { names, of };
}

/**
 * Stores and returns each segment's totals: counts and sums from `customer_clv` joined to the
 * customers' `column`, intervals from the variances per part (`NaN`: no covariance).
 */
export async function storeSegmentTotals(
  engine: Engine,
  column: string,
  parts: SegmentParts,
  variance: { profit: Float64Array; purchases: Float64Array },
): Promise<ClvSegmentTotal[]> {
  const q = engine.dialect.quoteIdent;
  const cents = engine.dialect.decimalType(18, 2);
  const segment = `CAST(c.${q(column)} AS VARCHAR)`;
  const rows = await engine.query(
    `SELECT ${segment} AS segment, count(*) AS n, count(cl.clv_profit) AS valued,
       sum(${engine.dialect.decimalFromDouble('round(cl.clv_profit, 2)', 18, 2)}) AS profit, sum(CASE WHEN cl.clv_profit IS NOT NULL THEN cl.expected_purchases END) AS purchases
     FROM customer_clv cl LEFT JOIN customers c ON c.customer_id = cl.customer_id GROUP BY ${engine.dialect.groupKey(segment, 'segment')}`,
  );
  const bySegment = new Map(rows.map((r) => [r.segment == null ? null : String(r.segment), r]));
  const out = parts.names.map((segment, k): ClvSegmentTotal => {
    const r = bySegment.get(segment);
    const valued = Number(r?.valued ?? 0);
    const profit = valued > 0 && r?.profit != null ? String(r.profit) : null;
    const purchases = valued > 0 && r?.purchases != null ? Number(r.purchases) : null;
    const vp = variance.profit[k]!;
    const vq = variance.purchases[k]!;
    const pIv = profit !== null && Number.isFinite(vp) ? totalInterval(Number(profit), vp) : null;
    const qIv = purchases !== null && Number.isFinite(vq) ? positiveTotalInterval(purchases, vq) : null;
    const per = (v: number) => v / valued;
    // the means from the rounded totals, as the read model makes them from the stored ones
    const lo = pIv && centsOf(pIv.lo);
    const hi = pIv && centsOf(pIv.hi);
    return {
      segment,
      customers: Number(r?.n ?? 0),
      valued,
      totalProfitClv: profit,
      totalProfitInterval: lo !== null && hi !== null ? { lo, hi } : null,
      meanProfitClv: profit === null ? null : centsOf(per(Number(profit))),
      meanProfitInterval:
        lo !== null && hi !== null ? { lo: centsOf(per(Number(lo))), hi: centsOf(per(Number(hi))) } : null,
      expectedPurchases: purchases,
      expectedPurchasesInterval: qIv,
      meanExpectedPurchases: purchases === null ? null : per(purchases),
      meanExpectedPurchasesInterval: qIv && { lo: per(qIv.lo), hi: per(qIv.hi) },
    };
  });
  await engine.run(`DROP TABLE IF EXISTS ${CLV_SEGMENTS_TABLE}`);
  await engine.run(
    `CREATE TABLE ${CLV_SEGMENTS_TABLE} (segment_by VARCHAR, segment VARCHAR, customers DOUBLE, valued DOUBLE, total_profit ${cents}, total_profit_lo ${cents}, total_profit_hi ${cents}, expected_purchases DOUBLE, expected_purchases_lo DOUBLE, expected_purchases_hi DOUBLE)`,
  );
  for (const s of out)
    await engine.run(`INSERT INTO ${CLV_SEGMENTS_TABLE} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      column,
      s.segment,
      s.customers,
      s.valued,
      s.totalProfitClv,
      s.totalProfitInterval?.lo ?? null,
      s.totalProfitInterval?.hi ?? null,
      s.expectedPurchases,
      s.expectedPurchasesInterval?.lo ?? null,
      s.expectedPurchasesInterval?.hi ?? null,
    ]);
  return out;
}

/** An amount as a decimal string in cents (display and storage of interval bounds). */
function centsOf(x: number): string {
  return (Math.round(x * 100) / 100).toFixed(2);
}
