/**
 * The mean and variance of a holdout count given a history (`countMoments`, the holdout check's
 * chance band): the mean against the forecasters' own expected purchases (an independent code
 * path: quadrature and hypergeometric forms), the variance of a new customer's count against the
 * sample variance of 200,000 customers simulated from the model (seeded), per model.
 */
import { describe, expect, it } from 'vitest';
import { FORECASTERS } from '../../src/clv/index.ts';
import { PURCHASE_MODEL_IDS, type ParamsOf, type PurchaseModelId } from '../../src/core/index.ts';

const PARAMS: { readonly [K in PurchaseModelId]: ParamsOf<K> } = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  mbgnbd: { r: 0.5, alpha: 6, a: 0.9, b: 3.2 },
  'pareto-nbd': { r: 0.5534, alpha: 10.58, s: 0.6061, beta: 11.656 },
};
const HISTORIES = [
  [0, 0, 30],
  [2, 30.43, 38.86],
  [26, 30.857, 31],
  [7, 10, 52],
  [120, 51, 52],
] as const;

describe('holdout count moments', () => {
  for (const id of PURCHASE_MODEL_IDS) modelSuite(id);

  function modelSuite<K extends PurchaseModelId>(id: K): void {
    const f = FORECASTERS[id];
    const p = PARAMS[id];
    it(`${id}: the mean equals the forecaster's expected purchases for several histories (1e-9 relative)`, () => {
      const purchases = new Float64Array(1);
      const alive = new Float64Array(1);
      for (const [x, tx, T] of HISTORIES) {
        for (const t of [1, 13, 52, 104]) {
          f.curves(p, x, tx, T, Float64Array.of(t), purchases, alive);
          const m = f.countMoments(p, x, tx, T, t);
          expect(Math.abs(m.mean - purchases[0]!), `${id} (${x}, ${tx}, ${T}) t=${t}`).toBeLessThanOrEqual(
            1e-9 * Math.max(1, purchases[0]!),
          );
          expect(m.variance).toBeGreaterThanOrEqual(m.mean * (1 - 1e-12) - m.mean * m.mean);
        }
      }
    });

    it(`${id}: a new customer's count variance over 52 weeks matches 200,000 simulated customers (4 standard errors)`, () => {
      const n = 200_000;
      const t = 52;
      const sim = f.simulate(p, new Float64Array(n), 11, t);
      let s1 = 0;
      let s2 = 0;
      let s4 = 0;
      for (let i = 0; i < n; i++) {
        const k = sim.xStar[i]!;
        s1 += k;
        s2 += k * k;
      }
      const mean = s1 / n;
      const variance = s2 / n - mean * mean;
      for (let i = 0; i < n; i++) s4 += (sim.xStar[i]! - mean) ** 4;
      // standard error of a sample variance: sqrt((m4 - var²) / n)
      const se = Math.sqrt((s4 / n - variance * variance) / n);
      const m = f.countMoments(p, 0, 0, 0, t);
      expect(Math.abs(m.variance - variance), `${id}: ${m.variance} vs ${variance} ± ${se}`).toBeLessThan(
        4 * se,
      );
      // and it is well beyond Poisson noise (the mixture over customers spreads it)
      expect(m.variance).toBeGreaterThan(1.5 * m.mean);
    });
  }
});
