/**
 * The customer pages held in memory answer exactly as the database does: every customer's page
 * and months on a valued demo workspace, and awkward values (ids in byte order with accents and
 * emoji, missing text, dates and booleans, negative cents, a tie of dates) on a hand-built one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceReader, customerTrendOf } from '../../src/server/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { writeValuedDemo } from './valuedWorkspace.ts';

describe('customer pages held in memory, on a valued demo workspace', () => {
  let dir: string;
  let fromDatabase: WorkspaceReader;
  let fromMemory: WorkspaceReader;
  let ids: string[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'worth-pages-'));
    await writeValuedDemo(dir, 250, 23);
    fromDatabase = await WorkspaceReader.open(dir);
    fromMemory = await WorkspaceReader.open(dir);
    const skipped: string[] = [];
    expect(await fromMemory.holdPages((r) => skipped.push(r))).not.toBeNull();
    expect(skipped).toEqual([]);
    ids = (
      await fromDatabase.read((e) => e.query('SELECT customer_id FROM customer_pnl ORDER BY customer_id'))
    ).map((r) => String(r.customer_id));
  }, 240_000);
  afterAll(async () => {
    await fromDatabase?.close();
    await fromMemory?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every customer the same page, byte for byte', async () => {
    expect(ids.length).toBe(250);
    let withFeedback = 0;
    let withContacts = 0;
    let withLoss = 0;
    let withValue = 0;
    let withHistory = 0;
    for (const id of ids) {
      const db = await fromDatabase.customer(id);
      const mem = await fromMemory.customer(id);
      expect(JSON.stringify(mem)).toBe(JSON.stringify(db));
      if (db.feedback.length) withFeedback++;
      if (db.serviceContacts.length) withContacts++;
      if (db.lossExplanations.length) withLoss++;
      if (db.lifetimeValue) withValue++;
      if (db.history.length) withHistory++;
    }
    // The comparison covers the lists, not only empty ones.
    expect(withFeedback).toBeGreaterThan(10);
    expect(withContacts).toBeGreaterThan(10);
    expect(withLoss).toBeGreaterThan(10);
    expect(withValue).toBeGreaterThan(200);
    expect(withHistory).toBeGreaterThan(200);
  });

  it('gives every customer the same months, by month and by quarter', async () => {
    for (const id of ids) {
      for (const grain of ['month', 'quarter']) {
        const db = await customerTrendOf(fromDatabase, id, grain);
        const mem = await customerTrendOf(fromMemory, id, grain);
        expect(JSON.stringify(mem)).toBe(JSON.stringify(db));
      }
    }
    expect(fromMemory.heldMonths(ids[0]!)).not.toBeUndefined();
    expect(fromDatabase.heldMonths(ids[0]!)).toBeUndefined();
  });

  it("reads the order history from analyze's monthly P&L, as the order lines give it", async () => {
    // Worked from the order lines here: orders are distinct (order, date) pairs, sales gross - discount, per month.
    const money = (v: unknown) => String(v);
    const fromLines = await fromDatabase.read((e) =>
      e.query(
        "SELECT customer_id, strftime(order_date, '%Y-%m') AS month, count(DISTINCT (order_id, order_date)) AS orders, " +
          'CAST(sum(gross_amount - discount_amount) AS VARCHAR) AS sales FROM order_lines GROUP BY ALL ORDER BY customer_id, month',
      ),
    );
    const expected = new Map<string, string[]>();
    for (const r of fromLines) {
      const id = String(r.customer_id);
      expected.set(id, [
        ...(expected.get(id) ?? []),
        `${String(r.month)} ${Number(r.orders)} ${money(r.sales)}`,
      ]);
    }
    expect(fromLines.length).toBeGreaterThan(500);
    for (const id of ids) {
      const page = await fromMemory.customer(id);
      expect(page.history.map((h) => `${h.month} ${h.orders} ${h.sales}`)).toEqual(expected.get(id) ?? []);
    }
  });

  it('says not_found (the API answers 404) for a customer that is not there, from memory as from the database', async () => {
    for (const id of ['C999999', '', 'c000001', `${ids[0]!} `]) {
      await expect(fromDatabase.customer(id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(fromMemory.customer(id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(customerTrendOf(fromMemory, id, 'month')).rejects.toMatchObject({ code: 'not_found' });
    }
  });
});

describe('customer pages held in memory, on awkward values', () => {
  let engine: DuckDBEngine;
  let fromDatabase: WorkspaceReader;
  let fromMemory: WorkspaceReader;
  // Byte order puts 'Z' before 'a', 'é' (C3 A9) after 'z', and the emoji (F0 ...) last.
  const ids = ['10', '9', 'A-1', 'Z', 'a', 'zz', 'é', 'éa', '😀', 'Ω'];
  beforeAll(async () => {
    engine = await DuckDBEngine.open();
    const list = `[${ids.map((i) => `'${i}'`).join(', ')}]`;
    await engine.run(
      `CREATE TABLE customer_pnl AS SELECT unnest(${list}) AS customer_id, CAST(-0.05 AS DECIMAL(18,2)) AS net_sales, ` +
        'CAST(0 AS DECIMAL(18,2)) AS gross_margin, CAST(12.5 AS DECIMAL(18,2)) AS cost_to_serve, CAST(-12.55 AS DECIMAL(18,2)) AS contribution, ' +
        "CAST(NULL AS BOOLEAN) AS cogs_estimated, CAST(CASE WHEN customer_id = 'Z' THEN -12345678901.23 WHEN customer_id = 'a' THEN 7 END AS DECIMAL(18,2)) AS cost_big",
    );
    await engine.run(
      "UPDATE customer_pnl SET cogs_estimated = customer_id IN ('Z', 'é'), net_sales = 1234567.89 WHERE customer_id <> '9'",
    );
    await engine.run(
      "CREATE TABLE customers AS SELECT customer_id, CASE WHEN customer_id = 'a' THEN NULL ELSE 'Name ' || customer_id END AS name, " +
        "CASE WHEN customer_id IN ('10', 'Ω') THEN NULL ELSE 'Retail' END AS segment, " +
        "CASE WHEN customer_id = 'zz' THEN NULL ELSE DATE '1969-12-31' + CAST(length(customer_id) AS INTEGER) END AS acquired_on FROM customer_pnl WHERE customer_id <> '9'",
    );
    await engine.run(
      'CREATE TABLE feedback (feedback_id VARCHAR, customer_id VARCHAR, feedback_date DATE, kind VARCHAR, score DOUBLE, scale_max DOUBLE, text VARCHAR)',
    );
    // 25 entries for 'é' on 3 days (ties on a day, ordered by id): the latest 20 are kept. Their kinds repeat (5 values
    // over 26 rows: held as codes into the distinct values), with an empty one, a missing one and byte-order neighbours.
    await engine.run(
      "INSERT INTO feedback SELECT printf('F%02d', i), 'é', DATE '2024-01-01' + CAST(i % 3 AS INTEGER), " +
        "CASE i % 6 WHEN 0 THEN 'survey' WHEN 1 THEN '' WHEN 2 THEN 'Z' WHEN 3 THEN 'a' WHEN 4 THEN 'é' END, CASE WHEN i = 4 THEN NULL ELSE i / 4 END, 10, " +
        "CASE WHEN i = 7 THEN NULL WHEN i = 8 THEN '' ELSE 'tekst \"' || i || '\" ✓' END FROM range(25) t(i)",
    );
    await engine.run(
      "INSERT INTO feedback VALUES ('G1', '😀', DATE '2023-05-06', 'complaint', 2, 5, 'Te laat geleverd')",
    );
    fromDatabase = await WorkspaceReader.fromEngine(engine);
    fromMemory = await WorkspaceReader.fromEngine(engine);
    expect(await fromMemory.holdPages()).not.toBeNull();
  });
  afterAll(async () => {
    await fromDatabase?.close();
    await fromMemory?.close();
  });

  it('finds every id, in byte order, and gives the same page', async () => {
    for (const id of ids) {
      const db = await fromDatabase.customer(id);
      const mem = await fromMemory.customer(id);
      expect(JSON.stringify(mem)).toBe(JSON.stringify(db));
    }
    const e = await fromMemory.customer('é');
    expect(e.feedback.length).toBe(20);
    // Latest day first (2024-01-03: i % 3 = 2), ties by id descending: F23, F20, F17, ...
    expect(e.feedback.slice(0, 3).map((f) => f.text)).toEqual([
      'tekst "23" ✓',
      'tekst "20" ✓',
      'tekst "17" ✓',
    ]);
    expect(e.feedback.slice(0, 6).map((f) => f.kind)).toEqual([null, 'Z', null, 'Z', null, 'Z']);
    // Then F05, F02, and the day before: F22, F19, F16, F13 (i % 6 = 4, 1, 4, 1).
    expect(e.feedback.slice(6, 12).map((f) => f.kind)).toEqual([null, 'Z', 'é', '', 'é', '']);
    expect(e.pnl).toMatchObject({
      net_sales: '1234567.89',
      contribution: '-12.55',
      cogs_estimated: true,
      cost_big: null,
    });
    // Beyond 2^31 cents: the column is kept as doubles, still exact.
    expect((await fromMemory.customer('Z')).pnl).toMatchObject({ cost_big: '-12345678901.23' });
    expect((await fromMemory.customer('a')).pnl).toMatchObject({ cost_big: '7.00' });
    expect((await fromMemory.customer('9')).pnl).toMatchObject({ net_sales: '-0.05', cogs_estimated: null });
    expect((await fromMemory.customer('9')).customer).toEqual({ customer_id: '9' });
    expect((await fromMemory.customer('a')).customer).toMatchObject({
      name: null,
      acquired_on: '1970-01-01',
    });
    expect((await fromMemory.customer('zz')).customer).toMatchObject({ acquired_on: null });
  });

  it('says not_found (the API answers 404) for ids between and around the held ones', async () => {
    for (const id of ['0', '11', 'A', 'Y', 'b', 'ë', 'é ', '😁', 'ΩΩ']) {
      await expect(fromMemory.customer(id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(fromDatabase.customer(id)).rejects.toMatchObject({ code: 'not_found' });
    }
  });
});
