/** Shared (x, T) curves scaled by P(alive) equal each customer's own curves, for every forecaster. */
import { describe, it } from 'vitest';
import { FORECASTERS, Random } from '../../src/clv/index.ts';
import { PURCHASE_MODEL_IDS, type ParamsOf, type PurchaseModelId } from '../../src/core/index.ts';
import { addCustomer, emptyCurves, sumCurves } from '../../src/scenario/index.ts';

const PARAMS: { readonly [K in PurchaseModelId]: ParamsOf<K> } = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  mbgnbd: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
  'pareto-nbd': { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
};
/** Relative tolerance: the same doubles multiplied in another order. */
const REL = 1e-10;

describe('sumCurves', () => {
  it.each(PURCHASE_MODEL_IDS)(
    '%s: grouped evaluation matches customer-by-customer sums',
    <K extends PurchaseModelId>(id: K) => {
      const f = FORECASTERS[id];
      const rnd = new Random(3);
      const n = 600;
      const x = new Float64Array(n);
      const tx = new Float64Array(n);
      const T = new Float64Array(n);
      const spend = new Float64Array(n);
      const margin = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = Math.floor(rnd.uniform() * 4);
        T[i] = 30 + Math.floor(rnd.uniform() * 3);
        tx[i] = x[i] === 0 ? 0 : Math.floor(rnd.uniform() * 5 * 7) / 7 + 20;
        spend[i] = 20 + 30 * rnd.uniform();
        margin[i] = 0.2 + 0.2 * rnd.uniform();
      }
      const months = 24;
      const got = sumCurves(f, PARAMS[id], { x, tx, T, spend, marginRate: margin }, months);
      const want = emptyCurves(months);
      const times = Float64Array.from({ length: months }, (_, k) => ((k + 1) * 365.25) / 7 / 12);
      const cum = new Float64Array(months);
      const alive = new Float64Array(months);
      for (let i = 0; i < n; i++)
        addCustomer(
          want,
          cum,
          alive,
          f.curves(PARAMS[id], x[i]!, tx[i]!, T[i]!, times, cum, alive),
          spend[i]!,
          margin[i]!,
        );
      for (const key of ['alive', 'purchases', 'margin', 'revenue'] as const) {
        got[key].forEach((v, k) => {
          const w = want[key][k]!;
          if (Math.abs(v - w) > REL * Math.abs(w))
            throw new Error(
              `${id} ${key}[${k}]: ${v} vs ${w}, difference ${Math.abs(v - w)}, tolerance ${REL * Math.abs(w)}`,
            );
        });
      }
    },
  );
});
