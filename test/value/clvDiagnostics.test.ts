/**
 * The stored CLV fit diagnostics: the frequency histogram counts every customer once on the
 * actual side and, on the model side, the same number of customers (simulated); the tracking
 * curve's actual side ends at the total repeat purchases of the summaries, and the model's at
 * the sum of every customer's E[X(T)].
 */
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORECASTERS } from '../../src/clv/index.ts';
import { purchaseFit, type PurchaseFit, type PurchaseModelId } from '../../src/core/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { CLV_DIAGNOSTICS_TABLE, FREQUENCY_CENSOR, runWorkspaceClv } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine, type Row } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

let root: string;
let engine: Engine;
let rows: Row[];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'worth-clv-diag-'));
  const dir = path.join(root, 'demo');
  await writeDemoWorkspace(dir, { customers: 250, seed: 3 });
  const ws = loadWorkspace(dir);
  await ingestWorkspace(ws);
  engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  const model = loadCostModel(ws, engine.dialect);
  await analyze(engine, model, {});
  await runWorkspaceClv(engine, model, { discountRate: 0.08, calibrationEnd: ws.config.period.end });
  rows = await engine.query(
    `SELECT kind, x, actual, expected FROM ${CLV_DIAGNOSTICS_TABLE} ORDER BY kind, x`,
  );
});
afterAll(async () => {
  await engine?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('stored CLV fit diagnostics', () => {
  it('clv_fit keeps the horizon and discount rate of the run with each model', async () => {
    const fits = await engine.query(
      'SELECT model, fit_group, horizon_years, discount_rate FROM clv_fit ORDER BY model, fit_group NULLS FIRST',
    );
    const [choice] = await engine.query('SELECT model FROM clv_model_choice');
    // the chosen purchase model over all customers (fit_group NULL), then any segment's own fit, and the spend model
    expect(fits.filter((f) => f.fit_group == null).map((f) => f.model)).toEqual(
      [choice!.model, 'gamma-gamma'].sort(),
    );
    for (const f of fits) expect([Number(f.horizon_years), Number(f.discount_rate)]).toEqual([5, 0.08]);
  });

  it('frequency histogram: bins 0..7+, actual counts from customer_clv, the model side sums to the same customers', async () => {
    const freq = rows.filter((r) => r.kind === 'frequency');
    expect(freq.map((r) => Number(r.x))).toEqual(Array.from({ length: FREQUENCY_CENSOR + 1 }, (_, k) => k));
    const counts = await engine.query(
      `SELECT CAST(least(x, ${FREQUENCY_CENSOR}) AS INTEGER) AS bin, count(*) AS n FROM customer_clv GROUP BY 1 ORDER BY 1`,
    );
    for (const c of counts) expect(Number(freq[Number(c.bin)]!.actual), `bin ${c.bin}`).toBe(Number(c.n));
    const total = (k: 'actual' | 'expected') => freq.reduce((s, r) => s + Number(r[k]), 0);
    expect(Math.abs(total('expected') - total('actual'))).toBeLessThan(1e-6);
  });

  it('tracking curve: cumulative, ending at the summaries total repeat purchases and at the sum of E[X(T)]', async () => {
    const track = rows.filter((r) => r.kind === 'tracking');
    expect(track.length).toBeGreaterThan(50);
    for (let i = 1; i < track.length; i++) {
      expect(Number(track[i]!.actual)).toBeGreaterThanOrEqual(Number(track[i - 1]!.actual));
      expect(Number(track[i]!.expected)).toBeGreaterThanOrEqual(Number(track[i - 1]!.expected) - 1e-9);
    }
    const last = track[track.length - 1]!;
    const [s] = await engine.query('SELECT sum(x) AS x FROM customer_clv');
    expect(Number(last.actual)).toBe(Number(s!.x));
    // each customer's E[X(T)] with the parameters its CLV used: its segment's own fit, else the pooled one
    const fits = await engine.query(
      "SELECT model, params, fit_group FROM clv_fit WHERE model <> 'gamma-gamma'",
    );
    const fitOf = new Map(
      fits.map((r) => [
        r.fit_group == null ? null : String(r.fit_group),
        purchaseFit(String(r.model), JSON.parse(String(r.params)) as Record<string, number>),
      ]),
    );
    const expectedOf = <K extends PurchaseModelId>(fit: PurchaseFit<K>, t: number) =>
      FORECASTERS[fit.model].expected(fit.params, t);
    const customers = await engine.query('SELECT "T", fit_group FROM customer_clv');
    const expected = customers.reduce(
      (sum, r) => sum + expectedOf(fitOf.get(r.fit_group == null ? null : String(r.fit_group))!, Number(r.T)),
      0,
    );
    expect(Math.abs(Number(last.expected) - expected), `model ${last.expected} vs ${expected}`).toBeLessThan(
      1e-6 * expected,
    );
  });
});
