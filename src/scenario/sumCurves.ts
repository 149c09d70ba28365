/**
 * Per-customer forecaster curves summed into group curves. Every forecaster's curves are
 * P(alive at T | x, t_x, T) times curves that depend on (x, T) only (BG/NBD, MBG/NBD and
 * Pareto/NBD alike; checked in test/scenario/sumCurves.test.ts), so the full curves are
 * computed once per distinct (x, T) and each distinct t_x only costs one P(alive) (a
 * one-point call). Summaries lie on a day grid, so distinct pairs are few.
 */
import type { PurchaseForecaster } from '../clv/index.ts';
import type { ParamsOf, PurchaseModelId } from '../core/index.ts';
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
export function sumCurves<M extends PurchaseModelId>(
  f: PurchaseForecaster<M>,
  params: ParamsOf<M>,
  c: CustomerHistories,
  months: number,
): GroupCurves {
  const g = emptyCurves(months);
  const times = Float64Array.from({ length: months }, (_, k) => (k + 1) * WEEKS_PER_MONTH);
  const one = times.subarray(0, 1);
  const scratch = [new Float64Array(1), new Float64Array(1)] as const;
  const cum0 = new Float64Array(months);
  const alive0 = new Float64Array(months);
  const cum = new Float64Array(months);
  const alive = new Float64Array(months);
  const n = c.x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => c.x[i]! - c.x[j]! || c.T[i]! - c.T[j]! || c.tx[i]! - c.tx[j]!,
  );
  let prev = -1;
  let pa0 = 0;
  let now = 0;
  for (const i of order) {
    const sameXT = prev >= 0 && c.x[i] === c.x[prev] && c.T[i] === c.T[prev];
    if (!sameXT || c.tx[i] !== c.tx[prev]) {
      if (sameXT && pa0 > 0) {
        now = f.curves(params, c.x[i]!, c.tx[i]!, c.T[i]!, one, scratch[0], scratch[1]);
        const k = now / pa0;
        for (let m = 0; m < months; m++) {
          cum[m] = cum0[m]! * k;
          alive[m] = alive0[m]! * k;
        }
      } else {
        now = pa0 = f.curves(params, c.x[i]!, c.tx[i]!, c.T[i]!, times, cum0, alive0);
        cum.set(cum0);
        alive.set(alive0);
      }
    }
    prev = i;
    addCustomer(g, cum, alive, now, c.spend[i]!, c.marginRate[i]!);
  }
  return g;
}
