/**
 * The customers of the P&L that the lifetime-value fit leaves out, and why: the purchase model
 * needs at least one purchase day, so a customer whose every order was cancelled (credited in
 * full), who has only credit lines, whose orders all fall after the period's end, or who has no
 * order at all (costs or rebates only) has no summary. Counted per reason so the CLV's customer
 * count can be reconciled with the P&L's.
 */
import type { Engine } from '../warehouse/index.ts';
import { SUMMARY_TABLE } from './summarySql.ts';

/** Why a P&L customer is not in the fit (stable codes, for tools). */
export const LEFT_OUT_REASONS = ['allCancelled', 'onlyReturns', 'afterEnd', 'noPurchase'] as const;
/** One of {@link LEFT_OUT_REASONS}. */
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

/** The P&L's customers without a purchase summary, per reason. */
export interface LeftOutCustomers {
  /** Customers in the P&L. */
  pnlCustomers: number;
  /** Of them, not in the fit. */
  total: number;
  /** Per reason with customers, in {@link LEFT_OUT_REASONS} order: how many and the first few ids (sorted). */
  reasons: { reason: LeftOutReason; customers: number; examples: string[] }[];
}

/** Ids shown per reason. */
export const LEFT_OUT_EXAMPLES = 5;

/** Reads who is left out (after `buildSummaries`, on the same calibration end). */
export async function leftOutCustomers(engine: Engine, calibrationEnd: string): Promise<LeftOutCustomers> {
  const [count] = await engine.query('SELECT count(*) AS n FROM customer_pnl WHERE customer_id IS NOT NULL');
  // IN-subqueries, not joins: the same SQL runs on every engine
  const rows = await engine.query(
    `SELECT CAST(p.customer_id AS VARCHAR) AS id,
       CASE WHEN p.customer_id IN (SELECT customer_id FROM order_lines WHERE customer_id IS NOT NULL AND order_date <= CAST($1 AS DATE)) THEN 'allCancelled'
            WHEN p.customer_id IN (SELECT customer_id FROM order_lines WHERE customer_id IS NOT NULL) THEN 'afterEnd'
            WHEN p.customer_id IN (SELECT customer_id FROM returns WHERE customer_id IS NOT NULL) THEN 'onlyReturns'
            ELSE 'noPurchase' END AS reason
     FROM customer_pnl p
     WHERE p.customer_id IS NOT NULL AND p.customer_id NOT IN (SELECT customer_id FROM ${SUMMARY_TABLE})
     ORDER BY p.customer_id`,
    [calibrationEnd],
  );
  const by = new Map<LeftOutReason, string[]>();
  for (const r of rows) {
    const reason = LEFT_OUT_REASONS.find((k) => k === r.reason);
    if (!reason) throw new Error(`unknown left-out reason ${String(r.reason)}`);
    const ids = by.get(reason) ?? [];
    ids.push(String(r.id));
    by.set(reason, ids);
  }
  return {
    pnlCustomers: Number(count?.n ?? 0),
    total: rows.length,
    reasons: LEFT_OUT_REASONS.flatMap((reason) => {
      const ids = by.get(reason);
      return ids ? [{ reason, customers: ids.length, examples: ids.slice(0, LEFT_OUT_EXAMPLES) }] : [];
    }),
  };
}
