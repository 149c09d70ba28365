import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, summarize } from '../../src/clv/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { readLifetimeValue } from '../../src/readmodel/index.ts';
import { buildSummaries, runWorkspaceClv, SUMMARY_TABLE } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace, type Workspace } from '../../src/workspace/index.ts';

let ws: Workspace;
let engine: Engine;

beforeAll(async () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-clv-ws-')), 'demo');
  await writeDemoWorkspace(dir, { customers: 400, seed: 11 });
  ws = loadWorkspace(dir);
  await ingestWorkspace(ws);
  engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  await analyze(engine, loadCostModel(ws, engine.dialect), {});
});

describe('workspace CLV', () => {
  it('builds the same customer summaries in SQL as the TypeScript data preparation (lifetimes conventions)', async () => {
    const end = ws.config.period.end;
    await buildSummaries(engine, end);
    const sql = await engine.query(`SELECT customer_id, x, t_x, "T", monetary FROM ${SUMMARY_TABLE}`);
    // Independent path: the order lines in TypeScript, orders that returns naming them credit in full
    // (cancellations) dropped here, then summarize().
    const all = await engine.query(
      "SELECT customer_id, order_id, strftime(order_date, '%Y-%m-%d') AS d, CAST(gross_amount - discount_amount AS DOUBLE) AS v FROM order_lines WHERE customer_id IS NOT NULL",
    );
    const credits = await engine.query(
      'SELECT customer_id, order_id, CAST(credited_amount AS DOUBLE) AS c FROM returns WHERE order_id IS NOT NULL AND customer_id IS NOT NULL',
    );
    const key = (r: Record<string, unknown>) => `${String(r.customer_id)}|${String(r.order_id)}`;
    const revenue = new Map<string, number>();
    for (const r of all) revenue.set(key(r), (revenue.get(key(r)) ?? 0) + Number(r.v));
    const credited = new Map<string, number>();
    for (const r of credits) credited.set(key(r), (credited.get(key(r)) ?? 0) + Number(r.c));
    const lines = all.filter((r) => (credited.get(key(r)) ?? -1) < revenue.get(key(r))! - 1e-9);
    expect(lines.length).toBeLessThan(all.length); // the demo has cancellations
    const ts = summarize(
      {
        customer: lines.map((r) => String(r.customer_id)),
        day: Int32Array.from(lines.map((r) => dayNumber(String(r.d)))),
        amount: Float64Array.from(lines.map((r) => Number(r.v))),
      },
      { calibrationEnd: dayNumber(end), unit: 'weeks' },
    );
    const byId = new Map(ts.ids.map((id, i) => [id, i]));
    expect(sql.length).toBe(ts.ids.length);
    for (const r of sql) {
      const i = byId.get(String(r.customer_id))!;
      expect(Number(r.x), String(r.customer_id)).toBe(ts.x[i]);
      expect(Number(r.t_x)).toBeCloseTo(ts.tx[i]!, 9);
      expect(Number(r.T)).toBeCloseTo(ts.T[i]!, 9);
      expect(Math.abs(Number(r.monetary) - ts.m[i]!), `monetary of ${r.customer_id}`).toBeLessThan(1e-6);
    }
  });

  it('stores CLV per customer; loss-makers are negative and counted; profit CLV never exceeds revenue CLV times the margin', async () => {
    const result = await runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), {
      discountRate: 0.08,
      calibrationEnd: ws.config.period.end,
    });
    expect(result.purchaseFit.converged).toBe(true);
    const rows = await engine.query(
      'SELECT customer_id, margin_rate, variable_cost_per_order, fixed_cost_per_year, clv_revenue, clv_profit, loss_making, p_alive FROM customer_clv',
    );
    expect(rows.length).toBe(result.customers);
    let losers = 0;
    for (const r of rows) {
      const profit = Number(r.clv_profit);
      expect(Number.isFinite(profit)).toBe(true);
      expect(Number(r.p_alive)).toBeGreaterThanOrEqual(0);
      expect(Number(r.p_alive)).toBeLessThanOrEqual(1);
      expect(Number(r.loss_making) === 1, String(r.customer_id)).toBe(profit < 0);
      if (profit < 0) losers++;
      // Costs only take away: profit <= revenue x margin rate (to rounding).
      expect(profit).toBeLessThanOrEqual(Number(r.clv_revenue) * Math.max(Number(r.margin_rate), 0) + 1e-6);
    }
    expect(losers).toBe(result.lossMakingCustomers);
    expect(losers).toBeGreaterThan(0);
    // The observed margin rate is read from the P&L (gross margin per euro of invoice revenue); the rate
    // used lies between it and the segment's rate (credibility), and inside the bounds.
    const check = await engine.query(
      `SELECT c.margin_rate, c.margin_rate_observed, c.margin_credibility, CAST(p.gross_margin AS DOUBLE) / CAST(p.gross_sales - p.discounts AS DOUBLE) AS expected,
         CAST(p.gross_sales - p.discounts AS DOUBLE) AS revenue, (SELECT CAST(sum(p2.gross_margin) AS DOUBLE) / CAST(sum(p2.gross_sales - p2.discounts) AS DOUBLE)
           FROM customer_pnl p2 JOIN customers k2 USING (customer_id) WHERE k2.segment = k.segment AND p2.gross_sales - p2.discounts > 0) AS segment_rate
       FROM customer_clv c JOIN customer_pnl p USING (customer_id) JOIN customers k USING (customer_id) WHERE p.gross_sales - p.discounts > 0`,
    );
    expect(result.marginRates.halfWeightRevenue).toBeGreaterThan(0);
    const k = result.marginRates.halfWeightRevenue!;
    for (const r of check) {
      expect(Number(r.margin_rate_observed)).toBeCloseTo(Number(r.expected), 12);
      const w = Number(r.revenue) / (Number(r.revenue) + k);
      // K is reported rounded to cents, so the weights agree to 5e-6 (not to machine precision).
      expect(Number(r.margin_credibility)).toBeCloseTo(w, 5);
      const expectedRate = Math.min(
        1,
        Math.max(-1, Number(r.segment_rate) + w * (Number(r.expected) - Number(r.segment_rate))),
      );
      expect(Number(r.margin_rate)).toBeCloseTo(expectedRate, 5);
    }
  });

  it("per segment: totals add up to the run total to the cent, each with an interval of its own (narrower than its customers' bounds added up), read back alike", async () => {
    const result = await runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), {
      discountRate: 0.08,
      calibrationEnd: ws.config.period.end,
    });
    expect(result.segmentBy).toBe('segment');
    const rows = await engine.query(
      'SELECT k.segment, c.clv_profit, c.clv_profit_lo, c.clv_profit_hi, c.expected_purchases FROM customer_clv c JOIN customers k USING (customer_id)',
    );
    // by hand from the stored customers: cents per customer, summed per segment
    const want = new Map<string, { n: number; cents: bigint; purchases: number; boundsHalf: number }>();
    for (const r of rows) {
      const w = want.get(String(r.segment)) ?? { n: 0, cents: 0n, purchases: 0, boundsHalf: 0 };
      w.n++;
      w.cents += BigInt(Math.round(Number(r.clv_profit) * 100));
      w.purchases += Number(r.expected_purchases);
      w.boundsHalf += (Number(r.clv_profit_hi) - Number(r.clv_profit_lo)) / 2;
      want.set(String(r.segment), w);
    }
    expect(result.segments.map((s) => s.segment)).toEqual([...want.keys()].sort());
    let sum = 0n;
    for (const s of result.segments) {
      const w = want.get(s.segment!)!;
      expect(s.customers).toBe(w.n);
      expect(s.valued).toBe(w.n);
      const cents = BigInt(Math.round(Number(s.totalProfitClv) * 100));
      expect(cents, s.segment!).toBe(w.cents);
      sum += cents;
      expect(Math.abs(s.expectedPurchases! - w.purchases)).toBeLessThanOrEqual(1e-9 * w.purchases);
      const iv = s.totalProfitInterval!;
      const total = Number(s.totalProfitClv);
      expect(Number(iv.lo)).toBeLessThan(total);
      expect(Number(iv.hi)).toBeGreaterThan(total);
      // all customers move with the same parameters: the total's spread is at most the bounds added up
      const half = (Number(iv.hi) - Number(iv.lo)) / 2;
      expect(half, s.segment!).toBeLessThanOrEqual(w.boundsHalf + 0.01);
      const q = s.expectedPurchasesInterval!;
      expect(q.lo).toBeLessThan(s.expectedPurchases!);
      expect(q.hi).toBeGreaterThan(s.expectedPurchases!);
      expect(Number(s.meanProfitClv)).toBeCloseTo(total / w.n, 2);
    }
    expect(sum).toBe(BigInt(Math.round(Number(result.totalProfitClv) * 100)));
    const read = await readLifetimeValue(engine);
    expect(read.available && read.segmentBy).toBe('segment');
    if (read.available) expect(read.segments).toEqual(result.segments);
  }, 300_000);
});
