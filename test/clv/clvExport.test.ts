/**
 * Issue 13 point 5 in `worth export` (a child process, as a user runs it) on a Dutch demo
 * workspace valued by `worth clv` with per-segment totals: the per-segment lifetime-value table
 * (CSV in the Dutch dialect and an XLSX sheet, Dutch headers) and every customer's expected
 * purchases with their 90% interval on `customer_pnl`, read back from the files and compared with
 * the API's figures (`/api/lifetime-value`, `/api/customers/:id`): money to the cent (BigInt
 * cents), purchases to the export's stated 6 decimals. The segments' exported totals are also
 * added up here in cents and must equal the customers' exported CLVs summed.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { cents, worth } from '../onboard/worthCli.ts';
import { writeValuedDemo } from '../server/valuedWorkspace.ts';

interface Segment {
  segment: string | null;
  customers: number;
  valued: number;
  totalProfitClv: string | null;
  totalProfitInterval: { lo: string; hi: string } | null;
  expectedPurchases: number | null;
  expectedPurchasesInterval: { lo: number; hi: number } | null;
}

let root: string;
let dir: string;
let api: WorthApp;
let lifetime: { totalProfitClv: string; segmentBy: string; segments: Segment[] };

/** A Dutch CSV export read back: header and rows of cells (BOM, `;`, CRLF; no quoted `;` in these tables). */
function dutchCsv(file: string): { head: string[]; rows: string[][] } {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  return { head: lines[0]!.split(';'), rows: lines.slice(1).map((l) => l.split(';')) };
}

/** A Dutch number cell (`-1234,56`, no thousands separator) as the machine form (`-1234.56`). */
const plain = (cell: string) => cell.replace(',', '.');

function exported(name: string, ...args: string[]): string {
  const out = path.join(root, name);
  const r = worth(['export', dir, '--out', out, ...args]);
  expect(r.status, r.stderr).toBe(0);
  return out;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'worth-clv-export-'));
  dir = path.join(root, 'demo');
  await writeValuedDemo(dir, 400, 11);
  appendFileSync(path.join(dir, 'worth.yaml'), '\nlanguage: nl\n');
  api = await createApp(dir);
  const res = await api.app.request('/api/lifetime-value');
  expect(res.status).toBe(200);
  lifetime = (await res.json()) as typeof lifetime;
  expect(lifetime.segmentBy).toBe('segment');
  expect(lifetime.segments.length).toBeGreaterThan(1);
  // the export opens the database itself: the server lets go of it first
  await api.close();
}, 300_000);
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
});

const SEGMENT_HEAD = [
  'Segmenten naar',
  'Segment',
  'Klanten',
  'Klanten gewaardeerd',
  'Klantwaarde op winst, totaal',
  'Klantwaarde op winst, totaal, 90%-interval onder',
  'Klantwaarde op winst, totaal, 90%-interval boven',
  'Verwachte aankopen',
  'Verwachte aankopen, 90%-interval onder',
  'Verwachte aankopen, 90%-interval boven',
];

describe('worth export: lifetime value per segment', () => {
  it('CSV in the Dutch dialect: Dutch headers, one row per segment, the API figures to the cent and to 6 decimals', () => {
    const { head, rows } = dutchCsv(exported('clv_segments.csv', '--table', 'clv_segments'));
    expect(head).toEqual(SEGMENT_HEAD);
    expect(rows.length).toBe(lifetime.segments.length);
    for (const s of lifetime.segments) {
      const row = rows.find((r) => r[1] === (s.segment ?? ''))!;
      expect(row, String(s.segment)).toBeDefined();
      expect(row[0]).toBe('segment');
      expect(Number(row[2])).toBe(s.customers);
      expect(Number(row[3])).toBe(s.valued);
      expect(cents(plain(row[4]!))).toBe(cents(s.totalProfitClv));
      expect(s.totalProfitInterval).not.toBeNull();
      expect(cents(plain(row[5]!))).toBe(cents(s.totalProfitInterval!.lo));
      expect(cents(plain(row[6]!))).toBe(cents(s.totalProfitInterval!.hi));
      expect(Math.abs(Number(plain(row[7]!)) - s.expectedPurchases!)).toBeLessThanOrEqual(5e-7);
      expect(Math.abs(Number(plain(row[8]!)) - s.expectedPurchasesInterval!.lo)).toBeLessThanOrEqual(5e-7);
      expect(Math.abs(Number(plain(row[9]!)) - s.expectedPurchasesInterval!.hi)).toBeLessThanOrEqual(5e-7);
      // money with a decimal comma and two decimals, no thousands separator
      for (const i of [4, 5, 6]) expect(row[i]).toMatch(/^-?\d+,\d\d$/);
    }
    // the segments add up to the run's total, in cents
    const sum = rows.reduce((t, r) => t + cents(plain(r[4]!)), 0n);
    expect(sum).toBe(cents(lifetime.totalProfitClv));
  });

  it('XLSX: the workbook of every table has the clv_segments sheet with Dutch headers and numbers as numbers', async () => {
    const file = exported('alles.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('clv_segments')!;
    expect(sheet).toBeDefined();
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(SEGMENT_HEAD);
    expect(sheet.rowCount).toBe(lifetime.segments.length + 1);
    for (let n = 2; n <= sheet.rowCount; n++) {
      const row = values(n);
      const s = lifetime.segments.find((x) => (x.segment ?? null) === (row[1] ?? null))!;
      expect(s, String(row[1])).toBeDefined();
      expect(row[2]).toBe(s.customers);
      // Excel holds doubles: the cents as a double
      expect(Math.round((row[4] as number) * 100)).toBe(Number(cents(s.totalProfitClv)));
      expect(Math.round((row[5] as number) * 100)).toBe(Number(cents(s.totalProfitInterval!.lo)));
      expect(Math.round((row[6] as number) * 100)).toBe(Number(cents(s.totalProfitInterval!.hi)));
      expect(Math.abs((row[7] as number) - s.expectedPurchases!)).toBeLessThanOrEqual(5e-7);
      expect(Math.abs((row[8] as number) - s.expectedPurchasesInterval!.lo)).toBeLessThanOrEqual(5e-7);
      expect(Math.abs((row[9] as number) - s.expectedPurchasesInterval!.hi)).toBeLessThanOrEqual(5e-7);
    }
  });
});

describe('worth export: expected purchases per customer with their 90% interval', () => {
  it('customer_pnl carries them (Dutch headers), each customer equal to /api/customers/:id; the CLVs add up to the total', async () => {
    const { head, rows } = dutchCsv(exported('klanten.csv', '--table', 'customer_pnl'));
    const at = (label: string) => {
      const i = head.indexOf(label);
      expect(i, label).toBeGreaterThanOrEqual(0);
      return i;
    };
    const id = at('Klantnummer');
    const clv = at('Klantwaarde op winst');
    const q = at('Verwachte aankopen');
    const qLo = at('Verwachte aankopen, 90%-interval onder');
    const qHi = at('Verwachte aankopen, 90%-interval boven');
    let sum = 0n;
    let withInterval = 0;
    for (const r of rows) {
      if (r[clv]) sum += cents(plain(r[clv]!));
      if (!r[q]) continue;
      const [v, lo, hi] = [r[q]!, r[qLo]!, r[qHi]!].map((c) => Number(plain(c)));
      if (r[qLo]) {
        withInterval++;
        expect(lo!).toBeLessThanOrEqual(v!);
        expect(v!).toBeLessThanOrEqual(hi!);
      }
    }
    expect(withInterval).toBeGreaterThan(rows.length / 2);
    expect(sum).toBe(cents(lifetime.totalProfitClv));
    // every tenth customer against the API's page of that customer
    const server = await createApp(dir);
    try {
      for (let k = 0; k < rows.length; k += 10) {
        const r = rows[k]!;
        const res = await server.app.request(`/api/customers/${encodeURIComponent(r[id]!)}`);
        expect(res.status).toBe(200);
        const lv = ((await res.json()) as { lifetimeValue: Record<string, unknown> | null }).lifetimeValue!;
        for (const [col, name] of [
          [q, 'expected_purchases'],
          [qLo, 'expected_purchases_lo'],
          [qHi, 'expected_purchases_hi'],
        ] as const) {
          const v = lv[name];
          if (v == null) expect(r[col], `${r[id]} ${name}`).toBe('');
          else
            expect(Math.abs(Number(plain(r[col]!)) - Number(v)), `${r[id]} ${name}`).toBeLessThanOrEqual(
              5e-7,
            );
        }
        if (lv.clv_profit == null) expect(r[clv]).toBe('');
        else expect(cents(plain(r[clv]!))).toBe(cents(lv.clv_profit));
      }
    } finally {
      await server.close();
    }
  });
});
