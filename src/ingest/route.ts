import { TABLES, unreachable, type TableName } from '../core/index.ts';
import { formulaReadings, type FormulaReading } from '../formula/index.ts';
import type { Dialect, NamedParams } from '../warehouse/index.ts';
import type { CogsConfig, SourceFormat } from '../workspace/index.ts';
import { recordWord, type RejectGroup, type RejectText } from '../words/index.ts';
import type { TypedKind } from './fastPath.ts';
import {
  dateWindow,
  planCarry,
  planColumns,
  sourceFinder,
  type CarryPlan,
  type ColumnCheckKind,
  type ColumnPlan,
} from './columnPlan.ts';
import { numberExample } from './parseSql.ts';
import { shownDateFormat } from './sheetDates.ts';

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
  /**
   * A valid number as the user sees one in the source, for reject messages, where that is not
   * the format's own notation: a spreadsheet shows its number cells in the workspace's language
   * (`1234,56` in Dutch) whatever the copy it is read from writes. Default: {@link numberExample}.
   */
  shownNumber?: string;
  /**
   * Source column -> the date layout the user sees in it where that is not the format's
   * `date_format` (a sheet's date cells, copied as ISO dates: xlsxToCsv.ts), for reject messages.
   */
  shownDates?: Record<string, string>;
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
  /**
   * Set when the source joins a lookup file (lookupJoin.ts): the stage carries
   * `__lookup_state` (0 found or no key, 1 not in the file, 2 its row there rejected) and
   * `__lookup_key`; a line whose order is missing or rejected gets only that reject.
   */
  lookup?: { file: string; column: string };
  /** Config path of the mapping, for messages. */
  configPath: string;
}

/** The SQL of a route's typed table ({@link renderRoute}), and the checks whose flags it computes. */
export interface RouteSql {
  sql: string;
  /** The values `sql` binds, by name (`$p1`, ...: SqlParams). */
  params: NamedParams;
  /** Every check, its `bit` in `_flags` set: the plan's, in its order. */
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
  /**
   * With `checkClean`: the columns whose cleanliness `_unclean` tests, bit i for the i-th (those
   * of {@link assumedClean} the route reads as text); empty otherwise.
   */
  cleanChecked: string[];
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
  /** Rendered for the one pass of a clean file (renderRoute.ts, `RouteForm`): default false. */
  onePass?: boolean;
}

/** The columns whose cleanliness a route with `checkClean` checks, in the order of the bits of `_unclean`. */
export function assumedClean(route: Route): string[] {
  return route.checkClean
    ? route.sourceColumns.filter((c) => route.cleanText?.has(c) === true && route.typed?.[c] === undefined)
    : [];
}

/** Row ids of a route are `id * ROUTE_ROWS + record number` (`_rid`): unique over every file of a run. */
export const ROUTE_ROWS = 1_000_000_000_000n;

/** A source column a column or carried formula reads as a number, a condition or a date: it must hold one. */
export interface FormulaInput {
  column: string;
  as: FormulaReading;
  /** Its flag (`_bad_input_<n>`, numbered in the order the formulas first read it). */
  flag: string;
  /**
   * The canonical column loaded directly from `column` and parsed the same way: its parse check
   * covers this one (one reject, not two), so this input has no flag of its own in the SQL.
   */
  coveredBy?: string;
}

/**
 * What a planned check tests, which also says at which level of the route's SQL its flag is
 * computed: a broken record (`fields`) or a totals line (`totals`) and a formula's input on
 * the staged text; a canonical column's check on the parsed values; a customer no customers
 * row knows after the join.
 */
export type CheckTest =
  | { kind: 'fields' }
  | { kind: 'totals' }
  | { kind: 'header' }
  | { kind: 'lookup'; state: 'missing' | 'rejected' }
  | { kind: 'input'; input: FormulaInput }
  | { kind: 'column'; check: ColumnCheckKind; column: string }
  | { kind: 'unknown_customer' };

/** One check of a route: what it tests and the reject it gives, with its bit in `_flags`. */
export interface PlannedCheck {
  test: CheckTest;
  reject: Check & { bit: number };
}

/** How a missing cost of goods is estimated on the order lines: a product's cost price, else its group's margin rate. */
export interface CogsEstimate {
  /** Product group -> margin rate (0..1), in the order worth.yaml lists them. */
  marginRates: [string, number][];
  /** The rate for a group not listed. */
  defaultMargin?: number;
  /** Table (product_id, unit_cost) of cost prices, when configured. */
  productCostsTable?: string;
}

/**
 * A route planned: every decision its SQL rests on, as data (no dialect, no SQL): each
 * canonical column's source and checks, the carried values, the formula inputs, every check in
 * the order of its bit, the words that mean "missing", the date window, the cost of goods
 * estimate and the customers table it is checked against. {@link renderRoute} writes it.
 */
export interface RoutePlan {
  route: Route;
  columns: ColumnPlan[];
  carry: CarryPlan[];
  /** Every (column, reading) the column and carried formulas read, in first-read order. */
  inputs: FormulaInput[];
  /** Every check, in the order of its bit in `_flags`. */
  checks: PlannedCheck[];
  /** The values that mean "missing", trimmed, lower case, each once. */
  missing: string[];
  /** Plausible dates: outside them a date is rejected. */
  window: { from: string; to: string };
  cogs?: CogsEstimate;
  /** The loaded customers table references are checked against. */
  customersTable?: string;
}

/** The most checks a route can have: bits of a signed 64-bit `_flags`. */
export const MAX_CHECKS = 62;

/**
 * Plans a route: its columns ({@link planColumns}: where each value comes from and which checks
 * it carries), the formula inputs (found by the formula compiler itself, see
 * {@link formulaReadings}) and every check in the order of its bit. Pure; every configuration
 * error of the route is raised here (split and exclusion rules too, though they carry no check:
 * a condition that cannot be read is not met).
 */
export function planRoute(route: Route, o: Omit<RouteOptions, 'dialect'>): RoutePlan {
  const spec = TABLES[route.table];
  const estimateCogs = route.table === 'order_lines' && o.cogs !== undefined;
  const columns = planColumns(spec, route, { unattributed: o.unattributed, period: o.period, estimateCogs });
  const carry = planCarry(route, o.carry ?? {});
  const findSource = sourceFinder(route.sourceColumns);
  const names = () => route.sourceColumns;
  for (const rule of [
    route.exclude && { text: route.exclude.when, subject: route.exclude.subject },
    route.split && {
      text: route.split.when,
      subject: `${route.configPath.replace(/\.columns$/, '')}.split.when`,
    },
  ])
    if (rule) formulaReadings(rule.text, rule.subject, 'boolean', findSource, names);

  // A source column loaded directly as a number or a date: a formula reading it so is covered by its parse check.
  const direct = new Map<string, string>();
  for (const cp of columns) {
    const k = cp.spec.kind;
    if (cp.source.kind !== 'text' || k === 'id' || k === 'text' || k === 'boolean') continue;
    direct.set(`${cp.source.column}\u0000${k === 'date' ? 'date' : 'number'}`, cp.spec.name);
  }
  const inputs: FormulaInput[] = [];
  const seen = new Set<string>();
  const read = [
    ...columns.flatMap((cp) => (cp.source.kind === 'formula' ? cp.source.inputs : [])),
    ...carry.flatMap((c) => (c.kind === 'formula' ? c.inputs : [])),
  ];
  for (const { column, as } of read) {
    const key = `${column}\u0000${as}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const coveredBy = direct.get(key);
    inputs.push({ column, as, flag: `_bad_input_${inputs.length}`, ...(coveredBy ? { coveredBy } : {}) });
  }

  const example = route.shownNumber ?? numberExample(route.format);
  const tests: { test: CheckTest; reject: Check }[] = [];
  const ofColumn = (cp: ColumnPlan, c: ColumnPlan['checks'][number]) =>
    tests.push({
      test: { kind: 'column', check: c.kind, column: cp.spec.name },
      reject: { flag: c.flag, column: c.column, value: c.value, reason: c.reason },
    });
  if (route.ragged) {
    // First, so its bit is the lowest; a broken record gets only this reject.
    const column = recordWord('en', 'rejectWholeLine');
    tests.push({
      test: { kind: 'fields' },
      reject: {
        flag: '_bad_fields',
        column,
        value: { typed: '_ragged_raw' },
        reason: { code: 'wrong_field_count', vars: { found: '…', expected: String(route.ragged.expected) } },
        perRow: { count: '_ragged_fields', group: 'rejectFieldCountGroup' },
      },
    });
    tests.push({
      test: { kind: 'totals' },
      reject: {
        flag: '_bad_totals',
        column,
        value: { typed: '_ragged_raw' },
        reason: { code: 'totals_line' },
      },
    });
    tests.push({
      test: { kind: 'header' },
      reject: {
        flag: '_bad_header',
        column,
        value: { typed: '_ragged_raw' },
        reason: { code: 'repeated_header' },
      },
    });
  }
  if (route.lookup) {
    // Before the column checks: a line without its order has no customer or date to check.
    const { file, column } = route.lookup;
    for (const [state, code, group] of [
      ['missing', 'lookup_missing', 'rejectLookupMissingGroup'],
      ['rejected', 'lookup_rejected', 'rejectLookupRejectedGroup'],
    ] as const)
      tests.push({
        test: { kind: 'lookup', state },
        reject: {
          flag: `_bad_lookup_${state}`,
          column,
          value: { raw: column },
          reason: { code, vars: { file, column, found: '…' } },
          perRow: { count: '_lookup_key', group },
        },
      });
  }
  const directRead = (cp: ColumnPlan) => cp.source.kind === 'typed' || cp.source.kind === 'text';
  for (const cp of columns) for (const c of cp.checks) if (c.kind === 'parse') ofColumn(cp, c);
  for (const input of inputs) {
    if (input.coveredBy !== undefined) continue;
    let reason: RejectText;
    switch (input.as) {
      case 'number':
        reason = { code: 'not_a_number', vars: { example } };
        break;
      case 'date':
        reason = { code: 'not_a_date', vars: { format: shownDateFormat(route, input.column) } };
        break;
      case 'boolean':
        reason = { code: 'not_a_boolean' };
        break;
      default:
        unreachable(input.as, 'formula reading');
    }
    tests.push({
      test: { kind: 'input', input },
      reject: { flag: input.flag, column: input.column, value: { raw: input.column }, reason },
    });
  }
  for (const cp of columns)
    for (const c of cp.checks)
      if (directRead(cp) && (c.kind === 'range' || c.kind === 'cents')) ofColumn(cp, c);
  for (const cp of columns)
    for (const c of cp.checks)
      if (cp.source.kind === 'formula' && (c.kind === 'division_by_zero' || c.kind === 'range'))
        ofColumn(cp, c);
  for (const cp of columns)
    for (const c of cp.checks)
      if (c.kind === 'missing' || c.kind === 'min' || c.kind === 'when') ofColumn(cp, c);
  const customersTable = spec.referencesCustomer ? o.customersTable : undefined;
  if (customersTable !== undefined)
    tests.push({
      test: { kind: 'unknown_customer' },
      reject: {
        flag: '_bad_unknown_customer',
        column: findSource(route.mapping.customer_id ?? 'customer_id') ?? 'customer_id',
        value: { typed: 'customer_id' },
        reason: { code: 'unknown_customer' },
      },
    });
  if (tests.length > MAX_CHECKS)
    throw new Error(`${route.table}: more checks (${tests.length}) than bits in _flags`);
  return {
    route,
    columns,
    carry,
    inputs,
    checks: tests.map((t, bit) => ({ test: t.test, reject: { ...t.reject, bit } })),
    missing: [...new Set(o.missingValues.map((v) => v.trim().toLowerCase()))],
    window: dateWindow(o.period),
    ...(estimateCogs && o.cogs
      ? {
          cogs: {
            marginRates: Object.entries(o.cogs.margin_rates),
            ...(o.cogs.default_margin !== undefined ? { defaultMargin: o.cogs.default_margin } : {}),
            ...(o.productCostsTable !== undefined ? { productCostsTable: o.productCostsTable } : {}),
          },
        }
      : {}),
    ...(customersTable !== undefined ? { customersTable } : {}),
  };
}
