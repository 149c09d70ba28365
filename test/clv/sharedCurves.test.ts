// Customers sharing (x, T) share the alive customer's curves: the CLV, its intervals' inputs and
// the holdout forecasts reuse them across t_x (and across customers in any order). Checked bit for
// bit against each customer computed on its own with `forecaster.curves`, on histories from a
// seeded generator with many repeated (x, T) pairs, repeated triples and every t_x order.
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, FORECASTERS, mixAlive, sortedHistories } from '../../src/clv/index.ts';
import { Random } from '../../src/clv/random.ts';
import { PURCHASE_MODEL_IDS, type ParamsOf, type PurchaseModelId } from '../../src/core/index.ts';

const PARAMS: { readonly [K in PurchaseModelId]: ParamsOf<K> } = {
  bgnbd: { r: 0.51, alpha: 11.9, a: 0.65, b: 2.3 },
  mbgnbd: { r: 0.51, alpha: 11.9, a: 0.65, b: 2.3 },
  'pareto-nbd': { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
};

/** 400 histories in weeks on a day grid: x 0-4, T from 12 values, t_x from days within T. */
function histories(seed: number) {
  const random = new Random(seed);
  const rand = () => random.uniform();
  const n = 400;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.floor(rand() * 5);
    T[i] = (30 + 7 * Math.floor(rand() * 12) + (i % 3)) / 7;
    tx[i] = x[i] === 0 ? 0 : Math.floor(rand() * T[i]! * 7) / 7;
  }
  return { x, tx, T };
}

describe('curves shared by customers with the same (x, T)', () => {
  for (const id of PURCHASE_MODEL_IDS) modelSuite(id);

  function modelSuite<K extends PurchaseModelId>(id: K): void {
    const f = FORECASTERS[id];
    const params = PARAMS[id];
    it(`${id}: curves = P(alive) × the alive curves, countMoments = their mix, bit for bit`, () => {
      const times = Float64Array.of(4, 13, 52, 260);
      const e = new Float64Array(4);
      const a = new Float64Array(4);
      const ae = new Float64Array(4);
      const aa = new Float64Array(4);
      const h = histories(7);
      for (let i = 0; i < 50; i++) {
        const pa = f.curves(params, h.x[i]!, h.tx[i]!, h.T[i]!, times, e, a);
        expect(f.probAlive(params, h.x[i]!, h.tx[i]!, h.T[i]!)).toBe(pa);
        f.aliveCurves(params, h.x[i]!, h.T[i]!, times, ae, aa);
        expect(Array.from(ae, (v) => v * pa)).toEqual(Array.from(e));
        expect(Array.from(aa, (v) => v * pa)).toEqual(Array.from(a));
        expect(mixAlive(pa, f.aliveCountMoments(params, h.x[i]!, h.T[i]!, 26))).toEqual(
          f.countMoments(params, h.x[i]!, h.tx[i]!, h.T[i]!, 26),
        );
      }
    });

    it(`${id}: the CLV of each customer equals its own computation from curves`, () => {
      const h = histories(11);
      const n = h.x.length;
      const spend = Float64Array.from({ length: n }, (_, i) => 40 + (i % 7) * 9.5);
      const c = { ...h, spend, marginRate: 0.3, variableCostPerOrder: 4.5, fixedCostPerYear: 12 };
      const got = customerLifetimeValue(f, params, c, { discountRate: 0.08, horizonYears: 5 });
      // each customer alone: monthly steps over 5 years, discounted yearly at 8%
      const k = 60;
      const times = Float64Array.from({ length: k }, (_, j) => ((j + 1) / 12) * (365.25 / 7));
      const e = new Float64Array(k);
      const a = new Float64Array(k);
      const distinctXT = new Set<string>();
      for (let i = 0; i < n; i++) {
        distinctXT.add(`${h.x[i]}|${h.T[i]}`);
        const pa = f.curves(params, h.x[i]!, h.tx[i]!, h.T[i]!, times, e, a);
        const perOrder = spend[i]! * 0.3 - 4.5;
        let profit = 0;
        let prevE = 0;
        let prevA = pa;
        for (let j = 0; j < k; j++) {
          const disc = Math.pow(1 + 0.08, -(j + 1) / 12);
          profit += disc * ((e[j]! - prevE) * perOrder - (12 / 12) * 0.5 * (prevA + a[j]!));
          prevE = e[j]!;
          prevA = a[j]!;
        }
        expect(got.aliveNow[i]).toBe(pa);
        expect(got.purchases[i]).toBe(e[k - 1]);
        expect(got.aliveAtHorizon[i]).toBe(a[k - 1]);
        expect(got.profit[i]).toBe(profit);
      }
      // the data do share (x, T) between different t_x: what the reuse is for
      expect(distinctXT.size).toBeLessThan(n / 2);
    });
  }

  it('sortedHistories orders by x, then T, then t_x, and holds every customer once', () => {
    const h = histories(3);
    const order = sortedHistories(h.x, h.tx, h.T);
    expect([...order].sort((i, j) => i - j)).toEqual(Array.from({ length: h.x.length }, (_, i) => i));
    for (let k = 1; k < order.length; k++) {
      const [i, j] = [order[k - 1]!, order[k]!];
      const key = (m: number) => [h.x[m]!, h.T[m]!, h.tx[m]!];
      const [a, b] = [key(i), key(j)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      expect(cmp).toBeLessThanOrEqual(0);
    }
  });
});
