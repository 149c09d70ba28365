// 90% intervals from the MLE's asymptotic normal: on 200 simulated data sets with known
// BG/NBD parameters, the interval for a new customer's expected purchases in 52 weeks holds
// the value under the true parameters in 85-95% of them.
import { describe, expect, it } from 'vitest';
import {
  bgnbd,
  bgnbdExpected,
  clvForModel,
  clvIntervals,
  compressRfm,
  fitModel,
  FORECASTERS,
  logCovariance,
  rfmFromTable,
  simulateBgnbd,
  totalInterval,
  type BgnbdParams,
} from '../../src/clv/index.ts';
import { cholesky, drawIntervals, parameterDraws, quantileSorted } from '../../src/clv/intervals.ts';
import { close, fixtureTable } from './helpers.ts';

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

  it("the delta-method interval (any size) of a new customer's purchases in a year holds the truth in 85-95% of 200 simulations", () => {
    // Same simulations as above; a customer with no history (x = t_x = T = 0) expects E[X(t)], so
    // one yearly step of 365.25 / 7 weeks gives the unconditional expectation at t = 52.18 weeks.
    const truth: BgnbdParams = { r: 0.8, alpha: 6, a: 0.6, b: 3 };
    const t = 365.25 / 7;
    const want = bgnbdExpected(truth, t);
    const one = Float64Array.of(0);
    let held = 0;
    const sims = 200;
    for (let k = 0; k < sims; k++) {
      const sim = simulateBgnbd(truth, 300, { tMin: 30, tMax: 60 }, 1000 + k);
      const data = compressRfm(sim.x, sim.tx, sim.T);
      const fit = fitModel(bgnbd, data, { standardErrors: false });
      const cov = logCovariance(bgnbd, data, fit.values);
      expect(cov, `simulation ${k}: Hessian not negative definite`).not.toBeNull();
      const cust = {
        x: one,
        tx: one,
        T: one,
        spend: 1,
        marginRate: 1,
        variableCostPerOrder: 0,
        fixedCostPerYear: 0,
      };
      const settings = { discountRate: 0, horizonYears: 1, stepsPerYear: 1 };
      const point = clvForModel({ model: 'bgnbd', params: fit.params }, cust, settings);
      const iv = clvIntervals(FORECASTERS['bgnbd'], fit.params, cov!, cust, settings, point);
      if (iv.purchasesLo[0]! <= want && want <= iv.purchasesHi[0]!) held++;
    }
    const coverage = held / sims;
    expect(coverage, `coverage ${coverage}`).toBeGreaterThanOrEqual(0.85);
    expect(coverage, `coverage ${coverage}`).toBeLessThanOrEqual(0.95);
  });

  it('on CDNOW the delta-method intervals match 4,000 parameter draws (half-widths within 10%) and centre on the CLV', () => {
    const data = rfmFromTable(fixtureTable('cdnow_customers_summary.csv'));
    const fit = fitModel(bgnbd, data);
    const cov = logCovariance(bgnbd, data, fit.values)!;
    // three histories: a loyal buyer (x=26), a lapsed one (x=2, last 30 weeks ago) and a one-timer
    const cust = {
      x: Float64Array.of(26, 2, 0),
      tx: Float64Array.of(30.86, 8, 0),
      T: Float64Array.of(31, 38, 38),
      spend: Float64Array.of(40, 25, 30),
      marginRate: 0.3,
      variableCostPerOrder: 2,
      fixedCostPerYear: 5,
    };
    const settings = { discountRate: 0.08, horizonYears: 3 };
    const point = clvForModel({ model: 'bgnbd', params: fit.params }, cust, settings);
    const iv = clvIntervals(FORECASTERS['bgnbd'], fit.params, cov, cust, settings, point);
    const draws = parameterDraws(bgnbd, data, fit.values, 4000, 5)!;
    const byDraws = drawIntervals(
      draws,
      3,
      (p) => clvForModel({ model: 'bgnbd', params: p }, cust, settings).profit,
      0.9,
    );
    const purchaseDraws = drawIntervals(
      draws,
      3,
      (p) => clvForModel({ model: 'bgnbd', params: p }, cust, settings).purchases,
      0.9,
    );
    for (let i = 0; i < 3; i++) {
      close(
        `profit centre ${i}`,
        (iv.profitLo[i]! + iv.profitHi[i]!) / 2,
        point.profit[i]!,
        1e-9 * Math.abs(point.profit[i]!) + 1e-9,
      );
      const half = (iv.profitHi[i]! - iv.profitLo[i]!) / 2;
      const halfDraws = (byDraws.hi[i]! - byDraws.lo[i]!) / 2;
      close(`profit half-width ${i} (draws ${halfDraws})`, half, halfDraws, 0.1 * halfDraws);
      const widthP = iv.purchasesHi[i]! - iv.purchasesLo[i]!;
      const widthDraws = purchaseDraws.hi[i]! - purchaseDraws.lo[i]!;
      close(`purchases width ${i} (draws ${widthDraws})`, widthP, widthDraws, 0.1 * widthDraws);
      expect(iv.purchasesLo[i]!).toBeLessThanOrEqual(point.purchases[i]!);
      expect(iv.purchasesHi[i]!).toBeGreaterThanOrEqual(point.purchases[i]!);
    }
    // the total's interval from the summed gradients against the draws' total
    const sum = point.profit.reduce((a, b) => a + b, 0);
    const t = totalInterval(sum, iv.totalProfitVariance);
    close(
      'total half-width',
      (t.hi - t.lo) / 2,
      (byDraws.totalHi - byDraws.totalLo) / 2,
      (0.1 * (byDraws.totalHi - byDraws.totalLo)) / 2,
    );
  });

  it('no parameter uncertainty gives an interval of zero width at the point', () => {
    const cust = {
      x: Float64Array.of(3),
      tx: Float64Array.of(20),
      T: Float64Array.of(30),
      spend: 10,
      marginRate: 0.5,
      variableCostPerOrder: 1,
      fixedCostPerYear: 3,
    };
    const p = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
    const s = { discountRate: 0.1, horizonYears: 2 };
    const point = clvForModel({ model: 'bgnbd', params: p }, cust, s);
    const iv = clvIntervals(FORECASTERS['bgnbd'], p, new Float64Array(16), cust, s, point);
    expect(iv.profitLo[0]).toBe(iv.profitHi[0]);
    close('profit', iv.profitLo[0]!, point.profit[0]!, 1e-9);
    close('purchases', iv.purchasesLo[0]!, point.purchases[0]!, 1e-12);
    expect(iv.totalProfitVariance).toBe(0);
  });
});
