import { createReadStream, createWriteStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import path from 'node:path';
import iconv from 'iconv-lite';
import { WorthError } from '../core/index.ts';
import type { SourceFormat } from '../workspace/index.ts';
import { xlsxToCsv } from './xlsxToCsv.ts';

/** A source file made ready for the engine: a UTF-8 CSV (possibly gzip) or a Parquet file. */
export interface PreparedFile {
  kind: 'csv' | 'parquet';
  /** Path the engine reads. */
  path: string;
  /** The format to read it with (XLSX is rewritten as comma-separated UTF-8 with a line column). */
  format: SourceFormat;
  /** Whether the staged table carries the source line in a `__line` column (XLSX). */
  hasLineColumn: boolean;
  /** Extra date layouts the values may use (XLSX date cells are written as ISO dates). */
  extraDateFormats: string[];
  /** Column names from the header (or column1..N without one); undefined for Parquet. */
  columns?: string[];
}

/** The file's kind, from its name. */
export function fileKind(file: string): 'csv' | 'parquet' | 'xlsx' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return 'parquet';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return 'csv';
}

/**
 * Checks that a source file is what it claims to be and turns it into something the engine
 * reads directly: transcodes Windows-1252/Latin-1 to UTF-8, converts XLSX to CSV.
 * `shown` is the name used in messages; `tmpDir` receives converted files.
 */
export async function prepareFile(abs: string, shown: string, format: SourceFormat, tmpDir: string): Promise<PreparedFile> {
  if (!existsSync(abs)) {
    throw new WorthError('file_missing', { file: shown }, undefined, 'an existing file', `not found (looked for ${abs})`);
  }
  if (statSync(abs).isDirectory()) throw new WorthError('file_format', { file: shown }, undefined, 'a file', 'is a folder, not a file');
  const kind = fileKind(abs);
  const head = readHead(abs, 65536);
  if (kind === 'parquet') {
    if (head.subarray(0, 4).toString('latin1') !== 'PAR1') {
      throw new WorthError('file_format', { file: shown }, undefined, 'a Parquet file', `is not a Parquet file (it starts with ${describeBytes(head)})`);
    }
    return { kind: 'parquet', path: abs, format, hasLineColumn: false, extraDateFormats: ['%Y-%m-%d'] };
  }
  if (kind === 'xlsx') {
    if (head.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
      throw new WorthError('file_format', { file: shown }, undefined, 'an XLSX workbook', `is not an XLSX workbook (it starts with ${describeBytes(head)})`);
    }
    const out = path.join(tmpDir, `${path.basename(abs)}.csv`);
    const columns = await xlsxToCsv(abs, shown, out, format);
    return {
      kind: 'csv',
      path: out,
      format: { ...format, delimiter: ',', quote: '"', encoding: 'utf-8', header: true, skip_lines: 0 },
      hasLineColumn: true,
      extraDateFormats: ['%Y-%m-%d'],
      columns,
    };
  }
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const text = gz ? safeGunzipHead(abs) : head;
  checkText(text, shown, format);
  const columns = headerColumns(text, format, format.encoding === 'utf-8' ? 'utf8' : 'latin1');
  if (format.encoding === 'utf-8') return { kind: 'csv', path: abs, format, hasLineColumn: false, extraDateFormats: [], columns };
  const out = path.join(tmpDir, `${path.basename(abs).replace(/\.gz$/i, '')}.utf8.csv`);
  const decoder = iconv.decodeStream(format.encoding === 'latin-1' ? 'latin1' : 'win1252');
  const encoder = iconv.encodeStream('utf8');
  if (gz) await pipeline(createReadStream(abs), createGunzip(), decoder, encoder, createWriteStream(out));
  else await pipeline(createReadStream(abs), decoder, encoder, createWriteStream(out));
  const transcoded = readHead(out, 65536);
  return { kind: 'csv', path: out, format: { ...format, encoding: 'utf-8' }, hasLineColumn: false, extraDateFormats: [], columns: headerColumns(transcoded, format, 'utf8') };
}

/** The column names in the header line (quote-aware), or column1..N when there is no header. */
function headerColumns(head: Buffer, format: SourceFormat, encoding: 'utf8' | 'latin1'): string[] {
  let text = head.toString(encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  const first = lines[format.skip_lines] ?? '';
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < first.length; i++) {
    const ch = first[i]!;
    if (quoted) {
      if (ch === format.quote && first[i + 1] === format.quote) {
        cur += ch;
        i++;
      } else if (ch === format.quote) quoted = false;
      else cur += ch;
    } else if (ch === format.quote) quoted = true;
    else if (ch === format.delimiter) {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  if (!format.header) return fields.map((_, i) => `column${i + 1}`);
  return fields.map((f, i) => f.trim() || `column${i + 1}`);
}

function readHead(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

function safeGunzipHead(file: string): Buffer {
  // Decompress only the start: enough to check the header and the first lines.
  const raw = readHead(file, 1 << 20);
  try {
    return gunzipSync(raw, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, 65536);
  } catch {
    return Buffer.alloc(0);
  }
}

function describeBytes(b: Buffer): string {
  const magic: [string, string][] = [
    ['PK\u0003\u0004', 'a ZIP signature (an XLSX workbook?)'],
    ['PAR1', 'a Parquet signature'],
    ['%PDF', 'a PDF signature'],
    ['\u00d0\u00cf\u0011\u00e0', 'an old Excel (.xls) signature'],
  ];
  const start = b.subarray(0, 4).toString('latin1');
  const hit = magic.find(([m]) => start.startsWith(m));
  if (hit) return hit[1];
  return JSON.stringify(b.subarray(0, 16).toString('latin1'));
}

/** Rejects binary content, UTF-16, invalid UTF-8 and a header that does not split on the delimiter. */
function checkText(head: Buffer, shown: string, format: SourceFormat): void {
  if (head.length === 0) {
    throw new WorthError('file_format', { file: shown }, undefined, 'a CSV file with a header line', 'is empty (expected at least a header line)');
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new WorthError('file_format', { file: shown }, undefined, 'UTF-8 or Windows-1252 text', 'is UTF-16 text (expected UTF-8 or Windows-1252: save it as "CSV UTF-8")');
  }
  const nul = head.indexOf(0);
  if (nul >= 0) {
    throw new WorthError('file_format', { file: shown }, undefined, 'a text CSV file', `contains binary data (a NUL byte at byte ${nul + 1}; it starts with ${describeBytes(head)}); expected a text CSV file`);
  }
  if (format.encoding === 'utf-8') {
    const probe = trimIncompleteUtf8(head);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(probe);
    } catch {
      const bad = firstInvalidUtf8(probe);
      throw new WorthError('file_format', { file: shown, line: lineAt(probe, bad) }, undefined, 'UTF-8 text', `is not valid UTF-8 (byte 0x${probe[bad]?.toString(16)} at byte ${bad + 1}); if it comes from Excel on Windows set format.encoding: windows-1252`);
    }
  }
  if (!format.header) return;
  const text = head.toString('latin1');
  const lines = text.split(/\r?\n/);
  const headerLine = lines[format.skip_lines] ?? '';
  const fields = headerLine.split(format.delimiter);
  const others = [';', ',', '\t', '|'].filter((d) => d !== format.delimiter && headerLine.split(d).length > 2);
  if (fields.length === 1 && others.length) {
    const hint = `; it looks ${others[0] === '\t' ? 'tab' : JSON.stringify(others[0])}-separated: set format.delimiter`;
    throw new WorthError('file_format', { file: shown, line: format.skip_lines + 1 }, headerLine.slice(0, 120), `columns separated by ${JSON.stringify(format.delimiter)}`, `header ${JSON.stringify(headerLine.slice(0, 120))} has a single column when split on ${JSON.stringify(format.delimiter)}${hint}`);
  }
}

function trimIncompleteUtf8(b: Buffer): Buffer {
  // The probe may cut a multi-byte character at its end; drop up to 3 trailing bytes of it.
  const end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = b[end - i]!;
    if ((byte & 0xc0) === 0xc0) return b.subarray(0, end - i);
    if ((byte & 0x80) === 0) break;
  }
  return b.subarray(0, end);
}

/** Index of the first byte that breaks UTF-8 (the probe is known to be invalid somewhere). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return i;
      if ((b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function lineAt(b: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}
