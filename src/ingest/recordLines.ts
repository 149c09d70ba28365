import { closeSync, createReadStream, createWriteStream, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { WorthError } from '../core/index.ts';
import type { SourceFormat } from '../workspace/index.ts';

/** Helper columns of a copy made by {@link copyRecordsWithLines}: physical line, and for a broken record its field count and raw text. */
export const LINE_COLUMN = '__line';
/** Field count of a record whose count differs from the header's (empty otherwise). */
export const FIELDS_COLUMN = '__fields';
/** The raw text of such a record, or of a totals line (empty otherwise). */
export const RAW_COLUMN = '__raw';
/** {@link FIELDS_COLUMN}'s value on a line that repeats the header (two exports joined into one file). */
export const REPEATED_HEADER = 'header';

/**
 * A record's fields as a reader sees them, for comparing with the header: quotes taken off,
 * trimmed, a byte order mark dropped, in lower case (`"Datum"` and `datum` are the same name).
 */
export function headerKey(text: string, format: SourceFormat): string {
  const clean = (f: string) =>
    f
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, '').replace(/\r$/, '')) {
    if (ch === format.quote) quoted = !quoted;
    else if (ch === format.delimiter && !quoted) {
      fields.push(clean(cur));
      cur = '';
    } else cur += ch;
  }
  fields.push(clean(cur));
  return fields.join('\u0000');
}

/**
 * A totals line of an export ("Total", "Grand total", "Totaal", "Eindtotaal", "Subtotal" as
 * the first value): the file's own sum, not an order line. Kept out of the columns (its amount
 * would count as a rejected amount and break the budget) and rejected as what it is.
 */
const TOTALS = /^(grand\s*total|sub\s*total|totals?|eindtotaal|subtotaal|totaal|generaal\s*totaal)\b/i;

/** Whether a record's first non-empty field (unquoted, trimmed) is a totals word. */
export function isTotalsRecord(text: string, format: SourceFormat): boolean {
  const first = text
    .split(format.delimiter)
    .map((f) =>
      f
        .trim()
        .replace(new RegExp(`^\\${format.quote}|\\${format.quote}$`, 'g'), '')
        .trim(),
    )
    .find((f) => f !== '');
  return first !== undefined && TOTALS.test(first);
}

/** A date written with dots (`05.03.2025`), which FOOT_FIELD's digits and dots would take for a number. */
const DATE_LIKE = /^[0-9]{1,4}[./][0-9]{1,2}[./][0-9]{2,4}$/;

/** A field that is a number (`1,234.56`, `1.234,56-`, `-$12.50`, `£3`) or a currency code (`GBP`). */
const FOOT_FIELD = /^([+-]?[£$€]?\s?[0-9][0-9.,' ]*-?|[A-Z]{3})$/;

/**
 * A foot total without a word (SAP's list total, a spreadsheet's sum row): the file's last
 * record, its first field empty, three quarters of its fields or more empty, and the others
 * numbers or a currency code, at least one a number. Only ever asked of the last record.
 */
export function isFootTotal(text: string, format: SourceFormat): boolean {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text.replace(/\r$/, '')) {
    if (ch === format.quote) quoted = !quoted;
    else if (ch === format.delimiter && !quoted) {
      fields.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  fields.push(cur.trim());
  const filled = fields.filter((f) => f !== '');
  return (
    fields.length >= 4 &&
    fields[0] === '' &&
    filled.length * 4 <= fields.length &&
    filled.every((f) => FOOT_FIELD.test(f) && !DATE_LIKE.test(f)) &&
    filled.some((f) => /[0-9]/.test(f))
  );
}

/** Whether the file's last non-blank line is a totals line (read from its last 8 KB; false for gzip). */
export function endsWithTotals(file: string, format: SourceFormat): boolean {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const n = Math.min(size, 8192);
    const buf = Buffer.alloc(n);
    readSync(fd, buf, 0, n, size - n);
    if (size >= 2 && n === size && buf[0] === 0x1f && buf[1] === 0x8b) return false;
    const lines = buf
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    // A footer under the totals line (`Aantal regels: 1234`, a signature): lines of one field.
    const footer = (l: string) => !l.includes(format.delimiter) && !isTotalsRecord(l, format);
    while (lines.length > 1 && footer(lines[lines.length - 1]!)) lines.pop();
    const last = lines[lines.length - 1];
    return last !== undefined && (isTotalsRecord(last, format) || isFootTotal(last, format));
  } finally {
    closeSync(fd);
  }
}

/** A page number line of a report saved as text: `Page 2`, `Page 2 of 5`, `Pagina 2 van 5`, `- 2 -` (delimiters and quotes around it allowed). */
export function isPageLine(text: string, format: SourceFormat): boolean {
  const fields = text.split(format.delimiter).map((f) => f.replaceAll(format.quote, '').trim());
  const filled = fields.filter((f) => f !== '');
  return (
    filled.length === 1 &&
    filled[0]!.length <= 24 &&
    /^(page|pg\.?|pagina|blad)\s*\d+(\s*(of|\/|van)\s*\d+)?$|^-\s*\d+\s*-$/i.test(filled[0]!)
  );
}

/** What a record-by-record copy found. */
export interface RecordCopy {
  /** Data records written (blank lines left out). */
  records: number;
  /** Records with another number of fields than the header (written with their raw text, fields empty). */
  ragged: number;
  /** Totals lines (written with their raw text, fields empty). */
  totals: number;
  /** Lines equal to the header (written with their raw text and {@link REPEATED_HEADER}). */
  headers: number;
  /** The footer's lines (`footer_lines`), not written: how many and the first one's line. */
  footer?: { lines: number; first: number };
}

/**
 * Copies a UTF-8 delimited file (optionally gzip) record by record, each prefixed with its
 * physical line in the source (quoted line breaks, CRLF, a byte order mark and blank lines
 * counted as a text editor counts them). A record with another number of fields than the
 * header's `columns` keeps only its line, its field count and its raw text, so the engine
 * reads every other record and the load rejects that one (DuckDB's own reject lines count
 * records, not physical lines, once a quoted field spans lines). A totals line is kept the
 * same way (raw text only, no field count), and so is a line equal to the header (two exports
 * joined: `REPEATED_HEADER` as its field count). Blank lines are left out.
 * The copy has a header and no lines to skip; it uses the source's delimiter and quote.
 */
export async function copyRecordsWithLines(
  src: string,
  shown: string,
  format: SourceFormat,
  columns: string[],
  out: string,
): Promise<RecordCopy> {
  const delim = format.delimiter.charCodeAt(0);
  const quote = format.quote.charCodeAt(0);
  const d = format.delimiter;
  const expected = columns.length;
  const sink = createWriteStream(out);
  // Buffers, not strings: a good record's bytes are copied as they are (no decoding).
  const pending: Buffer[] = [];
  const write = async (s: string | Buffer) => {
    pending.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
    if (pending.length >= 8192) await flush();
  };
  const flush = async () => {
    if (!pending.length) return;
    const chunk = Buffer.concat(pending);
    pending.length = 0;
    if (!sink.write(chunk)) await once(sink, 'drain');
  };
  const newline = Buffer.from('\n');
  const quoteText = (s: string) =>
    `${format.quote}${s.replaceAll(format.quote, format.quote + format.quote)}${format.quote}`;
  const helperHeader = [LINE_COLUMN, FIELDS_COLUMN, RAW_COLUMN].join(d) + d;
  let headerDone = !format.header;
  if (headerDone) await write(`${helperHeader}${columns.map(quoteText).join(d)}\n`);
  let line = 1;
  let recordLine = 1;
  let fields = 1;
  let inQuote = false;
  let parts: Buffer[] = [];
  let first = true;
  let records = 0;
  let ragged = 0;
  let totals = 0;
  let headers = 0;
  const asTotals = async (body: Buffer, at: number) => {
    totals++;
    await write(`${at}${d}${d}${quoteText(body.toString('utf8'))}${d.repeat(expected)}\n`);
  };
  const asRagged = async (body: Buffer, at: number, count: number) => {
    ragged++;
    await write(`${at}${d}${count}${d}${quoteText(body.toString('utf8'))}${d.repeat(expected)}\n`);
  };
  // One-field lines after a totals line, not yet known to be the file's footer.
  let afterTotals = false;
  const foot: { body: Buffer; at: number; count: number }[] = [];
  const footLines = async (atEnd: boolean) => {
    for (const f of foot) await (atEnd ? asTotals(f.body, f.at) : asRagged(f.body, f.at, f.count));
    foot.length = 0;
  };
  // The header as compared (see headerKey), and its longest name as written: a line without those bytes is no header (a native search).
  let header: { key: string; name: Buffer } | undefined;
  const emitNow = async (record: Buffer, at: number, count: number, last: boolean) => {
    let body = record;
    if (first) {
      first = false;
      if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
    }
    if (body.length && body[body.length - 1] === 13) body = body.subarray(0, body.length - 1);
    if (at <= format.skip_lines) return;
    if (!headerDone) {
      headerDone = true;
      const text = body.toString('utf8');
      const names = text.split(d).map((n) => n.replaceAll(format.quote, '').trim());
      const name = names.reduce((a, b) => (b.length > a.length ? b : a), '');
      if (name.length >= 3) header = { key: headerKey(text, format), name: Buffer.from(name, 'utf8') };
      await write(`${helperHeader}${body.toString('utf8')}\n`);
      return;
    }
    if (body.length === 0) return;
    records++;
    if (
      (mayBeTotals(body) && isTotalsRecord(body.toString('utf8'), format)) ||
      (last && isFootTotal(body.toString('utf8'), format))
    ) {
      await footLines(false);
      afterTotals = true;
      await asTotals(body, at);
      return;
    }
    // A line of one field after a totals line (`Aantal regels: 1234`, a signature) may be the
    // export's footer: held until a record with fields follows (then it is a broken record) or
    // the file ends (then it is part of the totals block: rejected as such, not counted).
    if (afterTotals && count === 1 && expected > 1) {
      foot.push({ body, at, count });
      return;
    }
    await footLines(false);
    afterTotals = false;
    if (
      header &&
      count === expected &&
      body.indexOf(header.name) !== -1 &&
      headerKey(body.toString('utf8'), format) === header.key
    ) {
      headers++;
      await write(
        `${at}${d}${REPEATED_HEADER}${d}${quoteText(body.toString('utf8'))}${d.repeat(expected)}\n`,
      );
      return;
    }
    if (count < expected && isPageLine(body.toString('utf8'), format)) {
      // A report's page break (`Page 2`, `Page 2 of 5` above the header again): no data, like the header it repeats.
      headers++;
      await write(
        `${at}${d}${REPEATED_HEADER}${d}${quoteText(body.toString('utf8'))}${d.repeat(expected)}\n`,
      );
      return;
    }
    if (count === expected) {
      await write(`${at}${d}${d}${d}`);
      await write(Buffer.from(body));
      await write(newline);
      return;
    }
    await asRagged(body, at, count);
  };
  // Each record is written when the next one arrives (and the footer's lines after it), so the
  // last is known to be last (a foot total) and the footer's lines are known to be the footer's.
  const footerLines = format.footer_lines ?? 0;
  const held: { record: Buffer; at: number; count: number }[] = [];
  let headerSeen = !format.header;
  const emit = async (record: Buffer, at: number, count: number) => {
    if (at > format.skip_lines) {
      // A blank line after the header is left out: it never makes the record before it not the last.
      if (headerSeen && (record.length === 0 || (record.length === 1 && record[0] === 13))) return;
      headerSeen = true;
    }
    held.push({ record, at, count });
    while (held.length > footerLines + 1) {
      const h = held.shift()!;
      await emitNow(h.record, h.at, h.count, false);
    }
  };
  for await (const chunk of open(src) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === quote) inQuote = !inQuote;
      else if (inQuote) {
        if (c === 10) line++;
      } else if (c === delim) fields++;
      else if (c === 10) {
        parts.push(chunk.subarray(start, i));
        await emit(parts.length === 1 ? parts[0]! : Buffer.concat(parts), recordLine, fields);
        parts = [];
        start = i + 1;
        line++;
        recordLine = line;
        fields = 1;
      }
    }
    if (start < chunk.length) parts.push(Buffer.from(chunk.subarray(start)));
  }
  if (inQuote) {
    sink.destroy();
    throw new WorthError(
      'file_format',
      { file: shown, line: recordLine },
      undefined,
      'quoted values that end with a quote',
      `has a quote that is never closed (the record starting on line ${recordLine} runs to the end of the file; expected quoted values to end with a quote)`,
    );
  }
  const rest = Buffer.concat(parts);
  if (rest.length) await emit(rest, recordLine, fields);
  // The footer: the last `footer_lines` records after the header, left out and counted.
  const data = held.slice(0, Math.max(0, held.length - footerLines));
  let footer: RecordCopy['footer'];
  for (const [k, h] of data.entries()) await emitNow(h.record, h.at, h.count, k === data.length - 1);
  for (const h of held.slice(data.length)) {
    if (!headerDone || h.at <= format.skip_lines) await emitNow(h.record, h.at, h.count, false);
    else footer = { lines: (footer?.lines ?? 0) + 1, first: footer?.first ?? h.at };
  }
  await footLines(true);
  await flush();
  sink.end();
  await once(sink, 'finish');
  return { records, ragged, totals, headers, ...(footer ? { footer } : {}) };
}

/** Cheap first test: a totals word starts with one of these letters (after spaces, quotes or empty fields). */
function mayBeTotals(body: Buffer): boolean {
  for (const c of body) {
    if (
      c === 0x54 ||
      c === 0x74 ||
      c === 0x47 ||
      c === 0x67 ||
      c === 0x45 ||
      c === 0x65 ||
      c === 0x53 ||
      c === 0x73
    )
      return true;
    if (c !== 0x20 && c !== 0x22 && c !== 0x27 && c !== 0x3b && c !== 0x2c && c !== 0x09 && c !== 0x7c)
      return false;
  }
  return false;
}

function open(file: string): Readable {
  const fd = openSync(file, 'r');
  const magic = Buffer.alloc(2);
  const n = readSync(fd, magic, 0, 2, 0);
  closeSync(fd);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return n === 2 && magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
}
