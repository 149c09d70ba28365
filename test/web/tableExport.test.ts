/**
 * The dashboard's "export this table" writers (pure functions, run here in Node): the Dutch
 * CSV dialect, formula-like text neutralised in CSV and kept as plain string cells in XLSX.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableCsv, tableXlsx, type ExportRows } from '../../src/web/tableExport.ts';

const HOSTILE = '=HYPERLINK("http://x","y")';
const ROWS: ExportRows = {
  head: ['Klant', 'Naam', 'Winstbijdrage'],
  rows: [
    [{ text: 'C1' }, { text: HOSTILE }, { number: '-1234.50' }],
    [{ text: 'C2' }, { text: 'Bakkerij; De Zon' }, { number: '7' }],
    [{ text: 'C3' }, null, { number: '-0.01' }],
    [{ text: '-12.50' }, { text: '@SUM(A1)' }, null],
  ],
};

describe('export this table', () => {
  it('writes Dutch CSV with ";" and a decimal comma, English with "," and "." (expected lines written by hand)', () => {
    expect(tableCsv(ROWS, 'nl').split('\r\n')).toEqual([
      '\uFEFFKlant;Naam;Winstbijdrage',
      `C1;"'=HYPERLINK(""http://x"",""y"")";-1234,50`,
      'C2;"Bakkerij; De Zon";7',
      'C3;;-0,01',
      "-12.50;'@SUM(A1);",
      '',
    ]);
    expect(tableCsv(ROWS, 'en').split('\r\n')).toEqual([
      '\uFEFFKlant,Naam,Winstbijdrage',
      `C1,"'=HYPERLINK(""http://x"",""y"")",-1234.50`,
      'C2,Bakkerij; De Zon,7',
      'C3,,-0.01',
      "-12.50,'@SUM(A1),",
      '',
    ]);
  });

  it('writes XLSX with numbers as numbers and formula-like text as plain string cells', async () => {
    const blob = await tableXlsx(ROWS, 'klanten');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await blob.arrayBuffer());
    const sheet = wb.getWorksheet('klanten')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Winstbijdrage');
    const hostile = sheet.getRow(2).getCell(2);
    expect(hostile.type).toBe(ExcelJS.ValueType.String);
    expect(hostile.formula).toBeUndefined();
    expect(hostile.value).toBe(HOSTILE);
    expect(sheet.getRow(5).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(3).value).toBe(-1234.5);
    expect(sheet.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Number);
  });
});
