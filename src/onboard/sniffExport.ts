/**
 * What an export looks like: its dialect from DuckDB's CSV sniffer (`sniff_csv`: delimiter,
 * quote, header, lines to skip), its encoding, and per column what its values read as.
 *
 * The sniffer's own type guess is not enough for real exports: one bad value in its sample
 * ("2x" in a quantity, 2/30/2011) turns a column to text, and it has no candidate for
 * date-times without seconds (`12/1/2010 8:26`). So every column is also read as text and
 * DuckDB counts how many of its values read as a number (point or comma decimals) and as a
 * date under each common layout; a kind wins with 95% of the values that are present.
 */
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { paddedNumberText, uniqueColumnNames, WorthError } from '../core/index.ts';
import type { CsvSniff, CsvSniffOptions, Dialect, Engine } from '../warehouse/index.ts';
import { copyAsUtf8, utf16Of } from '../ingest/index.ts';
import { copyWithLf, hasCarriageReturn, hasLoneCr } from './lineEnds.ts';
import { recognisedRoles } from './headerLanguage.ts';
import { sheetFooter } from './footerLines.ts';
import { textEncodingGuess, type TextEncodingGuess } from './textEncodingGuess.ts';
import { DEFAULT_MISSING_VALUES, ISO_DATE, isoAlso } from '../workspace/index.ts';
import { bilingual, initText, initWord, type Bilingual } from '../words/index.ts';

/** A date layout Worth can write in worth.yaml, with the strptime formats it is tested with. */
interface DateCandidate {
  layout: string;
  strptime: string;
}

// Date-only layouts: ingest accepts a time after the date, so the layout is the date part.
// Order matters on ties (every day <= 12): European day-first before US month-first, except
// for the slash, where the US habit of the best-known exports wins.
const DATE_CANDIDATES: DateCandidate[] = [
  { layout: 'yyyy-mm-dd', strptime: '%Y-%m-%d' },
  { layout: 'dd-mm-yyyy', strptime: '%d-%m-%Y' },
  { layout: 'mm/dd/yyyy', strptime: '%m/%d/%Y' },
  { layout: 'dd/mm/yyyy', strptime: '%d/%m/%Y' },
  { layout: 'dd.mm.yyyy', strptime: '%d.%m.%Y' },
  { layout: 'yyyy/mm/dd', strptime: '%Y/%m/%d' },
  { layout: 'yyyymmdd', strptime: '%Y%m%d' },
  // Month names, as Excel writes dates in Dutch settings (5-mrt-2025) or English ones (05-Mar-2025).
  { layout: 'dd-mmm-yyyy', strptime: '%d-%b-%Y' },
  { layout: 'dd-mmm-yy', strptime: '%d-%b-%y' },
  { layout: 'dd mmm yyyy', strptime: '%d %b %Y' },
  // A month without a day (a monthly invoice's period: `december 2025`, `dec 2025`): its first day.
  { layout: 'mmm yyyy', strptime: '%b %Y' },
  // English month first (March 5, 2025; Mar 5, 2025). Full names, a weekday in front and a dot
  // after a short name (maandag 6 januari 2025, 5 mrt. 2025) read under the layouts above.
  { layout: 'mmm dd, yyyy', strptime: '%b %d, %Y' },
  // eBay's reports: Mar-05-25.
  { layout: 'mmm-dd-yyyy', strptime: '%b-%d-%Y' },
  { layout: 'mmm-dd-yy', strptime: '%b-%d-%y' },
  // Two-digit years (Etsy's 03/14/25): strptime's %Y would read "25" as the year 25.
  { layout: 'mm/dd/yy', strptime: '%m/%d/%y' },
  { layout: 'dd/mm/yy', strptime: '%d/%m/%y' },
  { layout: 'dd-mm-yy', strptime: '%d-%m-%y' },
  { layout: 'dd.mm.yy', strptime: '%d.%m.%y' },
];
// A 12-hour clock too (`12/5/2025 3:04 PM`, as US accounting exports write it).
const TIME_SUFFIXES = ['', ' %H:%M', ' %H:%M:%S', 'T%H:%M:%S', ' %H:%M:%S.%f', ' %I:%M %p', ' %I:%M:%S %p'];

/** Rows each column is profiled on (the first ones; the preview's ingest reads every row). */
export const PROFILE_ROWS = 20_000;

/** The share of present values a kind needs to win a column. */
const WIN = 0.95;

/** What one column's values read as. */
export interface ColumnProfile {
  name: string;
  /** `integer` and `number` are numbers (integer: no decimals anywhere); `date` has a layout. */
  kind: 'integer' | 'number' | 'date' | 'text';
  /** Values present (not missing) among the profiled rows. */
  present: number;
  /** Values that mean missing (empty, NA, ...). */
  missing: number;
  /** Present values that do not read as the column's kind (they will be rejected or checked). */
  unreadable: number;
  /** Numbers below zero. */
  negatives: number;
  /** Numbers above zero (a discount written negative has none). */
  positives: number;
  /** Distinct present values (trimmed) among the profiled rows. */
  distinct: number;
  /** Date layout as worth.yaml writes it (dates only). */
  dateLayout?: string;
  /**
   * The other reading of the same values with day and month swapped (dd/mm against mm/dd) and
   * how many it reads (dates only; absent when the layout has no such twin).
   */
  dateTwin?: { layout: string; hits: number };
  /** The strptime formats that read the column's dates (dates only). */
  dateFormats?: string[];
  /** Values written as ISO dates (`2025-03-05`) in a column of another layout, read as well (absent when none). */
  isoDates?: number;
  /** Letter prefix shared by some values followed by digits (e.g. "C" of C536379), with its count. */
  prefix?: { text: string; count: number };
  /** A few values, as written. */
  examples: string[];
  /**
   * Of a number column whose values also read as dates under one layout (`20250105` as
   * yyyymmdd): that layout, its strptime formats and how many values read so. Such a column is
   * a date only where its name says so (numberDates.ts).
   */
  alsoDate?: { layout: string; formats: string[]; hits: number };
}

/** The export as Worth will read it. */
export interface ExportProfile {
  kind: 'csv' | 'parquet' | 'xlsx';
  /** Data rows seen (XLSX: the rows sampled). */
  rows: number;
  delimiter: string;
  quote: string;
  header: boolean;
  skipLines: number;
  /** Lines at the end that are a report's footer (footerLines.ts), written as `footer_lines`. */
  footerLines?: number;
  /** XLSX: the sheet's footer rows (footerLines.ts `sheetFooter`), left out of the profile's copy. */
  sheetFooter?: { lines: number; why: Bilingual };
  /** XLSX: the worksheet that holds the data, when it is not the first (`format.sheet`). */
  sheet?: string;
  decimal: '.' | ',';
  /** Thousands separator seen with a decimal point (`1,234.56`); absent when none (a decimal comma implies "."). */
  thousands?: ',';
  encoding: 'utf-8' | 'windows-1252' | 'mac-roman' | 'utf-16';
  columns: ColumnProfile[];
  /** Why each setting was chosen, in words (both languages), for worth.yaml's comments and the preview. */
  reasons: Bilingual[];
  /** The staged table (all text) the profile was read from, for further questions. */
  table: string;
}

/** Kinds of file `worth init --from` reads. */
export function exportKind(file: string): 'csv' | 'parquet' | 'xlsx' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) return 'parquet';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return 'csv';
}

/** Rows of an XLSX workbook read for the profile (the preview's ingest reads them all). */
const XLSX_SAMPLE = PROFILE_ROWS;

/** Profiles `file` in `engine` (a throw-away in-memory database); `tmpDir` holds converted copies. */
export async function sniffExport(engine: Engine, file: string, tmpDir: string): Promise<ExportProfile> {
  const shown = path.basename(file);
  const kind = exportKind(file);
  const table = 'onboard_export';
  const reasons: Bilingual[] = [];
  let dialect = { delimiter: ',', quote: '"', header: true, skipLines: 0 };
  let encoding: ExportProfile['encoding'] = 'utf-8';
  let sheetName: string | undefined;
  let sheetFooter: ExportProfile['sheetFooter'];
  if (kind === 'parquet') {
    await engine.stageParquet(table, file);
    reasons.push(initText('parquet'));
  } else if (kind === 'xlsx') {
    const csv = path.join(tmpDir, `${shown}.sample.csv`);
    const { columnNames, skipRows, sheet, first, others, footer } = await xlsxSample(file, shown, csv);
    if (footer) sheetFooter = footer;
    dialect = { ...dialect, skipLines: skipRows };
    if (!first) sheetName = sheet;
    await engine.stageCsv(table, {
      path: csv,
      delimiter: ',',
      quote: '"',
      header: true,
      skipLines: 0,
      displayName: shown,
      columnNames,
    });
    reasons.push(
      bilingual((lang) =>
        initWord(lang, 'xlsxSheet', {
          sheet: others.length
            ? initWord(lang, 'xlsxMostCells', {
                sheet,
                others: others.map((x) => initWord(lang, 'xlsxOther', x)).join(', '),
              })
            : initWord(lang, first ? 'xlsxFirst' : 'xlsxNamed', { sheet }),
          row: skipRows + 1,
          titles: skipRows ? initWord(lang, 'xlsxTitles') : '',
          rows: XLSX_SAMPLE,
        }),
      ),
    );
  } else {
    let readable = file;
    // Not UTF-8: UTF-16 (Excel's "Unicode text"), else Mac Roman or Windows-1252 (textEncodingGuess.ts), copied as UTF-8 to profile.
    const head = headBytes(file);
    const utf16 = utf16Of(head);
    const single = utf16 || isUtf8(head) ? null : textEncodingGuess(head);
    if (utf16 || single) {
      encoding = utf16 ? 'utf-16' : single!.encoding;
      readable = path.join(tmpDir, `${shown.replace(/\.gz$/i, '')}.utf8.csv`);
      await copyAsUtf8(file, readable, utf16 ?? (encoding === 'mac-roman' ? 'macintosh' : 'win1252'));
      if (utf16) reasons.push(initText('utf16', { endian: utf16 === 'utf16le' ? 'little' : 'big' }));
      else reasons.push(encodingReason(single!, hasLoneCr(head)));
    }
    if (hasCarriageReturn(headBytes(readable))) {
      const lf = path.join(tmpDir, `${shown.replace(/\.gz$/i, '')}.lf.csv`);
      await copyWithLf(readable, lf);
      readable = lf;
    }
    const sniffed = await sniffDialect(engine, readable, shown);
    dialect = sniffed.dialect;
    reasons.push(
      bilingual((lang) =>
        initWord(lang, 'sniffer', {
          delimiter: JSON.stringify(dialect.delimiter),
          quote: JSON.stringify(dialect.quote),
          header: initWord(lang, dialect.header ? 'headerRow' : 'noHeaderRow'),
          skipped: dialect.skipLines ? initWord(lang, 'skippedLines', { n: dialect.skipLines }) : '',
        }),
      ),
    );
    // The profile is read from the well-formed lines; the preview's ingest rejects the others by reason.
    await engine.stageCsv(table, {
      path: readable,
      ...dialect,
      displayName: shown,
      columnNames: sniffed.columnNames,
      skipBrokenRecords: true,
    });
  }
  const names = (await engine.columns(table)).filter((c) => c !== '_rn');
  const rows = Number(
    (await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(table)}`))[0]!.n,
  );
  const { mark: decimal, grouped } = await decimalMark(engine, table, names, dialect.delimiter);
  // Say what was seen: decimals after a comma, or (whole euros) only dots grouping thousands.
  if (decimal === ',')
    reasons.push(grouped ? initText('decimalCommaGrouped', { example: grouped }) : initText('decimalComma'));
  const thousands =
    decimal === '.' && (await commaThousands(engine, table, names)) ? (',' as const) : undefined;
  if (thousands) reasons.push(initText('thousandsComma'));
  const columns: ColumnProfile[] = [];
  for (const name of names) columns.push(await profileColumn(engine, table, name, decimal, thousands));
  const dated = columns.filter((c) => c.kind === 'date');
  for (const c of dated) reasons.push(dateReason(c));
  return {
    kind,
    rows,
    ...dialect,
    ...(sheetName === undefined ? {} : { sheet: sheetName }),
    ...(sheetFooter ? { sheetFooter } : {}),
    decimal,
    ...(thousands ? { thousands } : {}),
    encoding,
    columns,
    reasons,
    table,
  };
}

/** Why a file that is not UTF-8 is read as Mac Roman or Windows-1252 (`loneCr`: its lines end in CR alone, as a Mac saves them). */
function encodingReason(g: TextEncodingGuess, loneCr: boolean): Bilingual {
  if (g.encoding === 'mac-roman')
    return initText('macRomanChosen', {
      high: g.highBytes,
      windows: g.implausibleAsWindows,
      mac: g.implausibleAsMac,
      asWindows: JSON.stringify(g.example?.asWindows ?? ''),
      asMac: JSON.stringify(g.example?.asMac ?? ''),
    });
  // CR line ends are a Mac's, but nothing in the text read better as Mac Roman.
  return loneCr ? initText('macRoman') : initText('win1252');
}

function headBytes(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    if (head[0] === 0x1f && head[1] === 0x8b)
      return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    return head;
  } finally {
    closeSync(fd);
  }
}

function isUtf8(bytes: Buffer): boolean {
  // The head may end inside a multi-byte character: drop up to three trailing bytes.
  for (let cut = 0; cut < 4; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try a shorter head
    }
  }
  return false;
}

/** The fields of line `at` (0-based) of a text's head, split on the delimiter outside quotes, unquoted and trimmed. */
function headerNames(head: Buffer, at: number, delimiter: string, quote: string): string[] {
  const line = (
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[at] ?? ''
  ).replace(/\r$/, '');
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (const c of line) {
    if (c === quote) inQuote = !inQuote;
    else if (c === delimiter && !inQuote) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Column names the sniffer made up for empty header fields (`column0`, `column01`). */
const unnamed = (names: string[]): number => names.filter((n) => /^column\d+$/.test(n)).length;

/** Lines of a title block above a report's header that are looked past (report name, company, dates). */
const TITLE_LINES = 12;

async function sniffDialect(engine: Engine, file: string, shown: string) {
  let row: CsvSniff | undefined;
  let options: CsvSniffOptions = {};
  // A few lines with too few or too many fields make the sniffer settle for one column of
  // whole lines, or give up with an error when such a line is deep in its sample; told to pass
  // over such lines it finds the delimiter the other lines share.
  let failure: unknown;
  try {
    row = await engine.sniffCsv(file);
  } catch (e) {
    failure = e;
  }
  try {
    const lenient = await engine.sniffCsv(file, { ignoreErrors: true });
    if (lenient && (row === undefined || lenient.columns.length > row.columns.length)) {
      row = lenient;
      options = { ignoreErrors: true };
    }
  } catch (e) {
    failure ??= e;
  }
  if (!row && failure !== undefined) {
    const why = failure instanceof Error ? failure.message.split('\n')[0]! : String(failure);
    throw new WorthError(
      'file_format',
      { file: shown },
      undefined,
      'a delimited text file (CSV)',
      `could not be read as CSV (${why.replace(/^[A-Za-z ]*Error: /, '')})`,
    );
  }
  if (!row)
    throw new WorthError(
      'file_format',
      { file: shown },
      undefined,
      'a delimited text file (CSV)',
      'is empty',
    );
  // A report saved as CSV (QuickBooks) has a title block above its header: report name, company,
  // date range, a blank line. The sniffer then settles for one column; the header is the first
  // line below which the sniffer finds the most columns.
  if (row.columns.length <= 2) {
    for (let skip = 1; skip <= TITLE_LINES; skip++) {
      const below = await engine.sniffCsv(file, { skip, ignoreErrors: true }).then(
        (r) => r,
        () => undefined,
      );
      if (below && below.columns.length > row.columns.length) {
        // The sniffer passes over blank lines on its own; the header's line is counted past them.
        const lines = headBytes(file).toString('utf8').split('\n');
        let header = skip;
        while (header < lines.length - 1 && lines[header]!.trim() === '') header++;
        row = { ...below, skipRows: header };
        options = { skip: header, ignoreErrors: true };
      }
    }
  }
  // Excel saves a merged title row (the company, the report and its period) as its text and the
  // empty cells of the merge (`Pennine Wholesale Ltd,,,,,`): as many fields as the header, so the
  // sniffer takes it for the header and names the empty fields column01, column02, ... The header
  // is then the first line below with a name in every field, names that recognition knows.
  if (!options.skip && unnamed(row.columns) > row.columns.length / 2) {
    const q = row.quote.length === 1 ? row.quote : '"';
    for (let at = 1; at <= TITLE_LINES; at++) {
      const names = headerNames(headBytes(file), at, row.delimiter, q);
      if (names.length !== row.columns.length || names.some((n) => n === '') || recognisedRoles(names) < 3)
        continue;
      const below = await engine.sniffCsv(file, { skip: at, ignoreErrors: true }).then(
        (r) => r,
        () => undefined,
      );
      if (below?.columns.length !== row.columns.length) continue;
      row = { ...below, skipRows: at };
      options = { skip: at, ignoreErrors: true };
      break;
    }
  }
  const quote = row.quote;
  // The column names as the sniffer reads them from the header's line itself.
  const final = options.skip ? await engine.sniffCsv(file, options) : row;
  let columnNames = (final?.columns ?? []).map((name, i) =>
    // A header field left empty: DuckDB names it column0, column1, ...; ingest (prepareFile.ts) counts from 1, as worth.yaml must.
    name === `column${i}` ? `column${i + 1}` : name,
  );
  let header = row.header;
  if (!header) {
    // Every line ending in the delimiter gives the header an empty last name, and with every
    // column text (`£1,234.56`) the sniffer then reads no header; names recognition knows say it is one.
    const names = headerNames(headBytes(file), row.skipRows, row.delimiter, quote.length === 1 ? quote : '"');
    if (names.length === columnNames.length && recognisedRoles(names) >= 3) {
      header = true;
      columnNames = names.map((n, i) => (n === '' ? `column${i + 1}` : n));
    }
  }
  const dialect = {
    delimiter: row.delimiter,
    quote: quote.length === 1 ? quote : '"',
    header,
    skipLines: row.skipRows,
  };
  return { dialect, columnNames };
}

/**
 * A value's text with the marks of accounting and shop exports turned into a plain sign:
 * currency signs, codes and spaces dropped, `(12.50)`, `12.50-`, `-/- 12.50` and `12.50 CR` as `-12.50` (ingest's parse reads
 * the same forms: src/ingest/parseSql.ts).
 */
function signedText(d: Dialect, v: string): string {
  // A plain number (`-1234`, `1.234,56`) has none of the marks below, so it is its own signed text: one
  // pattern instead of six replacements on most values (a 1,000,000-line file's decimal-mark count
  // 3.8 -> 0.9 CPU-s; the six patterns below each need a letter, a sign, a space, a bracket or a
  // trailing minus that this pattern does not allow).
  const inner = markedSignedText(d, v);
  return `(CASE WHEN ${d.regexFullMatch(v, "'-?[0-9][0-9.,]*'")} THEN ${v} ELSE ${inner} END)`;
}

/** signedText's replacements, for a value that is not a plain number. */
function markedSignedText(d: Dialect, v: string): string {
  // Dutch bookkeeping's minus (`-/- 12,50`, Informer, Gripp) is a minus.
  const minus = d.regexReplace(v, "'^-/- *'", "'-'");
  // A rate written `9%` reads as 9, as ingest reads a formula input (a percent sign is a unit mark).
  const signed = d.regexReplace(minus, "'^(.*[0-9.)]) ?(CR|Cr|cr)$'", "'-\\1'");
  // A currency code (`1,234.56 GBP`, `(12.50 USD)`) and a ledger's debit mark (`12.50 DR`) are marks too.
  const coded = d.regexReplace(
    d.regexReplace(signed, "'([0-9.)]) ?(DR|Dr|dr)$'", "'\\1'"),
    "'^[A-Z]{3} ?| ?[A-Z]{3}(\\)?)$'",
    "'\\1'",
  );
  const bare = d.regexReplace(coded, "'[€£$ ]|%$'", "''");
  return d.regexReplace(d.regexReplace(bare, "'^\\((.*)\\)$'", "'-\\1'"), "'^([^-].*)-$'", "'-\\1'");
}

/** SQL for a column's value as a DOUBLE under the decimal mark (NULL when it is not a number); `col` is the quoted column. */
export function numberValueSql(d: Dialect, col: string, decimal: '.' | ','): string {
  const t = signedText(d, `trim(${col})`);
  return decimal === ','
    ? d.tryDouble(`replace(replace(${t}, '.', ''), ',', '.')`)
    : d.tryDouble(`replace(${t}, ',', '')`);
}

/**
 * SQL: a column's value as a DOUBLE as ingest will read it under the profile's format, NULL where
 * ingest rejects it: a thousands separator out of its groups of three (`£1,23.00`), or a comma
 * with a decimal point and no thousands separator (src/ingest/parseSql.ts's guards). For counts
 * of lines that will load (init's checks), where {@link numberValueSql} reads such a value loosely.
 */
export function loadedNumberValueSql(d: Dialect, col: string, decimal: '.' | ',', thousands?: ','): string {
  const t = signedText(d, `trim(${col})`);
  const value = numberValueSql(d, col, decimal);
  const th = decimal === ',' ? '.' : thousands;
  if (!th) return `(CASE WHEN ${d.contains(t, "','")} THEN NULL ELSE ${value} END)`;
  const group = th === '.' ? '\\.' : ',';
  const mark = decimal === '.' ? '\\.' : ',';
  const grouped = d.regexFullMatch(t, `'[+-]?[0-9]{1,3}(${group}[0-9]{3})+(${mark}[0-9]+)?'`);
  return `(CASE WHEN ${d.contains(t, `'${th}'`)} AND NOT ${grouped} THEN NULL ELSE ${value} END)`;
}

/** SQL: whether the text `v` is missing (NULL or one of the default "missing" words). */
export const missingSql = (v: string) =>
  `(${v} IS NULL OR upper(trim(${v})) IN (${DEFAULT_MISSING_VALUES.map((m) => `'${m}'`).join(', ')}))`;

/** Whether some values group thousands with commas before a decimal point (`1,234.56`, `(12,500.00)`). */
async function commaThousands(engine: Engine, table: string, names: string[]): Promise<boolean> {
  if (!names.length) return false;
  const q = engine.dialect.quoteIdent;
  const hits = names
    .map(
      (n) =>
        `count(*) FILTER (WHERE ${engine.dialect.regexFullMatch(signedText(engine.dialect, `trim(${q(n)})`), "'-?[0-9]{1,3}(,[0-9]{3})+\\.[0-9]{1,2}'")})`,
    )
    .join(' + ');
  const r = (await engine.query(`SELECT (${hits}) AS n FROM ${q(table)} WHERE _rn <= ${PROFILE_ROWS}`))[0]!;
  return Number(r.n) > 0;
}

async function decimalMark(
  engine: Engine,
  table: string,
  names: string[],
  delimiter: string,
): Promise<{ mark: '.' | ','; grouped?: string }> {
  if (!names.length) return { mark: '.' };
  const q = engine.dialect.quoteIdent;
  // Through the marks ingest reads (`€ 1.234,56`, `-€ 12,50`, `9,5%`), so a currency sign does not hide the mark.
  const count = (re: string) =>
    names
      .map(
        (n) =>
          `count(*) FILTER (WHERE ${engine.dialect.regexFullMatch(signedText(engine.dialect, `trim(${q(n)})`), `'${re}'`)})`,
      )
      .join(' + ');
  // A decimal comma shows as `12,5` or after thousands dots (`1.234,56`), or in dots that group
  // thousands with no decimals at all (`1.234`, `12.500.000`: three digits after every dot); a
  // point as `12.50` or after thousands commas (`1,234.56`). Without the grouped forms, a file
  // whose every amount is `1.234,56` or `12.500` would be read with a decimal point.
  // Between commas a decimal comma sits in quotes (a bank's `"1234,56"`); there `1,234` is a
  // thousands comma as often, so only two decimals after it count (money, `12,50`).
  const comma =
    delimiter === ','
      ? '-?[0-9]+,[0-9]{2}|-?[0-9]{1,3}(\\.[0-9]{3})+,[0-9]{2}'
      : '-?[0-9]+,[0-9]{1,3}|-?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]{1,3})?';
  // The profile's lines first, as every other guess; the whole file only when they hold no decimals at all
  // (a 5,000,000-line export: 10 CPU-s for the whole file against a fraction of one for its first lines).
  // Of the comma's hits, those that are only dots grouping thousands (`12.500`, no comma at all):
  // when they are all of them, the reason says so instead of "1,25 outnumbers 1.25".
  const groupsOnly = '-?[0-9]{1,3}(\\.[0-9]{3})+';
  const marks = async (where: string) =>
    (
      await engine.query(
        `SELECT (${count(comma)}) AS comma,
           (${count('-?[0-9]+\\.[0-9]{1,2}|-?[0-9]{1,3}(,[0-9]{3})+\\.[0-9]{1,2}')}) AS point,
           (${count(groupsOnly)}) AS grouped FROM ${q(table)}${where}`,
      )
    )[0]!;
  const head = await marks(` WHERE _rn <= ${PROFILE_ROWS}`);
  const r = Number(head.comma) + Number(head.point) > 0 ? head : await marks('');
  if (Number(r.comma) <= Number(r.point)) return { mark: '.' };
  if (delimiter === ',' || Number(r.grouped) < Number(r.comma)) return { mark: ',' };
  return { mark: ',', grouped: await groupedExample(engine, table, names, groupsOnly) };
}

/** The first value of `names` that is only thousands grouped by dots (`12.500`), as written. */
async function groupedExample(engine: Engine, table: string, names: string[], re: string): Promise<string> {
  const q = engine.dialect.quoteIdent;
  const hits = names.map(
    (n) =>
      `SELECT _rn, trim(${q(n)}) AS v FROM ${q(table)} WHERE ${engine.dialect.regexFullMatch(signedText(engine.dialect, `trim(${q(n)})`), `'${re}'`)}`,
  );
  const r = await engine.query(`SELECT v FROM (${hits.join(' UNION ALL ')}) ORDER BY _rn LIMIT 1`);
  return String(r[0]?.v ?? '1.234');
}

/** One column's profile: what its first {@link PROFILE_ROWS} values read as (also init's joined copy of two exports, twoExports.ts). */
export async function profileColumn(
  engine: Engine,
  table: string,
  name: string,
  decimal: '.' | ',',
  thousands: ',' | undefined,
): Promise<ColumnProfile> {
  const q = engine.dialect.quoteIdent;
  const v = `trim(${q(name)})`;
  const present = `NOT ${missingSql(q(name))}`;
  const num = numberValueSql(engine.dialect, q(name), decimal);
  const nv = signedText(engine.dialect, v);
  const full = (e: string, re: string) => engine.dialect.regexFullMatch(e, `'${re}'`);
  const numberPattern =
    decimal === ','
      ? '[+-]?[0-9]{1,3}(\\.?[0-9]{3})*(,[0-9]+)?'
      : thousands
        ? '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?'
        : '[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?';
  // A four-digit year layout counts only values with four digits in a row (else 1/2/25 is the year 25).
  const fourDigits = engine.dialect.regexFullMatch(v, "'.*[0-9]{4}.*'");
  // A value without the marks a layout's date part writes (its `-`, `/`, `.` or `,`, a digit, a
  // month name's letter) is never read by it: only the others are tried (an amount column's
  // `12,50` meets no layout but `mmm dd, yyyy`), with the same counts (dateMarks.test.ts). A CASE,
  // not an AND: DuckDB evaluates both sides of an AND in a FILTER, a CASE's branch only where it
  // holds (an amount column's 17,000 distinct values: 3.4 -> 0.3 CPU-s).
  const readable = (bases: string[]) =>
    `(${bases.map((b) => dateMarksSql(engine.dialect, v, b)).join(' OR ')})`;
  const dates = DATE_CANDIDATES.map(
    (c, i) =>
      `sum(_n) FILTER (WHERE ${present} AND (CASE WHEN ${c.layout.includes('yyyy') ? `${fourDigits} AND ` : ''}${readable(candidateBases(c))} THEN ${engine.dialect.tryDate(
        v,
        candidateFormats(c),
      )} END) IS NOT NULL) AS d${i}`,
  );
  // ISO dates among another layout's (a second system's rows): worth.yaml reads them as a second layout (isoAlso).
  const isoDate = engine.dialect.tryDate(
    v,
    TIME_SUFFIXES.map((s) => `${ISO_DATE}${s}`),
  );
  const iso = `sum(_n) FILTER (WHERE ${present} AND (CASE WHEN ${readable([ISO_DATE])} THEN ${isoDate} END) IS NOT NULL) AS iso`;
  // The tests run once per distinct value, weighted by how often it occurs: a date layout tried on
  // 20,000 lines costs seconds a column, on their few hundred distinct values milliseconds.
  const counts = (
    await engine.query(
      `SELECT sum(_n) FILTER (WHERE ${present}) AS present, sum(_n) FILTER (WHERE NOT (${present})) AS missing,
        sum(_n) FILTER (WHERE ${present} AND ${full(nv, numberPattern)} AND ${num} IS NOT NULL) AS numbers,
        sum(_n) FILTER (WHERE ${present} AND ${full(v, '[+-]?[0-9]+')}) AS integers,
        sum(_n) FILTER (WHERE ${present} AND ${num} < 0) AS negatives,
        sum(_n) FILTER (WHERE ${present} AND ${num} > 0) AS positives,
        count(DISTINCT ${v}) FILTER (WHERE ${present}) AS distinct_values,
        ${dates.join(', ')}, ${iso},
        sum(_n) FILTER (WHERE ${full(v, '[A-Za-z]+[0-9]+')}) AS prefixed
       FROM (SELECT ${q(name)}, count(*) AS _n FROM ${q(table)} WHERE _rn <= ${PROFILE_ROWS} GROUP BY ${q(name)}) _values`,
    )
  )[0]!;
  const firsts = (
    await engine.query(
      `SELECT ${engine.dialect.mode(engine.dialect.regexExtract(v, "'^([A-Za-z]+)[0-9]+$'", 1))} FILTER (WHERE ${full(v, '[A-Za-z]+[0-9]+')}) AS prefix,
        ${engine.dialect.firstValues(q(name), '_rn', 3, `${present} AND _rn <= 50`)} AS examples
       FROM ${q(table)} WHERE _rn <= ${PROFILE_ROWS}`,
    )
  )[0]!;
  const r = { ...counts, ...firsts };
  const n = Number(r.present);
  const examples = (r.examples as unknown as string[] | null) ?? [];
  const base = {
    name,
    present: n,
    missing: Number(r.missing),
    negatives: Number(r.negatives),
    positives: Number(r.positives),
    distinct: Number(r.distinct_values),
    examples: [...examples],
  };
  const prefix = r.prefix ? { text: String(r.prefix), count: Number(r.prefixed) } : undefined;
  if (n === 0) return { ...base, kind: 'text', unreadable: 0, negatives: 0, positives: 0, prefix };
  const numbers = Number(r.numbers);
  const best = DATE_CANDIDATES.map((c, i) => ({ c, hits: Number(r[`d${i}`]) })).reduce((a, b) =>
    b.hits > a.hits ? b : a,
  );
  // A column of plain numbers (20110105?) is a date only if it does not read as a number as well.
  if (best.hits >= WIN * n && best.hits > numbers) {
    const twinLayout = swapDayMonth(best.c.layout);
    const twin = DATE_CANDIDATES.findIndex((c) => c.layout === twinLayout);
    return {
      ...base,
      kind: 'date',
      unreadable: n - best.hits,
      dateLayout: best.c.layout,
      ...(twin >= 0 ? { dateTwin: { layout: twinLayout, hits: Number(r[`d${twin}`]) } } : {}),
      dateFormats: candidateFormats(best.c),
      ...(isoAlso(best.c.strptime) && Number(r.iso) > 0 ? { isoDates: Number(r.iso) } : {}),
      prefix,
    };
  }
  if (numbers >= WIN * n)
    return {
      ...base,
      kind: Number(r.integers) === numbers ? 'integer' : 'number',
      unreadable: n - numbers,
      prefix,
      ...(best.hits >= WIN * n
        ? {
            alsoDate: {
              layout: best.c.layout,
              formats: TIME_SUFFIXES.map((x) => `${best.c.strptime}${x}`),
              hits: best.hits,
            },
          }
        : {}),
    };
  return { ...base, kind: 'text', unreadable: 0, prefix };
}

/** The date parts (strptime, no time) of a candidate's formats: its own and ISO's when ISO is read besides. */
function candidateBases(c: DateCandidate): string[] {
  return isoAlso(c.strptime) ? [c.strptime, ISO_DATE] : [c.strptime];
}

/**
 * SQL: whether the text `v` has every mark strptime needs to read it under the date part `base`
 * (with any time after it): each of its separators other than a space, a digit (every layout has
 * a year) and, for a month name (`%b`), a letter. A necessary condition only: `tryDate` drops a
 * weekday, cuts words and renames Dutch months (letters for letters) and drops a time's offset,
 * so it never adds such a mark; a value without them is refused by strptime anyway, and the
 * condition spares the formats' tries (amounts: a 1,000,000-line profile's amount columns).
 */
export function dateMarksSql(d: Dialect, v: string, base: string): string {
  const literals = [...new Set(base.replace(/%./g, '').replace(/ /g, ''))];
  return [
    d.regexFullMatch(v, "'.*[0-9].*'"),
    ...(base.includes('%b') ? [d.regexFullMatch(v, "'.*[A-Za-z].*'")] : []),
    ...literals.map((x) => d.contains(v, `'${x}'`)),
  ].join(' AND ');
}

/** The strptime formats a date candidate reads: its layout with a time or none, and ISO dates besides (worth.yaml then says `or yyyy-mm-dd`). */
function candidateFormats(c: DateCandidate): string[] {
  const own = TIME_SUFFIXES.map((x) => `${c.strptime}${x}`);
  return isoAlso(c.strptime) ? [...own, ...TIME_SUFFIXES.map((x) => `${ISO_DATE}${x}`)] : own;
}

/** `dd/mm/yy` <-> `mm/dd/yy`: the layout that reads the same values with day and month swapped. */
function swapDayMonth(layout: string): string {
  return layout.replace(/dd|mm/g, (m) => (m === 'dd' ? 'mm' : 'dd'));
}

/**
 * Why a column's dates are read as they are, for worth.yaml's comments: how many values read
 * so and, where day and month could be swapped, which order the values prove (a day above 12)
 * or that none does and the usual order for the separator was taken.
 */
function dateReason(c: ColumnProfile): Bilingual {
  const read = c.present - c.unreadable;
  const t = c.dateTwin;
  return bilingual((lang) =>
    initWord(lang, 'dates', {
      column: c.name,
      layout: c.dateLayout ?? '',
      read: String(read),
      present: String(c.present),
      more:
        (c.dateLayout === 'mmm yyyy' ? initWord(lang, 'datesMonthOnly') : '') +
        (c.isoDates ? initWord(lang, 'datesIso', { iso: String(c.isoDates) }) : '') +
        (!t || t.hits === 0
          ? ''
          : t.hits < read
            ? initWord(lang, 'datesTwinFewer', {
                twin: t.layout,
                hits: String(t.hits),
                rest: String(read - t.hits),
              })
            : initWord(lang, 'datesTwinTie', { twin: t.layout })),
    }),
  );
}

/**
 * Writes the first rows of the worksheet that holds the data as CSV (dates as ISO date-times)
 * for profiling, from its header row on; returns the header, the rows above it, the sheet's name,
 * whether it is the first, and the other sheets with cells (with their filled cells, in the first
 * rows). The data's sheet is the one
 * with the most filled cells in its first rows (an "Info" or "Toelichting" sheet in front holds
 * a few lines of text). The header is the first row that fills nearly as many cells as the
 * fullest row near the top: title rows above it (company name, report date) fill one or two.
 */
async function xlsxSample(
  file: string,
  shown: string,
  out: string,
): Promise<{
  columnNames: string[];
  skipRows: number;
  sheet: string;
  first: boolean;
  others: { name: string; cells: number }[];
  footer?: { lines: number; why: Bilingual };
}> {
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const filled = (r: { values: unknown[] }) => r.values.filter((v) => cellText(v).trim() !== '').length;
  // Only the fullest sheet so far keeps its rows; the others keep their name and filled cells.
  type Sheet = {
    name: string;
    index: number;
    rows: { number: number; values: unknown[] }[];
    cells: number;
    whole: boolean;
  };
  let best: Sheet | undefined;
  const seen: { name: string; cells: number }[] = [];
  for await (const sheet of reader) {
    const rows: { number: number; values: unknown[] }[] = [];
    let cells = 0;
    for await (const row of sheet as unknown as AsyncIterable<{
      number: number;
      values: unknown[];
      getCell(i: number): { numFmt?: string };
    }>) {
      // A whole number whose format pads it (`0000`) is the text Excel shows (`0012`).
      const values = row.values
        .slice(1)
        .map((v, i) => (typeof v === 'number' ? (paddedNumberText(v, row.getCell(i + 1).numFmt) ?? v) : v));
      const r = { number: row.number, values };
      rows.push(r);
      cells += filled(r);
      if (rows.length > XLSX_SAMPLE) break;
    }
    const name = (sheet as unknown as { name: string }).name;
    const whole = rows.length <= XLSX_SAMPLE;
    if (best === undefined || cells > best.cells) best = { name, index: seen.length, rows, cells, whole };
    seen.push({ name, cells });
  }
  const rows = best?.rows ?? [];
  const others = seen.filter((x, i) => i !== best?.index && x.cells > 0);
  const top = rows.slice(0, 30);
  const fullest = Math.max(0, ...top.map(filled));
  const at = Math.max(
    0,
    top.findIndex((r) => filled(r) >= Math.max(2, Math.ceil(0.8 * fullest))),
  );
  const width = rows[at]?.values.length ?? 0;
  // A report's footer below an empty row (a signature, a print date): read only on a sheet read to its end.
  const below = rows.slice(at + 1);
  const footer = best?.whole
    ? sheetFooter(
        below.map((r) => ({
          number: r.number,
          filled: filled(r),
          first: cellText(r.values.find((v) => cellText(v).trim() !== '')).trim(),
        })),
        rows[at] ? filled(rows[at]) : 0,
      )
    : undefined;
  let drop = footer?.lines ?? 0;
  const kept = [...below];
  for (let i = kept.length - 1; i >= 0 && drop > 0; i--) {
    if (filled(kept[i]!) === 0) continue;
    kept.splice(i, 1);
    drop--;
  }
  const lines = [...rows.slice(at, at + 1), ...kept].map((r) =>
    Array.from({ length: width }, (_, i) => csvField(cellText(r.values[i]))).join(','),
  );
  if (!lines.length)
    throw new WorthError(
      'file_format',
      { file: shown },
      undefined,
      'a worksheet with a header row',
      'has no rows',
    );
  const stream = createWriteStream(out);
  stream.end(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => stream.on('finish', () => resolve()));
  // Two columns of one name (an order's and an article's `Omschrijving`): named as in a CSV.
  const columnNames = uniqueColumnNames(
    rows[at]!.values.slice(0, width).map((v, i) => cellText(v).trim() || `column${i + 1}`),
  );
  return {
    columnNames,
    skipRows: rows[at]!.number - 1,
    sheet: best!.name,
    first: best!.index === 0,
    others,
    ...(footer ? { footer } : {}),
  };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (o.result !== undefined) return cellText(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    return '';
  }
  return String(v);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
