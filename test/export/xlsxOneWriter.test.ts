/**
 * One XLSX writer: the dashboard's "export this table" (src/web/tableExport.ts, run here in
 * Node) and `worth export --format xlsx` (src/export) write their sheets through core's
 * `addXlsxSheet`. The same table written both ways reads back with the same header, the same
 * bold frozen top row, the same column widths and the same cells (values and types, written
 * out by hand below); only the number formats differ, which the dashboard does not know.
 * And no other file in src adds a worksheet, so a second writer cannot appear unnoticed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportWorkbook } from '../../src/export/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { tableXlsx } from '../../src/web/tableExport.ts';

const HOSTILE = '=HYPERLINK("http://x","y")';
const dir = mkdtempSync(path.join(tmpdir(), 'worth-xlsx-one-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a sheet holds, as read back by exceljs. */
function shape(sheet: ExcelJS.Worksheet) {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const types: unknown[][] = [];
  sheet.eachRow((row) => {
    const t: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (c) => t.push(c.type));
    types.push(t);
  });
  return {
    rows,
    types,
    bold: sheet.getRow(1).font?.bold ?? sheet.getRow(1).getCell(1).font?.bold,
    frozen: sheet.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
    widths: sheet.columns.map((c) => c.width),
  };
}

describe('one XLSX writer for the dashboard and worth export', () => {
  it('writes the same sheet from the dashboard and from the CLI (expected cells by hand)', async () => {
    const engine = await DuckDBEngine.open();
    const file = path.join(dir, 'cli.xlsx');
    try {
      await engine.run(
        'CREATE TABLE klanten (customer_id VARCHAR, name VARCHAR, contribution DECIMAL(18,2), orders INTEGER)',
      );
      await engine.run(
        `INSERT INTO klanten VALUES ('C1', $1, -1234.50, 3), ('C2', 'Bakkerij; De Zon', 7.00, 12), ('C3', NULL, -0.01, 0)`,
        [HOSTILE],
      );
      await exportWorkbook(engine, [{ name: 'klanten', orderBy: 'customer_id' }], file);
    } finally {
      await engine.close();
    }
    const fromCli = new ExcelJS.Workbook();
    await fromCli.xlsx.readFile(file);
    const blob = await tableXlsx(
      {
        head: ['customer_id', 'name', 'contribution', 'orders'],
        rows: [
          [{ text: 'C1' }, { text: HOSTILE }, { number: '-1234.50' }, { number: '3' }],
          [{ text: 'C2' }, { text: 'Bakkerij; De Zon' }, { number: '7.00' }, { number: '12' }],
          [{ text: 'C3' }, null, { number: '-0.01' }, { number: '0' }],
        ],
      },
      'klanten',
    );
    const fromWeb = new ExcelJS.Workbook();
    await fromWeb.xlsx.load(await blob.arrayBuffer());
    const cli = shape(fromCli.getWorksheet('klanten')!);
    const web = shape(fromWeb.getWorksheet('klanten')!);
    const S = ExcelJS.ValueType.String;
    const N = ExcelJS.ValueType.Number;
    const E = ExcelJS.ValueType.Null;
    const expected = {
      rows: [
        ['customer_id', 'name', 'contribution', 'orders'],
        ['C1', HOSTILE, -1234.5, 3],
        ['C2', 'Bakkerij; De Zon', 7, 12],
        ['C3', undefined, -0.01, 0],
      ],
      types: [
        [S, S, S, S],
        [S, S, N, N],
        [S, S, N, N],
        [S, E, N, N],
      ],
      bold: true,
      frozen: [['frozen', 1]],
      // max(12, min(40, header length + 2)): 13, 12, 14, 12
      widths: [13, 12, 14, 12],
    };
    expect(cli).toEqual(expected);
    expect(web).toEqual(expected);
    // The CLI knows the columns' kinds: money and counts get Excel number formats.
    expect(fromCli.getWorksheet('klanten')!.getColumn(3).numFmt).toBe('#,##0.00;[Red]-#,##0.00');
    expect(fromCli.getWorksheet('klanten')!.getColumn(4).numFmt).toBe('#,##0');
  });

  it('adds worksheets in one place only (src/core/spreadsheetXlsx.ts)', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && readFileSync(p, 'utf8').includes('addWorksheet(')) files.push(p);
      }
    };
    walk('src');
    expect(files).toEqual([path.join('src', 'core', 'spreadsheetXlsx.ts')]);
  });
});
