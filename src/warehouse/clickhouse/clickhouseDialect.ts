import { WorthError } from '../../core/index.ts';
import type { Dialect, ValueKind } from '../dialect.ts';

/**
 * ClickHouse's SQL, written for release 18.16 (Debian's) and every later one: no window
 * functions, no `WITH` subqueries, one JOIN per SELECT; no `*OrNull` conversion to Decimal and
 * no interpolating quantile in 18.16, so those are spelled from functions both have.
 * A comparison gives `UInt8`, which this engine reads as a boolean (see `valueKind`), so every
 * spelling that returns a whole number casts it to a signed type.
 */
export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  supportsWindowFunctions: false,
  supportsCte: false,
  supportsMultipleJoins: false,
  supportsTransactions: false,
  quoteIdent: quoteIdentClickHouse,
  decimalType: (p, s) => `Decimal(${whole(p)}, ${whole(s)})`,
  tryDecimal: (e, p, s) => tryDecimal(e, whole(p), whole(s)),
  tryDouble: (e) => `toFloat64OrNull(replaceRegexpAll(toString(${e}), '^\\s+|\\s+$', ''))`,
  tryInteger: (e) => `toInt32OrNull(replaceRegexpAll(toString(${e}), '^\\s+|\\s+$', ''))`,
  tryBoolean: (e) =>
    `multiIf(lowerUTF8(replaceRegexpAll(toString(${e}), '^\\s+|\\s+$', '')) IN ('true', 't', '1', 'yes', 'y'), toUInt8(1), lowerUTF8(replaceRegexpAll(toString(${e}), '^\\s+|\\s+$', '')) IN ('false', 'f', '0', 'no', 'n'), toUInt8(0), NULL)`,
  tryDate: (e, formats) => {
    if (formats.length === 0) throw new Error('tryDate needs a layout');
    const tries = formats.map((f) => tryDateOne(e, f));
    return tries.length === 1 ? tries[0]! : `coalesce(${tries.join(', ')})`;
  },
  regexFullMatch: (e, p) => `match(${e}, concat('^(?:', ${p}, ')$'))`,
  regexExtract: (e, p, g) => regexExtract(e, p, g),
  replace: (e, f, t) => `replaceAll(${e}, ${f}, ${t})`,
  startsWith: (e, p) => `(substring(${e}, 1, length(${p})) = ${p})`,
  argMin: (a, b) => `argMinIf(${a}, ${b}, isNotNull(${a}) AND isNotNull(${b}))`,
  hasBit: (e, bit) => `(bitTest(${e}, ${whole(bit)}) = 1)`,
  contains: (e, n) => `(position(${e}, ${n}) > 0)`,
  endsWith: (e, n) => `(substring(${e}, length(${e}) - length(${n}) + 1) = ${n})`,
  textBefore: (e, s) => `if(position(${e}, ${s}) > 0, substring(${e}, 1, position(${e}, ${s}) - 1), ${e})`,
  textAfter: (e, s) =>
    `if(position(${e}, ${s}) > 0, substring(${e}, position(${e}, ${s}) + length(${s})), NULL)`,
  dateDiffDays: (a, b) => `toInt64(dateDiff('day', ${a}, ${b}))`,
  anyValue: (e) => `any(${e})`,
  hashOf: (es) => `sipHash64(${es.join(', ')})`,
  median: (e) => interpolatedQuantile(e, 0.5),
  datePart: (part, e) => {
    switch (part) {
      case 'year':
        return `toInt32(toYear(${e}))`;
      case 'month':
        return `toInt32(toMonth(${e}))`;
      case 'day':
        return `toInt32(toDayOfMonth(${e}))`;
      case 'quarter':
        return `toInt32(toQuarter(${e}))`;
    }
  },
  // 25569 is 1970-01-01 (ClickHouse's first Date), 73051 is 2100-01-01; both branches of `if` are
  // evaluated, so the day count is clamped into range before it is added.
  excelDayText: (e) =>
    `if(${e} >= 25569 AND ${e} < 73051, formatDateTime(addDays(toDate('1970-01-01'), toInt32(least(greatest(floor(${e}), 25569), 73050) - 25569)), '%Y-%m-%d'), NULL)`,
  // ClickHouse integers wrap on overflow and 18.16 has no checked arithmetic: see ARCHITECTURE.md.
  tryEval: (e) => checkedIntegers(e),
  byteLength: (e) => `toInt64(length(${e}))`,
  foldText: (e) =>
    ACCENTS.reduce((acc, [from, to]) => `replaceRegexpAll(${acc}, '[${from}]', '${to}')`, `lowerUTF8(${e})`),
  numberText: (e) =>
    `if(abs(toFloat64(${e})) < 1e15 AND toFloat64(${e}) = round(toFloat64(${e})), toString(toInt64(toFloat64(${e}))), toString(toFloat64(${e})))`,
  fractionDigits: (e) =>
    `toInt64(if(position(${e}, '.') = 0, 0, length(replaceRegexpOne(${e}, '0+$', '')) - position(${e}, '.')))`,
  monthStart: (e) => `toStartOfMonth(${e})`,
  monthsBetween: (a, b) => `toInt32((toYear(${b}) - toYear(${a})) * 12 + toMonth(${b}) - toMonth(${a}))`,
  // 18.16 has no Int128: a Decimal128 with scale 0 holds 38 digits, and its division truncates.
  intDiv: (a, b) => `(toDecimal128(${a}, 0) / toDecimal128(${b}, 0))`,
  intMod: (a, b) =>
    `(toDecimal128(${a}, 0) - (toDecimal128(${a}, 0) / toDecimal128(${b}, 0)) * toDecimal128(${b}, 0))`,
  intDiv64: (a, b) => `toInt64(intDiv(${a}, ${b}))`,
  intMod64: (a, b) => `toInt64(modulo(${a}, ${b}))`,
  regexReplace: (e, p, r) => `replaceRegexpAll(${e}, ${p}, ${r})`,
  mode: (e) => `topK(1)(${e})[1]`,
  quantile: (e, q) => interpolatedQuantile(e, q),
  supportsRowIdentity: false,
  insertedRowNumber: () => {
    throw new Error('ClickHouse tables have no row identity: number the rows in a column');
  },
  previousRow: () => {
    throw new Error('ClickHouse 18.16 has no window functions: ask supportsWindowFunctions first');
  },
  supportsOrderedAggregation: false,
  orderedConcat: (e, sep, by) => {
    const desc = /\s+DESC\s*$/i.test(by);
    const key = by.replace(/\s+(ASC|DESC)\s*$/i, '');
    const sorted = `${desc ? 'arrayReverseSort' : 'arraySort'}(x -> x.1, groupArrayIf((${key}, ${e}), isNotNull(${e})))`;
    return `if(count() = 0, NULL, arrayStringConcat(arrayMap(x -> toString(assumeNotNull(x.2)), ${sorted}), ${sep}))`;
  },
  valueKind: (typeName) => valueKind(typeName),
  countDistinct: (es) =>
    es.length === 1 ? `toInt64(uniqExact(${es[0]!}))` : `toInt64(uniqExact(tuple(${es.join(', ')})))`,
  countWhere: (c) => `toInt64(countIf(${c}))`,
  renameTable: (from, to) => `RENAME TABLE ${from} TO ${to}`,
  // A tuple per row (order key, value as text), sorted by the key in the group; NULL values kept.
  firstValues: (e, by, n, where) =>
    `arraySlice(arrayMap(p -> p.2, arraySort(p -> p.1, groupArrayIf(tuple(${by}, toString(${e})), ${where}))), 1, ${whole(n)})`,
  distinctValues: (e) => `groupUniqArray(toString(${e}))`,
  // A Memory table of the engine's HTTP session (standardSql.ts gives it its ENGINE).
  createTempTable: (name) => `CREATE TEMPORARY TABLE ${name}`,
  createTempView: (name) => {
    throw new WorthError(
      'engine',
      { path: 'engine.kind' },
      'clickhouse',
      'an engine with temporary views',
      `a temporary view ${name} (ClickHouse has none; Worth does not stage files this way on ClickHouse yet: use engine: duckdb)`,
    );
  },
  // 18.16 has no Int128: 38 digits of Decimal128 with no fraction, as intDiv computes.
  wideIntType: 'Decimal(38, 0)',
  // Summed in Decimal128 (an Int64 operand cannot wrap there), checked against the target's
  // range by throwIf (18.16 has no message argument: clickhouseFault names code 395), then narrowed.
  checkedSum: (e, p, s) => {
    const wide = `sum(CAST(${e} AS Decimal(38, ${s})))`;
    const max = `CAST('${'9'.repeat(p - s)}${s > 0 ? `.${'9'.repeat(s)}` : ''}' AS Decimal(38, ${s}))`;
    return `CAST(if(throwIf(abs(${wide}) > ${max}) = 0, ${wide}, ${wide}) AS Decimal(${p}, ${s}))`;
  },
  // 18.16 has no `* REPLACE`: every column listed.
  aliasesShadowColumns: true,
  groupKey: (_e, alias) => alias,
  // 18.16: no window functions, and arrayCumSum does not add Decimals: a running sum in whole
  // cents (Int64, checked: the absolute values must sum below 9.2e16 in money) over the rows
  // sorted into one array (held in memory: one array of (value, key) for the whole table),
  // joined back to rows.
  rankedRunningSum: (table, key, value) => {
    const [k, v] = [quoteIdentClickHouse(key), quoteIdentClickHouse(value)];
    return (
      `SELECT __t.2 AS ${k}, __t.3 AS ${v}, __r AS row_rank, toDecimal64(__s, 2) / 100 AS running FROM (` +
      // sorted by the value's negated whole cents (Int64), ties by key: 18.16 sorts an array of
      // Decimals (or of tuples that start with one) more than a hundred times slower (100,000
      // customers' whale curve ran over 8 minutes; 1,000,000 now sort in seconds); the Decimal
      // itself rides along third, so the value is the stored one
      `SELECT arraySort(groupArray((toInt64(-assumeNotNull(${v}) * 100), assumeNotNull(${k}), assumeNotNull(${v})))) AS __a, ` +
      `arrayCumSum(arrayMap(x -> -x.1, __a)) AS __c, arrayEnumerate(__a) AS __n, ` +
      // no running sum can wrap: the absolute values' sum fits Int64 cents, else code 395 (numberTooLarge)
      `throwIf(sum(abs(CAST(${v} AS Decimal(38, 2)))) > CAST('92233720368547758.07' AS Decimal(38, 2))) AS __ok FROM ${quoteIdentClickHouse(table)}` +
      `) ARRAY JOIN __a AS __t, __c AS __s, __n AS __r`
    );
  },
  supportsStarReplace: false,
  starReplacing: (alias, replacements, columns) => {
    const missing = [...replacements.keys()].filter((c) => !columns.includes(c));
    if (missing.length)
      throw new Error(`starReplacing: no column ${missing.join(', ')} among ${columns.join(', ')}`);
    return columns
      .map((c) => {
        const e = replacements.get(c);
        return e === undefined ? `${alias}.${quoteIdentClickHouse(c)}` : `${e} AS ${quoteIdentClickHouse(c)}`;
      })
      .join(', ');
  },
  // 18.16 and later refuse Decimal times Float64 (code 43).
  mixesDecimalAndDouble: false,
  // toDecimal64 of a Float64 truncates: the value scaled to whole units of the last decimal,
  // rounded (round() of a Float64 takes halves away from zero, as DuckDB's CAST does), then
  // scaled back exactly. On 18.16 toDecimal64 and toDecimal128 of a Float64 beyond their integer
  // wrap silently (1e17 at 18.2 became -92233720368547758.08, 1e40 at 38.2 became 0), so a value
  // of `precision` digits or more fails the statement first (throwIf: code 395, numberTooLarge),
  // as DuckDB's CAST refuses it; below 10^precision the conversion is exact (10^18 < 2^63).
  decimalFromDouble: (e, p, s) => {
    const scale = Math.trunc(s);
    const precision = Math.trunc(p);
    const to = precision > 18 ? 'toDecimal128' : 'toDecimal64';
    const scaled = `round(multiply(${e}, toFloat64(${10 ** scale})))`;
    const checked = `plus(${scaled}, throwIf(ifNull(NOT (abs(${scaled}) < toFloat64('1e${precision}')), 0)))`;
    const whole = `${to}(${checked}, 0)`;
    const unit = scale === 0 ? whole : `${whole} * ${to}('${(10 ** -scale).toFixed(scale)}', ${scale})`;
    return `CAST(${unit} AS Decimal(${precision}, ${scale}))`;
  },
  // The values as whole units of the scale (Int64), sorted once per group; the lower middle
  // value plus half the (non-negative) distance, truncated: DuckDB's interpolation.
  decimalMedian: (e, s) => {
    const scale = Math.trunc(s);
    const sorted = `arraySort(groupArray(toInt64(${e} * ${10 ** scale})))`;
    const lo = `arrayElement(${sorted}, toUInt64(intDiv(count(${e}) - 1, 2)) + 1)`;
    const hi = `arrayElement(${sorted}, toUInt64(intDiv(count(${e}), 2)) + 1)`;
    return `if(count(${e}) = 0, NULL, toDecimal64(${lo} + intDiv(${hi} - ${lo}, 2), ${scale}) / ${10 ** scale})`;
  },
};

/**
 * `expr` with NULL where its integer arithmetic overflows 64 bits: 18.16 wraps Int64 silently
 * and has no checked form, so the expression is evaluated a second time with its integer casts
 * (`CAST(x AS BIGINT)`, `INTEGER`) read as `Decimal(38, 0)`, where sums and products of 64-bit
 * values cannot wrap (beyond 38 digits Decimal arithmetic refuses: code 407), and the 64-bit
 * result is kept only where the wide one is in Int64's range. Integer columns read without a
 * cast are not widened: an expression without an integer cast is left as it is.
 */
function checkedIntegers(e: string): string {
  const wide = e.replace(/\bAS (BIGINT|INTEGER|INT|INT64|SMALLINT)\)/gi, 'AS Decimal(38, 0))');
  if (wide === e) return `(${e})`;
  return `if(abs(${wide}) <= CAST('9223372036854775807' AS Decimal(38, 0)), ${e}, NULL)`;
}

/** ClickHouse quotes a name in double quotes with backslash escapes (18.16 does not read a doubled quote). */
export function quoteIdentClickHouse(name: string): string {
  if (name.includes('\u0000')) throw new Error(`identifier with NUL: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A whole number going into SQL text: refuse anything else. */
function whole(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${n}`);
  return n;
}

/**
 * The capture group `g` of the first match ('' when none); group 0 is the whole match. 18.16
 * has no `extractAllGroups`: the text is replaced by the group, over a pattern that spans it.
 */
function regexExtract(e: string, p: string, g: number): string {
  const group = whole(g);
  const spanning = group === 0 ? `concat('^.*?(', ${p}, ').*$')` : `concat('^.*?', ${p}, '.*$')`;
  return `if(match(${e}, ${p}), replaceRegexpOne(${e}, ${spanning}, '\\${group === 0 ? 1 : group}'), '')`;
}

/**
 * Text to Decimal(p, s), NULL where it does not convert; rounds half away from zero beyond `s`
 * digits, as DuckDB's TRY_CAST does. 18.16 has no `toDecimal*OrNull`, so the text is checked
 * by pattern first (sign, at most p - s whole digits, a fraction) and only then converted.
 */
function tryDecimal(e: string, p: number, s: number): string {
  const t = `replaceRegexpAll(toString(${e}), '^\\s+|\\s+$', '')`;
  const ok = `match(${t}, '^[-+]?[0-9]{1,${p - s}}(\\.[0-9]*)?$|^[-+]?\\.[0-9]+$')`;
  const unsigned = `replaceRegexpOne(${t}, '^[-+]', '')`;
  const kept = `replaceRegexpOne(extract(${unsigned}, '^[0-9]*(?:\\.[0-9]{0,${s}})?'), '\\.$', '')`;
  const bigger = p > 18 ? 'toDecimal128' : 'toDecimal64';
  const magnitude = `${bigger}(concat('0', ${kept}), ${s})`;
  const roundUp = `if(toUInt8OrZero(extract(${unsigned}, '^[0-9]*\\.[0-9]{${s}}([0-9])')) >= 5, ${bigger}('${s === 0 ? '1' : `0.${'0'.repeat(s - 1)}1`}', ${s}), ${bigger}('0', ${s}))`;
  const signed = `if(substring(${t}, 1, 1) = '-', -(${magnitude} + ${roundUp}), ${magnitude} + ${roundUp})`;
  return `if(${ok}, ${signed}, NULL)`;
}

/** The strptime pieces a layout may hold, as a regular expression group. */
const PIECES: Record<string, string> = {
  '%Y': '([0-9]{4})',
  '%m': '([0-9]{1,2})',
  '%d': '([0-9]{1,2})',
  '%b': '([A-Za-z]{3})[A-Za-z]*\\.?',
  '%H': '[0-9]{1,2}',
  '%M': '[0-9]{2}',
  '%S': '[0-9]{2}(?:\\.[0-9]+)?',
};

/** Month names as three letters, English and Dutch, with their numbers. */
const MONTHS: [string, number][] = [
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['maa', 3],
  ['mrt', 3],
  ['apr', 4],
  ['may', 5],
  ['mei', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['oct', 10],
  ['okt', 10],
  ['nov', 11],
  ['dec', 12],
];

/**
 * One strptime layout as a pattern with groups for year, month (number or name) and day; the
 * date is made from them and kept only when it has the same day and month (toDate does not
 * refuse 30 February: it moves it to March). A UTC offset after a time is dropped.
 */
function tryDateOne(e: string, layout: string): string {
  if (!/^[%A-Za-z0-9 \-/.:T,]+$/.test(layout))
    throw new Error(`unsafe strptime format ${JSON.stringify(layout)}`);
  const order: string[] = [];
  let re = '';
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    if (c === '%') {
      const piece = `%${layout[i + 1] ?? ''}`;
      const pattern = PIECES[piece];
      if (!pattern) throw new Error(`strptime piece ${piece} is not supported on ClickHouse`);
      if (piece === '%Y' || piece === '%m' || piece === '%d' || piece === '%b') order.push(piece);
      re += pattern;
      i++;
    } else re += /[A-Za-z0-9 ]/.test(c) ? c : `\\${c}`;
  }
  const hasTime = layout.includes('%H');
  re = `^\\s*${re}${hasTime ? '(?: ?(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?))?' : ''}\\s*$`;
  const t = `toString(${e})`;
  const group = (piece: string) => `replaceRegexpOne(${t}, '${re}', '\\${order.indexOf(piece) + 1}')`;
  const month = order.includes('%b')
    ? `toUInt8(transform(lowerUTF8(${group('%b')}), [${MONTHS.map(([m]) => `'${m}'`).join(', ')}], [${MONTHS.map(([, n]) => n).join(', ')}], 0))`
    : `toUInt8OrZero(${group('%m')})`;
  const year = `toUInt16OrZero(${group('%Y')})`;
  const day = `toUInt8OrZero(${group('%d')})`;
  // Made by adding to a fixed day, never parsed: ClickHouse evaluates both branches of `if`,
  // and a parse of a date that does not exist would fail the whole query.
  const made = `addDays(addMonths(addYears(toDate('2000-01-01'), toInt32(${year}) - 2000), toInt32(${month}) - 1), toInt32(${day}) - 1)`;
  return `if(match(${t}, '${re}') AND ${year} BETWEEN 1000 AND 9999 AND ${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND 31 AND toYear(${made}) = ${year} AND toMonth(${made}) = ${month} AND toDayOfMonth(${made}) = ${day}, ${made}, NULL)`;
}

/** Accented letters folded to their base letter (lower case), as `foldSearchText` does. */
const ACCENTS: [string, string][] = [
  ['àáâãäåā', 'a'],
  ['çć', 'c'],
  ['èéêëē', 'e'],
  ['ìíîïī', 'i'],
  ['ñń', 'n'],
  ['òóôõöøō', 'o'],
  ['ùúûüū', 'u'],
  ['ýÿ', 'y'],
];

/**
 * The continuous quantile (numpy's default): the sorted values' two neighbours around
 * h = (n - 1) q, interpolated. 18.16's `quantileExact` takes one neighbour only, so the values
 * of the group are sorted once (`arraySort(groupArray(x))`, held in memory per group).
 */
function interpolatedQuantile(e: string, q: number): string {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile fraction out of range: ${q}`);
  const sorted = `arraySort(groupArray(toFloat64(${e})))`;
  const h = `((count(${e}) - 1) * toFloat64('${q}'))`;
  const lo = `arrayElement(${sorted}, toUInt64(floor(${h})) + 1)`;
  const hi = `arrayElement(${sorted}, toUInt64(ceil(${h})) + 1)`;
  return `if(count(${e}) = 0, NULL, ${lo} + (${h} - floor(${h})) * (${hi} - ${lo}))`;
}

/** ClickHouse type names mapped to what a column holds (`Nullable(...)` unwrapped). */
function valueKind(typeName: string): ValueKind | null {
  const t = typeName.replace(/^Nullable\((.*)\)$/, '$1').replace(/^LowCardinality\((.*)\)$/, '$1');
  if (/^Decimal(32|64|128)?\(\d+(, ?\d+)?\)$/.test(t)) return 'decimal';
  if (t === 'UInt8') return 'boolean';
  if (/^(U?Int(16|32|64)|Int8|Float(32|64))$/.test(t)) return 'number';
  if (t === 'Date') return 'date';
  if (t === 'String' || /^FixedString\(\d+\)$/.test(t)) return 'text';
  return null;
}
