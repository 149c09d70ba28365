import path from 'node:path';
import {
  DATE_WINDOW_YEARS_AFTER,
  DATE_WINDOW_YEARS_BEFORE,
  MAX_AMOUNT,
  WorthError,
  type ColumnKind,
  type ColumnSpec,
  type TableSpec,
  unreachable,
} from '../core/index.ts';
import {
  formulaReadings,
  parseFormula,
  type FormulaNode,
  type FormulaReading,
  type FormulaType,
} from '../formula/index.ts';
import type { RejectText } from '../words/index.ts';
import type { TypedKind } from './fastPath.ts';
import { numberExample, QUANTITY } from './parseSql.ts';
import type { Route, ValueRef } from './route.ts';
import { shownDateFormat } from './sheetDates.ts';

/**
 * Where a canonical column's value comes from, decided once per route before any SQL is
 * written (the renderer, route.ts, switches on `kind`):
 * - `typed`: a source column the engine's typed reader read as this kind (fastPath.ts): a value, no parse left;
 * - `text`: a source column read as text and parsed; `clean` when it was found to need no
 *   trimming or "missing" handling (cleanText.ts);
 * - `formula`: a formula over source columns, with its parsed AST, the type it is compiled to,
 *   the source columns it reads, whether it divides (a division by zero is a reject) and
 *   whether it reads the line number;
 * - `line`: the physical line in the file (a key column the file lacks);
 * - `default`: the contract's default, the file having no such column;
 * - `absent`: NULL (an optional column the file lacks).
 */
export type ColumnSource =
  | { kind: 'typed'; column: string; as: TypedKind }
  | { kind: 'text'; column: string; clean: boolean }
  | {
      kind: 'formula';
      text: string;
      ast: FormulaNode;
      result: FormulaType;
      reads: string[];
      divides: boolean;
      usesLine: boolean;
      /** Config path of the formula, for messages (`sources.orders.columns.gross_amount`). */
      subject: string;
      /**
       * The source columns it reads as a number, a condition or a date, in the order the compiler
       * reads them: each must hold one (an input check, planned in route.ts).
       */
      inputs: { column: string; as: FormulaReading }[];
    }
  | { kind: 'line'; file: string }
  | { kind: 'default'; value: string | number | boolean }
  | { kind: 'absent' };

/**
 * What a check on a column tests: text that is not a value of the column's kind (`parse`), a
 * number beyond what the column holds (`range`), money with digits beyond cents (`cents`), a
 * formula dividing by zero (`division_by_zero`), a required value missing (`missing`), a value
 * below the column's bound (`min`), a date far outside the analysis period (`when`).
 */
export type ColumnCheckKind = 'parse' | 'range' | 'cents' | 'division_by_zero' | 'missing' | 'min' | 'when';

/** One check on a column: its flag (a column of the route's SQL) and the reject it gives. */
export interface ColumnCheck {
  kind: ColumnCheckKind;
  /** Flag column name (`_bad_<kind>_<column>`), unique within the route. */
  flag: string;
  /** Column named in the reject (the user's source column where there is one). */
  column: string;
  value: ValueRef;
  reason: RejectText;
}

/** How one canonical column of a route is read and checked. */
export interface ColumnPlan {
  spec: ColumnSpec;
  source: ColumnSource;
  /** The contract's default, applied where the value is missing (`source` holds a value). */
  default?: string | number | boolean;
  /** Its checks, in the order their bits are given within a kind (parse, range, cents, ...). */
  checks: ColumnCheck[];
}

/** What planning a route's columns needs from the run besides the route. */
export interface ColumnPlanOptions {
  unattributed: 'load' | 'reject';
  /** The analysis period (yyyy-mm-dd): dates far outside it are rejected. */
  period: { start: string; end: string };
  /** Whether a missing cost of goods is estimated (order lines with a `cogs` setting). */
  estimateCogs: boolean;
}

/** A value carried into the typed table as `_carry_<name>` (a customer attribute on the order lines). */
export type CarryPlan =
  | { name: string; kind: 'column'; column: string }
  | {
      name: string;
      kind: 'formula';
      text: string;
      subject: string;
      /** The source columns it reads other than as text (see {@link ColumnSource}'s `inputs`). */
      inputs: { column: string; as: FormulaReading }[];
    };

/**
 * Plans every canonical column of a route: its source and its checks. Pure (no engine, no SQL);
 * every configuration error of a route's columns is raised here, as a WorthError naming the
 * config path: a mapping key that is not a column, a key that is the same on every line, a
 * required column the file lacks, a formula that does not parse.
 */
export function planColumns(spec: TableSpec, route: Route, o: ColumnPlanOptions): ColumnPlan[] {
  const findSource = sourceFinder(route.sourceColumns);
  const canonicalNames = new Set(spec.columns.map((c) => c.name));
  for (const key of Object.keys(route.mapping)) {
    if (!canonicalNames.has(key)) {
      throw new WorthError(
        'config',
        { path: `${route.configPath}.${key}` },
        key,
        `a column of ${route.table}: ${[...canonicalNames].join(', ')}`,
        `${JSON.stringify(key)} is not a column of ${route.table} (expected one of: ${[...canonicalNames].join(', ')})`,
      );
    }
  }
  const window = dateWindow(o.period);
  const example = route.shownNumber ?? numberExample(route.format);
  return spec.columns.map((col): ColumnPlan => {
    const source = sourceOf(spec, col, route, o, findSource);
    const named = findSource(route.mapping[col.name] ?? col.name);
    const checks: ColumnCheck[] = [];
    const add = (kind: ColumnCheckKind, column: string, value: ValueRef, reason: RejectText) =>
      checks.push({
        kind,
        flag: `_bad_${kind === 'division_by_zero' ? 'divzero' : kind}_${col.name}`,
        column,
        value,
        reason,
      });
    const amount = col.kind === 'money' || col.kind === 'quantity';
    switch (source.kind) {
      case 'typed':
      case 'text':
        if (col.kind === 'id' || col.kind === 'text') break;
        add(
          'parse',
          source.column,
          { raw: source.column },
          expectation(col.kind, route, example, source.column),
        );
        if (!amount) break;
        add(
          'range',
          source.column,
          { raw: source.column },
          col.kind === 'money'
            ? { code: 'amount_out_of_range', vars: { max: MAX_AMOUNT } }
            : { code: 'number_out_of_range', vars: { digits: String(QUANTITY.precision - QUANTITY.scale) } },
        );
        if (col.kind === 'money')
          add('cents', source.column, { raw: source.column }, { code: 'more_decimals_than_cents' });
        break;
      case 'formula': {
        if (source.result !== 'number' || col.kind === 'date') break;
        const formula = `${source.subject} = ${source.text}`;
        if (source.divides)
          add('division_by_zero', col.name, { none: true }, { code: 'division_by_zero', vars: { formula } });
        add(
          'range',
          col.name,
          { typed: `_value_${col.name}` },
          col.kind === 'money'
            ? { code: 'formula_amount_out_of_range', vars: { formula, max: MAX_AMOUNT } }
            : { code: 'formula_out_of_range', vars: { formula, label: col.label, column: col.name } },
        );
        break;
      }
      case 'line':
      case 'default':
      case 'absent':
        break;
      default:
        unreachable(source, 'column source');
    }
    const estimated = col.name === 'cogs_amount' && o.estimateCogs;
    if (
      col.required &&
      !(col.name === 'customer_id' && route.table !== 'customers' && o.unattributed === 'load')
    ) {
      add(
        'missing',
        named ?? col.name,
        named ? { raw: named } : { none: true },
        estimated
          ? { code: 'missing_cogs' }
          : { code: 'missing_required', vars: { label: col.label, column: col.name } },
      );
    }
    if (col.min) {
      const word = col.kind === 'quantity' ? 'quantity' : col.kind === 'money' ? 'amount' : 'value';
      add('min', named ?? col.name, named ? { raw: named } : { typed: col.name }, {
        code: col.min.inclusive ? `negative_${word}` : `not_positive_${word}`,
        vars: { min: String(col.min.value) },
      });
    }
    if (col.kind === 'date') {
      // 0001-01-01 or 9999-12-31 parse as dates but would distort every figure over time.
      add('when', named ?? col.name, named ? { raw: named } : { typed: col.name }, {
        code: 'date_outside_window',
        vars: {
          from: window.from,
          to: window.to,
          before: String(DATE_WINDOW_YEARS_BEFORE),
          after: String(DATE_WINDOW_YEARS_AFTER),
        },
      });
    }
    const keepsDefault = col.default !== undefined && source.kind !== 'default' && source.kind !== 'absent';
    return { spec: col, source, ...(keepsDefault ? { default: col.default } : {}), checks };
  });
}

/** Plans the values carried into the typed table (source column names or text formulas), raising a config error for a name that is neither. */
export function planCarry(route: Route, carry: Record<string, string>): CarryPlan[] {
  const findSource = sourceFinder(route.sourceColumns);
  return Object.entries(carry).map(([name, src]): CarryPlan => {
    const found = findSource(src);
    if (found) return { name, kind: 'column', column: found };
    const subject = `sources.customers.columns.${name}`;
    // Not a column: a text formula over columns (the name after the code in "10003 - Café Het
    // Hoekje", a first and a last name joined), NULL where it gives nothing.
    if (/[(]/.test(src))
      return {
        name,
        kind: 'formula',
        text: src,
        subject,
        inputs: formulaReadings(src, subject, 'text', findSource, () => route.sourceColumns),
      };
    throw new WorthError(
      'config',
      { path: subject },
      src,
      `a column of ${route.file}`,
      `${subject}: ${JSON.stringify(src)} is not a column of ${route.file} (found columns: ${route.sourceColumns.join(', ')})`,
    );
  });
}

/** The source column a name means (trimmed, case-insensitive), if any. */
export function sourceFinder(columns: string[]): (name: string) => string | undefined {
  const byLower = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  return (name) => byLower.get(name.trim().toLowerCase());
}

/** The plausible dates for a period: from whole years before its start to whole years after its end. */
export function dateWindow(period: { start: string; end: string }): { from: string; to: string } {
  const shift = (iso: string, years: number) => {
    const t = new Date(`${iso}T00:00:00Z`);
    t.setUTCFullYear(t.getUTCFullYear() + years);
    return t.toISOString().slice(0, 10);
  };
  return {
    from: shift(period.start, -DATE_WINDOW_YEARS_BEFORE),
    to: shift(period.end, DATE_WINDOW_YEARS_AFTER),
  };
}

/** The type a formula for a column of this kind is compiled to. */
export function formulaKind(kind: ColumnKind): FormulaType {
  switch (kind) {
    case 'boolean':
      return 'boolean';
    case 'id':
    case 'text':
    case 'date':
      return 'text';
    case 'integer':
    case 'quantity':
    case 'money':
    case 'number':
      return 'number';
  }
}

function sourceOf(
  spec: TableSpec,
  col: ColumnSpec,
  route: Route,
  o: ColumnPlanOptions,
  findSource: (name: string) => string | undefined,
): ColumnSource {
  const mapped = route.mapping[col.name];
  // `col("Billing Date")` alone is the column itself (init writes names with spaces so): read and checked as one.
  const colOnly = mapped === undefined ? undefined : /^\s*col\(\s*"((?:[^"\\]|\\.)*)"\s*\)\s*$/.exec(mapped);
  const direct =
    mapped !== undefined
      ? (findSource(mapped) ?? (colOnly ? findSource(JSON.parse(`"${colOnly[1]}"`) as string) : undefined))
      : findSource(col.name);
  if (direct) {
    const typed = route.typed?.[direct];
    if (typed !== undefined && typed === col.kind) return { kind: 'typed', column: direct, as: typed };
    return { kind: 'text', column: direct, clean: route.cleanText?.has(direct) === true };
  }
  if (mapped !== undefined) {
    const subject = `${route.configPath}.${col.name}`;
    const ast = parseFormula(mapped, subject);
    const read = readsOf(ast);
    if (spec.key.includes(col.name) && read.names.length === 0 && !read.usesLine) {
      throw new WorthError(
        'config',
        { path: subject },
        mapped,
        'a value that differs per line',
        `${subject}: ${JSON.stringify(mapped)} is the same on every line, so every line after the first would be a duplicate key (expected a column or a formula over columns; leave ${col.name} out to use the line in the file)`,
      );
    }
    return {
      kind: 'formula',
      text: mapped,
      ast,
      result: formulaKind(col.kind),
      reads: [...new Set(read.names.map(findSource).filter((c) => c !== undefined))],
      divides: read.divides,
      usesLine: read.usesLine,
      subject,
      inputs: formulaReadings(mapped, subject, formulaKind(col.kind), findSource, () => route.sourceColumns),
    };
  }
  // No such column: the line in the file is the key, never a constant.
  if (col.fromLine) return { kind: 'line', file: path.basename(route.file) };
  if (col.required && !(col.name === 'cogs_amount' && o.estimateCogs)) {
    throw new WorthError(
      'file_format',
      { file: route.file, column: col.name },
      undefined,
      `a column for ${route.table}.${col.name}`,
      `has no column ${JSON.stringify(col.name)} for the required field ${route.table}.${col.name} (${col.label}); found columns: ${route.sourceColumns.join(', ')}. Map it in worth.yaml under ${route.configPath}.${col.name}`,
    );
  }
  return col.default !== undefined ? { kind: 'default', value: col.default } : { kind: 'absent' };
}

/** The names a formula reads (as written), whether it divides and whether it reads the line number. */
export function readsOf(node: FormulaNode): { names: string[]; divides: boolean; usesLine: boolean } {
  const out = { names: [] as string[], divides: false, usesLine: false };
  const walk = (n: FormulaNode): void => {
    switch (n.type) {
      case 'Literal':
        return;
      case 'Identifier':
        if (n.name !== 'true' && n.name !== 'false') out.names.push(n.name);
        return;
      case 'UnaryExpression':
        return walk(n.argument);
      case 'BinaryExpression':
        if (n.operator === '/' || n.operator === '%') out.divides = true;
        walk(n.left);
        return walk(n.right);
      case 'CallExpression': {
        const callee = n.callee.type === 'Identifier' ? n.callee.name : undefined;
        const first = n.arguments[0];
        if (callee === 'line_number') out.usesLine = true;
        if (callee === 'col' && first?.type === 'Literal' && typeof first.value === 'string') {
          out.names.push(first.value);
          return;
        }
        n.arguments.forEach(walk);
        return;
      }
      default:
        unreachable(n, 'formula node');
    }
  };
  walk(node);
  return out;
}

function expectation(kind: ColumnKind, route: Route, example: string, column: string): RejectText {
  switch (kind) {
    case 'date':
      return { code: 'not_a_date', vars: { format: shownDateFormat(route, column) } };
    case 'boolean':
      return { code: 'not_a_boolean' };
    case 'integer':
      return { code: 'not_a_whole_number' };
    case 'quantity':
    case 'money':
    case 'number':
    case 'id':
    case 'text':
      return { code: 'not_a_number', vars: { example } };
  }
}
