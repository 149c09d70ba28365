/**
 * "Export this table" in the browser: the rows a table shows (or, for the customer list, every
 * row its filters and sort give) as CSV in the language's dialect (nl: `;` and a decimal comma,
 * as Excel NL opens it; en: `,` and `.`) or as XLSX. Numbers travel exact: a cell's raw value
 * (`data-value`, the API's decimal string) is written, not the text shown (`€ 1.235`). Text
 * from the user's data that starts like a formula is neutralised in CSV (the rule in core) and
 * is a plain string cell in XLSX (exceljs makes formulas only from `{formula}` objects).
 */
import { csvSafeValue } from '../core/index.ts';
import type { Lang } from '../words/index.ts';

/** One cell: a number (exact decimal text or a JS number) or text; null is empty. */
export type ExportCell = { number: string } | { text: string } | null;

/** A table to export: header labels and rows of cells. */
export interface ExportRows {
  head: string[];
  rows: ExportCell[][];
}

/** Reads a rendered `<table>`: header texts, and each cell's `data-value` (a number) or its text. */
export function rowsOfTable(table: HTMLTableElement): ExportRows {
  const head = [...table.querySelectorAll('thead th')].map((th) =>
    (th.textContent ?? '').replace(/[▲▼]/g, '').trim(),
  );
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td): ExportCell => {
      const v = td.dataset.value;
      if (v !== undefined) return v === '' ? null : { number: v };
      return { text: (td.textContent ?? '').trim() };
    }),
  );
  return { head, rows };
}

function csvField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The table as CSV text in `lang`'s dialect (a BOM first, so Excel reads it as UTF-8). */
export function tableCsv(t: ExportRows, lang: Lang): string {
  const [delimiter, decimal] = lang === 'nl' ? [';', ','] : [',', '.'];
  const cell = (c: ExportCell) => {
    if (c === null) return '';
    if ('number' in c) return decimal === ',' ? c.number.replace('.', ',') : c.number;
    return csvField(csvSafeValue(c.text), delimiter);
  };
  const lines = [
    t.head.map((h) => csvField(csvSafeValue(h), delimiter)).join(delimiter),
    ...t.rows.map((r) => r.map(cell).join(delimiter)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The table as an XLSX workbook (one sheet named `name`): numbers as numbers, text as plain string cells. */
export async function tableXlsx(t: ExportRows, name: string): Promise<Blob> {
  // Loaded on the first export only: the workbook writer is large and most visits never export.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(t.head).font = { bold: true };
  for (const r of t.rows)
    sheet.addRow(r.map((c) => (c === null ? null : 'number' in c ? Number(c.number) : c.text)));
  const buffer = await wb.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Offers `blob` to the user as the download `fileName`. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
