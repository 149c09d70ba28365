/**
 * CSV injection (OWASP): text from the user's data that starts like a formula is written
 * with a leading single quote in CSV exports and in rejects.csv; numbers stay numbers.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportTable, exportWorkbook } from '../../src/export/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { csvSafeValue, DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { CUSTOMERS, makeWorkspace, NO_BUDGET, readRejects, yamlFor } from '../ingest/helpers.ts';

describe('CSV injection', () => {
  it('csvSafeValue quotes formula starts, leaves plain numbers and other text alone', () => {
    // Worked out by hand from the rule: = + - @ tab CR start a formula unless the text is a plain number.
    expect(['=1+2', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(csvSafeValue)).toEqual([
      "'=1+2",
      "'+1+2",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect(['-12.50', '+7', '-1.234,56', 'C1', '', 'a=b', "'=x"].map(csvSafeValue)).toEqual([
      '-12.50',
      '+7',
      '-1.234,56',
      'C1',
      '',
      'a=b',
      "'=x",
    ]);
  });

  it('a CSV export writes text columns neutralised and numeric columns as numbers, in the stored order', async () => {
    const engine = await DuckDBEngine.open();
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-csvinj-')), 't.csv');
    try {
      await engine.run(
        'CREATE TABLE t (customer_id VARCHAR, name VARCHAR, contribution DECIMAL(18,2), orders INTEGER)',
      );
      await engine.run(
        `INSERT INTO t VALUES ('=1+2', '@SUM(A1)', -12.50, -3), ('C2', '-2+3', 4.00, 1), ('A1', '-5', -0.01, 0)`,
      );
      const n = await exportTable(engine, { name: 't', orderBy: 'customer_id' }, 'csv', out);
      expect(n).toBe(3);
    } finally {
      await engine.close();
    }
    // Sorted by the stored ids ('=' < 'A' < 'C'), not by the quoted text.
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'customer_id,name,contribution,orders',
      "'=1+2,'@SUM(A1),-12.50,-3",
      'A1,-5,-0.01,0',
      "C2,'-2+3,4.00,1",
    ]);
  });

  it('rejects.csv writes a rejected value that starts like a formula as text', async () => {
    const dir = makeWorkspace({
      // 2 of 3 lines rejected on purpose: the reject budget is off here.
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': [
        'order_id,line_no,customer_id,order_date,product_group,quantity,gross_amount,discount_amount,cogs_amount',
        'O1,1,C1,2024-01-05,Dranken,2,100.10,10.01,60.00',
        'O2,1,C1,2024-01-05,Dranken,=1+2,5.00,0,1.00',
        'O3,1,C1,2024-01-05,Dranken,-4,5.00,0,1.00',
      ].join('\n'),
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    const rejects = readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value]);
    expect(rejects).toEqual([
      ['3', 'quantity', "'=1+2"],
      ['4', 'quantity', '-4'],
    ]);
  });

  it('an XLSX export keeps formula-like text from the data as plain string cells, never formulas', async () => {
    const engine = await DuckDBEngine.open();
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-xlsxinj-')), 't.xlsx');
    const hostile = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'];
    try {
      await engine.run('CREATE TABLE t (customer_id VARCHAR, name VARCHAR, contribution DECIMAL(18,2))');
      for (const [i, name] of hostile.entries())
        await engine.run('INSERT INTO t VALUES ($1, $2, -1.50)', [`C${i}`, name]);
      await exportWorkbook(engine, [{ name: 't', orderBy: 'customer_id' }], out);
    } finally {
      await engine.close();
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('t')!;
    for (const [i, name] of hostile.entries()) {
      const cell = sheet.getRow(i + 2).getCell(2);
      expect(cell.type, name).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML turns a carriage return into a line feed on reading (exceljs writes it raw): still text, never a formula.
      expect(cell.value).toBe(name === '\rx' ? '\nx' : name);
      expect(sheet.getRow(i + 2).getCell(3).type).toBe(ExcelJS.ValueType.Number);
    }
    // The raw sheet XML has no formula element at all.
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toContain('<f>');
  });
});
