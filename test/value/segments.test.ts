// Per-segment purchase-model fits: on customers simulated from two segments with known and
// different BG/NBD parameters, one pooled fit misses the held-out purchases and fits per
// segment do not; a group's own fit stands unless it is at the edge; the scenario baseline
// uses each customer's group parameters (what its CLV used).
import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictCustomers, simulateBgnbd, type FitResult } from '../../src/clv/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { readBaseline } from '../../src/scenario/index.ts';
import { ownFitFails } from '../../src/value/fitGroups.ts';
import { checkHoldout, holdoutWarnings, type HoldoutData } from '../../src/value/holdout.ts';
import { clvSettings, readWorkspaceFit, runWorkspaceClv } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { close } from '../clv/helpers.ts';

function twoSegments(): HoldoutData {
  // light buyers who stay, frequent buyers who drop out fast: one gamma/beta mixture cannot carry both
  const a = simulateBgnbd({ r: 0.3, alpha: 6, a: 0.2, b: 6 }, 1000, { tMin: 40, tMax: 78, holdout: 52 }, 3);
  const b = simulateBgnbd({ r: 3, alpha: 6, a: 1.5, b: 3 }, 1000, { tMin: 40, tMax: 78, holdout: 52 }, 4);
  const cat = (u: Float64Array, v: Float64Array) => Float64Array.from([...u, ...v]);
  return {
    calibrationEnd: '2025-01-01',
    weeks: 52,
    x: cat(a.x, b.x),
    tx: cat(a.tx, b.tx),
    T: cat(a.T, b.T),
    actual: cat(a.xStar, b.xStar),
    group: [...Array<string>(1000).fill('light'), ...Array<string>(1000).fill('frequent')],
  };
}

describe('per-segment fits on two simulated segments', () => {
  const h = twoSegments();
  it('the pooled fit misses the held-out purchases; per-segment fits come within 5% in total and per segment', () => {
    const pooled = checkHoldout('bgnbd', h, { minCustomers: 10_000, minRepeatBuyers: 10_000, priorSd: null });
    const own = checkHoldout('bgnbd', h, { minCustomers: 50, minRepeatBuyers: 30, priorSd: null });
    // (on these seeds: pooled -23.7%, frequent +24.8% and light -36.0%; per segment -2.4%, -3.5% and -2.2%)
    expect(Math.abs(pooled.error!), `pooled error ${pooled.error}`).toBeGreaterThan(0.15);
    expect(Math.abs(own.error!), `per-segment error ${own.error}`).toBeLessThan(0.05);
    for (const g of own.groups) expect(Math.abs(g.error!), `${g.name}: ${g.error}`).toBeLessThan(0.05);
    // the totals are the sums over the segments, and the actual purchases are the simulated ones
    close(
      'actual',
      own.actual,
      h.actual.reduce((s, v) => s + v, 0),
      1e-9,
    );
    // a segment off by more than chance gives for its size (and the 5% floor) is warned about by name; within it, nothing is said
    expect(own.warnAbove).toBe(0.05);
    for (const g of [...own.groups, ...pooled.groups]) expect(g.warnAbove).toBeGreaterThanOrEqual(0.05);
    // light (-36.0%) is far beyond chance; frequent's +24.8% is not: its customers drop out fast, so
    // whether each is still alive is a coin toss under the model and chance alone spreads its
    // 520 held-out purchases by ±70 (sd; 2.5 sd = ±33.5%)
    const doubts = holdoutWarnings(pooled, 'segment');
    expect(doubts).toHaveLength(1);
    expect(doubts[0]).toMatch(
      /^segment light: .* \(-36\.0%, beyond ±8\.8%, more than chance gives for its size\)/,
    );
    const frequent = pooled.groups.find((g) => g.name === 'frequent')!;
    expect(frequent.warn).toBe(false);
    expect(frequent.warnAbove).toBeGreaterThan(Math.abs(frequent.error!));
    expect(holdoutWarnings(own, 'segment')).toEqual([]);
    close(
      'expected = sum over segments',
      own.expected,
      own.groups.reduce((s, g) => s + g.expected, 0),
      1e-6,
    );
  });
});

describe('when a group keeps its own fit', () => {
  const fit = (values: number[], se: number[]): FitResult =>
    ({
      model: 'bgnbd',
      params: Object.fromEntries(values.map((v, i) => [`p${i}`, v])),
      standardErrors: Object.fromEntries(se.map((v, i) => [`p${i}`, v])),
      logLikelihood: -100,
      values: Float64Array.from(values),
      warnings: [],
    }) as unknown as FitResult;
  it('a standard error larger than its estimate is uncertainty: the fit stands', () =>
    expect(ownFitFails(fit([0.5, 4, 0.6, 2], [0.9, 1, 0.7, 5]))).toBe(false));
  it('an estimate at the edge of the parameter space: the pooled fit stands in', () =>
    expect(ownFitFails(fit([0.5, 4, 6.8e6, 2.3e7], [0.1, 1, 1, 1]))).toBe(true));
  it('no finite standard error (Hessian not positive definite): the pooled fit stands in', () =>
    expect(ownFitFails(fit([0.5, 4, 0.6, 2], [0.1, NaN, 0.1, 0.1]))).toBe(true));
});

describe('workspace run with per-segment fits', () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-clv-seg-')), 'demo');
    await writeDemoWorkspace(dir, { customers: 1000, seed: 11 });
    // small groups allowed, so this small demo gets own fits
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      `${readFileSync(path.join(dir, 'worth.yaml'), 'utf8')}\nclv:\n  min_group_customers: 10\n  min_group_repeat_buyers: 5\n  models: [mbgnbd]\n`,
    );
    const ws = loadWorkspace(dir);
    await ingestWorkspace(ws);
    engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    await analyze(engine, loadCostModel(ws, engine.dialect), {});
  });
  afterAll(async () => engine.close());

  it('stores the choice, each own fit and each customer fit group; the scenario baseline uses the group parameters', async () => {
    const ws = loadWorkspace(dir);
    const r = await runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), {
      settings: clvSettings(ws),
      discountRate: 0.08,
      calibrationEnd: ws.config.period.end,
    });
    // 90% intervals from parameter uncertainty: around the estimates, never NaN
    const [iv] = await engine.query(
      `SELECT count(*) AS n, count(clv_profit_lo) AS with_iv,
         sum(CASE WHEN clv_profit_lo <= clv_profit + 1e-9 AND clv_profit <= clv_profit_hi + 1e-9 THEN 1 ELSE 0 END) AS around,
         sum(CASE WHEN expected_purchases_lo <= expected_purchases + 1e-9 AND expected_purchases <= expected_purchases_hi + 1e-9 THEN 1 ELSE 0 END) AS around_p,
         sum(CASE WHEN isnan(clv_profit_lo) OR isnan(expected_purchases_hi) THEN 1 ELSE 0 END) AS nans FROM customer_clv`,
    );
    expect(Number(iv!.with_iv)).toBe(Number(iv!.n));
    expect(Number(iv!.nans)).toBe(0);
    expect(Number(iv!.around)).toBeGreaterThanOrEqual(0.99 * Number(iv!.n));
    expect(Number(iv!.around_p)).toBeGreaterThanOrEqual(0.99 * Number(iv!.n));
    expect(r.totalProfitInterval).not.toBeNull();
    expect(Number(r.totalProfitInterval!.lo)).toBeLessThan(Number(r.totalProfitClv));
    expect(Number(r.totalProfitInterval!.hi)).toBeGreaterThan(Number(r.totalProfitClv));
    // `worth clv predict --workspace` reads the stored pooled fit with its covariance: applied to the
    // customers on the pooled fit, it gives the stored expected purchases and their intervals
    const stored = await readWorkspaceFit(engine);
    expect(stored.purchase.model).toBe('mbgnbd');
    expect(stored.spend?.model).toBe('gamma-gamma');
    expect(stored.purchase.logCovariance).not.toBeNull();
    expect(stored.horizonYears).toBe(5);
    const pooledRows = await engine.queryNumericColumns(
      'SELECT x, t_x, "T", expected_purchases AS e, expected_purchases_lo AS lo, expected_purchases_hi AS hi FROM customer_clv WHERE fit_group IS NULL ORDER BY customer_id',
    );
    expect(pooledRows.x!.length).toBeGreaterThan(0);
    const n = pooledRows.x!.length;
    const predicted = predictCustomers(
      stored.purchase,
      null,
      { x: pooledRows.x!, tx: pooledRows.t_x!, T: pooledRows.T!, m: null, w: new Float64Array(n).fill(1) },
      { horizonYears: stored.horizonYears, discountRate: stored.discountRate, unit: 'weeks' },
    );
    for (let i = 0; i < n; i++) {
      close(
        `expected purchases ${i}`,
        predicted.purchases[i]!,
        pooledRows.e![i]!,
        1e-9 * pooledRows.e![i]! + 1e-12,
      );
      close(`lo ${i}`, predicted.purchasesLo![i]!, pooledRows.lo![i]!, 1e-9 * pooledRows.e![i]! + 1e-12);
      close(`hi ${i}`, predicted.purchasesHi![i]!, pooledRows.hi![i]!, 1e-9 * pooledRows.e![i]! + 1e-12);
    }
    const own = r.groups.filter((g) => !g.pooledFallback);
    expect(own.length, JSON.stringify(r.groups)).toBeGreaterThan(0);
    const [choice] = await engine.query('SELECT model, basis, reason, grouped_by FROM clv_model_choice');
    expect(choice).toMatchObject({ model: 'mbgnbd', grouped_by: 'segment' });
    expect(String(choice!.reason)).toContain('mbgnbd');
    const rows = await engine.query(
      "SELECT fit_group, params FROM clv_fit WHERE model = 'mbgnbd' ORDER BY fit_group NULLS FIRST",
    );
    expect(rows.map((x) => x.fit_group)).toEqual([null, ...own.map((g) => g.name).sort()]);
    for (const g of own) {
      // each customer's CLV used its group's parameters: the scenario baseline's five-year purchases equal the CLV table's
      const b = await readBaseline(
        engine,
        loadCostModel(ws, engine.dialect),
        `segment = '${g.name}'`,
        5,
        'test',
      );
      const [e] = await engine.query(
        'SELECT sum(v.expected_purchases) AS e, count(*) AS n, count(DISTINCT v.fit_group) AS k FROM customer_clv v JOIN customers c ON c.customer_id = v.customer_id WHERE c.segment = $1',
        [g.name],
      );
      expect(Number(e!.k)).toBe(1);
      const total = b.purchases.reduce((s, v) => s + v, 0);
      close(`${g.name} baseline purchases`, total, Number(e!.e), 1e-9 * Number(e!.e));
    }
  });
});
