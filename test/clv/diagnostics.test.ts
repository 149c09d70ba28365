// Diagnostics on CDNOW against the BTYD walkthrough and the known holdout truth, plus a
// seeded simulation check of the unconditional expectation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgnbdExpected,
  calibrationVsHoldout,
  compareModels,
  conditionalExpectations,
  FORECASTERS,
  frequencyHistogram,
  holdoutError,
  mbgnbdExpected,
  modelEntry,
  paretoNbdExpected,
  simulateBgnbd,
  simulateParetoNbd,
  trackingCurve,
} from '../../src/clv/index.ts';
import { close, fixture, fixtureTable } from './helpers.ts';

const cbs = readFileSync(fixture('BTYD_cdnowSummary_cbs.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.replace(/"/g, '').split(',').map(Number));
const col = (k: number) => Float64Array.from(cbs.map((l) => l[k]!));
const [x, tx, T, xStar] = [col(1), col(2), col(3), col(4)];
const PNBD = { r: 0.5533971, alpha: 10.5801985, s: 0.6060625, beta: 11.6562237 };
const BG = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const MBG = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

describe('calibration vs holdout (CDNOW, 39-week holdout)', () => {
  it('Pareto/NBD by calibration frequency matches the BTYD walkthrough table (3 decimals: tol 0.0015)', () => {
    const e = conditionalExpectations(FORECASTERS['pareto-nbd'], PNBD, x, tx, T, 39);
    const bins = calibrationVsHoldout(x, xStar, e, 7);
    const n = [1411, 439, 214, 100, 62, 38, 29, 64];
    const actual = [0.237, 0.697, 1.393, 1.56, 2.532, 2.947, 3.862, 6.359];
    const expected = [0.138, 0.6, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403];
    bins.forEach((b, k) => {
      expect(b.customers, `bin ${k} customers`).toBe(n[k]);
      close(`bin ${k} actual`, b.actual, actual[k]!, 0.0005);
      close(`bin ${k} expected`, b.expected, expected[k]!, 0.0015);
    });
  });

  it('holdout totals against the truth Σx* = 1882 (a report: the models under-predict CDNOW by ~12 %; tol 15 %)', () => {
    for (const [id, e] of [
      ['pareto-nbd', conditionalExpectations(FORECASTERS['pareto-nbd'], PNBD, x, tx, T, 39)],
      ['bgnbd', conditionalExpectations(FORECASTERS.bgnbd, BG, x, tx, T, 39)],
    ] as const) {
      const h = holdoutError(xStar, e);
      expect(h.totalActual).toBe(1882);
      close(`${id} Σ expected holdout`, h.totalExpected, 1882, 0.15 * 1882);
      expect(h.error.length).toBe(2357);
      expect(h.rmse).toBeGreaterThanOrEqual(h.mae);
    }
  });

  it('tracking: expected cumulative repeat purchases vs BTYD cu.tracking at weeks 39 and 78 (tol 5 %)', () => {
    const times = Float64Array.from({ length: 78 }, (_, k) => k + 1);
    const tr = trackingCurve(FORECASTERS['pareto-nbd'], PNBD, T, 272 / 7, times);
    close('week 39', tr[38]!, 2457, 0.05 * 2457);
    close('week 78', tr[77]!, 4339, 0.05 * 4339);
    for (let k = 1; k < 78; k++) expect(tr[k]!).toBeGreaterThanOrEqual(tr[k - 1]!);
  });

  it('frequency histogram against the model (seeded simulation; tol 10 % of customers + 10)', () => {
    const h = frequencyHistogram(FORECASTERS['bgnbd'], BG, x, T, 7, 20, 42);
    let totalExpected = 0;
    for (const b of h) {
      close(`x=${b.x}`, b.expected, b.actual, 0.1 * b.actual + 10);
      totalExpected += b.expected;
    }
    close('total', totalExpected, 2357, 1e-6);
  });
});

describe('simulation checks (seeded)', () => {
  it('E[X(52)] of BG/NBD, Pareto/NBD and MBG/NBD equals the mean of 400,000 simulated customers (tol 4 SE)', () => {
    const n = 400_000;
    for (const [what, sim, want] of [
      ['bgnbd', simulateBgnbd(BG, n, { tMin: 52, tMax: 52 }, 11), bgnbdExpected(BG, 52)],
      ['pareto-nbd', simulateParetoNbd(PNBD, n, { tMin: 52, tMax: 52 }, 12), paretoNbdExpected(PNBD, 52)],
      ['mbgnbd', simulateBgnbd(MBG, n, { tMin: 52, tMax: 52 }, 13, true), mbgnbdExpected(MBG, 52)],
    ] as const) {
      let s = 0;
      let s2 = 0;
      for (const v of sim.x) {
        s += v;
        s2 += v * v;
      }
      const mean = s / n;
      const se = Math.sqrt((s2 / n - mean * mean) / n);
      close(`${what} E[X(52)] vs simulation`, want, mean, 4 * se);
    }
  });
});

describe('model comparison', () => {
  it('ranks the CDNOW fits by BIC with AIC = 2k − 2LL', () => {
    const t = fixtureTable('cdnow_customers_summary.csv');
    const fits = ['bgnbd', 'pareto-nbd', 'mbgnbd'].map((m) =>
      modelEntry(m).fitTable(t, { standardErrors: false }),
    );
    const cmp = compareModels(fits);
    expect(cmp.map((c) => c.model)).toEqual(['mbgnbd', 'bgnbd', 'pareto-nbd']);
    for (const c of cmp) {
      close(`${c.model} AIC`, c.aic, 8 - 2 * c.logLikelihood, 1e-9);
      close(`${c.model} BIC`, c.bic, 4 * Math.log(2357) - 2 * c.logLikelihood, 1e-9);
    }
  });
});
