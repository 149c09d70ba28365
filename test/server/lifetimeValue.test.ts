import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { runWorkspaceClv } from '../../src/value/index.ts';
import { DuckDBEngine, type Row } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let worth: WorthApp;
let stored: Row[];

beforeAll(async () => {
  ws = await analysedWorkspace(300, 5);
  const config = loadWorkspace(ws.dir);
  const engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE));
  try {
    await runWorkspaceClv(engine, loadCostModel(config, engine.dialect), { discountRate: 0.08, calibrationEnd: config.config.period.end });
    stored = await engine.query('SELECT customer_id, p_alive, clv_profit, loss_making FROM customer_clv ORDER BY clv_profit LIMIT 3');
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
      const body = (await res.json()) as { lifetimeValue: { clv_profit: string; p_alive: number; loss_making: boolean } };
      expect(body.lifetimeValue.clv_profit).toBe((Math.round(Number(r.clv_profit) * 100) / 100).toFixed(2));
      expect(body.lifetimeValue.p_alive).toBeCloseTo(Number(r.p_alive), 12);
      expect(body.lifetimeValue.loss_making).toBe(Number(r.loss_making) === 1);
    }
  });
});
