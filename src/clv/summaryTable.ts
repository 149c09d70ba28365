/**
 * Summary CSV files (one row per customer or pattern) read into named numeric columns, with
 * every bad cell reported as a WorthError carrying file, line, column, value and expectation.
 */
import { parse } from 'csv-parse/sync';
import { WorthError } from '../core/index.ts';

/** A parsed summary file: header names and rows of raw strings with their physical line. */
export interface SummaryTable {
  /** File name as shown in messages. */
  file: string;
  /** Header names, trimmed. */
  header: string[];
  /** Data rows as raw strings. */
  rows: string[][];
  /** Physical line (1-based, header = line 1) of each data row. */
  lines: number[];
  /** Number of data rows. */
  size: number;
  /**
   * Values already read as numbers by a typed columnar reader, by header position (NaN where a
   * cell is not a plain number); `rows` and `lines` are then empty. Reading such a table never
   * reports a bad value itself: it throws {@link ExactReadNeeded}, and the caller reads the file
   * as text ({@link withExactErrors}) for the error's exact line, column and value. A column
   * the reader left out (the customer id: text, never a number) is undefined: a model that
   * asked for it would read the file as text.
   */
  typed?: (Float64Array | undefined)[];
  /** With `typed`: the customer id column as text (trimmed), when the reader was asked for it. */
  ids?: string[];
}

/** A typed table met a value it does not accept: the file must be read as text to report it exactly. */
export class ExactReadNeeded extends Error {
  constructor() {
    super('a value needs the exact (text) read to be reported');
    this.name = 'ExactReadNeeded';
  }
}

/**
 * Runs `read` on the typed table (the fast path); when it meets a value it does not accept,
 * runs it again on the text table from `exact`, which reports that value with its line (or,
 * for a value only the typed reader could not take, such as a decimal comma, reads it).
 */
export function withExactErrors<T>(
  typed: SummaryTable,
  exact: () => SummaryTable,
  read: (t: SummaryTable) => T,
): T {
  try {
    return read(typed);
  } catch (e) {
    if (e instanceof ExactReadNeeded) return read(exact());
    throw e;
  }
}

/** Parses CSV text (comma or semicolon separated, header on line 1) into a {@link SummaryTable}. */
export function parseSummaryCsv(text: string, file: string): SummaryTable {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new WorthError(
      'file_format',
      { file, line },
      undefined,
      'a CSV file with the same number of fields on every line',
      `${file}${line ? ` line ${line}` : ''}: not a valid CSV file (${(e as Error).message})`,
    );
  }
  if (records.length === 0) throw new WorthError('file_format', { file, line: 1 }, '', 'a header line');
  const header = records[0]!.record.map((h) => h.trim());
  return {
    file,
    header,
    rows: records.slice(1).map((r) => r.record),
    lines: records.slice(1).map((r) => r.info.lines),
    size: records.length - 1,
  };
}

/** Finds a column by any of its accepted names (case-insensitive); -1 when absent. */
export function findColumn(t: SummaryTable, names: readonly string[]): number {
  const lower = t.header.map((h) => h.toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** Accepted names of the customer id column (case-insensitive), as lifetimes and BTYD name it. */
export const ID_COLUMNS = ['customer_id', 'id', 'customer', 'cust'] as const;

/**
 * The customer id of every row (trimmed text); a WorthError naming the header when the file
 * has no id column, and one naming the line of an empty id.
 */
export function idColumn(t: SummaryTable): string[] {
  const c = findColumn(t, ID_COLUMNS);
  if (c < 0)
    throw new WorthError(
      'file_format',
      { file: t.file, line: 1 },
      t.header.join(','),
      `a column named ${ID_COLUMNS.map((n) => `"${n}"`).join(' or ')}`,
      `${t.file} line 1: no customer id column (${ID_COLUMNS.map((n) => `"${n}"`).join(' or ')}) in the header ${JSON.stringify(t.header.join(','))}`,
    );
  if (t.typed) {
    if (!t.ids || t.ids.some((id) => id === '')) throw new ExactReadNeeded();
    return t.ids;
  }
  return t.rows.map((r, i) => {
    const id = (r[c] ?? '').trim();
    if (id === '')
      throw new WorthError(
        'input',
        { file: t.file, line: t.lines[i]!, column: t.header[c]! },
        '',
        'a customer id',
      );
    return id;
  });
}

/** Rules a numeric column must satisfy. */
export interface NumberRule {
  /** Integer values only. */
  integer?: boolean;
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Values must be strictly greater than `min`. */
  exclusiveMin?: boolean;
  /** Largest allowed value (inclusive). */
  max?: number;
}

/**
 * Reads a numeric column found under any of `names`; missing column throws unless
 * `fallback` is given (then every row gets it). Accepts `,` as decimal mark in `;` files.
 */
export function numberColumn(
  t: SummaryTable,
  names: readonly string[],
  rule: NumberRule,
  fallback?: number,
): Float64Array {
  const c = findColumn(t, names);
  if (c < 0) {
    if (fallback !== undefined) return new Float64Array(t.size).fill(fallback);
    throw new WorthError(
      'file_format',
      { file: t.file, line: 1 },
      t.header.join(','),
      `a column named ${names.map((n) => `"${n}"`).join(' or ')}`,
      `${t.file} line 1: no column ${names.map((n) => `"${n}"`).join(' or ')} in the header ${JSON.stringify(t.header.join(','))}`,
    );
  }
  const typed = t.typed?.[c];
  if (t.typed) {
    if (!typed || !allAccepted(typed, rule)) throw new ExactReadNeeded();
    return typed;
  }
  const column = t.header[c]!;
  const expected = expectation(rule);
  // (allocated here, not above: the typed read needs no copy)
  const out = new Float64Array(t.size);
  for (let i = 0; i < t.rows.length; i++) {
    const raw = t.rows[i]![c] ?? '';
    const v = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw.replace(',', '.')) : NaN;
    if (!accepts(v, rule))
      throw new WorthError('input', { file: t.file, line: t.lines[i]!, column }, raw, expected);
    out[i] = v;
  }
  return out;
}

/**
 * What a rule expects, in words (`an integer >= 0 and <= 1,000,000`). Said only where a value
 * can be refused with it (the text read): the first `toLocaleString` of a process starts ICU's
 * number formatting, some 15 ms of CPU that the typed read spent on a sentence it never shows.
 */
function expectation(rule: NumberRule): string {
  const range = [
    rule.min !== undefined ? (rule.exclusiveMin ? `> ${rule.min}` : `>= ${rule.min}`) : '',
    rule.max !== undefined ? `<= ${rule.max.toLocaleString('en-US')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `a${rule.integer ? 'n integer' : ' number'}${range ? ` ${range}` : ''}`;
}

/**
 * Whether every value of a typed column is a finite number that satisfies `rule`: the same test
 * as {@link accepts}, with the rule read once and the loop a few comparisons per value (no call
 * per value: a fit's first read of 1,000,000 values ran in V8's interpreter at ~100 ns a call).
 * A bound that is absent is the largest finite double, so NaN and ±Infinity fail as in `accepts`.
 */
function allAccepted(a: Float64Array, rule: NumberRule): boolean {
  const lo = rule.min ?? -Number.MAX_VALUE;
  const hi = Math.min(rule.max ?? Number.MAX_VALUE, Number.MAX_VALUE);
  const above = rule.exclusiveMin === true && rule.min !== undefined;
  const whole = rule.integer === true;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (!(v <= hi) || !(above ? v > lo : v >= lo) || (whole && Math.floor(v) !== v)) return false;
  }
  return true;
}

/** Whether `v` is a finite number that satisfies `rule`. */
function accepts(v: number, rule: NumberRule): boolean {
  return (
    Number.isFinite(v) &&
    !(rule.integer && !Number.isInteger(v)) &&
    !(rule.min !== undefined && (rule.exclusiveMin ? !(v > rule.min) : !(v >= rule.min))) &&
    !(rule.max !== undefined && !(v <= rule.max))
  );
}

/**
 * Throws the WorthError for row i, column `names[0]` as found, when `ok` is false. An
 * expectation that names the row's own values is a function, said only on failure (building
 * the sentence for each of 1,000,000 good rows cost a fifth of a second).
 */
export function checkRow(
  t: SummaryTable,
  i: number,
  names: readonly string[],
  ok: boolean,
  value: number,
  expected: string | (() => string),
): void {
  if (ok) return;
  if (t.typed) throw new ExactReadNeeded();
  const c = findColumn(t, names);
  throw new WorthError(
    'input',
    { file: t.file, line: t.lines[i]!, column: t.header[c] ?? names[0]! },
    value,
    typeof expected === 'string' ? expected : expected(),
  );
}
