/**
 * Profiling and recognising an export: what DuckDB's sniffer and the per-column counts make
 * of the web-shop export in each shape (CSV, CSV.gz, Windows-1252, XLSX, Parquet, Dutch),
 * the usual column names in Dutch and English, and the preview's counts (the real ingest on
 * a temporary copy) against the generator's own rows.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/index.ts';
import {
  formatInit,
  previewCell,
  initFromExport,
  normaliseName,
  recognise,
  sniffExport,
  type ColumnProfile,
} from '../../src/onboard/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { webshopCsv, webshopExport, writeWebshopXlsx } from '../fixtures/webshopExport.ts';

const x = webshopExport({ seed: 5, lines: 2500 });
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-sniff-'));
let engine: DuckDBEngine;

beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
});
afterAll(async () => {
  await engine.close();
});

const col = (cols: ColumnProfile[], name: string) => cols.find((c) => c.name === name)!;
const sales = x.rows.filter((r) => !r.broken && !r.invoiceNo.startsWith('C'));
const credits = x.rows.filter((r) => !r.broken && r.invoiceNo.startsWith('C'));

describe('profiling an export', () => {
  it('the English CSV: comma, point decimals, month-first date-times, missing ids counted', async () => {
    const file = path.join(root, 'en.csv');
    writeFileSync(file, webshopCsv(x.rows, 'en'));
    const p = await sniffExport(engine, file, root);
    expect([p.delimiter, p.decimal, p.header, p.encoding, p.rows]).toEqual([
      ',',
      '.',
      true,
      'utf-8',
      x.rows.length,
    ]);
    expect(col(p.columns, 'InvoiceDate')).toMatchObject({
      kind: 'date',
      dateLayout: 'mm/dd/yyyy',
      unreadable: 2,
    });
    expect(col(p.columns, 'Quantity')).toMatchObject({
      kind: 'integer',
      unreadable: 1,
      negatives: x.rows.filter((r) => r.quantity < 0).length,
    });
    expect(col(p.columns, 'UnitPrice')).toMatchObject({ kind: 'number', unreadable: 1 });
    expect(col(p.columns, 'CustomerID')).toMatchObject({
      missing: x.rows.filter((r) => r.customerId === null).length,
    });
    expect(col(p.columns, 'InvoiceNo').prefix).toEqual({ text: 'C', count: credits.length });
    const r = recognise(p.columns);
    expect(r.language).toBe('en');
    expect(Object.fromEntries(Object.entries(r.columns).map(([k, v]) => [k, v!.name]))).toEqual({
      order_id: 'InvoiceNo',
      customer_id: 'CustomerID',
      order_date: 'InvoiceDate',
      product_id: 'StockCode',
      description: 'Description',
      quantity: 'Quantity',
      unit_price: 'UnitPrice',
      country: 'Country',
    });
  });

  it('the Dutch CSV: semicolon, decimal comma, day-first dates, Dutch names', async () => {
    const file = path.join(root, 'nl.csv');
    writeFileSync(file, webshopCsv(x.rows, 'nl'));
    const p = await sniffExport(engine, file, root);
    expect([p.delimiter, p.decimal]).toEqual([';', ',']);
    expect(col(p.columns, 'Datum')).toMatchObject({ kind: 'date', dateLayout: 'dd-mm-yyyy' });
    expect(col(p.columns, 'Prijs')).toMatchObject({ kind: 'number', unreadable: 1 });
    const r = recognise(p.columns);
    expect(r.language).toBe('nl');
    expect([
      r.columns.order_id?.name,
      r.columns.customer_id?.name,
      r.columns.quantity?.name,
      r.columns.unit_price?.name,
      r.columns.product_id?.name,
      r.columns.description?.name,
      r.columns.country?.name,
    ]).toEqual(['Factuurnummer', 'Klantnummer', 'Aantal', 'Prijs', 'Artikel', 'Omschrijving', 'Land']);
  });

  it('gzip and Windows-1252 are read as the same export', async () => {
    const gz = path.join(root, 'en.csv.gz');
    writeFileSync(gz, gzipSync(webshopCsv(x.rows, 'en')));
    const pg = await sniffExport(engine, gz, root);
    expect([pg.delimiter, pg.rows, col(pg.columns, 'InvoiceDate').dateLayout]).toEqual([
      ',',
      x.rows.length,
      'mm/dd/yyyy',
    ]);
    const latin = path.join(root, 'cafe.csv');
    writeFileSync(latin, iconv.encode(webshopCsv(x.rows, 'nl').replace('BAKELIKE', 'CAFÉ'), 'win1252'));
    const pl = await sniffExport(engine, latin, root);
    expect([pl.encoding, pl.delimiter, pl.decimal]).toEqual(['windows-1252', ';', ',']);
  });

  it('names as people write them, in either language', () => {
    const names = [
      'Order number',
      'ordernummer',
      'Klant',
      'Qty',
      'Bedrag',
      'Datum',
      'Artikelnummer',
      'Klantnaam',
    ];
    const cols = names.map((name) => ({
      name,
      kind: 'text' as const,
      present: 1,
      missing: 0,
      unreadable: 0,
      negatives: 0,
      positives: 0,
      distinct: 0,
      examples: [],
    }));
    const r = recognise(cols);
    expect(Object.fromEntries(Object.entries(r.columns).map(([k, v]) => [k, v!.name]))).toEqual({
      order_id: 'Order number',
      customer_id: 'Klant',
      customer_name: 'Klantnaam',
      order_date: 'Datum',
      product_id: 'Artikelnummer',
      quantity: 'Qty',
      amount: 'Bedrag',
    });
    expect(r.unused).toEqual(['ordernummer']);
    expect(normaliseName('Invoice No.')).toBe('invoiceno');
  });
});

describe('worth init --from other file kinds', () => {
  it('XLSX: rows as Excel numbers them, rejects exactly the broken rows', async () => {
    const file = path.join(root, 'export.xlsx');
    await writeWebshopXlsx(file, x.rows);
    const dir = path.join(root, 'xlsx-shop');
    const r = await initFromExport(dir, file);
    expect(r.profile.kind).toBe('xlsx');
    const t = r.preview.report!.tables;
    expect(t.order_lines!.rowsLoaded).toBe(sales.length);
    expect(t.returns!.rowsLoaded).toBe(credits.length);
    const reasons = r.preview.report!.rejectSummary.reasons;
    expect(reasons.map((g) => g.example.line).sort((a, b) => a - b)).toEqual(
      x.brokenLines.filter((l) => l !== x.brokenLines[3]),
    );
    expect(reasons.reduce((n, g) => n + g.rows, 0)).toBe(x.brokenLines.length);
    expect(reasons.every((g) => g.example.file === 'data/export.xlsx')).toBe(true);
    // The preview ran on a temporary copy: the workspace has no database yet.
    expect(readdirSync(dir).sort()).toEqual(['data', 'worth.yaml']);
  });

  it('Parquet: typed columns read as they are', async () => {
    const csv = path.join(root, 'clean.csv');
    writeFileSync(
      csv,
      webshopCsv(
        x.rows.filter((r) => !r.broken),
        'en',
      ),
    );
    const file = path.join(root, 'export.parquet');
    await engine.exportQuery(
      `SELECT InvoiceNo, StockCode, Quantity::INTEGER AS Quantity, strptime(InvoiceDate, '%m/%d/%Y %H:%M') AS InvoiceDate, UnitPrice::DECIMAL(10,2) AS UnitPrice, CustomerID, Country
       FROM read_csv('${csv}', all_varchar = true, nullstr = ['', 'NA'])`,
      file,
      'parquet',
    );
    const r = await initFromExport(path.join(root, 'parquet-shop'), file);
    expect(r.profile.kind).toBe('parquet');
    expect(r.preview.failure).toBeUndefined();
    expect(r.preview.report!.tables.order_lines!.rowsLoaded).toBe(sales.length);
    expect(r.preview.report!.rejectSummary.reasons).toEqual([]);
  });

  it('a trial load over the reject budget still shows the counts by reason, and worth.yaml stays for editing', async () => {
    // 60 good lines, the 4 broken ones and the two with a text for a number twice more: 8 of 68
    // rejected, over the budget of 1% and over the floor of 5 lines a table this small may always
    // reject. (More impossible dates would make the date layout itself uncertain.)
    const file = path.join(root, 'small.csv');
    const broken = x.rows.filter((r) => r.broken);
    const texts = broken.filter((r) => r.broken === 'quantity_text' || r.broken === 'price_text');
    writeFileSync(
      file,
      webshopCsv([...x.rows.filter((r) => !r.broken).slice(0, 60), ...broken, ...texts, ...texts], 'en'),
    );
    const dir = path.join(root, 'small-shop');
    const r = await initFromExport(dir, file);
    expect(r.preview.failure).toMatch(
      /^load refused, the previous load is kept\. order_lines: 8 of 68 lines rejected/,
    );
    expect(r.preview.report!.rejectSummary.reasons.reduce((n, g) => n + g.rows, 0)).toBe(8);
    expect(existsSync(path.join(dir, 'worth.yaml'))).toBe(true);
    const text = formatInit(r, dir);
    expect(text).toContain('Rejects by reason:');
    expect(text).toContain('a trial load is refused: load refused');
    expect(text).not.toMatch(/\n\s+at |NaN|undefined/);
  });

  it('refuses to overwrite a worth.yaml, and names a missing file and unknown columns', async () => {
    const dir = path.join(root, 'existing');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'worth.yaml'), 'company: Mine\n');
    const csv = path.join(root, 'own.csv');
    writeFileSync(csv, webshopCsv(x.rows, 'en'));
    await expect(initFromExport(dir, csv)).rejects.toThrow(/worth\.yaml: already exists; not overwritten/);
    expect(readFileSync(path.join(dir, 'worth.yaml'), 'utf8')).toBe('company: Mine\n');
    await expect(initFromExport(path.join(root, 'none'), path.join(root, 'missing.csv'))).rejects.toThrow(
      /missing\.csv: not found/,
    );
    const odd = path.join(root, 'odd.csv');
    writeFileSync(odd, 'a,b,c\n1,2,3\n4,5,6\n');
    const err = await initFromExport(path.join(root, 'odd-shop'), odd).catch((e: unknown) => e);
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toContain(
      'has no column recognised as order id, customer id, order date, unit price or amount (columns: a, b, c); write worth.yaml yourself',
    );
    expect(existsSync(path.join(root, 'odd-shop', 'worth.yaml'))).toBe(false);
    expect(existsSync(path.join(root, 'odd-shop', 'data', 'odd.csv'))).toBe(false);
  });
});

describe('preview cells', () => {
  it('show decimals in the language, whole when the decimals are zero, at least two decimals otherwise', () => {
    const cases: [unknown, 'nl' | 'en', string][] = [
      ['6.000', 'nl', '6'],
      ['6.000', 'en', '6'],
      ['-1.500', 'nl', '-1,50'],
      ['239.940', 'nl', '239,94'],
      ['239.94', 'en', '239.94'],
      ['0.125', 'nl', '0,125'],
      ['10999', 'nl', '10999'],
      ['2025-07-04', 'nl', '2025-07-04'],
      ['3.4.5', 'nl', '3.4.5'],
      [null, 'nl', ''],
    ];
    for (const [v, lang, want] of cases) expect(previewCell(v, lang), `${String(v)} in ${lang}`).toBe(want);
  });
});
