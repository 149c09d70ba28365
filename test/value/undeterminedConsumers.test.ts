/**
 * A lifetime value resting on an undetermined fit is empty with its reason in every consumer:
 * the stored table, `worth export` (raw and the Dutch spreadsheet), the scenario baseline, the
 * API (the Lifetime value page's read and a customer's), and the report (the dashboard: in
 * test/web/clvUndetermined.test.ts). The run is real (`undeterminedWorkspace`: 12 repeat buyers).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClv } from '../../src/cli/clvWorkspaceCommand.ts';
import { CLV_PURCHASE_COLUMNS } from '../../src/core/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { exportTable } from '../../src/export/index.ts';
import { analysisTable } from '../../src/profit/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { parseInitiative, runScenario } from '../../src/scenario/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import type { ClvRunResult } from '../../src/value/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import type { AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { withEngine } from '../server/valuedWorkspace.ts';
import { undeterminedWorkspace } from './undeterminedWorkspace.ts';

const REPEAT_BUYERS = 12;
let ws: AnalysedWorkspace;
let run: ClvRunResult;
let valued: number;
let retail: number;
let worth: WorthApp;

beforeAll(async () => {
  ({ ws, run, valued } = await undeterminedWorkspace(REPEAT_BUYERS));
  await withEngine(ws.dir, async (engine) => {
    const [r] = await engine.query(
      "SELECT count(*) AS n FROM customer_clv v JOIN customers c ON c.customer_id = v.customer_id WHERE c.segment = 'Retail'",
    );
    retail = Number(r!.n);
  });
}, 180_000);

afterAll(async () => {
  await worth?.close();
  ws?.remove();
});

describe('an undetermined lifetime value in every consumer', () => {
  it('the run: not determined, every customer stored empty with the reason, no total', async () => {
    expect(run.purchaseFit.degenerate).toBe(true);
    expect(run.determined).toBe(false);
    expect(run.undeterminedCustomers).toBe(valued);
    // a total of figures that do not exist is no figure: null, not 0.00, with the reason and the count
    expect(run.totalsCustomers).toBe(0);
    expect(run.undeterminedReasons).toEqual(['purchaseFit']);
    expect([run.totalProfitClv, run.totalRevenueClv, run.lossMakingCustomers, run.lossMakingClv]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(run.totalProfitInterval).toBeNull();
    await withEngine(ws.dir, async (engine) => {
      const [r] = await engine.query(
        `SELECT count(*) AS n, count(clv_undetermined) AS reasons, ${CLV_PURCHASE_COLUMNS.map((c) => `count(${c}) AS ${c}`).join(', ')},
           min(clv_undetermined) AS lo, max(clv_undetermined) AS hi FROM customer_clv`,
      );
      expect(Number(r!.reasons)).toBe(valued);
      expect([r!.lo, r!.hi]).toEqual(['purchaseFit', 'purchaseFit']);
      for (const c of CLV_PURCHASE_COLUMNS) expect(Number(r![c]), c).toBe(0);
    });
  });

  it('the CLI: not determined instead of the totals', () => {
    const en = formatClv(run, 'en');
    expect(en).toContain('lifetime value: not determined');
    expect(en).toContain('every customer’s figures are stored empty, with the reason');
    expect(en).not.toMatch(/NaN|undefined|Infinity/);
    // a run whose pooled fit stands but one group's own (unshrunk) fit is degenerate: its totals, then the count
    // with no customer determined there is no total to print, whatever the flag says
    expect(formatClv({ ...run, determined: true }, 'en')).toContain('lifetime value: not determined');
    // (a real partly undetermined run: test/value/partlyUndetermined.test.ts)
  });

  it('worth export: the CLV cells are empty and the reason stands beside them (raw code; Dutch words in the spreadsheet)', async () => {
    const raw = path.join(ws.dir, 'pnl.csv');
    const nl = path.join(ws.dir, 'pnl-nl.csv');
    await withEngine(ws.dir, async (e) => {
      await exportTable(e, analysisTable('customer_pnl')!, 'csv', raw);
      await exportTable(e, analysisTable('customer_pnl')!, 'csv', nl, { kind: 'spreadsheet', lang: 'nl' });
    });
    const [head, ...rows] = readFileSync(raw, 'utf8').trim().split('\n');
    const cols = head!.split(',');
    const at = (name: string) => cols.indexOf(name);
    expect(cols.slice(-9)).toEqual([
      'clv_profit',
      'clv_profit_lo',
      'clv_profit_hi',
      'clv_revenue',
      'p_alive',
      'expected_purchases',
      'expected_purchases_lo',
      'expected_purchases_hi',
      'clv_undetermined',
    ]);
    // every P&L customer with a summary (the rest were never valued: empty reason too)
    const withReason = rows.filter((r) => r.split(',')[at('clv_undetermined')] === 'purchaseFit');
    expect(withReason.length).toBe(valued);
    for (const r of rows) {
      const cells = r.split(',');
      for (const c of [
        'clv_profit',
        'clv_profit_lo',
        'clv_profit_hi',
        'clv_revenue',
        'p_alive',
        'expected_purchases',
        'expected_purchases_lo',
        'expected_purchases_hi',
      ])
        expect(cells[at(c)], `${c} in ${r}`).toBe('');
    }
    const text = readFileSync(nl, 'utf8');
    expect(text).toContain('Klantwaarde niet bepaald (waarom)');
    expect(text).toContain('niet bepaald: het aankoopmodel erachter is onbepaald');
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('the scenario baseline projects none of them and says why, also for a filter on an empty CLV figure', async () => {
    const ws_ = loadWorkspace(ws.dir);
    await withEngine(ws.dir, async (engine) => {
      const model = loadCostModel(ws_, engine.dialect);
      const on = async (targets: string) =>
        runScenario(
          engine,
          model,
          parseInitiative(
            `name: t\ntargets: "${targets}"\neffects:\n  retention:\n    value: 2\n    basis: judgment\n`,
            't.yaml',
          ),
          't.yaml',
          { discountRate: 0.08, draws: 0 },
        );
      const all = await on('true');
      expect(all.targetedCustomers).toBe(0);
      expect(all.notes.join('\n')).toContain(
        `${valued} of the customers matching the target have a lifetime value that is not determined: the purchase model behind it is undetermined, so they are left out of the projection`,
      );
      // a filter on the CLV itself cannot judge an empty figure: those customers are counted too
      const byValue = await on('clv_profit > 0');
      expect(byValue.targetedCustomers).toBe(0);
      expect(byValue.notes.join('\n')).toContain(`${valued} of the customers matching the target`);
      // a filter that can judge them counts only its own
      const seg = await on("segment = 'Retail'");
      expect(retail).toBeGreaterThan(0);
      expect(seg.notes.join('\n')).toContain(`${retail} of the customers matching the target`);
      expect(JSON.stringify([all, byValue, seg])).not.toMatch(/NaN|undefined|Infinity/);
    });
  });

  it('the API: no figure, the count and reason; a customer’s CLV is null with its reason', async () => {
    // the server opens the database after the tests above wrote to it (one writer or readers, not both)
    worth = await createApp(ws.dir);
    const res = await worth.app.request('/api/lifetime-value');
    const text = await res.text();
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    const body = JSON.parse(text) as {
      determined: boolean;
      undetermined: { customers: number; reasons: string[] };
      deciles: unknown[];
      histogram: { customers: number }[];
      pAlive: { customers: number }[];
      totalProfitClv: string | null;
      totalRevenueClv: string | null;
      meanProfitClv: string | null;
      lossMakingCustomers: number | null;
      lossMakingClv: string | null;
      meanPAlive: number | null;
      totalProfitInterval: unknown;
    };
    expect(body.determined).toBe(false);
    // no total over nothing: null as in `worth clv --json`, never "0.00"
    expect([
      body.totalProfitClv,
      body.totalRevenueClv,
      body.meanProfitClv,
      body.lossMakingCustomers,
      body.lossMakingClv,
      body.meanPAlive,
      body.totalProfitInterval,
    ]).toEqual([null, null, null, null, null, null, null]);
    expect(body.undetermined).toEqual({ customers: valued, reasons: ['purchaseFit'] });
    expect(body.deciles).toEqual([]);
    expect(body.histogram.reduce((s, b) => s + b.customers, 0)).toBe(0);
    expect(body.pAlive.reduce((s, b) => s + b.customers, 0)).toBe(0);
    const id = await withEngine(ws.dir, async (e) =>
      String((await e.query('SELECT min(customer_id) AS id FROM customer_clv'))[0]!.id),
    );
    const one = (await (await worth.app.request(`/api/customers/${encodeURIComponent(id)}`)).json()) as {
      lifetimeValue: Record<string, unknown>;
    };
    expect(one.lifetimeValue).toMatchObject({
      clv_profit: null,
      clv_profit_lo: null,
      clv_revenue: null,
      p_alive: null,
      loss_making: null,
      clv_undetermined: 'purchaseFit',
    });
  });

  it('the report: no lifetime value figure, no NaN, only the history and the reasons', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const html = await buildReport(worth.reader, {
        lang,
        currency: 'EUR',
        date: '2026-01-01',
        workspace: 'w',
      });
      expect(html).not.toMatch(/NaN|undefined|Infinity/);
      expect(html).toContain(
        lang === 'nl' ? 'De klantwaarde is niet bepaald' : 'The lifetime value is not determined',
      );
    }
  });
});
