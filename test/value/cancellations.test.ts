import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostModel } from '../../src/costing/index.ts';
import { WorthError } from '../../src/core/index.ts';
import { buildSummaries, runWorkspaceClv, SUMMARY_TABLE } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';

describe('purchase summaries for CLV', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open();
    await engine.run(
      'CREATE TABLE order_lines (order_id VARCHAR, customer_id VARCHAR, order_date DATE, gross_amount DECIMAL(18,2), discount_amount DECIMAL(18,2))',
    );
    await engine.run(
      'CREATE TABLE returns (return_id VARCHAR, order_id VARCHAR, customer_id VARCHAR, credited_amount DECIMAL(18,2))',
    );
    await engine.run(`INSERT INTO order_lines VALUES
      ('O1', 'A', DATE '2025-01-01', 100, 0),
      ('O2', 'A', DATE '2025-01-15', 60, 10),  -- 50 of revenue, credited in full below: a cancellation
      ('O3', 'A', DATE '2025-01-29', 90, 10),  -- 80, of which 30 comes back: still a purchase
      ('O4', 'B', DATE '2025-01-08', 40, 0),   -- B's only order, cancelled: B made no purchase
      ('O5', 'C', DATE '2025-01-08', 20, 0)`);
    await engine.run(`INSERT INTO returns VALUES
      ('R1', 'O2', 'A', 50), ('R2', 'O3', 'A', 30), ('R3', 'O4', 'B', 25), ('R4', 'O4', 'B', 15),
      ('R5', NULL, 'C', 20)                     -- names no order: cannot cancel one`);
  });
  afterAll(async () => {
    await engine.close();
  });

  it('leaves out orders that returns naming them credit in full, and keeps partly returned ones', async () => {
    await buildSummaries(engine, '2025-02-26');
    const rows = await engine.query(
      `SELECT customer_id, x, t_x, "T", monetary, orders FROM ${SUMMARY_TABLE} ORDER BY customer_id`,
    );
    // A: purchases on Jan 1 and Jan 29 (the Jan 15 order was cancelled): x = 1, t_x = 4 weeks, T = 8 weeks,
    // monetary = the repeat purchase's revenue 80. B: its only order cancelled, so no summary. C: a return
    // without an order id cancels nothing.
    expect(
      rows.map((r) => ({
        id: r.customer_id,
        x: Number(r.x),
        tx: Number(r.t_x),
        T: Number(r.T),
        m: Number(r.monetary),
        orders: Number(r.orders),
      })),
    ).toEqual([
      { id: 'A', x: 1, tx: 4, T: 8, m: 80, orders: 2 },
      { id: 'C', x: 0, tx: 0, T: 7, m: 0, orders: 1 },
    ]);
  });
});

describe('a workspace without repeat buyers', () => {
  it('gets a clear refusal, not a fit', async () => {
    const engine = await DuckDBEngine.open();
    try {
      await engine.run(
        'CREATE TABLE order_lines (order_id VARCHAR, customer_id VARCHAR, order_date DATE, gross_amount DECIMAL(18,2), discount_amount DECIMAL(18,2))',
      );
      await engine.run(
        'CREATE TABLE returns (return_id VARCHAR, order_id VARCHAR, customer_id VARCHAR, credited_amount DECIMAL(18,2))',
      );
      await engine.run('CREATE TABLE customer_pnl (customer_id VARCHAR)');
      // Twelve customers, each with one purchase day (two orders on one day are one purchase).
      for (let i = 1; i <= 12; i++)
        await engine.run(
          `INSERT INTO order_lines VALUES ('A${i}', 'C${i}', DATE '2025-03-0${1 + (i % 9)}', 10, 0), ('B${i}', 'C${i}', DATE '2025-03-0${1 + (i % 9)}', 5, 0)`,
        );
      // The refusal comes before the cost model is read, so an empty one stands in.
      const err = await runWorkspaceClv(engine, { activities: [] } as unknown as CostModel, {
        discountRate: 0.08,
        calibrationEnd: '2025-12-31',
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorthError);
      expect((err as Error).message).toBe(
        'order_lines: no customer bought on more than one day in the period, so a purchase model cannot be fitted (12 customers, each with one purchase day; a longer period or the full order history helps)',
      );
    } finally {
      await engine.close();
    }
  });
});
