import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { formatCount, formatMoney, modelName } from '../../src/charts/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { runWorkspaceClv } from '../../src/value/index.ts';
import { DuckDBEngine, type Row } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let worth: WorthApp;
let stored: Row[];
const DOUBT =
  'b = 2.00e+5 is at the edge of the parameter space: the data do not identify this model well (too few customers or purchases?)';
const DOUBT_DATA = { about: 'purchase', model: 'bgnbd', code: 'edge', vars: { param: 'b', value: 2e5 } };
let contribution: string;

beforeAll(async () => {
  ws = await analysedWorkspace(300, 5);
  const config = loadWorkspace(ws.dir);
  const engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE));
  try {
    const run = await runWorkspaceClv(engine, loadCostModel(config, engine.dialect), {
      discountRate: 0.08,
      calibrationEnd: config.config.period.end,
    });
    expect(run.purchaseFit.degenerate).toBe(false);
    stored = await engine.query(
      'SELECT customer_id, p_alive, clv_profit, clv_profit_lo, clv_profit_hi, loss_making FROM customer_clv ORDER BY clv_profit LIMIT 3',
    );
    // Mark the stored purchase fit doubtful, as a degenerate run would store it (the English sentence and
    // its data), to see it travel to the API and the report.
    await engine.run(
      "UPDATE clv_fit SET degenerate = true, warnings = $1, warning_data = $2 WHERE model <> 'gamma-gamma'",
      [JSON.stringify([DOUBT]), JSON.stringify([DOUBT_DATA])],
    );
    // what the valued customers brought in, summed here by a join of its own
    const [h] = await engine.query(
      'SELECT sum(p.contribution) AS c FROM customer_pnl p JOIN customer_clv c ON c.customer_id = p.customer_id',
    );
    contribution = String(h!.c);
  } finally {
    await engine.close();
  }
  worth = await createApp(ws.dir);
});
afterAll(async () => {
  await worth?.close();
  ws?.remove();
});

describe('GET /api/customers/:id with lifetime value', () => {
  it('returns the customer CLV on profit (cents) and P(alive) as stored by worth clv', async () => {
    for (const r of stored) {
      const res = await worth.app.request(`/api/customers/${r.customer_id}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        lifetimeValue: {
          clv_profit: string;
          clv_profit_lo: string | null;
          clv_profit_hi: string | null;
          p_alive: number;
          loss_making: boolean;
        };
      };
      // the 90% interval, in cents, as the customer page shows it
      const cents = (v: unknown) => (Math.round(Number(v) * 100) / 100).toFixed(2);
      expect(r.clv_profit_lo).not.toBeNull();
      expect(body.lifetimeValue.clv_profit_lo).toBe(cents(r.clv_profit_lo));
      expect(body.lifetimeValue.clv_profit_hi).toBe(cents(r.clv_profit_hi));
      expect(body.lifetimeValue.clv_profit).toBe((Math.round(Number(r.clv_profit) * 100) / 100).toFixed(2));
      expect(body.lifetimeValue.p_alive).toBeCloseTo(Number(r.p_alive), 12);
      expect(body.lifetimeValue.loss_making).toBe(Number(r.loss_making) === 1);
    }
  });
});

describe('a doubtful fit', () => {
  it('reaches the API with its flag, its reasons as {code, vars} and as English, and as not determined', async () => {
    const res = await worth.app.request('/api/lifetime-value');
    const body = (await res.json()) as {
      purchaseModel: { degenerate: boolean; warnings: string[]; warningData: unknown };
      spendModel: { degenerate: boolean; warnings: string[]; warningData: unknown };
      determined: boolean;
      historicContribution: string;
    };
    expect(body.purchaseModel).toMatchObject({
      degenerate: true,
      warnings: [DOUBT],
      warningData: [DOUBT_DATA],
    });
    expect(body.spendModel).toMatchObject({ degenerate: false, warnings: [], warningData: [] });
    expect(body.determined).toBe(false);
    expect(body.historicContribution).toBe(contribution);
  });

  it('the report says the reasons in its own language and gives no CLV figure, only the history', async () => {
    const res = await worth.app.request('/api/lifetime-value');
    const body = (await res.json()) as { purchaseModel: { model: string }; customers: number };
    const model = modelName(body.purchaseModel.model);
    const report = (lang: 'nl' | 'en') =>
      buildReport(worth.reader, { lang, currency: 'EUR', date: '2026-01-01', workspace: 'w' });
    const nl = await report('nl');
    expect(nl).toContain(
      `Handel niet op de schattingen van ${model}: de data leggen het model niet vast.</strong> b = 200.000 ligt aan de rand van de parameterruimte`,
    );
    expect(nl).not.toContain('is at the edge');
    expect(nl).not.toContain('in het Engels):</strong>');
    expect(nl).toContain(
      `De klantwaarde is niet bepaald: het model erachter is onbepaald (de redenen volgen), dus zij staat hier niet als getal om op te handelen. Wat de ${formatCount(body.customers, 'nl')} klanten in de geanalyseerde periode opbrachten: een winstbijdrage van ${formatMoney(contribution, 'nl', 'EUR', 0)}.`,
    );
    // no lifetime value figure (the first sentence of a determined section), no decile chart
    expect(nl).not.toContain('kapitaalkosten), gemiddeld');
    expect(nl).not.toContain('Klantwaarde per tiende');
    const en = await report('en');
    expect(en).toContain('b = 200,000 is at the edge of the parameter space');
    expect(en).toContain('The lifetime value is not determined');
    expect(en).not.toContain('are expected to contribute');
  });
});

describe('the stored model choice', () => {
  it('reaches /api/lifetime-value with its reason and each candidate holdout check, and the report says why', async () => {
    const res = await worth.app.request('/api/lifetime-value');
    const body = (await res.json()) as {
      purchaseModel: { model: string };
      choice: {
        model: string;
        basis: string;
        reason: string;
        candidates: {
          model: string;
          holdout: { expected: number; actual: number; error: number | null } | null;
        }[];
      };
    };
    expect(body.choice.model).toBe(body.purchaseModel.model);
    expect(body.choice.reason).toContain(body.choice.model);
    expect(body.choice.candidates.map((c) => c.model).sort()).toEqual(['bgnbd', 'mbgnbd', 'pareto-nbd']);
    for (const c of body.choice.candidates) {
      if (c.holdout && c.holdout.actual > 0)
        expect(c.holdout.error).toBeCloseTo((c.holdout.expected - c.holdout.actual) / c.holdout.actual, 12);
    }
    const iv = body as unknown as { totalProfitInterval: { lo: string; hi: string }; totalProfitClv: string };
    expect(Number(iv.totalProfitInterval.lo)).toBeLessThan(Number(iv.totalProfitClv));
    expect(Number(iv.totalProfitInterval.hi)).toBeGreaterThan(Number(iv.totalProfitClv));
    expect(iv.totalProfitInterval.lo).toMatch(/^-?\d+\.\d\d$/);
    const html = await buildReport(worth.reader, {
      lang: 'en',
      currency: 'EUR',
      date: '2026-01-01',
      workspace: 'w',
    });
    // why the model, said from the stored choice (not the English sentence)
    expect(html).toMatch(
      /Why (BG\/NBD|MBG\/NBD|Pareto\/NBD): (closest to the \d+ held-out weeks|lowest BIC)/,
    );
    expect(html).not.toContain('(in English)');
    expect(JSON.stringify(body)).not.toMatch(/NaN|Infinity|undefined/);
  });
});
