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
