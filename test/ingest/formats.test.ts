import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { CUSTOMERS, makeWorkspace, NO_BUDGET, queryDb, readRejects } from './helpers.ts';

describe('ingest: XLSX and Parquet sources', () => {
  it('reads an XLSX sheet, typed and text cells alike, and names the Excel row of a bad cell', async () => {
    const dir = makeWorkspace({ 'data/customers.csv': CUSTOMERS });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['not this sheet']);
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['Order', 'Klant', 'Datum', 'Aantal', 'Bedrag', 'Kostprijs']); //      row 1
    ws.addRow(['A1', 'C1', new Date(Date.UTC(2024, 0, 5)), 2, 19.99, 10]); //        row 2: typed cells
    ws.addRow(['A2', 'C2', '06-01-2024', '1', '1.234,56', '600,00']); //             row 3: text cells, Dutch style
    ws.addRow([]); //                                                                 row 4: empty, skipped
    ws.addRow(['A3', 'C3', 'gisteren', 1, 5, 1]); //                                  row 5: not a date
    await wb.xlsx.writeFile(path.join(dir, 'data/orders.xlsx'));
    const yaml = `company: X
language: en
${NO_BUDGET}period: { start: 2024-01-01, end: 2024-12-31 }
sources:
  customers: { file: data/customers.csv }
  order_lines:
    file: data/orders.xlsx
    format: { sheet: Orders, decimal: ",", date_format: dd-mm-yyyy }
    columns: { order_id: Order, customer_id: Klant, order_date: Datum, quantity: Aantal, gross_amount: Bedrag, cogs_amount: Kostprijs }
`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'worth.yaml'), yaml);
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.amounts.gross_amount!.loaded).toBe('1254.55');
    expect(readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value])).toEqual([
      ['5', 'Datum', 'gisteren'],
    ]);
    const rows = await queryDb(
      dir,
      "SELECT order_id, strftime(order_date, '%Y-%m-%d') AS d, _line FROM order_lines ORDER BY order_id",
    );
    expect(rows).toEqual([
      { order_id: 'A1', d: '2024-01-05', _line: 2 },
      { order_id: 'A2', d: '2024-01-06', _line: 3 },
    ]);
  });

  it('reads Parquet with typed columns', async () => {
    const dir = makeWorkspace({ 'data/customers.csv': CUSTOMERS });
    const engine = await DuckDBEngine.open();
    await engine.exportQuery(
      "SELECT * FROM (VALUES ('P1', 'C1', DATE '2024-02-01', 3::DECIMAL(10,3), 30.30::DECIMAL(12,2), 12.12::DECIMAL(12,2)), ('P2', 'C9', DATE '2024-02-02', 1, 1.00, 0.50)) t(order_id, customer_id, order_date, quantity, gross_amount, cogs_amount)",
      path.join(dir, 'data/orders.parquet'),
      'parquet',
    );
    await engine.close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      `company: X\nlanguage: en\n${NO_BUDGET}period: { start: 2024-01-01, end: 2024-12-31 }\nsources:\n  customers: { file: data/customers.csv }\n  order_lines: { file: data/orders.parquet }\n`,
    );
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.amounts.gross_amount).toEqual({
      read: '31.30',
      loaded: '30.30',
      rejected: '1.00',
      unreadable: 0,
    });
    expect(readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.reason.split(' (')[0]])).toEqual([
      ['2', 'customer_id', 'unknown customer'],
    ]);
  });
});
