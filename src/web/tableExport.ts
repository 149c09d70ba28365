/**
 * "Export this table" in the browser: the rows a table shows (or, for the customer list, every
 * row its filters and sort give) as CSV in the language's dialect (core's `tableCsv`, the writer
 * `worth export` uses too) or as XLSX. Numbers travel exact: a cell's raw value
 * (`data-value`, the API's decimal string) is written, not the text shown (`€ 1.235`). Text
 * from the user's data that starts like a formula is neutralised in CSV (the rule in core) and
 * is a plain string cell in XLSX (core's `addXlsxSheet`, the sheet writer `worth export` uses too).
 */
import { addXlsxSheet, xlsxValue, type ExportCell, type ExportRows } from '../core/index.ts';

export { tableCsv, type ExportCell, type ExportRows } from '../core/index.ts';

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

/** The table as an XLSX workbook (one sheet named `name`), written by core's sheet writer, the one `worth export` uses too. */
export async function tableXlsx(t: ExportRows, name: string): Promise<Blob> {
  // Loaded on the first export only: the workbook writer is large and most visits never export.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const add = addXlsxSheet(wb, name, t.head);
  for (const r of t.rows) add(r.map(xlsxValue));
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
