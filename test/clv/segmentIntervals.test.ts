// 90% intervals of a segment's total CLV and total expected purchases (issue 13, point 5). The
// truth is the segment's expected total under the true parameters given its customers'
// histories: Σ over its customers of E[CLV | x, t_x, T, θ_true] (and of E[purchases | ...]),
// computed by the CLV code at θ_true on the same histories. The interval comes from the fit's
// covariance and the gradient of the segment's total (the sum of its customers' gradients): not
// the sum of the customers' bounds, which is checked to be wider and to hold the truth too often.
import { describe, expect, it } from 'vitest';
import {
  bgnbd,
  clvForModel,
  clvIntervals,
  compressRfm,
  fitModel,
  FORECASTERS,
  logCovariance,
  positiveTotalInterval,
  simulateBgnbd,
  totalInterval,
  type ClvCustomers,
} from '../../src/clv/index.ts';
import { parameterDraws, quantileSorted } from '../../src/clv/intervals.ts';
import { close } from './helpers.ts';

const TRUTH = { r: 0.8, alpha: 6, a: 0.6, b: 3 };
const SETTINGS = { discountRate: 0.08, horizonYears: 2 };

/** 400 simulated customers, two segments by age (T < 45 weeks: the newer ones), spend 20-60, margin 0.3, costs. */
function simulated(k: number): { c: ClvCustomers; parts: Int32Array } {
  const sim = simulateBgnbd(TRUTH, 400, { tMin: 30, tMax: 60 }, 5000 + k);
  const n = sim.x.length;
  const spend = Float64Array.from({ length: n }, (_, i) => 20 + (i % 41));
  const parts = Int32Array.from(sim.T, (t) => (t < 45 ? 0 : 1));
  return {
    c: {
      x: sim.x,
      tx: sim.tx,
      T: sim.T,
      spend,
      marginRate: 0.3,
      variableCostPerOrder: 2,
      fixedCostPerYear: 1,
    },
    parts,
  };
}

/** Σ of `v` over the customers of part `k`. */
function partSum(v: Float64Array, parts: Int32Array, k: number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) if (parts[i] === k) s += v[i]!;
  return s;
}

describe('segment totals: 90% intervals', () => {
  it("each segment's total CLV and expected purchases hold the truth in 85-95% of 200 simulations", () => {
    // on these seeds: 179 and 177 of 200 (89.5%, 88.5%) for profit and purchases alike; the sum
    // of the customers' bounds was 1.09-1.25 times as wide as the segment total's interval
    const sims = 200;
    const held = { profit: [0, 0], purchases: [0, 0] };
    const boundsWider: number[] = [];
    for (let k = 0; k < sims; k++) {
      const { c, parts } = simulated(k);
      const data = compressRfm(c.x, c.tx, c.T);
      const fit = fitModel(bgnbd, data, { standardErrors: false });
      const cov = logCovariance(bgnbd, data, fit.values);
      expect(cov, `simulation ${k}: Hessian not negative definite`).not.toBeNull();
      const point = clvForModel({ model: 'bgnbd', params: fit.params }, c, SETTINGS);
      const truth = clvForModel({ model: 'bgnbd', params: TRUTH }, c, SETTINGS);
      const iv = clvIntervals(FORECASTERS['bgnbd'], fit.params, cov!, c, SETTINGS, point, {
        of: parts,
        count: 2,
      });
      for (const part of [0, 1]) {
        const p = totalInterval(partSum(point.profit, parts, part), iv.partProfitVariance[part]!);
        const want = partSum(truth.profit, parts, part);
        if (p.lo <= want && want <= p.hi) held.profit[part]!++;
        const q = positiveTotalInterval(
          partSum(point.purchases, parts, part),
          iv.partPurchasesVariance[part]!,
        );
        const wantQ = partSum(truth.purchases, parts, part);
        if (q.lo <= wantQ && wantQ <= q.hi) held.purchases[part]!++;
      }
      // the sum of the customers' bounds of segment 1 is at least as wide (the triangle inequality)
      const p1 = totalInterval(partSum(point.profit, parts, 1), iv.partProfitVariance[1]!);
      boundsWider.push((partSum(iv.profitHi, parts, 1) - partSum(iv.profitLo, parts, 1)) / (p1.hi - p1.lo));
    }
    for (const what of ['profit', 'purchases'] as const)
      for (const part of [0, 1]) {
        const coverage = held[what][part]! / sims;
        const say = `segment ${part} ${what}: coverage ${coverage}`;
        expect(coverage, say).toBeGreaterThanOrEqual(0.85);
        expect(coverage, say).toBeLessThanOrEqual(0.95);
      }
    expect(Math.min(...boundsWider)).toBeGreaterThanOrEqual(1 - 1e-9);
  }, 300_000);

  it("a segment's interval matches 2,000 parameter draws summed per draw, and one segment of everyone is the total", () => {
    const sim = simulated(7);
    const data = compressRfm(sim.c.x, sim.c.tx, sim.c.T);
    const fit = fitModel(bgnbd, data);
    // fitted on all 400, the segments' totals over the first 60 customers (2,000 CLV runs stay quick)
    const c = {
      ...sim.c,
      x: sim.c.x.slice(0, 60),
      tx: sim.c.tx.slice(0, 60),
      T: sim.c.T.slice(0, 60),
      spend: (sim.c.spend as Float64Array).slice(0, 60),
    };
    const parts = sim.parts.slice(0, 60);
    const cov = logCovariance(bgnbd, data, fit.values)!;
    const point = clvForModel({ model: 'bgnbd', params: fit.params }, c, SETTINGS);
    const iv = clvIntervals(FORECASTERS['bgnbd'], fit.params, cov, c, SETTINGS, point, {
      of: parts,
      count: 2,
    });
    const draws = parameterDraws(bgnbd, data, fit.values, 2000, 11)!;
    // each draw's segment totals: the customers' values under the drawn parameters, summed per segment
    const totals = [0, 1].map(() => ({
      profit: new Float64Array(draws.length),
      purchases: new Float64Array(draws.length),
    }));
    draws.forEach((p, d) => {
      const v = clvForModel({ model: 'bgnbd', params: p }, c, SETTINGS);
      for (const part of [0, 1]) {
        totals[part]!.profit[d] = partSum(v.profit, parts, part);
        totals[part]!.purchases[d] = partSum(v.purchases, parts, part);
      }
    });
    for (const part of [0, 1]) {
      const pd = totals[part]!.profit.sort();
      const qd = totals[part]!.purchases.sort();
      const t = totalInterval(partSum(point.profit, parts, part), iv.partProfitVariance[part]!);
      const half = (quantileSorted(pd, 0.95) - quantileSorted(pd, 0.05)) / 2;
      close(`segment ${part} profit half-width (draws ${half})`, (t.hi - t.lo) / 2, half, 0.1 * half);
      const q = positiveTotalInterval(partSum(point.purchases, parts, part), iv.partPurchasesVariance[part]!);
      const width = quantileSorted(qd, 0.95) - quantileSorted(qd, 0.05);
      close(`segment ${part} purchases width (draws ${width})`, q.hi - q.lo, width, 0.1 * width);
    }
    const all = clvIntervals(FORECASTERS['bgnbd'], fit.params, cov, c, SETTINGS, point, {
      of: new Int32Array(c.x.length),
      count: 1,
    });
    close(
      'one segment = total',
      all.partProfitVariance[0]!,
      iv.totalProfitVariance,
      1e-9 * iv.totalProfitVariance,
    );
    close(
      'one segment = total purchases',
      all.partPurchasesVariance[0]!,
      iv.totalPurchasesVariance,
      1e-9 * iv.totalPurchasesVariance,
    );
    // the segments' standard errors add up to at least the total's (the triangle inequality): the
    // total's interval is no sum of the segments' bounds either
    expect(
      Math.sqrt(iv.partProfitVariance[0]!) + Math.sqrt(iv.partProfitVariance[1]!),
    ).toBeGreaterThanOrEqual(Math.sqrt(iv.totalProfitVariance) * (1 - 1e-12));
  }, 600_000);
});
