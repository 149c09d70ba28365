import {
  createReadStream,
  createWriteStream,
  existsSync,
  openSync,
  readSync,
  closeSync,
  statSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import path from 'node:path';
import iconv from 'iconv-lite';
import { uniqueColumnNames, WorthError } from '../core/index.ts';
import type { SourceFormat } from '../workspace/index.ts';
import { xlsxToCsv } from './xlsxToCsv.ts';
import { crlfToLf, normalizeLineEndings, scanText } from './scanText.ts';
import { copyAsUtf8, dropUtf8Bom, utf16Of } from './textEncoding.ts';

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
  /** Lines in the file the engine reads, where counted (UTF-8 files): with the record count it tells whether a record spans lines. */
  lines?: number;
  /** The first record's fields (UTF-8 CSV files), where whole in the file's head. */
  sample?: string[];
  /** An XLSX sheet's footer left out of the copy (`format.footer_lines`): how many rows and the first one's row. */
  footer?: { lines: number; first: number };
  /** XLSX: column -> the layout the sheet shows its dates in, for reject messages (xlsxToCsv.ts). */
  shownDates?: Record<string, string>;
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
 * reads directly: transcodes UTF-16 and Windows-1252/Latin-1 to UTF-8, converts XLSX to CSV.
 * `shown` is the name used in messages; `tmpDir` receives converted files.
 */
export async function prepareFile(
  abs: string,
  shown: string,
  format: SourceFormat,
  tmpDir: string,
): Promise<PreparedFile> {
  if (!existsSync(abs)) {
    throw new WorthError('file_missing', { file: shown }, undefined, 'an existing file', undefined, {
      key: 'fileNotFound',
      vars: { path: abs },
    });
  }
  if (statSync(abs).isDirectory())
    throw new WorthError('file_format', { file: shown }, undefined, 'a file', undefined, {
      key: 'isAFolder',
      vars: { pattern: `${shown.replace(/[\\/]+$/, '')}/*.csv` },
    });
  const kind = fileKind(abs);
  const head = readHead(abs, 65536);
  if (kind === 'parquet') {
    if (head.subarray(0, 4).toString('latin1') !== 'PAR1') {
      throw new WorthError(
        'file_format',
        { file: shown },
        undefined,
        'a Parquet file',
        `is not a Parquet file (it starts with ${describeBytes(head)})`,
      );
    }
    return { kind: 'parquet', path: abs, format, hasLineColumn: false, extraDateFormats: ['%Y-%m-%d'] };
  }
  if (kind === 'xlsx') {
    if (head.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
      throw new WorthError(
        'file_format',
        { file: shown },
        undefined,
        'an XLSX workbook',
        `is not an XLSX workbook (it starts with ${describeBytes(head)})`,
      );
    }
    const out = path.join(tmpDir, `${path.basename(abs)}.csv`);
    const { columns, footer, shownDates } = await xlsxToCsv(abs, shown, out, format);
    return {
      kind: 'csv',
      path: out,
      format: {
        ...format,
        delimiter: ',',
        quote: '"',
        encoding: 'utf-8',
        header: true,
        skip_lines: 0,
        footer_lines: 0,
      },
      hasLineColumn: true,
      extraDateFormats: ['%Y-%m-%d'],
      columns,
      ...(footer ? { footer } : {}),
      ...(shownDates ? { shownDates } : {}),
    };
  }
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const text = gz ? safeGunzipHead(abs) : head;
  // UTF-16 (Excel's "Unicode text"): its byte order mark says so whatever worth.yaml declares;
  // copied as UTF-8 and prepared as such, every line keeping its number.
  const utf16 = utf16Of(text) ?? (format.encoding === 'utf-16' ? 'utf16le' : null);
  if (utf16) {
    const out = path.join(tmpDir, `${path.basename(abs).replace(/\.gz$/i, '')}.utf16.csv`);
    await copyAsUtf8(abs, out, utf16);
    return prepareFile(out, shown, { ...format, encoding: 'utf-8' }, tmpDir);
  }
  checkText(text, shown, format);
  const columns = headerColumns(text, format, format.encoding === 'utf-8' ? 'utf8' : 'latin1');
  const base = path.basename(abs).replace(/\.gz$/i, '');
  if (format.encoding === 'utf-8') {
    // The whole file, not only its head: a bad byte or a mixed line end can sit anywhere.
    const scan = await scanText(abs, gz, shown, format, columns);
    const sample = firstRecord(text, format, 'utf8');
    if (!scan.mixedLineEndings && !scan.crLineEnds)
      return {
        kind: 'csv',
        path: abs,
        format,
        hasLineColumn: false,
        extraDateFormats: [],
        columns,
        lines: scan.lines,
        sample,
      };
    // The engine reads one kind of line end per file, and a lone CR (old Mac) as none: CRLF
    // and lone CR line ends become LF, so every line keeps its number.
    const out = path.join(tmpDir, `${base}.lf.csv`);
    await normalizeLineEndings(abs, gz, out, scan.crLineEnds);
    return {
      kind: 'csv',
      path: out,
      format,
      hasLineColumn: false,
      extraDateFormats: [],
      columns,
      lines: scan.lines,
      sample,
    };
  }
  const out = path.join(tmpDir, `${base}.utf8.csv`);
  const decoder = iconv.decodeStream(
    format.encoding === 'latin-1' ? 'latin1' : format.encoding === 'mac-roman' ? 'macintosh' : 'win1252',
  );
  const encoder = iconv.encodeStream('utf8');
  // Rewritten anyway, so line ends are made one kind (LF) on the way.
  if (gz)
    await pipeline(
      createReadStream(abs),
      createGunzip(),
      dropUtf8Bom(),
      decoder,
      encoder,
      crlfToLf(),
      createWriteStream(out),
    );
  else
    await pipeline(
      createReadStream(abs),
      dropUtf8Bom(),
      decoder,
      encoder,
      crlfToLf(),
      createWriteStream(out),
    );
  const transcoded = readHead(out, 65536);
  const utf8 = { ...format, encoding: 'utf-8' as const };
  const transcodedColumns = headerColumns(transcoded, format, 'utf8');
  // Counted on the copy (one more read), so blank lines and quoted line breaks keep their line numbers.
  const { lines, crLineEnds } = await scanText(out, false, shown, utf8, transcodedColumns);
  if (crLineEnds) {
    // Old Mac line ends (a lone CR): once more, with LF.
    const lf = path.join(tmpDir, `${base}.utf8.lf.csv`);
    await normalizeLineEndings(out, false, lf, true);
    return {
      kind: 'csv',
      path: lf,
      format: utf8,
      hasLineColumn: false,
      extraDateFormats: [],
      columns: headerColumns(readHead(lf, 65536), format, 'utf8'),
      lines,
    };
  }
  return {
    kind: 'csv',
    path: out,
    format: utf8,
    hasLineColumn: false,
    extraDateFormats: [],
    columns: transcodedColumns,
    lines,
  };
}

/** The column names in the header line (quote-aware), or column1..N when there is no header. */
function headerColumns(head: Buffer, format: SourceFormat, encoding: 'utf8' | 'latin1'): string[] {
  const fields = splitLine(headLines(head, encoding)[format.skip_lines] ?? '', format);
  if (!format.header) return fields.map((_, i) => `column${i + 1}`);
  return uniqueColumnNames(fields.map((f, i) => f.trim() || `column${i + 1}`));
}

/**
 * The fields of the first record (quote-aware), when it is whole within the head and on one
 * line: a sample of what the values look like (the date layout the fast path declares).
 */
function firstRecord(head: Buffer, format: SourceFormat, encoding: 'utf8' | 'latin1'): string[] | undefined {
  const lines = headLines(head, encoding);
  const at = format.skip_lines + (format.header ? 1 : 0);
  // Only a line followed by another is known to be whole.
  if (lines.length <= at + 1) return undefined;
  const line = lines[at]!;
  const quotes = line.split(format.quote).length - 1;
  return quotes % 2 === 0 ? splitLine(line, format) : undefined;
}

function headLines(head: Buffer, encoding: 'utf8' | 'latin1'): string[] {
  let text = head.toString(encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return splitLines(text);
}

/** Lines split on LF (or CRLF); a text without a bare LF on lone CRs too (old Mac exports), as scanText decides. */
function splitLines(text: string): string[] {
  return /(^|[^\r])\n/.test(text) ? text.split(/\r?\n/) : text.split(/\r\n?/);
}

function splitLine(first: string, format: SourceFormat): string[] {
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
  return fields;
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

/** Rejects binary content at the start and a header that does not split on the delimiter (the rest of the file: `scanText`; UTF-16 is read before this). */
function checkText(head: Buffer, shown: string, format: SourceFormat): void {
  if (head.length === 0) {
    throw new WorthError(
      'file_format',
      { file: shown },
      undefined,
      'a CSV file with a header line',
      undefined,
      { key: 'emptyFile' },
    );
  }
  const nul = head.indexOf(0);
  if (nul >= 0) {
    throw new WorthError(
      'file_format',
      { file: shown },
      undefined,
      'a text CSV file',
      `contains binary data (a NUL byte at byte ${nul + 1}; it starts with ${describeBytes(head)}); expected a text CSV file`,
    );
  }
  if (!format.header) return;
  const text = head.toString('latin1');
  const lines = splitLines(text);
  const headerLine = lines[format.skip_lines] ?? '';
  const fields = headerLine.split(format.delimiter);
  const others = [';', ',', '\t', '|'].filter(
    (d) => d !== format.delimiter && headerLine.split(d).length > 2,
  );
  if (fields.length === 1 && others.length) {
    const hint = `; it looks ${others[0] === '\t' ? 'tab' : JSON.stringify(others[0])}-separated: set format.delimiter`;
    throw new WorthError(
      'file_format',
      { file: shown, line: format.skip_lines + 1 },
      headerLine.slice(0, 120),
      `columns separated by ${JSON.stringify(format.delimiter)}`,
      `header ${JSON.stringify(headerLine.slice(0, 120))} has a single column when split on ${JSON.stringify(format.delimiter)}${hint}`,
    );
  }
}
