/**
 * XLSX as a spreadsheet: one sheet writer for the dashboard's "export this table" (exceljs's
 * in-memory workbook, in the browser) and `worth export` (exceljs's streaming writer, in Node),
 * so the two files cannot drift apart: a bold header row frozen at the top, column widths from
 * the headers, an optional number format per column, numbers as numbers and text as plain
 * string cells (exceljs makes a formula only from a `{formula}` object, so a customer named
 * `=HYPERLINK(...)` stays text). Both workbooks are handed in by their callers (exceljs is
 * loaded where it is needed), typed here by the few members the writer uses. No Node or
 * browser imports.
 */
import type { ExportCell } from './spreadsheetCsv.ts';

/** A cell value the writer puts in a sheet. */
export type XlsxValue = string | number | boolean | null;

/** The members of an exceljs row the writer uses (`commit` writes a streamed row out; a no-op in memory). */
interface XlsxRow {
  font: unknown;
  commit(): void;
}

/** The members of an exceljs worksheet the writer uses. */
export interface XlsxSheet {
  columns: unknown;
  getRow(index: number): XlsxRow;
  addRow(values: XlsxValue[]): XlsxRow;
}

/** The member of an exceljs `Workbook` or `stream.xlsx.WorkbookWriter` the writer uses. */
export interface XlsxBook {
  addWorksheet(name: string, options: { views: { state: 'frozen'; ySplit: number }[] }): XlsxSheet;
}

/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31;

/** A column's width in characters: its header's, within 12 to 40. */
export function xlsxColumnWidth(header: string): number {
  return Math.max(12, Math.min(40, header.length + 2));
}

/** An export cell as an XLSX value: a number as a number (Excel holds doubles; exact figures are in CSV), text as text. */
export function xlsxValue(c: ExportCell): XlsxValue {
  if (c === null) return null;
  return 'number' in c ? Number(c.number) : c.text;
}

/**
 * Adds a sheet named `name` (cut to Excel's 31 characters) with the header row `head` (bold,
 * frozen) and, per column, the Excel number format in `formats` (none where undefined).
 * Returns the function that adds one row (committed at once: a streaming writer writes it out).
 */
export function addXlsxSheet(
  book: XlsxBook,
  name: string,
  head: readonly string[],
  formats: readonly (string | undefined)[] = [],
): (values: XlsxValue[]) => void {
  const sheet = book.addWorksheet(name.slice(0, SHEET_NAME_MAX), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = head.map((header, i) => ({
    header,
    key: `c${i}`,
    width: xlsxColumnWidth(header),
    style: formats[i] ? { numFmt: formats[i] } : {},
  }));
  const top = sheet.getRow(1);
  top.font = { bold: true };
  top.commit();
  return (values) => sheet.addRow(values).commit();
}
