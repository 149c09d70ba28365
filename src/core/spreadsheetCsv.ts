/**
 * CSV as a spreadsheet in the user's language opens it on a double click: one writer for the
 * dashboard's "export this table" (in the browser) and `worth export` (in Node), so the two
 * files cannot drift apart. A BOM first (Excel otherwise reads UTF-8 as windows-1252), lines
 * ended by CRLF, `;` and a decimal comma in Dutch (Excel NL's list separator and decimal
 * symbol), `,` and `.` in English. Numbers travel as exact decimal text and are written without
 * thousands separators: Excel NL reads `1234,56` as the number 1234.56, while `1.234,56`
 * depends on the reader's locale (another program, or Excel with other regional settings, reads
 * `1.234` as one point two three four). Text passes {@link csvSafeValue}. No Node or browser
 * imports: both sides use it.
 */
import { csvSafeValue } from './spreadsheetText.ts';

/** One cell: a number as exact decimal text with a point (`-1234.50`), text, or null (empty). */
export type ExportCell = { number: string } | { text: string } | null;

/** A table to export: header labels and rows of cells. */
export interface ExportRows {
  head: string[];
  rows: ExportCell[][];
}

/** How a CSV file writes its fields and decimals: `,` and `.` (English), `;` and `,` (Dutch Excel). */
export interface CsvDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}

/** The byte order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

/** The CSV dialect a spreadsheet in `lang` opens without an import wizard (Excel NL expects `;` and a decimal comma). */
export function csvDialect(lang: 'nl' | 'en'): CsvDialect {
  return lang === 'nl' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

function csvField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (CRLF at the end): text made spreadsheet-safe and quoted where needed, numbers with the dialect's decimal mark. */
export function csvLine(cells: readonly ExportCell[], dialect: CsvDialect): string {
  const cell = (c: ExportCell): string => {
    if (c === null) return '';
    if ('number' in c) return dialect.decimal === ',' ? c.number.replace('.', ',') : c.number;
    return csvField(csvSafeValue(c.text), dialect.delimiter);
  };
  return `${cells.map(cell).join(dialect.delimiter)}\r\n`;
}

/** The header line: labels as text cells (a label is never evaluated either). */
export function csvHeadLine(head: readonly string[], dialect: CsvDialect): string {
  return csvLine(
    head.map((text) => ({ text })),
    dialect,
  );
}

/** The whole table as CSV text in `lang`'s dialect, BOM first. */
export function tableCsv(t: ExportRows, lang: 'nl' | 'en'): string {
  const dialect = csvDialect(lang);
  return CSV_BOM + csvHeadLine(t.head, dialect) + t.rows.map((r) => csvLine(r, dialect)).join('');
}
