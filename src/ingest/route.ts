import { MAX_AMOUNT, TABLES, unreachable, type ColumnSpec, type TableName } from '../core/index.ts';
import { compileFormula, type FormulaColumn, type FormulaScope } from '../formula/index.ts';
import type { Dialect, SqlValue } from '../warehouse/index.ts';
import type { CogsConfig, SourceFormat } from '../workspace/index.ts';
import type { RejectGroup, RejectText } from '../words/index.ts';
import type { TypedKind } from './fastPath.ts';
import { FIELDS_COLUMN, RAW_COLUMN } from './recordLines.ts';
import { uncleanTextSql } from './cleanText.ts';
import { recordWord } from '../words/index.ts';
import {
  dateWindow,
  planCarry,
  planColumns,
  sourceFinder,
  type CarryPlan,
  type ColumnCheckKind,
  type ColumnPlan,
} from './columnPlan.ts';
import { SqlParams } from './sqlParams.ts';
import {
  booleanSql,
  dateSql,
  doubleSql,
  finiteNumberSql,
  FORMULA_NUMBER,
  FORMULA_WIDE,
  integerSql,
  missingAsNullSql,
  MONEY,
  MONEY_READ,
  numberExample,
  numberSql,
  QUANTITY,
  storageType,
  textSql,
  trimmedSql,
} from './parseSql.ts';

/** Where a reject's value comes from: a source column's raw text, a typed column, or nothing. */
export type ValueRef = { raw: string } | { typed: string } | { none: true };

/** One check on a row: a boolean flag (bit `bit` of the row's `_flags`) and the reject it produces. */
export interface Check {
  flag: string;
  /** Bit index in `_flags` (set after planning). */
  bit?: number;
  /** Column named in the reject (the user's source column where there is one). */
  column: string;
  value: ValueRef;
  /** Why the row is rejected: a code and the values its sentence names (rendered in the workspace's language). */
  reason: RejectText;
  /**
   * A reason that names a count of the row itself: the typed column `count` fills the sentence's
   * `found`; `group` is the reason for the rows together (the reject summary), without that count.
   */
  perRow?: { count: string; group: RejectGroup };
}

/** A source mapped onto one canonical table, possibly only the rows matching a split rule. */
export interface Route {
  /** Number unique within a run; row ids are `id * 10^12 + record number`. */
  id: number;
  table: TableName;
  /** File name as shown to the user. */
  file: string;
  /** Staged view with the source's columns and `_rn`: text, except the columns in `typed`. */
  stage: string;
  /** Source column names as found in the file. */
  sourceColumns: string[];
  /** Columns the engine read with declared types (the fast path): they hold values, not text. */
  typed?: Record<string, TypedKind>;
  /**
   * Text columns found to need no cleaning (cleanText.ts: no surrounding space, no empty text,
   * no "missing" word): read as they are, without the trimming and "missing" handling.
   */
  cleanText?: Set<string>;
  /**
   * Set when `cleanText` is assumed, not known (the one pass reads the file once): the route
   * computes `_unclean`, bit i set on a row whose value in the i-th of {@link assumedClean}'s
   * columns needs cleaning after all (then the route's values are not to be used).
   */
  checkClean?: boolean;
  format: SourceFormat;
  dateFormats: string[];
  /** Canonical column -> source column name or formula. */
  mapping: Record<string, string>;
  /** Split condition (formula) and whether this route takes the rows where it holds. */
  split?: { when: string; matches: boolean };
  /**
   * The source's `exclude_when` rule: this route takes the rows where it does not hold (or,
   * `matches`, only those where it does: the excluded lines, counted in exclusion.ts).
   * `subject` names the rule in messages (worth.yaml and its line).
   */
  exclude?: { when: string; matches: boolean; subject: string };
  /** SQL for the physical line of a staged row (over the stage as `s`). */
  lineSql: string;
  /**
   * Set when the stage keeps records with another number of fields than the header (columns
   * `__fields` and `__raw`, see recordLines.ts): each becomes one reject, and only that one.
   */
  ragged?: {
    expected: number;
    /**
     * The same file's broken records are rejected by another source read before this one (a
     * returns source over the order lines' export): this route leaves them to it, so a line is
     * rejected, and counted against a budget, once.
     */
    elsewhere?: boolean;
  };
  /** Config path of the mapping, for messages. */
  configPath: string;
}

/** The SQL to build a route's typed table, and the checks whose flags it computes. */
export interface RoutePlan {
  sql: string;
  params: SqlValue[];
  checks: Check[];
  /** Canonical columns stored, in order, with their SQL types. */
  columns: { name: string; type: string }[];
  /** The other columns of the SELECT besides `_line` (row ids, flags, carried values), in order. */
  work: string[];
  /** Whether a value besides `_line` is the physical line (a key column taken from the line, a formula's line number). */
  usesLine: boolean;
  /** The columns that are the physical line itself (`prefix` + ':' before it as text); a formula's line number is not one. */
  lineColumns: { name: string; prefix?: string }[];
  /** Whether a formula reads the line (`line_number()`). */
  lineInFormula: boolean;
}

/** What a route plan needs from the run. */
export interface RouteOptions {
  dialect: Dialect;
  unattributed: 'load' | 'reject';
  /** Values that mean "missing" in any column (compared trimmed and case-insensitively). */
  missingValues: string[];
  /** The analysis period (yyyy-mm-dd): dates far outside it are rejected. */
  period: { start: string; end: string };
  /** Extra text columns carried into the typed table as `_carry_<name>` (source column names), e.g. customer attributes. */
  carry?: Record<string, string>;
  cogs?: CogsConfig;
  /** Name of the loaded customers table to check references against (absent for customers itself). */
  customersTable?: string;
  /** Table (product_id, unit_cost) for estimating missing cost of goods, if configured. */
  productCostsTable?: string;
}

/** The columns whose cleanliness a route with `checkClean` checks, in the order of the bits of `_unclean`. */
export function assumedClean(route: Route): string[] {
  return route.checkClean
    ? route.sourceColumns.filter((c) => route.cleanText?.has(c) === true && route.typed?.[c] === undefined)
    : [];
}

/** Row ids of a route are `id * ROUTE_ROWS + record number` (`_rid`): unique over every file of a run. */
export const ROUTE_ROWS = 1_000_000_000_000n;

/**
 * Builds the typed SELECT for a route: every canonical column parsed, every check flagged. The
 * columns are planned first ({@link planColumns}: where each value comes from and which checks
 * it carries, config errors raised there), then rendered to SQL through the dialect here, with
 * every bound value numbered once by {@link SqlParams}.
 */
export function planRoute(route: Route, o: RouteOptions): RoutePlan {
  const spec = TABLES[route.table];
  const estimateCogs = route.table === 'order_lines' && o.cogs !== undefined;
  const columnPlans = planColumns(spec, route, {
    unattributed: o.unattributed,
    period: o.period,
    estimateCogs,
  });
  const carryPlans = planCarry(route, o.carry ?? {});
  return renderRoute(route, columnPlans, carryPlans, o, new SqlParams());
}

/** Renders the planned columns of a route to the SQL of its typed table (three levels: parse, check, flag bits). */
function renderRoute(
  route: Route,
  plans: ColumnPlan[],
  carryPlans: CarryPlan[],
  o: RouteOptions,
  params: SqlParams,
): RoutePlan {
  const d = o.dialect;
  const q = d.quoteIdent;
  const spec = TABLES[route.table];
  const bind = (v: SqlValue) => params.bind(v);
  const findSource = sourceFinder(route.sourceColumns);
  const inner: string[] = [
    `s._rn AS _rn`,
    `CAST(${route.id} AS BIGINT) * ${ROUTE_ROWS} + s._rn AS _rid`,
    `s._physline AS _line`,
  ];
  const checks: Check[] = [];
  if (route.ragged) {
    // First, so its bit is the lowest; a broken record gets only this reject (see `bits`).
    inner.push(
      '(s._ragged_fields IS NOT NULL) AS _bad_fields',
      '(s._ragged_fields IS NULL AND s._ragged_raw IS NOT NULL) AS _bad_totals',
      's._ragged_fields AS _ragged_fields',
      's._ragged_raw AS _ragged_raw',
    );
    checks.push({
      flag: '_bad_fields',
      column: recordWord('en', 'rejectWholeLine'),
      value: { typed: '_ragged_raw' },
      reason: { code: 'wrong_field_count', vars: { found: '…', expected: String(route.ragged.expected) } },
      perRow: { count: '_ragged_fields', group: 'rejectFieldCountGroup' },
    });
    checks.push({
      flag: '_bad_totals',
      column: recordWord('en', 'rejectWholeLine'),
      value: { typed: '_ragged_raw' },
      reason: { code: 'totals_line' },
    });
  }
  const dateHint = route.format.date_format;
  const example = numberExample(route.format);
  const window = dateWindow(o.period);
  let helper = 0;
  let usesLine = false;
  const lineColumns: { name: string; prefix?: string }[] = [];
  let lineInFormula = false;

  // The staged text with "missing" values (NA, N/A, ...) as NULL, once for every use below.
  const missing = [...new Set(o.missingValues.map((v) => v.trim().toLowerCase()))];
  // Bound on first use: a file whose text columns are all clean binds none.
  const missingPlaceholders = () => missing.map((v, i) => params.bindNamed(`missing_${i}`, v));
  const longest = Math.max(
    0,
    ...missing.map((v) => Math.max(Buffer.byteLength(v), Buffer.byteLength(v.toUpperCase()))),
  );
  // A typed column holds values: a "missing" word in it would have failed the typed read.
  const typedKind = (c: string): TypedKind | undefined => route.typed?.[c];
  const clean = (c: string) => route.cleanText?.has(c) === true;
  const staged = route.sourceColumns.map((c) =>
    typedKind(c) || clean(c)
      ? `s.${q(c)} AS ${q(c)}`
      : `${missingAsNullSql(`s.${q(c)}`, missingPlaceholders(), longest, d)} AS ${q(c)}`,
  );
  if (route.checkClean) {
    const unclean = uncleanTextSql(o.missingValues, bind, d);
    const cols = assumedClean(route);
    if (cols.length > 62)
      throw new Error(`${route.file}: more text columns (${cols.length}) than bits in _unclean`);
    const bits = cols.map(
      (c, i) => `(CASE WHEN ${unclean(`s.${q(c)}`)} THEN CAST(${2n ** BigInt(i)} AS BIGINT) ELSE 0 END)`,
    );
    inner.push(`CAST(${bits.length ? bits.join(' + ') : '0'} AS BIGINT) AS _unclean`);
  }
  const recordCols = route.ragged
    ? `, s.${q(FIELDS_COLUMN)} AS _ragged_fields, s.${q(RAW_COLUMN)} AS _ragged_raw`
    : '';
  const from = `(SELECT s._rn, ${route.lineSql} AS _physline${recordCols}${staged.map((c) => `, ${c}`).join('')} FROM ${q(route.stage)} s) s`;

  const rawRef = (src: string) => `s.${q(src)}`;
  const hasText = (src: string) =>
    clean(src)
      ? `(${rawRef(src)} IS NOT NULL)`
      : `(${rawRef(src)} IS NOT NULL AND ${trimmedSql(rawRef(src))} <> '')`;
  const parseAs = (kind: ColumnSpec['kind'], raw: string): string => {
    switch (kind) {
      case 'id':
      case 'text':
        return textSql(raw);
      case 'integer':
        return integerSql(raw, d);
      case 'quantity':
        return numberSql(raw, route.format, d, QUANTITY.precision, QUANTITY.scale);
      case 'money':
        // Read with 9 decimals (and so at most 9 digits before the point, which is all MAX_AMOUNT
        // needs): digits beyond cents are seen, not rounded away; stored rounded to cents.
        return numberSql(raw, route.format, d, MONEY_READ.precision, MONEY_READ.scale);
      case 'number':
        return doubleSql(raw, route.format, d);
      case 'date':
        return dateSql(raw, route.dateFormats, d);
      case 'boolean':
        return booleanSql(raw);
    }
  };
  /** A formula's result as the column's storage type; NULL where it does not fit (never an engine error). */
  const fitTo = (kind: ColumnSpec['kind'], wide: string): string => {
    switch (kind) {
      case 'money':
        return d.tryDecimal(wide, MONEY.precision, MONEY.scale);
      case 'quantity':
        return d.tryDecimal(wide, QUANTITY.precision, QUANTITY.scale);
      case 'integer':
        return d.tryInteger(wide);
      case 'number':
        return d.tryDouble(wide);
      case 'id':
      case 'text':
      case 'date':
      case 'boolean':
        throw new Error(`${kind} is not a number kind`);
    }
  };

  /** How a formula reads a source column other than as text; one input check per (column, way). */
  type Reading = 'number' | 'boolean' | 'date';
  const formulaInputs = new Map<string, { src: string; as: Reading; flag: string }>();
  /** Input flags of the formula being compiled (a canonical column is missing only if its inputs were fine). */
  let currentDeps: string[] = [];
  const readAs = (src: string, as: Reading) => {
    const key = `${src}\u0000${as}`;
    if (!formulaInputs.has(key)) formulaInputs.set(key, { src, as, flag: `_bad_input_${helper++}` });
    currentDeps.push(formulaInputs.get(key)!.flag);
  };
  const scope: FormulaScope = {
    dialect: d,
    params: params.values,
    resolve(name) {
      const src = findSource(name);
      if (!src) return undefined;
      const col: FormulaColumn = {
        type: 'text',
        sql(as) {
          if (as === 'number') {
            readAs(src, 'number');
            // Parsed narrow (fast), computed wide: a product of two inputs cannot overflow.
            const parsed = numberSql(
              rawRef(src),
              route.format,
              d,
              FORMULA_NUMBER.precision,
              FORMULA_NUMBER.scale,
              true,
            );
            return `CAST(${parsed} AS ${d.decimalType(FORMULA_WIDE.precision, FORMULA_WIDE.scale)})`;
          }
          if (as === 'boolean') {
            readAs(src, 'boolean');
            return booleanSql(rawRef(src));
          }
          return textSql(rawRef(src));
        },
        date() {
          readAs(src, 'date');
          return dateSql(rawRef(src), route.dateFormats, d);
        },
      };
      return col;
    },
    names: () => route.sourceColumns,
    lineNumber: () => {
      usesLine = lineInFormula = true;
      return 's._physline';
    },
  };

  const columns: { name: string; type: string }[] = [];
  /** Canonical column -> SQL conditions (middle level) that its inputs were unreadable. */
  const deps = new Map<string, string[]>();
  /** Parse checks on directly read columns, computed at the middle level from `_has_<col>`. */
  const parseFlags: string[] = [];
  /** Defaults, applied at the middle level so a parse failure is still visible as NULL. */
  const defaults = new Map<string, string>();
  /** Money columns read wider than stored (MONEY_READ): rounded to cents at the middle level. */
  const narrow = new Set<string>();
  /** Source column directly loaded as a number/date -> its parse-failure condition (so a formula reading it adds no second reject). */
  const directParse = new Map<string, string>();
  const planned = (cp: ColumnPlan, kind: ColumnCheckKind): Check => {
    const c = cp.checks.find((x) => x.kind === kind);
    if (!c) throw new Error(`${route.table}.${cp.spec.name}: no ${kind} check planned`);
    return { flag: c.flag, column: c.column, value: c.value, reason: c.reason };
  };
  for (const cp of plans) {
    const col = cp.spec;
    const source = cp.source;
    let expr: string;
    columns.push({ name: col.name, type: storageType(col.kind, d) });
    const amount = col.kind === 'money' || col.kind === 'quantity';
    switch (source.kind) {
      case 'typed': {
        // Read by the engine's typed reader, which refuses the file rather than a value the text
        // parse below would not give the same (fastPath.ts): no parse or range failure is left.
        const direct = source.column;
        expr = col.kind === 'date' ? `CAST(${rawRef(direct)} AS DATE)` : rawRef(direct);
        inner.push(`(${rawRef(direct)} IS NOT NULL) AS ${q(`_has_${col.name}`)}`);
        if (amount) {
          inner.push(`CAST(NULL AS VARCHAR) AS ${q(`_raw_${col.name}`)}`);
          if (col.kind === 'money') narrow.add(col.name);
        }
        deps.set(col.name, []);
        // The same checks in the same order as the text path (the rejects' order key), never set.
        parseFlags.push(`FALSE AS ${q(`_bad_parse_${col.name}`)}`);
        checks.push(planned(cp, 'parse'));
        break;
      }
      case 'text': {
        const direct = source.column;
        // A clean text column is its own value (textSql would trim nothing and empty nothing).
        expr =
          source.clean && (col.kind === 'id' || col.kind === 'text')
            ? rawRef(direct)
            : parseAs(col.kind, rawRef(direct));
        if (col.kind === 'id' || col.kind === 'text') break;
        const has = `_has_${col.name}`;
        inner.push(`${hasText(direct)} AS ${q(has)}`);
        let cond = `(i.${q(has)} AND i.${q(col.name)} IS NULL)`;
        if (amount) {
          // A number that does not fit is out of range, not "not a number" (1e20).
          // The raw text goes up a level, where these checks run only on the rows that need them (CASE).
          inner.push(`${rawRef(direct)} AS ${q(`_raw_${col.name}`)}`);
          cond = `(CASE WHEN i.${q(has)} AND i.${q(col.name)} IS NULL THEN NOT coalesce(${finiteNumberSql(`i.${q(`_raw_${col.name}`)}`, route.format, d)}, FALSE) ELSE FALSE END)`;
          if (col.kind === 'money') narrow.add(col.name);
        }
        // Text that did not become a value has its own reject (not a number, out of range): never "missing" too.
        deps.set(col.name, [`(i.${q(has)} AND i.${q(col.name)} IS NULL)`]);
        parseFlags.push(`${cond} AS ${q(`_bad_parse_${col.name}`)}`);
        checks.push(planned(cp, 'parse'));
        const reading: Reading | undefined =
          col.kind === 'date' ? 'date' : col.kind === 'boolean' ? undefined : 'number';
        if (reading)
          directParse.set(`${direct}\u0000${reading}`, `(i.${q(has)} AND i.${q(col.name)} IS NULL)`);
        break;
      }
      case 'formula': {
        currentDeps = [];
        const compiled = compileFormula(source.text, scope, source.subject, source.result);
        if (compiled.divisors.length > 0 !== source.divides)
          throw new Error(`${source.subject}: the plan and the compiler disagree on division`);
        if (col.kind === 'date') expr = dateSql(compiled.sql, route.dateFormats, d);
        else if (source.result === 'number') {
          // Exact and wide, NULL instead of an overflow error; the same formula in DOUBLE tells
          // an overflow (a value) from a missing input (NULL) and shows the value in the reject.
          const wide = d.tryEval(compiled.sql);
          const shadow = compileFormula(source.text, scope, source.subject, 'number', 'double');
          inner.push(`${shadow.sql} AS ${q(`_approx_${col.name}`)}`, `${wide} AS ${q(`_exact_${col.name}`)}`);
          if (source.divides)
            inner.push(
              `coalesce(${compiled.divisors.map((x) => `(${x}) = 0`).join(' OR ')}, FALSE) AS ${q(`_divzero_${col.name}`)}`,
            );
          // Rounded to the column's scale once, half away from zero (1.005 -> 1.01, -1.005 -> -1.01).
          expr = fitTo(col.kind, wide);
        } else expr = `CAST(${compiled.sql} AS ${storageType(col.kind, d)})`;
        deps.set(
          col.name,
          currentDeps.map((f) => `i.${q(f)}`),
        );
        break;
      }
      case 'line':
        // No such column: the line in the file is the key, never a constant.
        usesLine = true;
        lineColumns.push(
          col.kind === 'integer' ? { name: col.name } : { name: col.name, prefix: source.file },
        );
        expr =
          col.kind === 'integer'
            ? `CAST(s._physline AS INTEGER)`
            : `(${bind(source.file)} || ':' || CAST(s._physline AS VARCHAR))`;
        break;
      case 'default':
        expr = `CAST(${defaultLiteral(source.value)} AS ${storageType(col.kind, d)})`;
        break;
      case 'absent':
        expr = 'NULL';
        break;
      default:
        unreachable(source, 'column source');
    }
    if (cp.default !== undefined) defaults.set(col.name, defaultLiteral(cp.default));
    inner.push(`${expr} AS ${q(col.name)}`);
  }
  for (const carried of carryPlans) {
    const name = `_carry_${carried.name}`;
    switch (carried.kind) {
      case 'column':
        inner.push(`${textSql(rawRef(carried.column))} AS ${q(name)}`);
        break;
      case 'formula': {
        const compiled = compileFormula(carried.text, scope, carried.subject, 'text');
        inner.push(`CAST(${compiled.sql} AS VARCHAR) AS ${q(name)}`);
        break;
      }
      default:
        unreachable(carried, 'carried value');
    }
  }
  // Every source column a formula reads as a number, condition or date must hold one. Where the
  // same column is also loaded directly the same way, its own check covers it (one reject, not two).
  const alias = new Map<string, string>();
  for (const { src, as, flag } of formulaInputs.values()) {
    const direct = directParse.get(`${src}\u0000${as}`);
    if (direct) {
      alias.set(`i.${q(flag)}`, direct);
      continue;
    }
    let parsed: string;
    let reason: RejectText;
    switch (as) {
      case 'number':
        parsed = numberSql(
          rawRef(src),
          route.format,
          d,
          FORMULA_NUMBER.precision,
          FORMULA_NUMBER.scale,
          true,
        );
        reason = { code: 'not_a_number', vars: { example } };
        break;
      case 'date':
        parsed = dateSql(rawRef(src), route.dateFormats, d);
        reason = { code: 'not_a_date', vars: { format: dateHint } };
        break;
      case 'boolean':
        parsed = booleanSql(rawRef(src));
        reason = { code: 'not_a_boolean' };
        break;
      default:
        unreachable(as, 'formula reading');
    }
    inner.push(`(${hasText(src)} AND ${parsed} IS NULL) AS ${q(flag)}`);
    checks.push({ flag, column: src, value: { raw: src }, reason });
  }
  for (const [k, fl] of deps) deps.set(k, [...new Set(fl.map((f) => alias.get(f) ?? f))]);

  // Cost of goods estimated where missing: from the margin rate of the product group.
  let cogsEstimate: string | undefined;
  if (route.table === 'order_lines' && o.cogs !== undefined) {
    const cases = Object.entries(o.cogs!.margin_rates).map(
      ([group, rate]) => `WHEN i.product_group = ${bind(group)} THEN ${rateLiteral(rate)}`,
    );
    const dflt = o.cogs!.default_margin !== undefined ? rateLiteral(o.cogs!.default_margin) : 'NULL';
    const margin = cases.length ? `(CASE ${cases.join(' ')} ELSE ${dflt} END)` : dflt;
    const byMargin = `(${withDefault('gross_amount')} - ${withDefault('discount_amount')}) * (1 - ${margin})`;
    // A product's own cost price comes first; the margin rate of its group is the fallback.
    const byProduct = o.productCostsTable ? `i.quantity * pc._unit_cost` : undefined;
    // Inside TRY: a product beyond the decimal's digits is no estimate (NULL), never an engine error.
    cogsEstimate = d.tryDecimal(
      d.tryEval(byProduct ? `coalesce(${byProduct}, ${byMargin})` : byMargin),
      MONEY.precision,
      MONEY.scale,
    );
  }
  if (route.table === 'order_lines') columns.push({ name: 'cogs_estimated', type: 'BOOLEAN' });

  /** A column at the middle level with its default applied. */
  function withDefault(name: string): string {
    const dflt = defaults.get(name);
    const ref = narrow.has(name) ? `CAST(i.${q(name)} AS ${storageType('money', d)})` : `i.${q(name)}`;
    return dflt === undefined ? ref : `coalesce(${ref}, ${dflt})`;
  }
  /** The final value of a canonical column at the middle level of the query. */
  const val = (name: string) =>
    name === 'cogs_amount' && cogsEstimate ? `coalesce(i.cogs_amount, ${cogsEstimate})` : withDefault(name);

  const typedFlags: string[] = [...parseFlags];
  /** Values shown in rejects that are computed (a formula's result), kept in the typed table. */
  const shown: string[] = [];
  /** Number columns computed by a formula, whose shown value the typed table keeps. */
  const formulaNumbers: string[] = [];
  const maxAmount = `CAST(${MAX_AMOUNT} AS ${d.decimalType(MONEY.precision, MONEY.scale)})`;
  // Amounts read directly: a number too large for exact totals, or with digits beyond cents.
  for (const cp of plans) {
    const col = cp.spec;
    if (
      (cp.source.kind !== 'typed' && cp.source.kind !== 'text') ||
      (col.kind !== 'money' && col.kind !== 'quantity')
    )
      continue;
    const money = col.kind === 'money';
    const tooBig = money ? ` OR coalesce(abs(i.${q(col.name)}) > ${maxAmount}, FALSE)` : '';
    const raw = `i.${q(`_raw_${col.name}`)}`;
    const range = `(CASE WHEN i.${q(`_has_${col.name}`)} AND i.${q(col.name)} IS NULL THEN coalesce(${finiteNumberSql(raw, route.format, d)}, FALSE) ELSE FALSE${tooBig} END)`;
    typedFlags.push(`${range} AS ${q(`_bad_range_${col.name}`)}`);
    checks.push(planned(cp, 'range'));
    if (!money) continue;
    const cents = `coalesce(i.${q(col.name)} <> ${val(col.name)}, FALSE)`;
    typedFlags.push(`${cents} AS ${q(`_bad_cents_${col.name}`)}`);
    checks.push(planned(cp, 'cents'));
  }
  // Numbers computed by formulas: a division by zero, or a result beyond what the column holds.
  for (const cp of plans) {
    const col = cp.spec;
    if (cp.source.kind !== 'formula' || cp.source.result !== 'number' || col.kind === 'date') continue;
    formulaNumbers.push(col.name);
    const v = `i.${q(col.name)}`;
    const approx = `i.${q(`_approx_${col.name}`)}`;
    if (cp.source.divides) {
      const zero = `(${v} IS NULL AND i.${q(`_divzero_${col.name}`)})`;
      typedFlags.push(`${zero} AS ${q(`_bad_divzero_${col.name}`)}`);
      checks.push(planned(cp, 'division_by_zero'));
      deps.get(col.name)!.push(zero);
    }
    const tooBig = col.kind === 'money' ? ` OR coalesce(abs(${v}) > ${maxAmount}, FALSE)` : '';
    const range = `((${v} IS NULL AND ${approx} IS NOT NULL)${tooBig})`;
    typedFlags.push(`${range} AS ${q(`_bad_range_${col.name}`)}`);
    shown.push(
      `CASE WHEN ${range} THEN ${d.numberText(`coalesce(i.${q(`_exact_${col.name}`)}, ${approx})`)} END AS ${q(`_value_${col.name}`)}`,
    );
    checks.push(planned(cp, 'range'));
    deps.get(col.name)!.push(range);
  }

  // Required fields, bounds and references are checked on the typed values.
  for (const cp of plans) {
    const col = cp.spec;
    for (const c of cp.checks) {
      switch (c.kind) {
        case 'parse':
        case 'range':
        case 'cents':
        case 'division_by_zero':
          continue;
        case 'missing': {
          const inputs =
            col.name === 'cogs_amount' && cogsEstimate
              ? [
                  ...(deps.get('cogs_amount') ?? []),
                  ...(deps.get('gross_amount') ?? []),
                  ...(deps.get('discount_amount') ?? []),
                ]
              : (deps.get(col.name) ?? []);
          const fine = inputs.length ? ` AND NOT (${[...new Set(inputs)].join(' OR ')})` : '';
          typedFlags.push(`(${val(col.name)} IS NULL${fine}) AS ${q(c.flag)}`);
          break;
        }
        case 'min': {
          const op = col.min!.inclusive ? '<' : '<=';
          // An estimated cost of goods follows the line's net: below zero where an order's discount,
          // written on its first line (web-shop exports), exceeds that line's gross. The order's sum
          // is right, so only the file's own cost of goods is held to the bound.
          const bounded = col.name === 'cogs_amount' && cogsEstimate ? withDefault(col.name) : val(col.name);
          typedFlags.push(`coalesce(${bounded} ${op} ${col.min!.value}, FALSE) AS ${q(c.flag)}`);
          break;
        }
        case 'when':
          typedFlags.push(
            `coalesce(${val(col.name)} < CAST(${bind(window.from)} AS DATE) OR ${val(col.name)} > CAST(${bind(window.to)} AS DATE), FALSE) AS ${q(c.flag)}`,
          );
          break;
        default:
          unreachable(c.kind, 'column check');
      }
      checks.push({ flag: c.flag, column: c.column, value: c.value, reason: c.reason });
    }
  }
  let join = '';
  if (cogsEstimate && o.productCostsTable) {
    if (!d.supportsMultipleJoins) throw new Error('product cost estimates need more than one join per query');
    join += ` LEFT JOIN (SELECT product_id AS _product, unit_cost AS _unit_cost FROM ${q(o.productCostsTable)}) pc ON pc._product = i.product_id`;
  }
  if (o.customersTable && spec.referencesCustomer) {
    join += ` LEFT JOIN (SELECT customer_id AS _known FROM ${q(o.customersTable)}) k ON k._known = i.customer_id`;
    typedFlags.push('(i.customer_id IS NOT NULL AND k._known IS NULL) AS _bad_unknown_customer');
    const src = findSource(route.mapping.customer_id ?? 'customer_id');
    checks.push({
      flag: '_bad_unknown_customer',
      column: src ?? 'customer_id',
      value: { typed: 'customer_id' },
      reason: { code: 'unknown_customer' },
    });
  }
  const where: string[] = [];
  if (route.ragged?.elsewhere) where.push('s._ragged_raw IS NULL');
  if (route.exclude) {
    const c = compileFormula(route.exclude.when, scope, route.exclude.subject, 'boolean');
    // Not met where it cannot be read or its arithmetic overflows: such a line loads (or is rejected), never vanishes.
    const cond = `coalesce(${d.tryEval(c.sql)}, FALSE)`;
    const broken = route.ragged ? 's._ragged_raw IS NOT NULL' : 'FALSE';
    where.push(route.exclude.matches ? `NOT (${broken}) AND ${cond}` : `((${broken}) OR NOT ${cond})`);
  }
  if (route.split) {
    const c = compileFormula(
      route.split.when,
      scope,
      `${route.configPath.replace(/\.columns$/, '')}.split.when`,
      'boolean',
    );
    // A condition whose arithmetic overflows is not met (never an engine error).
    const cond = d.tryEval(c.sql);
    // A broken record has no values to test: it stays with the main table, for its one reject.
    const broken = route.ragged ? 's._ragged_raw IS NOT NULL' : 'FALSE';
    where.push(
      route.split.matches
        ? `NOT (${broken}) AND coalesce(${cond}, FALSE)`
        : `((${broken}) OR NOT coalesce(${cond}, FALSE))`,
    );
  }
  const innerSql = `SELECT ${inner.join(', ')} FROM ${from}${where.length ? ` WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : ''}`;
  const carried = Object.keys(o.carry ?? {}).map((n) => `_carry_${n}`);
  const midCols = [
    'i._rn',
    'i._rid',
    'i._line',
    ...spec.columns.map((c) => `${val(c.name)} AS ${q(c.name)}`),
    ...(route.table === 'order_lines'
      ? [
          cogsEstimate
            ? '(i.cogs_amount IS NULL AND i.gross_amount IS NOT NULL) AS cogs_estimated'
            : 'FALSE AS cogs_estimated',
        ]
      : []),
    ...carried.map((c) => `i.${q(c)}`),
    ...checks
      .filter((c) => !typedFlags.some((t) => t.endsWith(` AS ${q(c.flag)}`) || t.endsWith(` AS ${c.flag}`)))
      .map((c) => `i.${q(c.flag)}`),
    ...typedFlags,
    ...shown,
    ...(route.ragged ? ['i._ragged_fields', 'i._ragged_raw'] : []),
    ...(route.checkClean ? ['i._unclean'] : []),
    `${spec.referencesCustomer ? 'i.customer_id IS NULL' : 'FALSE'} AS _unattributed`,
  ];
  const mid = `SELECT ${midCols.join(', ')} FROM (${innerSql}) i${join}`;
  // The row keeps its typed values and one integer of problem bits (narrow to materialize).
  if (checks.length > 62)
    throw new Error(`${route.table}: more checks (${checks.length}) than bits in _flags`);
  checks.forEach((c, i) => (c.bit = i));
  const sumBits = checks.length
    ? checks
        .map((c, i) => `(CASE WHEN m.${q(c.flag)} THEN CAST(${2n ** BigInt(i)} AS BIGINT) ELSE 0 END)`)
        .join(' + ')
    : '0';
  // A broken record (bit 0) or a totals line (bit 1) has no values: every other check would only repeat that.
  const bits = route.ragged
    ? `(CASE WHEN m._bad_fields THEN CAST(1 AS BIGINT) WHEN m._bad_totals THEN CAST(2 AS BIGINT) ELSE ${sumBits} END)`
    : sumBits;
  const keep = [
    '_rn',
    '_rid',
    '_line',
    ...spec.columns.map((c) => c.name),
    ...(route.table === 'order_lines' ? ['cogs_estimated'] : []),
    ...carried,
    ...formulaNumbers.map((n) => `_value_${n}`),
    ...(route.ragged ? ['_ragged_fields', '_ragged_raw'] : []),
    ...(route.checkClean ? ['_unclean'] : []),
    '_unattributed',
  ];
  const sql = `SELECT ${keep.map((k) => `m.${q(k)}`).join(', ')}, CAST(${bits} AS BIGINT) AS _flags FROM (${mid}) m`;
  const canonical = new Set(columns.map((c) => c.name));
  const work = [...keep.filter((k) => k !== '_line' && !canonical.has(k)), '_flags'];
  return { sql, params: params.values, checks, columns, work, usesLine, lineColumns, lineInFormula };
}

function rateLiteral(rate: number): string {
  if (!Number.isFinite(rate)) throw new Error(`bad rate ${rate}`);
  return String(rate);
}

/** A contract default as a SQL literal (numbers and booleans only: the contract's defaults are such). */
function defaultLiteral(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
}
