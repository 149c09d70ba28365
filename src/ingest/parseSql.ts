import type { ColumnKind } from '../core/index.ts';
import type { Dialect } from '../warehouse/index.ts';
import { twoDigitYearFormats, type SourceFormat } from '../workspace/index.ts';

/** Storage precision of money: cents. */
export const MONEY = { precision: 18, scale: 2 } as const;
/**
 * Money as read from a file: 9 decimals, so digits beyond cents are seen (12.345 is rejected,
 * not rounded; checked to the ninth decimal), and 9 digits before the point, all that
 * MAX_AMOUNT (999,999,999.99) needs. Stored rounded to MONEY.
 */
export const MONEY_READ = { precision: 18, scale: 9 } as const;
/** Storage precision of quantities: a thousandth. */
export const QUANTITY = { precision: 18, scale: 3 } as const;
/** Formula inputs are parsed to 10^-6 (up to 10^12; wider decimals are slow to parse)... */
export const FORMULA_NUMBER = { precision: 18, scale: 6 } as const;
/** ...and computed with 38 digits, so `Quantity * UnitPrice` cannot overflow before it is rounded to cents once. */
export const FORMULA_WIDE = { precision: 38, scale: 6 } as const;

/** SQL type a canonical column is stored as. */
export function storageType(kind: ColumnKind, d: Dialect): string {
  switch (kind) {
    case 'id':
    case 'text':
      return 'VARCHAR';
    case 'integer':
      return 'INTEGER';
    case 'quantity':
      return d.decimalType(QUANTITY.precision, QUANTITY.scale);
    case 'money':
      return d.decimalType(MONEY.precision, MONEY.scale);
    case 'number':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
  }
}

// Only these characters can come from the format (zod enums), so they are safe as literals.
const SAFE_SEPARATOR = /^[.,' ]?$/;
function lit(s: string): string {
  if (!SAFE_SEPARATOR.test(s)) throw new Error(`unexpected separator ${JSON.stringify(s)}`);
  return `'${s.replaceAll("'", "''")}'`;
}
function reEscape(s: string): string {
  return s === '.' ? '\\.' : s === ' ' ? ' ' : s;
}

/** The thousands separator in effect: explicit, else "." with a decimal comma, else none. */
export function thousandsOf(f: SourceFormat): string {
  if (f.thousands !== undefined) return f.thousands;
  return f.decimal === ',' ? '.' : '';
}

/**
 * SQL that reads text `raw` as a DECIMAL(p, s) under the source's number format, NULL when
 * the text is not a number in that format. Thousands separators must group by three. With
 * `percent` (formula inputs: a rate such as `BTW %`), a trailing `%` is a unit mark like a
 * currency sign: `9%` reads as 9, the same number as a plain `9` in that column.
 */
export function numberSql(
  raw: string,
  f: SourceFormat,
  d: Dialect,
  p: number,
  s: number,
  percent = false,
): string {
  return numberSqlAs(raw, f, d, (e) => d.tryDecimal(e, p, s), percent);
}

/**
 * Whether text that did not fit a DECIMAL is still a finite number in the source's format
 * (1e20, 12345678901234567890): then it is out of range, not "not a number". NULL where the
 * text breaks the format (bad grouping). NaN and infinities are not numbers.
 */
export function finiteNumberSql(raw: string, f: SourceFormat, d: Dialect): string {
  return numberSqlAs(raw, f, d, (e) => `(abs(${d.tryDouble(e)}) < 1e308)`);
}

/**
 * `raw` with the values that mean "missing" (bound as the parameters `placeholders`,
 * lower-case and trimmed; `longestBytes` the longest in UTF-8 bytes, in either case) turned
 * into NULL. Only texts no longer than that can be one of them, so long dates, ids and amounts
 * skip the lower-case copy (its byte length is known without reading the text).
 */
export function missingAsNullSql(
  raw: string,
  placeholders: string[],
  longestBytes: number,
  d: Dialect,
): string {
  if (!placeholders.length) return raw;
  const t = trimmedSql(raw);
  return `(CASE WHEN ${d.byteLength(t)} > ${Math.trunc(longestBytes)} THEN ${raw} WHEN ${placeholders.map((p) => `lower(${t}) = ${p}`).join(' OR ')} THEN NULL ELSE ${raw} END)`;
}

/** Text read as a DOUBLE (minutes, weights, scores: not money) under the source's number format. */
export function doubleSql(raw: string, f: SourceFormat, d: Dialect): string {
  return numberSqlAs(raw, f, d, (e) => d.tryDouble(e));
}

/**
 * `trim(raw)`, evaluated only where the text starts or ends with a space: trimming every
 * field copied every string and was a third of the typed pass (10 million lines: ~7 CPU-s).
 * Same result (trim removes spaces only).
 */
export function trimmedSql(raw: string): string {
  return `(CASE WHEN ${raw} LIKE ' %' OR ${raw} LIKE '% ' THEN trim(${raw}) ELSE ${raw} END)`;
}

function numberSqlAs(
  raw: string,
  f: SourceFormat,
  d: Dialect,
  castTo: (e: string) => string,
  percent = false,
): string {
  const t = trimmedSql(raw);
  const plain = plainNumberSqlAs(t, f, d, castTo);
  // Accounting and shop exports write amounts as `€ 12,50`, `(12.50)` or `12.50-`, till exports
  // a VAT rate as `9%`. Only a value the plain parse refused and that has one of those marks is
  // read again (COALESCE reads the second argument for those rows only), so a clean file pays
  // nothing for it.
  const signs = percent ? [...CURRENCY_SIGNS, '%'] : CURRENCY_SIGNS;
  const marked = [
    ...signs.map((c) => d.contains(t, `'${c}'`)),
    `(${d.startsWith(t, "'('")} AND ${d.endsWith(t, "')'")})`,
    d.endsWith(t, "'-'"),
    // Dutch bookkeeping's minus (`-/- 12,50`: Informer, Gripp, printed ledgers).
    d.startsWith(t, `'${DUTCH_MINUS}'`),
    // Thousands grouped by a space (`1 234,56`, a no-break space from Excel or LibreOffice too).
    d.regexFullMatch(t, SPACED_GROUPS),
    // A currency code before or after the number (`1,234.56 GBP`, `USD 12.50`), a ledger's `12.50 CR`.
    d.regexFullMatch(t, `'${CODE_MARKED}'`),
  ].join(' OR ');
  let bare = t;
  for (const c of signs) bare = d.replace(bare, `'${c}'`, "''");
  // A ledger's credit (`12.50 CR`) is below zero, its debit (`12.50 DR`) above; then a currency code goes.
  const credit = d.regexFullMatch(bare, `'${CREDIT_MARK}'`);
  bare = d.regexReplace(bare, `'${DEBIT_CREDIT}'`, "'\\1'");
  bare = d.regexReplace(bare, `'${CURRENCY_CODE}'`, "'\\1'");
  // Spaces go too (`€ - 12,50`, `1 234,56`), unless they are the format's own thousands
  // separator; between digits only where they group by three (`1 23,45` is no number).
  if (thousandsOf(f) !== ' ') for (const sp of SPACES) bare = d.replace(bare, `'${sp}'`, "''");
  const signed = `(CASE WHEN ${d.startsWith(bare, `'${DUTCH_MINUS}'`)} THEN '-' || ${d.regexReplace(bare, `'^${DUTCH_MINUS}[ ]*'`, "''")} WHEN ${d.startsWith(bare, "'('")} AND ${d.endsWith(bare, "')'")} THEN '-' || ${d.replace(d.replace(bare, "'('", "''"), "')'", "''")} WHEN ${d.endsWith(bare, "'-'")} AND NOT ${d.startsWith(bare, "'-'")} THEN '-' || ${d.replace(bare, "'-'", "''")} ELSE ${bare} END)`;
  const withCredit = `(CASE WHEN ${credit} THEN '-' || ${signed} ELSE ${signed} END)`;
  const badSpaces = `(${d.regexFullMatch(t, SPACE_BETWEEN_DIGITS)} AND NOT ${d.regexFullMatch(t, SPACED_GROUPS)})`;
  return `coalesce(${plain}, CASE WHEN (${marked}) AND NOT ${badSpaces} THEN ${plainNumberSqlAs(withCredit, f, d, castTo)} END)`;
}

/** A space, a no-break space and a narrow no-break space: what spreadsheets group thousands with. */
const SPACES = [' ', '\u00a0', '\u202f'];
/** A number whose digits are grouped by three with spaces, signs and marks around it allowed. */
const SPACED_GROUPS = `'[^0-9]*[0-9]{1,3}([${SPACES.join('')}][0-9]{3})+([.,][0-9]+)?[^0-9]*'`;
/** Any text with a space between two digits. */
const SPACE_BETWEEN_DIGITS = `'.*[0-9][${SPACES.join('')}]+[0-9].*'`;
/** A number with a three-letter currency code or a CR/DR mark (checked only where the plain parse refused the value). */
const CODE_MARKED = '\\(?([A-Z]{3} ?)?[-+]?[0-9][0-9., ]*( ?([A-Z]{3}|CR|DR|Cr|Dr|cr|dr))?\\)?-?';
/** A ledger's credit mark after the number. */
const CREDIT_MARK = '.*[0-9.)] ?(CR|Cr|cr)';
/** A credit or debit mark after the number. */
const DEBIT_CREDIT = '([0-9.)]) ?(CR|Cr|cr|DR|Dr|dr)$';
/** A currency code before the number or after it (inside a closing parenthesis: `(12.50 USD)`). */
const CURRENCY_CODE = '^[A-Z]{3} ?| ?[A-Z]{3}(\\)?)$';

/** The minus of Dutch bookkeeping in front of a number (`-/- 12,50` is -12.50). */
const DUTCH_MINUS = '-/-';

/** Currency signs an amount may carry in an export (removed before the number is read). */
const CURRENCY_SIGNS = ['€', '£', '$'];

function plainNumberSqlAs(t: string, f: SourceFormat, d: Dialect, castTo: (e: string) => string): string {
  const dec = f.decimal;
  const th = thousandsOf(f);
  let normalised = t;
  if (th) normalised = d.replace(normalised, lit(th), "''");
  if (dec === ',') normalised = d.replace(normalised, "','", "'.'");
  const cast = castTo(normalised);
  const guards: string[] = [];
  if (th) {
    const pattern = `'^[+-]?[0-9]{1,3}(${reEscape(th)}[0-9]{3})+(${reEscape(dec)}[0-9]+)?$'`;
    guards.push(`(${d.contains(t, lit(th))} AND NOT ${d.regexFullMatch(t, pattern)})`);
  }
  if (dec === ',' && th !== '.') guards.push(d.contains(t, "'.'"));
  if (dec === '.' && !th) guards.push(d.contains(t, "','"));
  return guards.length ? `(CASE WHEN ${guards.join(' OR ')} THEN NULL ELSE ${cast} END)` : cast;
}

/** SQL reading text as a whole number (no decimals, no separators), NULL otherwise. */
export function integerSql(raw: string, d: Dialect): string {
  const t = trimmedSql(raw);
  return `(CASE WHEN ${d.regexFullMatch(t, "'[+-]?[0-9]{1,9}'")} THEN ${d.tryInteger(t)} ELSE NULL END)`;
}

const TRUE_WORDS = ['true', '1', 'yes', 'y', 'ja', 'j', 'waar', 'x'];
const FALSE_WORDS = ['false', '0', 'no', 'n', 'nee', 'onwaar'];

/** SQL reading text as a boolean (true/false, yes/no, ja/nee, 1/0, waar/onwaar), NULL otherwise. */
export function booleanSql(raw: string): string {
  const t = `lower(${trimmedSql(raw)})`;
  // Equalities, not `IN (...)`: DuckDB plans an IN list of six values or more as a join, and a
  // join lets the rows of a one-pass load (onePass.ts) reach their table out of file order,
  // which put every shipment of the demo on another row's line (the line is the row's place).
  const anyOf = (ws: string[]) => `(${ws.map((w) => `${t} = '${w}'`).join(' OR ')})`;
  return `(CASE WHEN ${anyOf(TRUE_WORDS)} THEN TRUE WHEN ${anyOf(FALSE_WORDS)} THEN FALSE ELSE NULL END)`;
}

/**
 * SQL reading text as a date by the given strptime formats; a two-digit year in a four-digit-year
 * layout (`27-1-24` among `dd-mm-jjjj` dates) is read as such, not as the year 24. Only a value
 * shorter than a four-digit-year date (10 characters) tries the two-digit layouts, so the usual
 * dates pay nothing more (tried on every value, the refused tries took 60% more CPU over 5 million
 * lines); a two-digit year with a time after it stays the year 24 (rejected as outside the period).
 */
export function dateSql(raw: string, formats: string[], d: Dialect): string {
  const text = trimmedSql(raw);
  const short = twoDigitYearFormats(formats);
  if (!short.length) return d.tryDate(text, formats);
  const full = d.tryDate(text, formats);
  return `(CASE WHEN length(${text}) < 10 THEN coalesce(${d.tryDate(text, short)}, ${full}) ELSE ${full} END)`;
}

/** SQL for text: trimmed, empty as NULL. */
export function textSql(raw: string): string {
  return `nullif(${trimmedSql(raw)}, '')`;
}

/**
 * A number as a spreadsheet shows it to a reader of `lang` (Excel NL `1234,56`, Excel EN
 * `1234.56`), for the messages about a sheet's cells: they name what the user sees in the
 * workbook, not the copy it is read from.
 */
export function spreadsheetNumberExample(lang: 'nl' | 'en'): string {
  return lang === 'nl' ? '1234,56' : '1234.56';
}

/** An example of a valid number in the format, for messages: `1.234,56`. */
export function numberExample(f: SourceFormat): string {
  const th = thousandsOf(f);
  return `1${th}234${f.decimal}56`;
}
