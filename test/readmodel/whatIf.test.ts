/**
 * Cost rates you can try, on the hand-built company (test/profit/fixture.ts; the minutes are
 * worked out in test/costing/costing.test.ts): order handling C1 4, C2 3, C3 5 minutes;
 * delivery C1 2 min + 12.00 freight, C2 7 min + 20.00, C3 2 min + 50.00; both at 3.00 a minute.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { parseWhatIfRequest, readWhatIf, type WhatIf } from '../../src/readmodel/index.ts';
import { heldWhatIf, loadHeldWhatIf } from '../../src/readmodel/whatIfHeld.ts';
import { Random } from '../../src/clv/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { ingested, query, runAnalyze } from '../profit/fixture.ts';

const cents = (s: string) => Math.round(Number(s) * 100);
const money = (c: number) =>
  `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

describe('what-if rates on the hand-built company', () => {
  let dir: string;
  let before: Record<string, number>;
  let ctsBefore: number;
  const ask = async (rates: string): Promise<WhatIf> => {
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      const changes = parseWhatIfRequest({ rates });
      const sql = await readWhatIf(engine, changes);
      // The figures held in memory give the SQL path's answer, byte for byte.
      const held = await loadHeldWhatIf(engine);
      expect(held).not.toBeNull();
      expect(JSON.stringify(heldWhatIf(held!, changes)), rates).toBe(JSON.stringify(sql));
      return sql;
    } finally {
      await engine.close();
    }
  };
  beforeAll(async () => {
    dir = await ingested();
    await runAnalyze(dir);
    const rows = await query(
      dir,
      'SELECT customer_id, CAST(contribution AS VARCHAR) AS c, CAST(cost_to_serve AS VARCHAR) AS t FROM customer_pnl ORDER BY 1',
    );
    before = Object.fromEntries(rows.map((r) => [String(r.customer_id), cents(String(r.c))]));
    ctsBefore = rows.reduce((s, r) => s + cents(String(r.t)), 0);
  });

  it('order handling 3.00 -> 4.50 and delivery 3.00 -> 1.00 move each customer as a hand calculation says', async () => {
    // Order handling: C1 4 x 4.50 = 18.00 (was 12.00), C2 3 x 4.50 = 13.50 (9.00), C3 5 x 4.50 = 22.50 (15.00).
    // Delivery: C1 2 x 1 + 12 = 14.00 (18.00), C2 7 x 1 + 20 = 27.00 (41.00), C3 2 x 1 + 50 = 52.00 (56.00).
    const delta: Record<string, number> = { C1: -600 + 400, C2: -450 + 1400, C3: -750 + 400 };
    const after = Object.fromEntries(Object.entries(before).map(([c, v]) => [c, v + delta[c]!]));
    const w = await ask('order_handling:4.50,delivery:1');
    expect(w.customers).toBe(3);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(w.before.contribution).toBe(money(sum(before)));
    expect(w.after.contribution).toBe(money(sum(after)));
    expect(w.before.costToServe).toBe(money(ctsBefore));
    expect(w.after.costToServe).toBe(money(ctsBefore - 400));
    const losers = (o: Record<string, number>) => Object.values(o).filter((v) => v < 0);
    expect(w.after.lossMakers).toBe(losers(after).length);
    expect(w.after.lossMakersContribution).toBe(money(losers(after).reduce((a, b) => a + b, 0)));
    expect(w.activities).toEqual([
      {
        activityId: 'order_handling',
        rateBefore: 3,
        rateAfter: '4.50',
        assignedBefore: '36.00',
        assignedAfter: '54.00',
      },
      {
        activityId: 'delivery',
        rateBefore: 3,
        rateAfter: '1',
        assignedBefore: '115.00',
        assignedAfter: '93.00',
      },
    ]);
    // The whale curve after: customers by their new contribution, descending, with running sums.
    const sorted = Object.entries(after).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    let run = 0;
    const curve = [
      { customers: 0, cumulative: '0.00' },
      ...sorted.map(([, v], i) => ({ customers: i + 1, cumulative: money((run += v)) })),
    ];
    expect(w.whale.after).toEqual(curve);
    const runOf = (o: Record<string, number>) => {
      const order = Object.entries(o).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      let acc = 0;
      return [
        { customers: 0, cumulative: '0.00' },
        ...order.map(([, v], i) => ({ customers: i + 1, cumulative: money((acc += v)) })),
      ];
    };
    expect(w.whale.before).toEqual(runOf(before));
    expect(w.whale.after).toEqual(runOf(after));
  });

  it('a rate too large for the engine (its DECIMAL product overflows) is exact from memory, as a hand calculation says', async () => {
    // Order handling at 999,999,999,999.999999 a minute: C1 4 min = 3,999,999,999,999.999996 -> 4,000,000,000,000.00,
    // C2 3 min -> 3,000,000,000,000.00, C3 5 min -> 5,000,000,000,000.00 (each rounded half away from zero).
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      const held = (await loadHeldWhatIf(engine))!;
      const w = heldWhatIf(held, parseWhatIfRequest({ rates: 'order_handling:999999999999.999999' }))!;
      const added: Record<string, number> = { C1: 4e14 - 1200, C2: 3e14 - 900, C3: 5e14 - 1500 };
      const after = Object.entries(before).map(([c, v]) => v - added[c]!);
      expect(w.after.contribution).toBe(money(after.reduce((a, b) => a + b, 0)));
      expect(w.after.costToServe).toBe(money(ctsBefore + 12e14 - 3600));
      expect(w.activities[0]!.assignedAfter).toBe('12000000000000.00');
      expect(w.after.lossMakers).toBe(3);
    } finally {
      await engine.close();
    }
  });

  it('the rates the run used give back the run (order handling is spread exactly: no cent moves)', async () => {
    const w = await ask('order_handling:3');
    expect(w.after).toEqual(w.before);
    expect(w.activities[0]!.assignedAfter).toBe('36.00');
  });

  it('refuses an activity that is not time-driven, an unknown one, and bad forms, naming the value', async () => {
    await expect(ask('account_management:2')).rejects.toThrow(/account_management.*order_handling/);
    await expect(ask('nope:1')).rejects.toBeInstanceOf(WorthError);
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      const held = (await loadHeldWhatIf(engine))!;
      expect(() => heldWhatIf(held, parseWhatIfRequest({ rates: 'account_management:2' }))).toThrow(
        /account_management.*order_handling/,
      );
    } finally {
      await engine.close();
    }
    for (const bad of [
      '',
      'order_handling',
      'order_handling:-1',
      'order_handling:1e3',
      'order_handling:0.1234567',
      'a:1,a:2',
      "x';DROP:1",
    ])
      expect(() => parseWhatIfRequest({ rates: bad }), bad).toThrow(WorthError);
  });
});

describe('what-if from memory equals the SQL path on a demo company', () => {
  let ws: AnalysedWorkspace;
  let engine: DuckDBEngine;
  beforeAll(async () => {
    ws = await analysedWorkspace(400, 23);
    engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE));
  }, 240_000);
  afterAll(async () => {
    await engine?.close();
    ws?.remove();
  });

  it('gives the same answer for seeded rates: zero, six decimals, large, several at once', async () => {
    const held = await loadHeldWhatIf(engine);
    expect(held).not.toBeNull();
    const ids = [...held!.activities.keys()];
    expect(ids.length).toBeGreaterThan(2);
    const r = new Random(5);
    const rate = () => {
      const u = r.uniform();
      if (u < 0.1) return '0';
      if (u < 0.2) return `${Math.floor(r.uniform() * 50)}.${Math.floor(r.uniform() * 1e6)}`;
      if (u < 0.3) return `0.${String(Math.floor(r.uniform() * 1e6)).padStart(6, '0')}`;
      return (r.uniform() * 3).toFixed(1 + Math.floor(r.uniform() * 6));
    };
    for (let t = 0; t < 25; t++) {
      const chosen = ids.filter(() => r.uniform() < 0.4);
      const rates = (chosen.length ? chosen : [ids[t % ids.length]!])
        .map((id) => `${id}:${rate()}`)
        .join(',');
      const changes = parseWhatIfRequest({ rates });
      expect(JSON.stringify(heldWhatIf(held!, changes)), rates).toBe(
        JSON.stringify(await readWhatIf(engine, changes)),
      );
    }
  });
});
