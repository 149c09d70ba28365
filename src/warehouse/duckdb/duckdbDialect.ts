import { quoteIdentStandard, type Dialect } from '../dialect.ts';

/** DuckDB's SQL: everything the pipeline may use is available. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  supportsWindowFunctions: true,
  supportsCte: true,
  supportsMultipleJoins: true,
  supportsTransactions: true,
  quoteIdent: quoteIdentStandard,
  decimalType: (p, s) => `DECIMAL(${p},${s})`,
  tryDecimal: (e, p, s) => `TRY_CAST(${e} AS DECIMAL(${p},${s}))`,
  tryDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
  tryInteger: (e) => `TRY_CAST(${e} AS INTEGER)`,
  tryBoolean: (e) => `TRY_CAST(${e} AS BOOLEAN)`,
  tryDate: (e, formats) => {
    const f =
      formats.length === 1
        ? `'${checkFormat(formats[0]!)}'`
        : `[${formats.map((x) => `'${checkFormat(x)}'`).join(', ')}]`;
    // strptime's %b knows English short month names only: a weekday in front is dropped, every
    // word cut to its first three letters (maart, March, mrt. -> maa, Mar, mrt) and the Dutch
    // ones that differ renamed (5 maart 2025, maandag 6 januari 2025, March 5, 2025).
    if (formats.some((x) => x.includes('%b')))
      e = DUTCH_MONTHS.reduce(
        (acc, [nl, en]) => `regexp_replace(${acc}, '${nl}', '${en}', 'i')`,
        `regexp_replace(regexp_replace(${e}, '${WEEKDAY}', ''), '([A-Za-z]{3})[A-Za-z]*\\.?', '\\1', 'g')`,
      );
    // Only values the layouts refuse are tried again without an offset, so clean dates pay nothing more.
    return `CAST(coalesce(TRY_STRPTIME(${e}, ${f}), TRY_STRPTIME(regexp_replace(${e}, '${LOCAL_TIME}', '\\1'), ${f})) AS DATE)`;
  },
  regexFullMatch: (e, p) => `regexp_full_match(${e}, ${p})`,
  regexExtract: (e, p, g) => `regexp_extract(${e}, ${p}, ${Math.trunc(g)})`,
  replace: (e, f, t) => `replace(${e}, ${f}, ${t})`,
  startsWith: (e, p) => `starts_with(${e}, ${p})`,
  argMin: (a, b) => `arg_min(${a}, ${b})`,
  hasBit: (e, bit) => `((${e} >> ${Math.trunc(bit)}) & 1) = 1`,
  contains: (e, n) => `contains(${e}, ${n})`,
  endsWith: (e, n) => `suffix(${e}, ${n})`,
  textBefore: (e, s) =>
    `(CASE WHEN strpos(${e}, ${s}) > 0 THEN substr(${e}, 1, strpos(${e}, ${s}) - 1) ELSE ${e} END)`,
  textAfter: (e, s) =>
    `(CASE WHEN strpos(${e}, ${s}) > 0 THEN substr(${e}, strpos(${e}, ${s}) + length(${s})) END)`,
  dateDiffDays: (a, b) => `date_diff('day', ${a}, ${b})`,
  anyValue: (e) => `any_value(${e})`,
  hashOf: (es) => `hash(${es.join(', ')})`,
  median: (e) => `median(${e})`,
  datePart: (part, e) => `CAST(date_part('${part}', ${e}) AS INTEGER)`,
  // 25569 is 1970-01-01 and 73051 is 2100-01-01: the window 1970-2099.
  excelDayText: (e) =>
    `(CASE WHEN ${e} >= 25569 AND ${e} < 73051 THEN strftime(DATE '1970-01-01' + CAST(floor(${e}) - 25569 AS INTEGER), '%Y-%m-%d') END)`,
  tryEval: (e) => `TRY(${e})`,
  byteLength: (e) => `strlen(${e})`,
  foldText: (e) => `strip_accents(lower(${e}))`,
  numberText: (e) => `printf('%.15g', CAST(${e} AS DOUBLE))`,
  fractionDigits: (e) =>
    `(CASE WHEN strpos(${e}, '.') = 0 THEN 0 ELSE length(rtrim(${e}, '0')) - strpos(${e}, '.') END)`,
  monthStart: (e) => `CAST(date_trunc('month', ${e}) AS DATE)`,
  monthsBetween: (a, b) => `CAST(date_diff('month', ${a}, ${b}) AS INTEGER)`,
  intDiv: (a, b) => `(CAST(${a} AS HUGEINT) // CAST(${b} AS HUGEINT))`,
  intMod: (a, b) => `(CAST(${a} AS HUGEINT) % CAST(${b} AS HUGEINT))`,
  intDiv64: (a, b) => `((${a}) // (${b}))`,
  intMod64: (a, b) => `((${a}) % (${b}))`,
  regexReplace: (e, p, r) => `regexp_replace(${e}, ${p}, ${r}, 'g')`,
  mode: (e) => `mode(${e})`,
  quantile: (e, q) => `quantile_cont(${e}, ${checkFraction(q)})`,
  supportsRowIdentity: true,
  insertedRowNumber: (alias) => `(${alias}.rowid + 1)`,
  previousRow: (e) => `lag(${e}) OVER ()`,
  supportsOrderedAggregation: true,
  orderedConcat: (e, sep, by) => `string_agg(${e}, ${sep} ORDER BY ${by})`,
  valueKind: (t) => {
    if (/^DECIMAL\(\d+,\d+\)$/.test(t)) return 'decimal';
    if (NUMBER_TYPES.has(t)) return 'number';
    if (t === 'DATE') return 'date';
    if (t === 'BOOLEAN') return 'boolean';
    if (t === 'VARCHAR') return 'text';
    return null;
  },
  countWhere: (c) => `count(*) FILTER (WHERE ${c})`,
  countDistinct: (es) =>
    es.length === 1 ? `count(DISTINCT ${es[0]!})` : `count(DISTINCT (${es.join(', ')}))`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  firstValues: (e, by, n, where) =>
    `CAST(list(${e} ORDER BY ${by}) FILTER (WHERE ${where})[1:${Math.trunc(n)}] AS VARCHAR[])`,
  distinctValues: (e) => `list(DISTINCT CAST(${e} AS VARCHAR)) FILTER (WHERE ${e} IS NOT NULL)`,
  createTempTable: (name) => `CREATE TEMP TABLE ${name}`,
  createTempView: (name, replace) => `CREATE ${replace ? 'OR REPLACE ' : ''}TEMP VIEW ${name}`,
  wideIntType: 'HUGEINT',
  aliasesShadowColumns: false,
  groupKey: (e) => e,
  rankedRunningSum: (table, key, value) => {
    const [k, v] = [quoteIdentStandard(key), quoteIdentStandard(value)];
    const w = `OVER (ORDER BY ${v} DESC, ${k} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
    return `SELECT ${k}, ${v}, row_number() ${w} AS row_rank, sum(${v}) ${w} AS running FROM ${quoteIdentStandard(table)}`;
  },
  supportsStarReplace: true,
  // DuckDB sums DECIMAL(18,s) in DECIMAL(38,s) and BIGINT in HUGEINT, and its cast refuses a value out of range.
  checkedSum: (e, p, s) => `CAST(sum(${e}) AS DECIMAL(${p},${s}))`,
  starReplacing: (alias, replacements) =>
    `${alias}.* REPLACE (${[...replacements].map(([c, e]) => `${e} AS ${quoteIdentStandard(c)}`).join(', ')})`,
  mixesDecimalAndDouble: true,
  decimalFromDouble: (e, p, s) => `CAST(${e} AS DECIMAL(${p},${s}))`,
  decimalMedian: (e) => `median(${e})`,
};

/** DuckDB's integer and binary float type names (as information_schema spells them). */
const NUMBER_TYPES = new Set([
  'DOUBLE',
  'FLOAT',
  'REAL',
  'BIGINT',
  'INTEGER',
  'SMALLINT',
  'TINYINT',
  'HUGEINT',
  'UBIGINT',
  'UINTEGER',
  'USMALLINT',
  'UTINYINT',
]);

/** A quantile's fraction goes into SQL as a number literal: a finite number in [0, 1] only. */
function checkFraction(q: number): string {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile fraction out of range: ${q}`);
  return String(q);
}

/**
 * A date-time with a UTC offset after its time (`2024-08-04 23:30:00 +0100`, `...T23:30:00-05:00`,
 * `...Z`): the first group is the date and time as printed. The offset is dropped, not applied:
 * the date a shop's export prints is the date its user means, and shifting to UTC would move
 * late-evening orders to the next day. Only an offset after a time is matched, so the year of
 * `04-08-2024` is never taken for one.
 */
/** Dutch month names cut to three letters that are not English ones (maart, mrt, mei, okt), with the English name %b reads. */
const DUTCH_MONTHS: [string, string][] = [
  ['maa', 'mar'],
  ['mrt', 'mar'],
  ['mei', 'may'],
  ['okt', 'oct'],
];

/** A weekday's name in front of a date (`maandag 6 januari 2025`, `Mon, 6 Jan 2025`), in Dutch or English, full or short. */
const WEEKDAY =
  '^[[:space:]]*([Mm]aandag|[Dd]insdag|[Ww]oensdag|[Dd]onderdag|[Vv]rijdag|[Zz]aterdag|[Zz]ondag|[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday|[Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un|[Mm]a|[Dd]i|[Ww]o|[Dd]o|[Vv]r|[Zz]a|[Zz]o)\\.?,?[[:space:]]+';

const LOCAL_TIME =
  '^(.*[0-9]:[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?) ?(Z|UTC|GMT|[+-][0-9][0-9](:?[0-9][0-9])?)$';

/** strptime formats are built by the workspace module from a fixed token set; refuse anything else. */
function checkFormat(f: string): string {
  if (!/^[%A-Za-z0-9 \-/.:T,]+$/.test(f)) throw new Error(`unsafe strptime format ${JSON.stringify(f)}`);
  return f;
}
