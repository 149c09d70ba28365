// CLV on profit against independent calculations: a closed form where the model reduces
// to a constant purchase rate, and a seeded simulation of customers' futures.
import { describe, expect, it } from 'vitest';
import { purchaseFit, WorthError } from '../../src/core/index.ts';
import { clvForModel, expectedSpend, Random } from '../../src/clv/index.ts';
import { close } from './helpers.ts';

const WEEKS_PER_YEAR = 365.25 / 7;

describe('CLV on profit', () => {
  it('equals the closed form when nobody dies (Pareto/NBD with s → 0): a geometric sum of monthly margins', () => {
    const p = { r: 2, alpha: 20, s: 1e-12, beta: 10 };
    const [x, T] = [5, 30];
    const lambda = (p.r + x) / (p.alpha + T); // purchases per week, posterior mean
    const spend = 40;
    const margin = 0.3;
    const varCost = 2;
    const fixed = 24;
    const rate = 0.08;
    const res = clvForModel(
      { model: 'pareto-nbd', params: p },
      {
        x: Float64Array.of(x),
        tx: Float64Array.of(T),
        T: Float64Array.of(T),
        spend,
        marginRate: margin,
        variableCostPerOrder: varCost,
        fixedCostPerYear: fixed,
      },
      { discountRate: rate, horizonYears: 5 },
    );
    const v = Math.pow(1 + rate, -1 / 12);
    const annuity = (v * (1 - Math.pow(v, 60))) / (1 - v);
    const perMonth = lambda * (WEEKS_PER_YEAR / 12);
    const wantProfit = annuity * (perMonth * (spend * margin - varCost) - fixed / 12);
    const wantRevenue = annuity * perMonth * spend;
    close('profit CLV', res.profit[0]!, wantProfit, 1e-7 * Math.abs(wantProfit));
    close('revenue CLV', res.revenue[0]!, wantRevenue, 1e-7 * wantRevenue);
    close('purchases over 5 years', res.purchases[0]!, lambda * 5 * WEEKS_PER_YEAR, 1e-6);
    expect(res.lossMaking[0]).toBe(0);
  });

  it('flags a loss-making customer with a negative CLV instead of clipping it', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const res = clvForModel(
      { model: 'bgnbd', params: p },
      {
        x: Float64Array.of(2, 2),
        tx: Float64Array.of(30.43, 30.43),
        T: Float64Array.of(38.86, 38.86),
        spend: 20,
        marginRate: 0.25,
        variableCostPerOrder: Float64Array.of(1, 9),
        fixedCostPerYear: 0,
      },
      { discountRate: 0.1 },
    );
    expect(res.profit[0]).toBeGreaterThan(0);
    expect(res.profit[1]).toBeLessThan(0);
    expect(Array.from(res.lossMaking)).toEqual([0, 1]);
    // profit is linear in the per-order margin: (20·0.25 − 9) / (20·0.25 − 1) = −1
    close('linearity', res.profit[1]! / res.profit[0]!, -1, 1e-12);
  });

  it('matches a seeded simulation of BG/NBD futures (revenue, purchases; tol 4 standard errors)', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const [x, tx, T] = [2, 30.43, 38.86];
    const spend = 25;
    const rate = 0.1;
    const res = clvForModel(
      { model: 'bgnbd', params: p },
      {
        x: Float64Array.of(x),
        tx: Float64Array.of(tx),
        T: Float64Array.of(T),
        spend,
        marginRate: 1,
        variableCostPerOrder: 0,
        fixedCostPerYear: 0,
      },
      { discountRate: rate, horizonYears: 5 },
    );
    const rnd = new Random(20261123);
    const month = WEEKS_PER_YEAR / 12;
    const horizon = 5 * WEEKS_PER_YEAR;
    const logOdds =
      Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
    const pAlive = 1 / (1 + Math.exp(logOdds));
    const n = 200_000;
    let s1 = 0;
    let s2 = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      let value = 0;
      if (rnd.uniform() < pAlive) {
        const lambda = rnd.gamma(p.r + x, p.alpha + T);
        const drop = rnd.beta(p.a, p.b + x);
        let t = 0;
        for (;;) {
          t += rnd.exponential(lambda);
          if (t > horizon) break;
          value += spend * Math.pow(1 + rate, -Math.ceil(t / month - 1e-12) / 12);
          count++;
          if (rnd.uniform() < drop) break;
        }
      }
      s1 += value;
      s2 += value * value;
    }
    const mean = s1 / n;
    const se = Math.sqrt((s2 / n - mean * mean) / n);
    close('revenue CLV vs simulation', res.revenue[0]!, mean, 4 * se);
    close('purchases vs simulation', res.purchases[0]!, count / n, 0.02 * (count / n));
  });

  it('rejects out-of-range settings with the setting, value and range', () => {
    const c = {
      x: Float64Array.of(0),
      tx: Float64Array.of(0),
      T: Float64Array.of(10),
      spend: 1,
      marginRate: 1,
      variableCostPerOrder: 0,
      fixedCostPerYear: 0,
    };
    const p = { r: 1, alpha: 1, a: 1, b: 1 };
    expect(() => clvForModel({ model: 'bgnbd', params: p }, c, { discountRate: -0.2 })).toThrow(
      'discount_rate: -0.2 is out of range (expected 0 <= r < 1)',
    );
    expect(() =>
      clvForModel({ model: 'bgnbd', params: p }, c, { discountRate: 0.1, horizonYears: 0 }),
    ).toThrow(WorthError);
    expect(() => clvForModel(purchaseFit('sbg', p), c, { discountRate: 0.1 })).toThrow(WorthError);
    expect(() => expectedSpend({ p: 1, q: 0.5, gamma: 1 }, Float64Array.of(1), Float64Array.of(1))).toThrow(
      WorthError,
    );
  });
});
