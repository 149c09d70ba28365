/**
 * Per-customer forecaster curves summed into group curves. Customers with the same history
 * (x, t_x, T) share their curves (summaries are on a day grid, so many do): each distinct
 * history is forecast once.
 */
import type { PurchaseForecaster } from '../clv/index.ts';
import { addCustomer, emptyCurves, type GroupCurves } from './baseline.ts';

/** Weeks per month: the CLV models run in weeks (365.25 days a year). */
export const WEEKS_PER_MONTH = 365.25 / 7 / 12;

/** Histories and economics of the targeted customers (weeks; currency per purchase). */
export interface CustomerHistories {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  spend: Float64Array;
  marginRate: Float64Array;
}

/** Sums the monthly curves of every customer over `months` months. */
export function sumCurves(f: PurchaseForecaster, params: Readonly<Record<string, number>>, c: CustomerHistories, months: number): GroupCurves {
  const g = emptyCurves(months);
  const times = Float64Array.from({ length: months }, (_, k) => (k + 1) * WEEKS_PER_MONTH);
  const cum = new Float64Array(months);
  const alive = new Float64Array(months);
  const n = c.x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => c.x[i]! - c.x[j]! || c.tx[i]! - c.tx[j]! || c.T[i]! - c.T[j]!);
  let prev = -1;
  let now = 0;
  for (const i of order) {
    if (prev < 0 || c.x[i] !== c.x[prev] || c.tx[i] !== c.tx[prev] || c.T[i] !== c.T[prev]) now = f.curves(params, c.x[i]!, c.tx[i]!, c.T[i]!, times, cum, alive);
    prev = i;
    addCustomer(g, cum, alive, now, c.spend[i]!, c.marginRate[i]!);
  }
  return g;
}
