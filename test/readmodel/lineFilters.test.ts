/**
 * The line roll-ups (by product group and order channel) and a product group's customers under
 * the global filters, on a real DuckDB:
 * - the hand-built company (test/profit/fixture.ts), figures worked out by hand;
 * - the demo company at 300 customers, every figure summed independently in BigInt cents from
 *   its CSV files (order lines joined to the customers' attributes by hand), and the parts of a
 *   filter (each segment, each month) adding up to the unfiltered roll-up to the cent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import {
  heldLineRollups,
  loadHeldLines,
  readFilteredLines,
  readProductGroupCustomers,
  type Filters,
  type LineRollups,
} from '../../src/readmodel/index.ts';
import { DuckDBEngine, type Engine, type Row } from '../../src/warehouse/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';

/** Product group or channel -> [lines, invoiced sales, cost of goods, margin], as the reads give them. */
const figures = (rows: Row[], key: string) =>
  Object.fromEntries(
    rows.map((r) => [
      String(r[key]),
      [Number(r.order_lines), String(r.invoiced_sales), String(r.cogs), String(r.invoiced_margin)],
    ]),
  );

describe('the hand-built company', () => {
  let engine: Engine;
  beforeAll(async () => {
    const dir = await ingested();
    await runAnalyze(dir);
    engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('unfiltered, the roll-ups are the stored ones, row for row', async () => {
    const lines = await readFilteredLines(engine, {});
    const stored = async (t: string, key: string) =>
      engine.query(`SELECT * FROM ${t} ORDER BY invoiced_margin DESC, ${key}`);
    expect(lines.productGroups).toEqual(await stored('rollup_product_group', 'product_group'));
    expect(lines.channels).toEqual(await stored('rollup_order_channel', 'channel'));
    // A: 90 + 40 + 900 = 1,030.00 sales, 50 + 30 + 500 = 580.00 cost; B: 50 + 450 + 450 = 950.00, 20 + 250 + 250 = 520.00.
    expect(figures(lines.productGroups, 'product_group')).toEqual({
      A: [3, '1030.00', '580.00', '450.00'],
      B: [3, '950.00', '520.00', '430.00'],
    });
  });

  // Zuid is C2 and C3; February to March holds O2 (C2, 2024-02-01) and O3 (C3, 2024-03-01).
  const zuidFebMar: Filters = { region: 'Zuid', from: '2024-02', to: '2024-03' };

  it('Zuid, February to March: A is O2/1 and O3/1, B is O3/2 and O3/3', async () => {
    const lines = await readFilteredLines(engine, zuidFebMar);
    // A: 40.00 + (1,000 - 100) = 940.00 sales, 30 + 500 = 530.00 cost, 410.00 margin;
    // B: 2 x (500 - 50) = 900.00 sales, 2 x 250 = 500.00 cost, 400.00 margin.
    expect(figures(lines.productGroups, 'product_group')).toEqual({
      A: [2, '940.00', '530.00', '410.00'],
      B: [2, '900.00', '500.00', '400.00'],
    });
    // Order channels: phone is O2 (40 - 30 = 10.00), EDI is O3 (900 + 450 + 450 = 1,800.00 - 1,000.00 = 800.00).
    expect(figures(lines.channels, 'channel')).toEqual({
      EDI: [3, '1800.00', '1000.00', '800.00'],
      phone: [1, '40.00', '30.00', '10.00'],
    });
    expect(lines.productGroups.map((r) => r.product_group)).toEqual(['A', 'B']);
    expect(heldLineRollups((await loadHeldLines(engine))!, zuidFebMar)).toEqual(lines);
  });

  it("a product group's customers under the filter: A in Zuid, February to March, is C3 400.00 and C2 10.00", async () => {
    const a = await readProductGroupCustomers(engine, 'A', zuidFebMar);
    expect(a.customers.map((c) => [c.customerId, c.lines, c.margin])).toEqual([
      ['C3', 1, '400.00'],
      ['C2', 1, '10.00'],
    ]);
    expect([a.total, a.unattributed, a.others.customers]).toEqual(['410.00', '0.00', 0]);
    // January alone is C1's order: A 100 - 10 - 50 = 40.00.
    const jan = await readProductGroupCustomers(engine, 'A', { from: '2024-01', to: '2024-01' });
    expect(jan.customers.map((c) => [c.customerId, c.margin])).toEqual([['C1', '40.00']]);
    expect(jan.total).toBe('40.00');
  });

  it('a group without lines under the filter has none; a group without any line is an error naming it', async () => {
    const none = await readProductGroupCustomers(engine, 'B', { region: 'Noord', from: '2024-02' });
    expect([none.customers, none.total]).toEqual([[], '0.00']);
    await expect(readProductGroupCustomers(engine, 'Z', { region: 'Zuid' })).rejects.toMatchObject({
      code: 'input',
      value: 'Z',
    });
  });

  it('a workspace analysed before the lines cube answers the same from the order lines', async () => {
    const before = await readFilteredLines(engine, zuidFebMar);
    await engine.run('ALTER TABLE lines_cube RENAME TO lines_cube_kept');
    try {
      expect(await engine.tableExists('lines_cube')).toBe(false);
      expect(await readFilteredLines(engine, zuidFebMar)).toEqual(before);
      expect(await loadHeldLines(engine)).toBeNull();
    } finally {
      await engine.run('ALTER TABLE lines_cube_kept RENAME TO lines_cube');
    }
  });
});

/** One order line of the demo's CSV: its group, channel, month, customer and cents. */
interface CsvLine {
  group: string;
  channel: string;
  month: string;
  customer: string;
  sales: bigint;
  cogs: bigint;
}

const cents = (s: string) => {
  const [whole, frac = ''] = s.split('.');
  const sign = whole!.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole!.replace('-', '')) * 100n + BigInt((frac + '00').slice(0, 2)));
};
const money = (c: bigint) => {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

function readCsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i]!, v])));
}

describe('the demo company, summed by hand from its files', () => {
  let ws: AnalysedWorkspace;
  let engine: Engine;
  let lines: CsvLine[];
  let attrs: Map<string, Record<string, string>>;
  beforeAll(async () => {
    ws = await analysedWorkspace(300, 7);
    engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE));
    attrs = new Map(readCsv(path.join(ws.dir, 'data/customers.csv')).map((c) => [c.customer_id!, c]));
    lines = readCsv(path.join(ws.dir, 'data/order_lines.csv')).map((l) => ({
      group: l.product_group || '(none)',
      channel: l.channel || '(none)',
      month: l.order_date!.slice(0, 7),
      customer: l.customer_id!,
      sales: cents(l.gross_amount!) - cents(l.discount_amount || '0'),
      cogs: cents(l.cogs_amount || '0'),
    }));
  });
  afterAll(async () => {
    await engine?.close();
    ws?.remove();
  });

  const matches = (l: CsvLine, f: Filters) =>
    (f.from === undefined || l.month >= f.from) &&
    (f.to === undefined || l.month <= f.to) &&
    (['segment', 'channel', 'region'] as const).every(
      (a) => f[a] === undefined || attrs.get(l.customer)?.[a] === f[a],
    );

  /** Group (or order channel) -> [lines, sales, cost, margin] of the lines `f` selects, in cents. */
  function expected(f: Filters, by: 'group' | 'channel') {
    const out = new Map<string, [number, bigint, bigint]>();
    for (const l of lines.filter((x) => matches(x, f))) {
      const s = out.get(l[by]) ?? [0, 0n, 0n];
      out.set(l[by], [s[0] + 1, s[1] + l.sales, s[2] + l.cogs]);
    }
    return Object.fromEntries(
      [...out].map(([k, [n, sales, cogs]]) => [k, [n, money(sales), money(cogs), money(sales - cogs)]]),
    );
  }

  const check = (got: LineRollups, f: Filters) => {
    expect(figures(got.productGroups, 'product_group'), JSON.stringify(f)).toEqual(expected(f, 'group'));
    expect(figures(got.channels, 'channel'), JSON.stringify(f)).toEqual(expected(f, 'channel'));
  };

  it('every segment, channel and region alone, periods, and both together', async () => {
    const filters: Filters[] = [{}];
    for (const a of ['segment', 'channel', 'region'] as const)
      for (const v of new Set([...attrs.values()].map((c) => c[a]!))) filters.push({ [a]: v });
    filters.push(
      { from: '2024-01', to: '2024-06' },
      { from: '2025-03' },
      { to: '2023-02' },
      { channel: 'web shop', from: '2024-11', to: '2025-01' },
      { segment: 'Horeca', region: 'Zuid', from: '2024-01' },
    );
    const held = await loadHeldLines(engine);
    expect(held).not.toBeNull();
    for (const f of filters) {
      const sql = await readFilteredLines(engine, f);
      check(sql, f);
      // The held cube answers row for row as the SQL does.
      expect(heldLineRollups(held!, f), JSON.stringify(f)).toEqual(sql);
    }
  });

  it('the segments, and the months, add up to the unfiltered roll-up to the cent', async () => {
    const whole = figures((await readFilteredLines(engine, {})).productGroups, 'product_group');
    const sumOf = async (parts: Filters[]) => {
      const sums = new Map<string, [number, bigint, bigint, bigint]>();
      for (const f of parts)
        for (const r of (await readFilteredLines(engine, f)).productGroups) {
          const k = String(r.product_group);
          const s = sums.get(k) ?? [0, 0n, 0n, 0n];
          sums.set(k, [
            s[0] + Number(r.order_lines),
            s[1] + cents(String(r.invoiced_sales)),
            s[2] + cents(String(r.cogs)),
            s[3] + cents(String(r.invoiced_margin)),
          ]);
        }
      return Object.fromEntries([...sums].map(([k, [n, s, c, m]]) => [k, [n, money(s), money(c), money(m)]]));
    };
    const segments = [...new Set([...attrs.values()].map((c) => c.segment!))];
    // Every line of the demo has a customer with a segment: the segments are the whole.
    expect(lines.every((l) => attrs.get(l.customer)?.segment)).toBe(true);
    expect(await sumOf(segments.map((segment) => ({ segment })))).toEqual(whole);
    const months = [...new Set(lines.map((l) => l.month))];
    expect(await sumOf(months.map((m) => ({ from: m, to: m })))).toEqual(whole);
  });

  it("a product group's customers under a filter add up to its row of the filtered roll-up", async () => {
    const f: Filters = { segment: 'Web shop consumers', from: '2024-01', to: '2024-12' };
    const rollup = await readFilteredLines(engine, f);
    for (const r of rollup.productGroups) {
      const group = String(r.product_group);
      const got = await readProductGroupCustomers(engine, group, f);
      expect(got.total, group).toBe(String(r.invoiced_margin));
      // The top customer by hand: the largest margin of the group's lines in the filter.
      const byCustomer = new Map<string, bigint>();
      for (const l of lines.filter((x) => x.group === group && matches(x, f)))
        byCustomer.set(l.customer, (byCustomer.get(l.customer) ?? 0n) + l.sales - l.cogs);
      const top = [...byCustomer].sort((a, b) =>
        a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1,
      )[0]!;
      expect([got.customers[0]?.customerId, got.customers[0]?.margin], group).toEqual([
        top[0],
        money(top[1]),
      ]);
      expect(got.customers.length + got.others.customers, group).toBe(byCustomer.size);
    }
  });
});
