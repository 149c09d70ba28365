/**
 * `worth export --filter`: the customer P&L under the dashboard's global filters. On the
 * hand-built company (test/profit/fixture.ts; see test/server/filters.test.ts for its months):
 * the filtered file's columns add up to the API's filtered totals to the cent, for the whole
 * period and for a period, in the comma form and the dashboard's query form alike; the figures
 * are the hand calculation's (February to March in Zuid: C2 and C3, contribution 445.25).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { parseFilterText } from '../../src/readmodel/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { errorText, type ErrorText } from '../../src/words/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { requests } from '../server/requests.ts';

const BIN = path.resolve('bin/worth.js');

let dir: string;
let worth: WorthApp;
beforeAll(async () => {
  dir = await ingested();
  await runAnalyze(dir);
  worth = await createApp(dir, { pollMs: 0, scenarioThreads: 0 });
}, 120_000);
afterAll(async () => {
  await worth?.close();
});

const { get } = requests(() => worth);

function exportCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'export', dir, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The machine CSV written by `worth export --raw --filter ...`: header and rows. */
function filteredCsv(filter: string, name: string): { head: string[]; rows: string[][] } {
  const out = path.join(dir, name);
  const r = exportCli(['--table', 'customer_pnl', '--raw', '--filter', filter, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const [head, ...rows] = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return { head: head!, rows };
}

/** Cents of a money string, to sum exactly in the test. */
const cents = (s: string) => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not money: ${s}`);
  return BigInt((m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3])));
};

const COLUMNS = ['gross_sales', 'net_sales', 'gross_margin', 'cost_to_serve', 'contribution'];

describe('worth export --filter', () => {
  for (const [what, filter, query] of [
    ['a period and a region', 'period=2024-02..2024-03,region=Zuid', 'from=2024-02&to=2024-03&region=Zuid'],
    ['the query form', 'from=2024-02&to=2024-03&region=Zuid', 'from=2024-02&to=2024-03&region=Zuid'],
    ['a segment, the whole period', 'segment=Retail', 'segment=Retail'],
    ['one month', 'period=2024-12', 'from=2024-12&to=2024-12'],
  ] as const)
    it(`adds up to the API's filtered totals to the cent: ${what}`, async () => {
      const { head, rows } = filteredCsv(filter, `f${COLUMNS.length}-${what.replace(/\W/g, '')}.csv`);
      const { status, body } = await get(`/api/overview?${query}`);
      expect(status).toBe(200);
      const api = body.filtered.totals;
      expect(rows.length).toBe(api.customers);
      for (const c of COLUMNS) {
        const at = head.indexOf(c);
        expect(at, c).toBeGreaterThan(0);
        const sum = rows.reduce((s, r) => s + cents(r[at]!), 0n);
        expect(sum, c).toBe(cents(api.totals[c]));
      }
    });

  it('gives the hand calculation for February to March in Zuid', () => {
    const { head, rows } = filteredCsv('period=2024-02..2024-03,region=Zuid', 'zuid.csv');
    const id = head.indexOf('customer_id');
    const contribution = head.indexOf('contribution');
    expect(rows.map((r) => [r[id], r[contribution]]).sort()).toEqual([
      ['C2', '-91.93'],
      ['C3', '537.18'],
    ]);
  });

  it('keeps every column of the P&L for the whole period (the activities too)', () => {
    const { head, rows } = filteredCsv('segment=Key accounts', 'ka.csv');
    expect(rows.map((r) => r[0])).toEqual(['C3']);
    expect(head.some((h) => h.startsWith('cost_'))).toBe(true);
  });

  it('says what is wrong with a filter, and which tables the filters do not narrow', () => {
    const out = path.join(dir, 'bad.csv');
    const bad = exportCli(['--table', 'customer_pnl', '--filter', 'segmnt=Retail', '--out', out]);
    expect(bad.status).toBe(2);
    // The hand-built company's worth.yaml is Dutch: the CLI says it in Dutch.
    expect(bad.stderr).toContain('--filter: "segmnt" is geen filter');
    expect(bad.stderr).toContain('segment');
    const month = exportCli(['--table', 'customer_pnl', '--filter', 'period=2024-13..2024-14', '--out', out]);
    expect(month.status).toBe(2);
    expect(month.stderr).toContain('period "2024-13" is geen maand');
    const table = exportCli(['--table', 'activity_summary', '--filter', 'segment=Retail', '--out', out]);
    expect(table.status).toBe(2);
    expect(table.stderr).toContain('activity_summary is het hele bedrijf, ook op het dashboard');
    expect(table.stderr).toContain('deciles, rollup_customer_attribute');
    for (const r of [bad, month, table]) expect(r.stderr).not.toMatch(/\n\s+at |undefined|NaN/);
  });

  it('says a filter problem in English and Dutch', () => {
    for (const [text, en, nl] of [
      [
        'period=2024-13',
        'period "2024-13" is not a month (expected YYYY-MM',
        'period "2024-13" is geen maand (verwacht JJJJ-MM',
      ],
      [
        'from=2024-05,to=2024-02',
        'to "2024-02" is before from "2024-05"',
        'to "2024-02" ligt vóór from "2024-05"',
      ],
      ['segment=A,segment=B', 'segment is given twice', 'segment staat er twee keer'],
      ['regio=Zuid', '"regio" is not a filter', '"regio" is geen filter'],
    ] as const) {
      let said: unknown;
      try {
        parseFilterText(text);
      } catch (e) {
        said = e instanceof WorthError ? e.said : e;
      }
      expect(errorText('en', said as ErrorText), text).toContain(en);
      expect(errorText('nl', said as ErrorText), text).toContain(nl);
    }
  });
});

describe('worth export --filter, every table the dashboard narrows', () => {
  const filter = 'period=2024-02..2024-03,region=Zuid';
  const query = 'from=2024-02&to=2024-03&region=Zuid';
  /** The machine CSV of `table` under the filter, as rows of named cells. */
  const table = (name: string) => {
    const out = path.join(dir, `every-${name}.csv`);
    const r = exportCli(['--table', name, '--raw', '--filter', filter, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [head, ...rows] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    return rows.map((row) => Object.fromEntries(head!.map((h, i) => [h, row[i] ?? ''])));
  };
  const sum = (rows: Record<string, string>[], c: string) => rows.reduce((s, r) => s + cents(r[c]!), 0n);

  it("deciles: the dashboard's filtered deciles, row by row", async () => {
    const rows = table('deciles');
    const api = (await get(`/api/deciles?${query}`)).body as Record<string, unknown>[];
    expect(rows.map((r) => [Number(r.decile), Number(r.customers), r.contribution, r.net_sales])).toEqual(
      api.map((r) => [r.decile, r.customers, r.contribution, r.net_sales]),
    );
  });

  it('roll-ups, whale curve and months add up to the filtered totals (C2 and C3: contribution 445.25)', async () => {
    const totals = (await get(`/api/overview?${query}`)).body.filtered.totals;
    expect(totals.totals.contribution).toBe('445.25');
    const rollups = table('rollup_customer_attribute');
    const attributes = [...new Set(rollups.map((r) => r.attribute!))];
    expect(attributes).toContain('segment');
    for (const a of attributes) {
      const block = rollups.filter((r) => r.attribute === a);
      expect(
        block.reduce((s, r) => s + Number(r.customers), 0),
        a,
      ).toBe(totals.customers);
      expect(sum(block, 'contribution'), a).toBe(cents('445.25'));
    }
    const region = rollups.filter((r) => r.attribute === 'region');
    expect(region.map((r) => r.value)).toEqual(['Zuid']);
    const whale = table('whale_curve');
    expect(whale.map((r) => [r.customer_rank, r.customer_id, r.contribution])).toEqual([
      ['1', 'C3', '537.18'],
      ['2', 'C2', '-91.93'],
    ]);
    expect(whale.at(-1)!.cumulative_contribution).toBe('445.25');
    const months = table('pnl_monthly');
    expect([...new Set(months.map((r) => r.month))].sort()).toEqual(['2024-02-01', '2024-03-01']);
    expect([...new Set(months.map((r) => r.customer_id))].sort()).toEqual(['C2', 'C3']);
    expect(sum(months, 'contribution')).toBe(cents('445.25'));
    const segments = table('pnl_monthly_segment');
    expect(sum(segments, 'contribution')).toBe(cents('445.25'));
    expect(segments.reduce((s, r) => s + Number(r.customers), 0)).toBe(months.length);
  });

  it("the line roll-ups: Zuid's order lines in February and March (A 40 - 30 + 900 - 500 = 410.00, B 2 x 200 = 400.00; EDI 800.00, phone 10.00)", () => {
    const groups = table('rollup_product_group');
    expect(groups.map((r) => [r.product_group, r.order_lines, r.invoiced_sales, r.invoiced_margin])).toEqual([
      ['A', '2', '940.00', '410.00'],
      ['B', '2', '900.00', '400.00'],
    ]);
    const channels = table('rollup_order_channel');
    expect(channels.map((r) => [r.channel, r.invoiced_margin])).toEqual([
      ['EDI', '800.00'],
      ['phone', '10.00'],
    ]);
  });

  it('a workbook under filters holds the narrowed tables and says which it left out', () => {
    const out = path.join(dir, 'filtered.xlsx');
    const r = spawnSync(
      process.execPath,
      [BIN, 'export', dir, '--format', 'xlsx', '--filter', filter, '--out', out],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/8 werkbladen geschreven/);
    expect(r.stdout).toContain('weggelaten bij --filter, omdat ze het hele bedrijf zijn: activity_summary');
  });
});
