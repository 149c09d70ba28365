import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { csvDialect, exportTable, exportWorkbook, columnStyle } from '../../src/export/index.ts';
import { ANALYSIS_TABLES, analysisTable } from '../../src/profit/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { ingested, query, runAnalyze } from '../profit/fixture.ts';

async function withEngine<T>(dir: string, fn: (e: DuckDBEngine) => Promise<T>): Promise<T> {
  const e = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    return await fn(e);
  } finally {
    await e.close();
  }
}

describe('exports: CSV, Parquet and XLSX of the customer P&L and the analyses', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await ingested();
    await runAnalyze(dir);
  });

  it('writes a DOUBLE (a rate, a share) to 6 decimals in CSV: phone 50 / 17 a minute is 2.941176, picking 100 / 30 is 3.333333', async () => {
    const out = path.join(dir, 'activities.csv');
    await withEngine(dir, (e) => exportTable(e, analysisTable('activity_summary')!, 'csv', out));
    const [head, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const col = head!.split(',').indexOf('rate_per_minute');
    const rate = (id: string) => rows.find((r) => r.split(',')[1] === id)!.split(',')[col];
    expect([rate('phone'), rate('picking'), rate('order_handling')]).toEqual(['2.941176', '3.333333', '3.0']);
  });

  it("writes customer_pnl as CSV with the stable columns, the customer's name and segment, and exact amounts", async () => {
    const out = path.join(dir, 'pnl.csv');
    const n = await withEngine(dir, (e) => exportTable(e, analysisTable('customer_pnl')!, 'csv', out));
    expect(n).toBe(3);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'customer_id,name,segment,gross_sales,discounts,returns,rebates,net_sales,cogs,gross_margin,cost_order_handling,cost_picking,cost_delivery,cost_phone,cost_account_management,cost_credit,cost_to_serve,contribution,cogs_estimated',
    );
    // C2 is Beta, Retail in the fixture's customers.csv.
    expect(lines[2]).toBe(
      'C2,Beta,Retail,40.00,0.00,0.00,0.00,40.00,30.00,10.00,9.00,1.67,41.00,50.00,0.00,0.26,101.93,-91.93,false',
    );
  });

  it('writes the Dutch spreadsheet form Excel NL opens: BOM, ";" between fields, a decimal comma, Dutch words, the amounts exact', async () => {
    const out = path.join(dir, 'pnl-nl.csv');
    await withEngine(dir, (e) =>
      exportTable(e, analysisTable('customer_pnl')!, 'csv', out, { kind: 'spreadsheet', lang: 'nl' }),
    );
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['Klantnummer', 'Naam', 'Segment', 'Bruto-omzet']);
    // The same row as the English file above, with ; and , and "nee" for false (written out by hand).
    expect(lines[2]).toBe(
      'C2;Beta;Retail;40,00;0,00;0,00;0,00;40,00;30,00;10,00;9,00;1,67;41,00;50,00;0,00;0,26;101,93;-91,93;nee',
    );
    expect(csvDialect('en')).toEqual({ delimiter: ',', decimal: '.' });
  });

  it('adds the lifetime value to customer_pnl once worth clv has run, rounded to the cent', async () => {
    const out = path.join(dir, 'pnl-clv.csv');
    const lines = await withEngine(dir, async (e) => {
      // A stand-in for worth clv's table with values chosen by hand: the export joins it by customer.
      await e.run(
        'CREATE TABLE customer_clv (customer_id VARCHAR, p_alive DOUBLE, clv_revenue DOUBLE, clv_profit DOUBLE)',
      );
      await e.run("INSERT INTO customer_clv VALUES ('C1', 0.5, 100.004, 12.345), ('C2', 0.25, 40.0, -7.125)");
      try {
        await exportTable(e, analysisTable('customer_pnl')!, 'csv', out);
      } finally {
        await e.run('DROP TABLE customer_clv');
      }
      return readFileSync(out, 'utf8').trim().split('\n');
    });
    expect(lines[0]!.endsWith(',contribution,cogs_estimated,clv_profit,clv_revenue,p_alive')).toBe(true);
    // 12.345 -> 12.35 (DuckDB rounds half away from zero), 100.004 -> 100.00; -7.125 -> -7.13; C3 has no value: empty.
    expect(lines[1]!.endsWith(',12.35,100.00,0.5')).toBe(true);
    expect(lines[2]!.endsWith(',-7.13,40.00,0.25')).toBe(true);
    expect(lines[3]!.endsWith(',,,')).toBe(true);
  });

  it("carries the profit CLV's 90% interval when the run stored one (NULL stays empty)", async () => {
    const out = path.join(dir, 'pnl-clv-interval.csv');
    const lines = await withEngine(dir, async (e) => {
      await e.run(
        'CREATE TABLE customer_clv (customer_id VARCHAR, p_alive DOUBLE, clv_revenue DOUBLE, clv_profit DOUBLE, clv_profit_lo DOUBLE, clv_profit_hi DOUBLE)',
      );
      await e.run(
        "INSERT INTO customer_clv VALUES ('C1', 0.5, 100.004, 12.345, 10.004, 14.996), ('C2', 0.25, 40.0, -7.125, NULL, NULL)",
      );
      try {
        await exportTable(e, analysisTable('customer_pnl')!, 'csv', out);
      } finally {
        await e.run('DROP TABLE customer_clv');
      }
      return readFileSync(out, 'utf8').trim().split('\n');
    });
    expect(lines[0]!.endsWith(',clv_profit,clv_profit_lo,clv_profit_hi,clv_revenue,p_alive')).toBe(true);
    // 10.004 -> 10.00, 14.996 -> 15.00 (by hand); C2's interval is NULL: empty, never NaN
    expect(lines[1]!.endsWith(',12.35,10.00,15.00,100.00,0.5')).toBe(true);
    expect(lines[2]!.endsWith(',-7.13,,,40.00,0.25')).toBe(true);
  });

  it('writes Parquet that reads back to the same figures', async () => {
    const out = path.join(dir, 'pnl.parquet');
    await withEngine(dir, (e) => exportTable(e, analysisTable('customer_pnl')!, 'parquet', out));
    const rows = await query(
      dir,
      `SELECT customer_id, CAST(contribution AS VARCHAR) AS c FROM read_parquet('${out}') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { customer_id: 'C1', c: '20.00' },
      { customer_id: 'C2', c: '-91.93' },
      { customer_id: 'C3', c: '187.18' },
    ]);
  });

  it('writes one workbook sheet per analysis with a bold header and number formats', async () => {
    const out = path.join(dir, 'all.xlsx');
    const counts = await withEngine(dir, (e) => exportWorkbook(e, ANALYSIS_TABLES, out));
    expect(counts.customer_pnl).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(ANALYSIS_TABLES.map((t) => t.name));
    const pnl = wb.getWorksheet('customer_pnl')!;
    expect(pnl.getRow(1).getCell(1).value).toBe('customer_id');
    expect(pnl.getRow(1).font?.bold).toBe(true);
    const contribution = pnl.getRow(3).getCell(18); // after customer_id, name, segment
    expect(contribution.value).toBe(-91.93);
    expect(contribution.numFmt).toBe('#,##0.00;[Red]-#,##0.00');
    const voc = wb.getWorksheet('voice_of_customer')!;
    const header = (voc.getRow(1).values as unknown[]).slice(1);
    const sat = header.indexOf('satisfaction') + 1;
    expect(voc.getRow(2).getCell(sat).numFmt).toBe('0.0%');
  });

  it('refuses a table that does not exist', async () => {
    await expect(
      withEngine(dir, (e) => exportTable(e, { name: 'nope', orderBy: '1' }, 'csv', path.join(dir, 'x.csv'))),
    ).rejects.toThrow('table nope does not exist in the workspace database (run `worth analyze` first)');
  });

  it('chooses formats from SQL type and name', () => {
    expect(columnStyle('contribution', 'DECIMAL(18,2)')).toBe('money');
    expect(columnStyle('cost_to_serve_share', 'DOUBLE')).toBe('share');
    expect(columnStyle('customers', 'BIGINT')).toBe('integer');
    expect(columnStyle('used_minutes', 'DOUBLE')).toBe('number');
    expect(columnStyle('segment', 'VARCHAR')).toBe('text');
  });
});
