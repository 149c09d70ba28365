/**
 * A report's footer below its data (eBay's orders report: `Seller Summary`, the records
 * downloaded, the seller's id; QuickBooks' time stamp): the last lines of a delimited file, below
 * an empty line, each with fewer fields than the header. They are no broken lines: worth.yaml's
 * `format.footer_lines` leaves them out and ingest counts them. The empty line above is the sign:
 * a file cut short ends in a short line with data right above it, which stays a reject.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { initText } from '../words/index.ts';
import type { Bilingual } from '../words/index.ts';
import type { ExportProfile } from './sniffExport.ts';

/** Bytes read from the end of the file. */
const TAIL_BYTES = 16_384;

/** Most lines a footer has; a longer block of short lines is something else. */
const MAX_FOOTER = 5;

/** The footer of `file` as profiled: its lines and why, or undefined when it has none. */
export function footerLines(file: string, p: ExportProfile): { lines: number; why: Bilingual } | undefined {
  if (p.kind === 'xlsx') return p.sheetFooter;
  if (p.kind !== 'csv' || /\.gz$/i.test(file) || p.columns.length < 3) return undefined;
  const lines = tailLines(file, p.encoding);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  const block: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '') {
      if (!block.length || block.length > MAX_FOOTER || i === 0) return undefined;
      const text = block[block.length - 1]!;
      const first = text.replaceAll(p.quote, '').split(p.delimiter)[0]!.trim();
      return { lines: block.length, why: initText('footerLines', { n: String(block.length), text: first }) };
    }
    if (fieldCount(line, p.delimiter, p.quote) >= p.columns.length) return undefined;
    block.push(line);
  }
  return undefined;
}

/** A sheet's row as the footer test sees it: its row number, filled cells and first filled cell's text. */
export interface SheetRow {
  number: number;
  filled: number;
  first: string;
}

/**
 * The footer of an XLSX sheet (its rows below the header, the sheet read to its end): the last
 * rows below an empty row (a gap in the row numbers, or a row with no cell filled), each with at
 * most a third of the header's cells filled (at least one, at most two). A sheet whose last
 * rows follow the data without an empty row has none (a totals row is a reject of its own).
 */
export function sheetFooter(
  rows: readonly SheetRow[],
  headerCells: number,
): { lines: number; why: Bilingual } | undefined {
  if (headerCells < 3) return undefined;
  const most = Math.min(2, Math.max(1, Math.floor(headerCells / 3)));
  const block: SheetRow[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const below = block[block.length - 1];
    const gap = row.filled === 0 || (below !== undefined && below.number > row.number + 1);
    if (gap && block.length) {
      // Data above the empty row: a footer of at most MAX_FOOTER rows.
      if (
        block.length > MAX_FOOTER ||
        !rows.slice(0, i + (row.filled === 0 ? 0 : 1)).some((r) => r.filled > most)
      )
        return undefined;
      const first = block[block.length - 1]!.first;
      return { lines: block.length, why: initText('footerRows', { n: String(block.length), text: first }) };
    }
    if (row.filled === 0) continue;
    if (row.filled > most) return undefined;
    block.push(row);
  }
  return undefined;
}

/** The last lines of the file (the first, maybe cut, dropped), decoded as the profile read it. */
function tailLines(file: string, encoding: ExportProfile['encoding']): string[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    // UTF-16 code units are two bytes: start on an even offset.
    const n = Math.min(size, TAIL_BYTES);
    const start = size - n - ((size - n) % 2);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString(encoding === 'utf-16' ? 'utf16le' : encoding === 'utf-8' ? 'utf8' : 'latin1');
    const lines = text.split(/\r\n|\n|\r/);
    return start > 0 ? lines.slice(1) : lines;
  } finally {
    closeSync(fd);
  }
}

/** Fields on one line: delimiters outside quotes, plus one. */
function fieldCount(line: string, delimiter: string, quote: string): number {
  let n = 1;
  let inQuote = false;
  for (const c of line) {
    if (c === quote) inQuote = !inQuote;
    else if (c === delimiter && !inQuote) n++;
  }
  return n;
}
