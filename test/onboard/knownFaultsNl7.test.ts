/**
 * Issue 11's known rough edges of the seventh round, one test each (values written here, so
 * every expected id, count and sum is known exactly):
 * - an XLSX whose customer numbers are numbers shown with a padding format (`0000`: Excel shows
 *   `0012`) keeps the id as the user sees it;
 * - ids that differ only by leading zeros, case or spaces (`12` and `0012`, `K0012` and `k0012 `)
 *   stay apart but init says so in one line with what to write in worth.yaml to merge them, and
 *   that formula (`same_id`) merges them;
 * - `format.footer_lines` leaves a report footer out of an XLSX sheet too, and init finds it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { paddedNumberText } from '../../src/core/index.ts';
import { queryDb, readRejects } from '../ingest/helpers.ts';
import { worth } from './worthCli.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl7-faults-'));

/** Writes `bytes` as `name` under a fresh folder and runs `worth init` on it; the folder, output and worth.yaml. */
function init(name: string, bytes: Buffer | string) {
  const dir = mkdtempSync(path.join(root, 'ws-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const ws = path.join(dir, 'ws');
  const r = worth(['init', ws, '--from', file]);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return { ws, stdout: r.stdout, yaml: readFileSync(path.join(ws, 'worth.yaml'), 'utf8') };
}

/** Customer id -> net sales in cents, from the loaded order lines. */
async function salesPerCustomer(ws: string): Promise<Record<string, number>> {
  const rows = await queryDb(
    ws,
    `SELECT customer_id, CAST(round(sum(gross_amount - discount_amount) * 100) AS INTEGER) AS c
       FROM order_lines GROUP BY customer_id ORDER BY customer_id`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.customer_id), Number(r.c)]));
}

/** A sheet `Factuur;Datum;Klantnummer;Artikel;Aantal;Prijs`: invoice i for customer cells[i % n], 1 x 10,00. */
async function padded(footer: string[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Verkoop');
  ws.addRow(['Factuur', 'Datum', 'Klantnummer', 'Artikel', 'Aantal', 'Prijs']);
  const ids = [12, 47, 103, 2200];
  for (let i = 0; i < 40; i++) {
    const row = ws.addRow([
      `F${1000 + i}`,
      new Date(Date.UTC(2025, i % 12, 1 + (i % 27))),
      ids[i % 4],
      'A1',
      1,
      10,
    ]);
    row.getCell(3).numFmt = '0000';
    row.getCell(2).numFmt = 'dd-mm-yyyy';
  }
  if (footer.length) {
    ws.addRow([]);
    for (const f of footer) ws.addRow(f);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX customer numbers shown with a padding format', () => {
  it('only a format of zeros (with literal text around) pads; other formats and values stay numbers', () => {
    expect(paddedNumberText(12, '0000')).toBe('0012');
    expect(paddedNumberText(12345, '0000')).toBe('12345');
    expect(paddedNumberText(47, '"K"00000')).toBe('K00047');
    expect(paddedNumberText(47, '\\K0000')).toBe('K0047');
    for (const f of [undefined, 'General', '0', '0.00', '#,##0', '0000.0', 'dd-mm-yyyy'])
      expect(paddedNumberText(12, f)).toBeUndefined();
    expect(paddedNumberText(12.5, '0000')).toBeUndefined();
    expect(paddedNumberText(-12, '0000')).toBeUndefined();
  });

  it('0000 shows 12 as 0012: the id is 0012, as the user sees it', async () => {
    const { ws } = init('verkoop.xlsx', await padded());
    expect(worth(['ingest', ws]).status).toBe(0);
    expect(await salesPerCustomer(ws)).toEqual({
      '0012': 10000,
      '0047': 10000,
      '0103': 10000,
      '2200': 10000,
    });
  }, 120_000);
});

describe('ids that differ only by leading zeros, case or spaces', () => {
  const csv = (ids: string[]) =>
    `Factuur;Datum;Klantnummer;Artikel;Aantal;Prijs\n${Array.from(
      { length: 40 },
      (_, i) => `F${1000 + i};${1 + (i % 27)}-${1 + (i % 12)}-2025;${ids[i % ids.length]};A1;1;10,00`,
    ).join('\n')}\n`;

  it('12 and 0012, K7 and k7 : two customers each, said in one Dutch line with the formula that merges them', async () => {
    const { ws, stdout, yaml } = init('verkoop.csv', csv(['12', '0012', 'K7', 'k7 ', '55']));
    expect(stdout).toContain(
      '2 klantnummers komen ook anders geschreven voor (voorloopnullen, hoofdletters of spaties; bv. "0012" en "12"): ze blijven aparte klanten; zijn het dezelfde, schrijf dan customer_id: same_id(Klantnummer)',
    );
    expect(yaml).toContain('same_id(Klantnummer)');
    expect(worth(['ingest', ws]).status).toBe(0);
    // Never merged silently: five ids as written (trimmed by ingest).
    expect(Object.keys(await salesPerCustomer(ws)).length).toBeGreaterThanOrEqual(4);
    // The formula the line names merges them.
    writeFileSync(
      path.join(ws, 'worth.yaml'),
      readFileSync(path.join(ws, 'worth.yaml'), 'utf8').replace(
        /customer_id: Klantnummer$/m,
        'customer_id: same_id(Klantnummer)',
      ),
    );
    const again = worth(['ingest', ws]);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(await salesPerCustomer(ws)).toEqual({ '12': 16000, '55': 8000, K7: 16000 });
  }, 120_000);

  it('an English export gets the line in English; ids written one way say nothing', () => {
    const en = init(
      'sales.csv',
      `Invoice,Date,Customer ID,Product,Quantity,Price\n${Array.from(
        { length: 20 },
        (_, i) => `I${i},2025-01-${String(1 + i).padStart(2, '0')},${['12', '0012', 'A1'][i % 3]},P,1,10.00`,
      ).join('\n')}\n`,
    );
    expect(en.stdout).toContain(
      '1 customer id is also written another way (leading zeros, case or spaces; e.g. "0012" and "12"): they stay separate customers; if they are the same, write customer_id: same_id(col("Customer ID")) in worth.yaml',
    );
    const one = init('verkoop.csv', csv(['12', '47', 'K7']));
    expect(one.stdout).not.toMatch(/anders geschreven|same_id/);
  }, 120_000);
});

describe('footer_lines on an XLSX sheet', () => {
  it('a signature and a print date below an empty row: footer_lines 2, left out and counted, no reject', async () => {
    const { ws, yaml, stdout } = init(
      'verkoop.xlsx',
      await padded([['Afgedrukt op 05-01-2026 door J. Jansen'], ['Pagina 1 van 1']]),
    );
    expect(yaml).toContain('footer_lines: 2');
    expect(stdout).not.toMatch(/verkeerd aantal velden/i);
    const ingest = worth(['ingest', ws]);
    expect(ingest.status, ingest.stdout + ingest.stderr).toBe(0);
    expect(readRejects(path.join(ws, 'rejects.csv'))).toEqual([]);
    expect(ingest.stdout).toContain('footer_lines: 2');
    expect(Object.values(await salesPerCustomer(ws)).reduce((a, b) => a + b, 0)).toBe(40000);
  }, 120_000);
});
