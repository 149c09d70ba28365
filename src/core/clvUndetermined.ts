/**
 * Why a customer's lifetime value is not a figure to act on: the fit it rests on is
 * undetermined (degenerate). The workspace run stores the reason in
 * `customer_clv.clv_undetermined` (NULL: determined) and leaves that customer's model figures
 * NULL, so every reader (export, scenario baseline, report, dashboard, API) shows them empty
 * with the reason, never as a number. Here, not in src/value, so the dashboard can name it.
 */
import { CLV_UNDETERMINED_WORDS } from '../words/index.ts';

/**
 * The reasons, as stored: the purchase fit the customer's CLV used, or the spend fit, is
 * degenerate; or the customer's segment (`clv.segment_by`), big enough for a fit of its own, has
 * not one repeat buyer, so no purchase model has data on how often its customers buy again.
 */
export const CLV_UNDETERMINED_REASONS = ['purchaseFit', 'spendFit', 'noRepeatBuyers'] as const;

/** One of {@link CLV_UNDETERMINED_REASONS}. */
export type ClvUndeterminedReason = (typeof CLV_UNDETERMINED_REASONS)[number];

/** Whether a stored value is one of {@link CLV_UNDETERMINED_REASONS}. */
export function isClvUndeterminedReason(v: unknown): v is ClvUndeterminedReason {
  return typeof v === 'string' && (CLV_UNDETERMINED_REASONS as readonly string[]).includes(v);
}

/** The column of `customer_clv` holding the reason (NULL when the customer's CLV is determined). */
export const CLV_UNDETERMINED_COLUMN = 'clv_undetermined';

/** The columns of `customer_clv` that rest on the spend fit (the money figures). */
export const CLV_SPEND_COLUMNS = [
  'expected_spend',
  'clv_revenue',
  'clv_profit',
  'clv_profit_lo',
  'clv_profit_hi',
  'loss_making',
] as const;

/**
 * The columns of `customer_clv` a degenerate purchase fit (or a segment with no repeat buyer)
 * leaves without a value (they all come from it); a degenerate spend fit leaves {@link CLV_SPEND_COLUMNS}.
 */
export const CLV_PURCHASE_COLUMNS = [
  'p_alive',
  'p_alive_at_horizon',
  'expected_purchases',
  'expected_purchases_lo',
  'expected_purchases_hi',
  ...CLV_SPEND_COLUMNS,
] as const;

// every reason has its words (a reason added here without them fails the build)
CLV_UNDETERMINED_WORDS satisfies Record<ClvUndeterminedReason, unknown>;
