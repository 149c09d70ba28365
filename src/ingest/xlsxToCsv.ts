import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { paddedNumberText, uniqueColumnNames, WorthError } from '../core/index.ts';
import type { SourceFormat } from '../workspace/index.ts';
import { shownDateLayout } from './sheetDates.ts';
import { FIELDS_COLUMN, isTotalsRecord, LINE_COLUMN, RAW_COLUMN, REPEATED_HEADER } from './recordLines.ts';

/**
 * Streams one worksheet of an XLSX workbook into a UTF-8 CSV with a leading `__line` column
 * holding the Excel row number, so rejects point at the row the user sees in Excel. A totals
 * row ("Total", "Totaal" first) keeps only its text in `__raw` (as recordLines.ts does for CSV),
 * so it is rejected as a totals line and its amount is not counted; a row equal to the header
 * (two sheets pasted one under the other) is marked as recordLines.ts marks a repeated CSV header.
 * Number cells are written with the source's decimal mark (so typed and text cells parse
 * alike); date cells as ISO dates.
 */
export async function xlsxToCsv(
  file: string,
  shown: string,
  out: string,
  format: SourceFormat,
): Promise<XlsxCopy> {
  try {
    return await convert(file, shown, out, format);
  } catch (e) {
    // A file-system fault (permissions, full disk) keeps its code for the CLI's words; what
    // the zip and XML readers throw means the workbook itself is damaged or cut short.
    if (
      e instanceof WorthError ||
      (e instanceof Error && typeof (e as { syscall?: unknown }).syscall === 'string')
    )
      throw e;
    throw new WorthError(
      'file_format',
      { file: shown },
      undefined,
      'a complete .xlsx workbook',
      `${shown} cannot be read as an Excel workbook: it is damaged or cut short (expected a complete .xlsx file; open it in Excel and save it again)`,
    );
  }
}

/** The CSV copy's columns, and the sheet's footer left out (`format.footer_lines`): how many rows and the first one's row. */
export interface XlsxCopy {
  columns: string[];
  footer?: { lines: number; first: number };
  /** Column -> the layout the sheet shows its dates in (its first date cell's format), where that is a plain layout. */
  shownDates?: Record<string, string>;
}

async function convert(file: string, shown: string, out: string, format: SourceFormat): Promise<XlsxCopy> {
  // Loaded here, not at the top: exceljs takes half a second to load and most sources are not XLSX.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const stream = createWriteStream(out);
  const write = async (s: string) => {
    if (!stream.write(s)) await once(stream, 'drain');
  };
  let found = false;
  let width = 0;
  let header: string[] = [];
  let headerKey = '';
  // Column index -> the layout its first date cell shows (undefined: not a plain layout).
  const dateLayouts = new Map<number, string | undefined>();
  const sheetNames: string[] = [];
  const headerRow = format.skip_lines + 1;
  // A report's footer (`footer_lines`): the last rows with a cell filled are held back, and the
  // ones still held when the sheet ends are left out and counted, never written.
  const footerLines = format.footer_lines ?? 0;
  const held: { number: number; text: string }[] = [];
  const put = async (number: number, text: string) => {
    held.push({ number, text });
    if (held.length > footerLines) await write(held.shift()!.text);
  };
  for await (const sheet of reader) {
    const ws = sheet as unknown as { name: string; [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row> };
    sheetNames.push(ws.name);
    if (found || (format.sheet !== undefined && ws.name !== format.sheet)) continue;
    found = true;
    for await (const row of ws) {
      if (row.number < headerRow) continue;
      const values = shownValues(row);
      if (row.number === headerRow) {
        width = values.length;
        header = uniqueColumnNames(values.map((v, i) => cellText(v, format).trim() || `column${i + 1}`));
        headerKey = sameKey(values.map((v) => cellText(v, format)));
        await write(`${[LINE_COLUMN, FIELDS_COLUMN, RAW_COLUMN, ...header].map(csvField).join(',')}\n`);
        continue;
      }
      const cells: string[] = [];
      for (let i = 0; i < width; i++) {
        if (values[i] instanceof Date && !dateLayouts.has(i))
          dateLayouts.set(i, shownDateLayout(row.getCell(i + 1).numFmt));
        cells.push(csvField(cellText(values[i], format)));
      }
      if (cells.every((c) => c === '')) continue;
      const texts = cells.map((_, i) => cellText(values[i], format));
      if (sameKey(texts) === headerKey) {
        const raw = csvField(texts.filter(Boolean).join(' | '));
        await put(row.number, `${row.number},${REPEATED_HEADER},${raw}${','.repeat(width)}\n`);
        continue;
      }
      if (isTotalsRecord(texts.join('\t'), TAB)) {
        await put(
          row.number,
          `${row.number},,${csvField(texts.filter(Boolean).join(' | '))}${','.repeat(width)}\n`,
        );
        continue;
      }
      await put(row.number, `${row.number},,,${cells.join(',')}\n`);
    }
  }
  stream.end();
  await once(stream, 'finish');
  if (found && !width) {
    throw new WorthError(
      'file_format',
      { file: shown, line: headerRow },
      undefined,
      'a header row',
      `has no header row on row ${headerRow} of the sheet`,
    );
  }
  if (!found) {
    throw new WorthError(
      'file_format',
      { file: shown, path: 'format.sheet' },
      format.sheet,
      `one of the sheets ${sheetNames.join(', ')}`,
      `has no sheet ${JSON.stringify(format.sheet)} (sheets: ${sheetNames.join(', ')})`,
    );
  }
  const columns = [LINE_COLUMN, FIELDS_COLUMN, RAW_COLUMN, ...header];
  const sheetLayouts = [...dateLayouts].flatMap(([i, layout]) =>
    layout ? [[header[i]!, layout] as const] : [],
  );
  return {
    columns,
    ...(held.length ? { footer: { lines: held.length, first: held[0]!.number } } : {}),
    ...(sheetLayouts.length ? { shownDates: Object.fromEntries(sheetLayouts) } : {}),
  };
}

/**
 * A row's values, a whole number whose format pads it (`0000`: Excel shows 12 as `0012`) as the
 * text shown, so a customer number keeps its leading zeros.
 */
function shownValues(row: ExcelJS.Row): unknown[] {
  return (row.values as unknown[]).slice(1).map((v, i) => {
    if (typeof v !== 'number') return v;
    return paddedNumberText(v, row.getCell(i + 1).numFmt) ?? v;
  });
}

/** A row's cells as compared with the header: trimmed, in lower case, empty ones after the last filled one dropped. */
function sameKey(cells: string[]): string {
  const key = cells.map((c) => c.trim().toLowerCase());
  while (key.length && key[key.length - 1] === '') key.pop();
  return key.join('\u0000');
}

function cellText(v: unknown, format: SourceFormat): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return format.decimal === ',' ? String(v).replace('.', ',') : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: string; richText?: { text: string }[]; error?: string };
    if ('result' in o) return cellText(o.result, format);
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (typeof o.text === 'string') return o.text;
    if (o.error) return o.error;
  }
  return String(v);
}

/** Cells joined by tabs are read as one record for the totals test. */
const TAB: SourceFormat = {
  delimiter: '\t',
  quote: '"',
  decimal: '.',
  date_format: 'yyyy-mm-dd',
  encoding: 'utf-8',
  header: true,
  skip_lines: 0,
};

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
