/**
 * The columns of the customer P&L (the contribution waterfall), in order. Amounts that are
 * taken off (discounts, returns, rebates, cogs, costs) are stored as positive numbers.
 */

/** Waterfall columns before the cost-to-serve lines. */
export const SALES_COLUMNS = [
  'gross_sales',
  'discounts',
  'returns',
  'rebates',
  'net_sales',
  'cogs',
  'gross_margin',
] as const;

import { costColumn } from '../costing/index.ts';

export { costColumn };

/** The P&L's money columns without the lines per activity: the totals, the months and their roll-ups. */
export const SUMMARY_COLUMNS = [...SALES_COLUMNS, 'cost_to_serve', 'contribution'] as const;

/** Every money column of `customer_pnl` after `customer_id`, in order. */
export function pnlColumns(activityIds: string[]): string[] {
  return [...SALES_COLUMNS, ...activityIds.map(costColumn), 'cost_to_serve', 'contribution'];
}
