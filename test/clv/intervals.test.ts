// 90% intervals from the MLE's asymptotic normal: on 200 simulated data sets with known
// BG/NBD parameters, the interval for a new customer's expected purchases in 52 weeks holds
// the value under the true parameters in 85-95% of them.
import { describe, expect, it } from 'vitest';
import {
  bgnbd,
  bgnbdExpected,
  compressRfm,
  fitModel,
  simulateBgnbd,
  type BgnbdParams,
} from '../../src/clv/index.ts';
import { cholesky, drawIntervals, parameterDraws, quantileSorted } from '../../src/clv/intervals.ts';
import { close } from './helpers.ts';

describe('parameter-uncertainty intervals', () => {
  it('quantiles and Cholesky on exact cases', () => {
    const s = Float64Array.of(1, 2, 3, 4, 5);
    close('median', quantileSorted(s, 0.5), 3, 0);
    close('5%', quantileSorted(s, 0.05), 1.2, 1e-15);
    close('95%', quantileSorted(s, 0.95), 4.8, 1e-15);
    // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]
    const L = cholesky(Float64Array.of(4, 2, 2, 3), 2)!;
    expect(Array.from(L).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([
      2,
      0,
      1,
      Math.round(Math.SQRT2 * 1e12) / 1e12,
    ]);
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });

  it("the 90% interval of a new customer's expected purchases in 52 weeks holds the truth in 85-95% of 200 simulations", () => {
    // 300 customers per simulated data set, 200 parameter draws each (on these seeds: 177 of 200, 88.5%)
    const truth: BgnbdParams = { r: 0.8, alpha: 6, a: 0.6, b: 3 };
    const want = bgnbdExpected(truth, 52);
    let held = 0;
    const sims = 200;
    for (let k = 0; k < sims; k++) {
      const sim = simulateBgnbd(truth, 300, { tMin: 30, tMax: 60 }, 1000 + k);
      const data = compressRfm(sim.x, sim.tx, sim.T);
      const fit = fitModel(bgnbd, data, { standardErrors: false });
      const draws = parameterDraws(bgnbd, data, fit.values, 200, 77 + k);
      expect(draws, `simulation ${k}: Hessian not negative definite`).not.toBeNull();
      const iv = drawIntervals(
        draws!,
        1,
        (p) => Float64Array.of(bgnbdExpected(p as unknown as BgnbdParams, 52)),
        0.9,
      );
      if (iv.totalLo <= want && want <= iv.totalHi) held++;
    }
    const coverage = held / sims;
    expect(coverage, `coverage ${coverage}`).toBeGreaterThanOrEqual(0.85);
    expect(coverage, `coverage ${coverage}`).toBeLessThanOrEqual(0.95);
  });
});
