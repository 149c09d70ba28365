import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/profit/index.ts';
import { ingested, query, runAnalyze } from '../profit/fixture.ts';

// The hand-built company (test/profit/fixture.ts): C1 and C2 are Retail, C3 a key account.
// Orders: O1 (C1, 2 lines), O2 (C2, 1 line), O3 (C3, 3 lines). Period 2024 (366 days = 1.00 year).
describe('costing: time-driven ABC on a hand-built company, every figure by hand', () => {
  let r: AnalysisResult;
  let dir: string;
  beforeAll(async () => {
    dir = await ingested();
    r = await runAnalyze(dir);
  });
  const activity = (id: string) => r.activities.find((a) => a.id === id)!;
  const costs = async (id: string) =>
    Object.fromEntries(
      (
        await query(dir, `SELECT customer_id, CAST(cost_${id} AS VARCHAR) AS c FROM customer_pnl ORDER BY 1`)
      ).map((x) => [x.customer_id, x.c]),
    );

  it('order handling: 2 + 1 x lines minutes per order at pool / capacity = 300 / 100 = 3.00 a minute', async () => {
    // O1: 2 + 2 = 4 min -> 12.00; O2: 2 + 1 = 3 -> 9.00; O3: 2 + 3 = 5 -> 15.00. Used 12 of 100 minutes.
    // Unused: 88 minutes x 3.00 = 264.00. 12 + 9 + 15 + 264 = 300.00, the pool.
    const a = activity('order_handling');
    expect(a).toMatchObject({
      pool: '300.00',
      usedMinutes: 12,
      capacityMinutes: 100,
      ratePerMinute: 3,
      assigned: '36.00',
      unused: '264.00',
      events: 3,
      overrunMinutes: 0,
    });
    expect(a.utilisation).toBeCloseTo(0.12, 12);
    expect(await costs('order_handling')).toEqual({ C1: '12.00', C2: '9.00', C3: '15.00' });
  });

  it('picking: thirds of a cent are rounded, and the pool is met exactly', async () => {
    // 0.5 x quantity: C1 0.5 x (2 + 1) = 1.5 min, C2 0.5, C3 0.5 x 20 = 10; used 12 of 30; rate 100 / 30.
    // Exact cents: C1 500, C2 166.67, C3 3333.33, unused 18 min = 6000. Rounded: 500 + 167 + 3333
    // + 6000 = 10000 = the pool (the floors would leave one cent, for the largest fraction: C2).
    expect(await costs('picking')).toEqual({ C1: '5.00', C2: '1.67', C3: '33.33' });
    expect(activity('picking')).toMatchObject({ pool: '100.00', assigned: '40.00', unused: '60.00' });
  });

  it('delivery: loading time at 60 / 20 = 3.00 a minute plus the freight paid per shipment', async () => {
    // S1 2 min + 12.00 freight = 18.00; S2 express 7 min = 21.00 + 20.00 = 41.00; S3 2 min + 50.00 = 56.00.
    // Unused 20 - 11 = 9 min = 27.00. Pool = 60.00 time + 82.00 freight = 142.00.
    expect(await costs('delivery')).toEqual({ C1: '18.00', C2: '41.00', C3: '56.00' });
    expect(activity('delivery')).toMatchObject({ pool: '142.00', assigned: '115.00', unused: '27.00' });
  });

  it('phone: used beyond practical capacity is a warning with the figures, charged at the actual rate, unused 0', async () => {
    // Only phone contacts: K1 10 + 1, K2 5 + 1 = 17 minutes against a capacity of 10.
    // Rate = 50 / 17 (not 5.00), so C2 carries the whole 50.00 and nothing is negative.
    const a = activity('phone');
    expect(a).toMatchObject({
      pool: '50.00',
      usedMinutes: 17,
      overrunMinutes: 7,
      assigned: '50.00',
      unused: '0.00',
    });
    expect(a.ratePerMinute).toBeCloseTo(50 / 17, 12);
    // C1's only contact is an email: the condition leaves it out.
    expect(await costs('phone')).toEqual({ C1: '0.00', C2: '50.00', C3: '0.00' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('activity phone: 17 minutes used, practical capacity 10 (170.0%)');
    expect(r.warnings[0]).toContain('overrun of 7 minutes');
  });

  it('fixed cost per key account per year, and cost of credit on late and open invoices', async () => {
    // Account management: 300.00 x 1.00 year for C3 only.
    expect(await costs('account_management')).toEqual({ C1: '0.00', C2: '0.00', C3: '300.00' });
    // Credit at 8%: I1 paid on its due date: 0. I2 30 days late: 40 x 30 x 0.08 / 365 = 0.263 -> 0.26.
    // I3 unpaid, due 2024-03-31, open until the period end 2024-12-31: 275 days: 1800 x 275 x 0.08 / 365 = 108.49.
    expect(await costs('credit')).toEqual({ C1: '0.00', C2: '0.26', C3: '108.49' });
    expect(activity('credit')).toMatchObject({
      pool: '108.75',
      unused: '0.00',
      behaviour: 'variable',
      kind: 'credit',
    });
  });

  it('sum over customers + unused capacity = sum of the pools, to the cent', () => {
    // Pools 300 + 100 + 142 + 50 + 300 + 108.75 = 1000.75; customers 649.75; unused 264 + 60 + 27 = 351.00.
    expect(r.reconciliation).toMatchObject({
      costPools: '1000.75',
      assignedToCustomers: '649.75',
      unattributed: '0.00',
      unusedCapacity: '351.00',
      difference: '0.00',
    });
    expect(r.totals.unusedCapacity).toBe('351.00');
  });

  it('writes activity_summary with behaviour for the scenario engine', async () => {
    const rows = await query(
      dir,
      'SELECT activity_id, behaviour, kind, CAST(pool AS VARCHAR) AS pool, CAST(unused_capacity AS VARCHAR) AS unused FROM activity_summary ORDER BY position',
    );
    expect(rows.map((x) => [x.activity_id, x.behaviour, x.kind, x.pool, x.unused])).toEqual([
      ['order_handling', 'capacity', 'time', '300.00', '264.00'],
      ['picking', 'capacity', 'time', '100.00', '60.00'],
      ['delivery', 'variable', 'time', '142.00', '27.00'],
      ['phone', 'capacity', 'time', '50.00', '0.00'],
      ['account_management', 'fixed', 'fixed', '300.00', '0.00'],
      ['credit', 'variable', 'credit', '108.75', '0.00'],
    ]);
  });
});
