/**
 * Issue 11's known rough edges of the eighth round, one test each (values written here, so every
 * expected text is known exactly):
 * - a reject's example number follows what the user sees: in an XLSX, the number cells as the
 *   workspace's language shows them (`1234,56` in Dutch), not the decimal point of the CSV copy
 *   the sheet is read from; a text file keeps its own notation (`1.234,56`);
 * - a Dutch workbook's number typed as text with a decimal comma (`12,50`) reads as 12,50;
 * - Excel day numbers in a CSV without an order number: the order key reads the date as loaded;
 * - `init --from`'s preview prints money as money: two decimals in the workspace's notation
 *   (`18,00`, `1.234,50`), never a whole `18`, in Dutch and in English; a quantity stays `2`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previewCell } from '../../src/onboard/index.ts';
import { queryDb, readRejects } from '../ingest/helpers.ts';
import { worth } from './worthCli.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl8-faults-'));

/** Writes `bytes` as `name` under a fresh folder and runs `worth init` on it (and `ingest` when `ingest`). */
function run(name: string, bytes: Buffer | string, ingest = false) {
  const dir = mkdtempSync(path.join(root, 'ws-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const ws = path.join(dir, 'ws');
  const init = worth(['init', ws, '--from', file]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  const load = ingest ? worth(['ingest', ws]) : undefined;
  return { ws, init: init.stdout, ingest: load?.stdout ?? '' };
}

/** A sheet with `header` and 200 rows `F<i> | <date> | K<i % 4> | A1 | 1 | 18`; row 7's quantity is `twee`. */
async function sheet(header: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Verkoop');
  ws.addRow(header);
  for (let i = 0; i < 200; i++) {
    const row = ws.addRow([
      `F${1000 + i}`,
      new Date(Date.UTC(2025, i % 12, 1 + (i % 27))),
      `K${i % 4}`,
      'A1',
      i === 5 ? 'twee' : 1,
      18,
    ]);
    row.getCell(2).numFmt = 'dd-mm-yyyy';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a reject names an example number in the notation the user sees', () => {
  it('Dutch XLSX: "verwacht bijv. 1234,56", on the terminal and in rejects.csv, never the copy\'s 1234.56', async () => {
    const r = run(
      'verkoop.xlsx',
      await sheet(['Factuur', 'Datum', 'Klantnummer', 'Artikel', 'Aantal', 'Prijs']),
      true,
    );
    const rejects = readRejects(path.join(r.ws, 'rejects.csv'));
    expect(rejects.map((x) => [x.line, x.column, x.code])).toEqual([['7', 'Aantal', 'not_a_number']]);
    expect(rejects[0]!.reason).toBe('geen getal (verwacht bijv. 1234,56)');
    for (const out of [r.init, r.ingest]) {
      expect(out).toContain('geen getal (verwacht bijv. 1234,56)');
      expect(out).not.toContain('1234.56');
    }
  }, 600_000);

  it('English XLSX: "expected e.g. 1234.56"', async () => {
    const r = run(
      'sales.xlsx',
      await sheet(['Invoice', 'Date', 'Customer ID', 'Item', 'Quantity', 'Unit Price']),
      true,
    );
    expect(readRejects(path.join(r.ws, 'rejects.csv'))[0]!.reason).toBe(
      'not a number (expected e.g. 1234.56)',
    );
  }, 600_000);

  it('Dutch CSV: the file\'s own notation, thousands and all ("1.234,56")', () => {
    const lines = ['Factuurnummer;Klantnummer;Datum;Artikel;Aantal;Prijs'];
    for (let i = 0; i < 200; i++)
      lines.push(`F${i};K${i % 4};05-01-2025;A1;${i === 3 ? 'twee' : '2'};1.234,50`);
    const r = run('verkoop.csv', `${lines.join('\n')}\n`, true);
    expect(readRejects(path.join(r.ws, 'rejects.csv'))[0]!.reason).toBe(
      'geen getal (verwacht bijv. 1.234,56)',
    );
  }, 600_000);
});

describe('a Dutch workbook with numbers stored as text', () => {
  it('a price typed as text 12,50 among number cells is 12,50 (the decimal comma counted in the sheet too), not a reject', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Verkoop');
    ws.addRow(['Factuur', 'Datum', 'Klantnummer', 'Artikel', 'Aantal', 'Prijs']);
    for (let i = 0; i < 30; i++)
      ws.addRow([`F${i}`, new Date(Date.UTC(2025, 0, 1 + i)), 'K1', 'A1', 1, i === 4 ? '12,50' : 18]);
    const r = run('verkoop.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(r.ingest).not.toContain('geen getal');
    const rows = await queryDb(
      r.ws,
      `SELECT CAST(gross_amount AS VARCHAR) AS g FROM order_lines WHERE order_id = 'F4'`,
    );
    expect(rows.map((x) => x.g)).toEqual(['12.50']);
  }, 600_000);
});

describe('Excel day numbers in a CSV without an order number', () => {
  it('the order of a customer on one day keys on the date as read (excel_date), not on a column named by the formula', () => {
    const lines = ['Klant;Datum;Artikel;Aantal;Bedrag'];
    for (let i = 0; i < 60; i++)
      lines.push(`K${i % 5};${45700 + (i % 20)};A${i % 3};${1 + (i % 4)};${10 + i},50`);
    const r = run('verkoop.csv', `${lines.join('\n')}\n`);
    const yaml = readFileSync(path.join(r.ws, 'worth.yaml'), 'utf8');
    expect(yaml).toContain("order_id: concat(Klant, ' ', excel_date(Datum))");
    expect(yaml).toContain('order_date: excel_date(Datum)');
    // 45700 is 2025-02-12 in Excel (=DATE(2025,2,12)).
    expect(r.init).toMatch(/\n {2}K0 2025-02-12 +2 +K0 +2025-02-12 /);
  }, 600_000);
});

describe("init's preview prints money as money", () => {
  /** The preview's order-lines table: header and rows, split on runs of spaces. */
  const previewRows = (out: string) => {
    const lines = out.split('\n');
    const at = lines.findIndex((l) => /^ {2}order_id {2}/.test(l));
    expect(at, out).toBeGreaterThan(0);
    const rows: string[][] = [];
    for (let i = at; lines[i]?.startsWith('  '); i++) rows.push(lines[i]!.trim().split(/ {2,}/));
    return rows;
  };

  it('Dutch: 2 x 9,00 is 18,00 (not 18), 1 x 1.234,5 is 1.234,50; the quantity stays 2', () => {
    const r = run(
      'verkoop.csv',
      'Factuurnummer;Klantnummer;Datum;Artikel;Aantal;Prijs\nF1;K1;05-01-2025;A1;2;9,00\nF2;K2;06-01-2025;A1;1;1234,5\n',
    );
    const [head, first, second] = previewRows(r.init);
    const at = (row: string[] | undefined, col: string) => row![head!.indexOf(col)];
    expect([at(first, 'quantity'), at(first, 'gross_amount')]).toEqual(['2', '18,00']);
    expect(at(second, 'gross_amount')).toBe('1.234,50');
    expect(at(first, 'cogs_amount')).toMatch(/^\d+,\d\d$/);
  }, 600_000);

  it('English: 2 x 9.00 is 18.00, 1 x 1234.5 is 1,234.50', () => {
    const r = run(
      'sales.csv',
      'Invoice,Customer ID,Date,Item,Quantity,Unit Price\nI1,C1,2025-01-05,A1,2,9.00\nI2,C2,2025-01-06,A1,1,1234.5\n',
    );
    const [head, first, second] = previewRows(r.init);
    expect(first![head!.indexOf('gross_amount')]).toBe('18.00');
    expect(second![head!.indexOf('gross_amount')]).toBe('1,234.50');
  }, 600_000);
});

describe('a preview cell of money', () => {
  it('has two decimals at least, grouped, in the language; a quantity stays whole', () => {
    const cases: [unknown, 'nl' | 'en', boolean, string][] = [
      ['18.00', 'nl', true, '18,00'],
      ['18', 'en', true, '18.00'],
      ['-1234.5', 'nl', true, '-1.234,50'],
      ['0.125', 'en', true, '0.125'],
      ['18.00', 'nl', false, '18'],
      [null, 'nl', true, ''],
    ];
    for (const [v, lang, money, want] of cases)
      expect(previewCell(v, lang, money), `${String(v)}`).toBe(want);
  });
});
