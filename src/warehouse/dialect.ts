/** A part of a date that formulas can take. */
export type DatePart = 'year' | 'month' | 'day' | 'quarter';

/** What a column of some engine type holds, as the read model keeps it (see {@link Dialect.valueKind}). */
export type ValueKind = 'decimal' | 'number' | 'date' | 'boolean' | 'text';

/**
 * What differs between engines, in one place: identifier quoting, the capabilities the
 * pipeline may rely on, and the SQL spellings of the few functions that differ.
 * Stages ask for a capability (`supportsWindowFunctions`), never for an engine's name.
 */
export interface Dialect {
  /** Engine name, for messages only. */
  readonly name: string;
  /** `ROW_NUMBER() OVER (...)`, running sums and the like. */
  readonly supportsWindowFunctions: boolean;
  /**
   * `expr` on the row before, in the order the rows are read (NULL on the first): a streaming
   * window, with no sort. Only where {@link Dialect.supportsWindowFunctions}.
   */
  previousRow(expr: string): string;
  /** `WITH x AS (...)` common table expressions. */
  readonly supportsCte: boolean;
  /** More than one JOIN in one SELECT. */
  readonly supportsMultipleJoins: boolean;
  /**
   * `Engine.transaction` keeps all of its work or none. False (ClickHouse): a failed
   * transaction drops the tables it created, but rows it added to tables that existed before
   * stay; a stage on such an engine writes new tables and publishes them by renaming.
   */
  readonly supportsTransactions: boolean;
  /** Quotes an identifier (table or column name). The only way a name reaches SQL. */
  quoteIdent(name: string): string;
  /** DECIMAL type for money and quantities. */
  decimalType(precision: number, scale: number): string;
  /** Text to DECIMAL, NULL where it does not convert. `expr` is a SQL expression. */
  tryDecimal(expr: string, precision: number, scale: number): string;
  /** Text to DOUBLE, NULL where it does not convert. */
  tryDouble(expr: string): string;
  /** A value to BOOLEAN, NULL where it does not convert. */
  tryBoolean(expr: string): string;
  /** Text to INTEGER, NULL where it does not convert. */
  tryInteger(expr: string): string;
  /** Text to DATE by the first matching strptime format, NULL where none matches; a UTC offset after a time (`+0100`, `-05:00`, `Z`) is dropped, not applied (the local date as printed); a month name (`%b`) may be English or Dutch (`mrt`, `mei`, `okt`), in any case. */
  tryDate(expr: string, strptimeFormats: string[]): string;
  /** Whether `expr` matches the whole regular expression given as a bound parameter placeholder. */
  regexFullMatch(expr: string, patternSql: string): string;
  /** The text of capture group `group` of the first match of the regular expression in `expr` ('' when none). */
  regexExtract(expr: string, patternSql: string, group: number): string;
  /** Replaces every occurrence of a literal placeholder text in `expr`. */
  replace(expr: string, fromSql: string, toSql: string): string;
  /** Whether `expr` starts with the text `prefixSql`. */
  startsWith(expr: string, prefixSql: string): string;
  /** The value of `arg` on the row where `by` is smallest (an aggregate); rows where `arg` or `by` is NULL are left out. */
  argMin(arg: string, by: string): string;
  /** Whether bit `bit` (0-based) of the integer `expr` is set. */
  hasBit(expr: string, bit: number): string;
  /** Whether the text `expr` contains the text `needleSql`. */
  contains(expr: string, needleSql: string): string;
  /** Whether the text `expr` ends with the text `suffixSql`. */
  endsWith(expr: string, suffixSql: string): string;
  /** The text of `expr` before the first `sepSql`; all of it when `sepSql` does not occur. */
  textBefore(expr: string, sepSql: string): string;
  /** The text of `expr` after the first `sepSql`; NULL when `sepSql` does not occur. */
  textAfter(expr: string, sepSql: string): string;
  /** Whole days from `fromExpr` to `toExpr` (dates). */
  dateDiffDays(fromExpr: string, toExpr: string): string;
  /** Any one value of `expr` in the group (an aggregate; for columns constant within the group). */
  anyValue(expr: string): string;
  /** A 64-bit hash of the values of the expressions (equal values, equal hash). */
  hashOf(exprs: string[]): string;
  /** The median of `expr` (an aggregate). */
  median(expr: string): string;
  /** A part of the date `expr` as a whole number (year 2024, month 1-12, day 1-31, quarter 1-4). */
  datePart(part: DatePart, expr: string): string;
  /**
   * The date of an Excel day number `expr` (a number: 45658 is 2025-01-01, the 1900 date system;
   * a fraction of a day, a time, is dropped) as text `yyyy-mm-dd`; NULL outside the years 1970 to
   * 2099, so a stray number never overflows a date.
   */
  excelDayText(expr: string): string;
  /** Evaluates a numeric expression, NULL where it fails (overflow) instead of an error. */
  tryEval(expr: string): string;
  /** The length of text `expr` in bytes (cheap: no characters counted). */
  byteLength(expr: string): string;
  /** Text folded for search: lower case, accents removed (`Café Émile` -> `cafe emile`), as `foldSearchText` does in TypeScript. */
  foldText(expr: string): string;
  /** A number as short text for messages: up to 15 significant digits (1000000000, 9.99999999998e+23). */
  numberText(expr: string): string;
  /** Digits after the decimal point of a plain number written as text ("12.340" -> 2), trailing zeros not counted. */
  fractionDigits(textExpr: string): string;
  /** The first day of the month of the date `expr`, as a DATE. */
  monthStart(expr: string): string;
  /** Whole calendar months from the date `fromExpr` to the date `toExpr` (2024-01-31 to 2024-02-01 is 1). */
  monthsBetween(fromExpr: string, toExpr: string): string;
  /** Integer division of whole numbers, truncated (`a` and `b` >= 0 here), computed in 128 bits so a product of cents and counts cannot overflow. */
  intDiv(a: string, b: string): string;
  /** The remainder of {@link Dialect.intDiv}, in 128 bits. */
  intMod(a: string, b: string): string;
  /**
   * Integer division of whole numbers in 64 bits, truncated (`a` >= 0, `b` > 0 here): many
   * times faster than {@link Dialect.intDiv}; an overflow of the operands is an error, never a wrong figure.
   */
  intDiv64(a: string, b: string): string;
  /** The remainder of {@link Dialect.intDiv64}, in 64 bits (also of an unsigned 64-bit hash). */
  intMod64(a: string, b: string): string;
  /**
   * Replaces every match of the regular expression `patternSql` (a SQL string literal or
   * placeholder, RE2 syntax) in `expr` by `replacementSql`, where `\\1` is the first group.
   */
  regexReplace(expr: string, patternSql: string, replacementSql: string): string;
  /** The most frequent value of `expr` in the group (an aggregate; NULLs not counted; a tie gives one of them). */
  mode(expr: string): string;
  /** The continuous quantile `q` (0..1, interpolated between neighbours, as numpy's default) of `expr` (an aggregate). */
  quantile(expr: string, q: number): string;
  /**
   * Whether a table has a row identity: {@link Dialect.insertedRowNumber} reads a row's place
   * in a table written once by one `CREATE TABLE ... AS SELECT ... ORDER BY`. An engine without
   * it (ClickHouse) makes the stage number its rows itself (a column written with the table).
   */
  readonly supportsRowIdentity: boolean;
  /**
   * The 1-based position of each row of a table in the order its rows were inserted (`alias`
   * names the table in the query); a table filled by one `CREATE TABLE ... AS SELECT` from a
   * file reader numbers the file's records in file order.
   */
  insertedRowNumber(alias: string): string;
  /**
   * Whether an aggregate can take its input in an order (`string_agg(x, '' ORDER BY k)`).
   * Every engine spells {@link Dialect.orderedConcat} somehow; this says whether it is one pass.
   */
  readonly supportsOrderedAggregation: boolean;
  /** The texts `expr` of the group joined by `sepSql` in the order of `orderBy` (an aggregate; NULL for no rows). */
  orderedConcat(expr: string, sepSql: string, orderBy: string): string;
  /**
   * What a column of the engine type named `typeName` holds (as `information_schema.columns.data_type`
   * spells it): exact `decimal`, a `number` (integer or binary float), `date`, `boolean`, `text`;
   * null for a type the read model does not keep.
   */
  valueKind(typeName: string): ValueKind | null;
  /**
   * The number of distinct combinations of the values of `exprs` in the group (an aggregate;
   * one expression: its distinct non-NULL values; more: a combination holding a NULL counts too).
   */
  countDistinct(exprs: string[]): string;
  /** The number of rows of the group where `cond` holds (an aggregate; NULL counts as false). */
  countWhere(cond: string): string;
  /** The statement that renames table `from` (a quoted name) to `to` (a quoted name). */
  renameTable(from: string, to: string): string;
  /**
   * The first `n` values of `expr` in the order of `orderBy`, over the rows of the group where
   * `where` holds, as a list of text (an aggregate; read back as an array of strings; NULLs kept).
   */
  firstValues(expr: string, orderBy: string, n: number, where: string): string;
  /** The distinct values of `expr` (text) in the group, NULL left out, as a list in no set order (an aggregate; read back as an array of strings). */
  distinctValues(expr: string): string;
  /**
   * The head of a statement creating a temporary table `name` (a quoted name), one that lives
   * as long as the connection: followed by ` AS SELECT ...` or ` (columns)`.
   */
  createTempTable(name: string): string;
  /**
   * The head of a statement creating a temporary view `name` (a quoted name), followed by
   * ` AS SELECT ...`; `replace` replaces a view of that name. An engine without temporary views
   * throws a WorthError saying so.
   */
  createTempView(name: string, replace: boolean): string;
  /**
   * A whole-number type of at least 128 bits, for products of cents that overflow 64 bits
   * before they are divided (a rate applied to an amount, in integer cents).
   */
  readonly wideIntType: string;
  /**
   * Whether `starReplacing` needs no column list (DuckDB's `x.* REPLACE (...)`); false: the
   * caller passes every column of the table, in order.
   */
  readonly supportsStarReplace: boolean;
  /**
   * A select list of every column of the table aliased `alias`, in order, with the columns named
   * in `replacements` (`column -> SQL expression`) replaced by their expression under the same
   * name. `columns` are the table's columns in order (read only where `supportsStarReplace` is false).
   */
  starReplacing(alias: string, replacements: ReadonlyMap<string, string>, columns: readonly string[]): string;
  /**
   * The exact sum of `expr` over the group as `DECIMAL(precision, scale)` (an aggregate; NULL
   * for no values), checked: a sum outside that type's range fails the statement (a WorthError,
   * `numberTooLarge`, where the engine's refusal can be told apart), never a wrapped or silently
   * wider value. DuckDB checks its own casts; ClickHouse 18.16 wraps integers and does not hold a
   * Decimal to its precision, so it sums in `Decimal(38, scale)` and checks the range itself.
   */
  checkedSum(expr: string, precision: number, scale: number): string;
  /**
   * Whether an alias of a SELECT hides a column of the same name elsewhere in that SELECT, even
   * qualified (ClickHouse: in `sum(p.x) AS x, sum(p.x) / 2` the second reads the alias, an
   * aggregate inside an aggregate). True: a stage computes what reads such a column again
   * outside, in a select over the grouped sub-select.
   */
  readonly aliasesShadowColumns: boolean;
  /**
   * How GROUP BY names the select item `expr AS alias`: the expression (standard SQL), or where
   * aliases hide columns the alias (ClickHouse: `coalesce(segment, '') AS segment ... GROUP BY
   * coalesce(segment, '')` would read the alias inside and group by another expression).
   */
  groupKey(expr: string, alias: string): string;
  /**
   * A SELECT over `table` giving each row's `key`, its `value` (money, scale 2), `row_rank` (its
   * 1-based place ordered by `value` descending, then `key`) and `running` (the exact sum of
   * `value` up to and including the row, scale 2). With window functions one window; without
   * them the engine's own form (ClickHouse: the rows sorted into one array, `arrayCumSum` in
   * whole cents, `ARRAY JOIN` back to rows).
   */
  rankedRunningSum(table: string, key: string, value: string): string;
  /**
   * Whether arithmetic may mix an exact DECIMAL with a DOUBLE (DuckDB computes `0.02 * weight`
   * in DOUBLE itself). False (ClickHouse refuses Decimal times Float64, code 43): the formula
   * compiler casts the exact operand to DOUBLE where the other is a DOUBLE and divides in
   * DOUBLE, as DuckDB does, so both engines compute the same binary floats.
   */
  readonly mixesDecimalAndDouble: boolean;
  /**
   * A DOUBLE `expr` as `DECIMAL(precision, scale)`, rounded to the nearest (halves away from
   * zero), as DuckDB's CAST does; NULL stays NULL. ClickHouse's own conversion truncates
   * (1.15 to one decimal is 1.1 there), so it rounds the scaled value first.
   */
  decimalFromDouble(expr: string, precision: number, scale: number): string;
  /**
   * The median of a `DECIMAL(18, scale)` expression over the group, exact, as DuckDB's
   * `median` gives it: the lower middle value plus half the distance to the upper one,
   * truncated to `scale` decimals (1.00 and 1.03 give 1.01; -1.03 and -1.00 give -1.02);
   * NULLs left out, NULL for none. ClickHouse sorts the values as whole units of the scale.
   */
  decimalMedian(expr: string, scale: number): string;
}

/** Quotes an identifier with double quotes, doubling embedded quotes (standard SQL). */
export function quoteIdentStandard(name: string): string {
  if (name.includes('\u0000')) throw new Error(`identifier with NUL: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}
