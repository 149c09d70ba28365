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
import { createApp, type WorthApp } from '../../src/server/index.ts';
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

  it('says what is wrong with a filter, and that only the customer P&L is filtered', () => {
    const out = path.join(dir, 'bad.csv');
    const bad = exportCli(['--table', 'customer_pnl', '--filter', 'segmnt=Retail', '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"segmnt"');
    expect(bad.stderr).toContain('segment');
    const month = exportCli(['--table', 'customer_pnl', '--filter', 'period=2024-13..2024-14', '--out', out]);
    expect(month.status).toBe(2);
    expect(month.stderr).toContain('period: "2024-13"');
    const table = exportCli(['--table', 'deciles', '--filter', 'segment=Retail', '--out', out]);
    expect(table.status).toBe(2);
    expect(table.stderr).toContain('--table customer_pnl');
    for (const r of [bad, month, table]) expect(r.stderr).not.toMatch(/\n\s+at |undefined|NaN/);
  });
});
