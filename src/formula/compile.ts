import type { DatePart, Dialect, SqlValue } from '../warehouse/index.ts';
import type { ErrorText } from '../words/index.ts';
import { formulaError, parseFormula, positionOf, type FormulaNode } from './parse.ts';

/** The value types a formula works with. */
export type FormulaType = 'number' | 'text' | 'boolean';

/** A name a formula may use: how to read it as SQL in each type it can be read as. */
export interface FormulaColumn {
  /** The column's natural type. */
  type: FormulaType;
  /** SQL for the column read as `as` (numbers parsed from text, booleans from yes/no, ...). */
  sql(as: FormulaType): string;
  /** SQL for the column read as a DATE, where the column can hold dates (for year(), month(), ...). */
  date?(): string;
  /** Whether the column read as a number is a binary float (DOUBLE), not an exact number. */
  float?: boolean;
}

/** What a formula may refer to, and where bound values go. */
export interface FormulaScope {
  dialect: Dialect;
  /** Resolves a column name (case-insensitive matching is the scope's choice); undefined if unknown. */
  resolve(name: string): FormulaColumn | undefined;
  /** The names that exist, listed in the error for an unknown name. */
  names(): string[];
  /** Bound values collected while compiling; string literals go here, never into the SQL text. */
  params: SqlValue[];
  /** Placeholder for the n-th parameter (1-based); `$n` by default. */
  placeholder?(n: number): string;
  /** SQL for the physical line of the row in its source file, where formulas read files (`line_number()`). */
  lineNumber?(): string;
}

/** How numbers are computed: exactly (DECIMAL, as the scope reads them) or as DOUBLE (cannot overflow; for range checks). */
export type FormulaNumbers = 'exact' | 'double';

/** A compiled formula: SQL text built only from quoted known columns, operators and placeholders. */
export interface CompiledFormula {
  sql: string;
  type: FormulaType;
  /** The columns the formula reads. */
  columns: string[];
  /** Whether it calls `line_number()` (a value that differs on every line). */
  usesLine: boolean;
  /** SQL of every divisor (of `/` and `%`): a NULL result where one is 0 is a division by zero. */
  divisors: string[];
  /** Whether a number result is a binary float (DOUBLE): store it through `Dialect.decimalFromDouble`. */
  float: boolean;
}

interface Ctx {
  scope: FormulaScope;
  text: string;
  subject: string;
  columns: Set<string>;
  numbers: FormulaNumbers;
  usesLine: boolean;
  divisors: string[];
}

/**
 * Parses, checks and compiles a formula to SQL of the expected type. With `numbers: 'double'`
 * every number is a DOUBLE (the same formula, for telling an overflow from a missing value).
 */
export function compileFormula(
  text: string,
  scope: FormulaScope,
  subject: string,
  expected?: FormulaType,
  numbers: FormulaNumbers = 'exact',
): CompiledFormula {
  const node = parseFormula(text, subject);
  const ctx: Ctx = { scope, text, subject, columns: new Set(), numbers, usesLine: false, divisors: [] };
  const out = expected ? coerce(node, expected, ctx) : emit(node, ctx);
  return {
    sql: out.sql,
    type: out.type,
    columns: [...ctx.columns],
    usesLine: ctx.usesLine,
    divisors: ctx.divisors,
    float: out.type === 'number' && (numbers === 'double' || out.float === true),
  };
}

/** How a formula reads a column other than as text: as a number, a condition or a date. */
export type FormulaReading = 'number' | 'boolean' | 'date';

/**
 * The columns a formula reads other than as text, each with how, in the order the compiler
 * first reads them (a column read two ways appears twice). Found by compiling the formula
 * against a scope that records every reading and spells no SQL, so it is what
 * {@link compileFormula} will read; a formula that does not compile throws its WorthError here.
 * `resolve` gives the column a name means (undefined: an unknown name).
 */
export function formulaReadings(
  text: string,
  subject: string,
  expected: FormulaType,
  resolve: (name: string) => string | undefined,
  names: () => string[],
): { column: string; as: FormulaReading }[] {
  const out: { column: string; as: FormulaReading }[] = [];
  const seen = new Set<string>();
  const read = (column: string, as: FormulaReading) => {
    const key = `${column}\u0000${as}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ column, as });
  };
  const scope: FormulaScope = {
    dialect: SPELLS_NOTHING,
    params: [],
    names,
    lineNumber: () => '0',
    resolve(name) {
      const column = resolve(name);
      if (column === undefined) return undefined;
      return {
        type: 'text',
        sql(as) {
          if (as !== 'text') read(column, as);
          return '?';
        },
        date() {
          read(column, 'date');
          return '?';
        },
      };
    },
  };
  compileFormula(text, scope, subject, expected);
  return out;
}

/** A dialect whose every spelling is empty: the compiler's choices do not depend on the SQL it writes. */
const SPELLS_NOTHING = new Proxy({} as Dialect, {
  get: (_target, key) => (key === 'name' ? 'readings' : () => ''),
});

/** A number in the compile mode: as is (exact), or as a DOUBLE. */
function num(sql: string, ctx: Ctx): string {
  return ctx.numbers === 'double' ? `CAST(${sql} AS DOUBLE)` : sql;
}

interface Emitted {
  sql: string;
  type: FormulaType;
  /** For column references: read the column as another type instead of converting the value. */
  column?: FormulaColumn;
  /** A number that is a binary float (DOUBLE); otherwise exact (DECIMAL or integer). */
  float?: boolean;
}

/**
 * Numbers that meet in one operation, as the engine may mix them: where it refuses an exact
 * DECIMAL beside a DOUBLE (`Dialect.mixesDecimalAndDouble` false), the exact ones are cast to
 * DOUBLE, as DuckDB widens them itself; in 'double' mode every number is a DOUBLE already.
 */
function meet(parts: Emitted[], ctx: Ctx): { sql: string[]; float: boolean } {
  const float = parts.some((p) => p.float === true);
  const widen = float && ctx.numbers === 'exact' && !ctx.scope.dialect.mixesDecimalAndDouble;
  return {
    sql: parts.map((p) => (widen && p.float !== true ? `CAST(${p.sql} AS DOUBLE)` : p.sql)),
    float,
  };
}

const ARITH = new Set(['+', '-', '*', '/', '%']);
const COMPARE: Record<string, string> = {
  '==': '=',
  '=': '=',
  '!=': '<>',
  '<>': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const LOGIC: Record<string, string> = { and: 'AND', '&&': 'AND', or: 'OR', '||': 'OR' };

function fail(ctx: Ctx, message: string | ErrorText, name?: string): never {
  throw formulaError(ctx.subject, ctx.text, name ? positionOf(ctx.text, name) : undefined, message);
}

function emit(node: FormulaNode, ctx: Ctx): Emitted {
  switch (node.type) {
    case 'Literal':
      return literal(node, ctx);
    case 'Identifier': {
      if (node.name === 'true' || node.name === 'false')
        return { sql: node.name.toUpperCase(), type: 'boolean' };
      const col = ctx.scope.resolve(node.name);
      if (!col) {
        const known = ctx.scope.names();
        fail(
          ctx,
          { key: 'unknownName', vars: { name: JSON.stringify(node.name), known: known.join(', ') } },
          node.name,
        );
      }
      ctx.columns.add(node.name);
      return {
        sql: col.type === 'number' ? num(col.sql('number'), ctx) : col.sql(col.type),
        type: col.type,
        column: col,
        float: col.type === 'number' && col.float === true,
      };
    }
    case 'UnaryExpression': {
      if (node.operator === '-') {
        const arg = coerce(node.argument, 'number', ctx);
        return { sql: `(-${arg.sql})`, type: 'number', float: arg.float === true };
      }
      if (node.operator === '+') return coerce(node.argument, 'number', ctx);
      if (node.operator === '!' || node.operator === 'not')
        return { sql: `(NOT ${coerce(node.argument, 'boolean', ctx).sql})`, type: 'boolean' };
      return fail(ctx, `operator ${node.operator} is not supported`);
    }
    case 'BinaryExpression':
      return binary(node, ctx);
    case 'CallExpression':
      return call(node, ctx);
  }
}

function literal(node: Extract<FormulaNode, { type: 'Literal' }>, ctx: Ctx): Emitted {
  if (typeof node.value === 'number') {
    // Keep the digits as written (0.8 stays exact DECIMAL); only plain decimals are accepted.
    const raw = /^\d+(\.\d+)?$/.test(node.raw) ? node.raw : String(node.value);
    if (!Number.isFinite(node.value)) fail(ctx, `${node.raw} is not a finite number`);
    return { sql: num(raw, ctx), type: 'number' };
  }
  if (typeof node.value === 'string') {
    ctx.scope.params.push(node.value);
    const n = ctx.scope.params.length;
    return { sql: ctx.scope.placeholder ? ctx.scope.placeholder(n) : `$${n}`, type: 'text' };
  }
  if (typeof node.value === 'boolean') return { sql: node.value ? 'TRUE' : 'FALSE', type: 'boolean' };
  if (node.value === null) return fail(ctx, 'null is not supported (use coalesce(x, 0) for missing values)');
  return fail(ctx, `literal ${node.raw} is not supported`);
}

function coerce(node: FormulaNode, to: FormulaType, ctx: Ctx): Emitted {
  const e = emit(node, ctx);
  if (e.type === to) return e;
  if (e.column)
    return to === 'number'
      ? { sql: num(e.column.sql(to), ctx), type: to, float: e.column.float === true }
      : { sql: e.column.sql(to), type: to };
  if (to === 'text') return { sql: `CAST(${e.sql} AS VARCHAR)`, type: 'text' };
  if (to === 'number' && e.type === 'boolean') return { sql: `CAST(${e.sql} AS INTEGER)`, type: 'number' };
  return fail(
    ctx,
    `expected a ${to === 'boolean' ? 'condition' : to} but found a ${e.type === 'boolean' ? 'condition' : e.type} (${describe(node)})`,
  );
}

function describe(node: FormulaNode): string {
  switch (node.type) {
    case 'Literal':
      return node.raw;
    case 'Identifier':
      return node.name;
    case 'CallExpression':
      return `${(node.callee as { name: string }).name}(...)`;
    default:
      return `an expression with ${node.operator}`;
  }
}

function binary(node: Extract<FormulaNode, { type: 'BinaryExpression' }>, ctx: Ctx): Emitted {
  const op = node.operator;
  if (ARITH.has(op)) {
    const left = coerce(node.left, 'number', ctx);
    const right = coerce(node.right, 'number', ctx);
    // DuckDB divides in DOUBLE (DECIMAL / DECIMAL too); ClickHouse keeps the dividend's
    // decimals (0.5 / 3 is 0.1): where the engine does not mix, both sides are DOUBLE.
    const divide = op === '/' && !ctx.scope.dialect.mixesDecimalAndDouble && ctx.numbers === 'exact';
    const double = (e: Emitted) => (e.float === true ? e.sql : `CAST(${e.sql} AS DOUBLE)`);
    const met = meet([left, right], ctx);
    const [l, r] = divide ? [double(left), double(right)] : met.sql;
    const float = op === '/' || met.float;
    if (op === '/' || op === '%') {
      ctx.divisors.push(r!);
      return { sql: `(${l} ${op} NULLIF(${r}, 0))`, type: 'number', float };
    }
    return { sql: `(${l} ${op} ${r})`, type: 'number', float };
  }
  if (op in COMPARE) {
    const left = emit(node.left, ctx);
    const right = emit(node.right, ctx);
    // Compare as text when either side is text by nature and not a column that reads as a number.
    const asText = (left.type === 'text' && !left.column) || (right.type === 'text' && !right.column);
    const asBool = left.type === 'boolean' && right.type === 'boolean';
    const type: FormulaType = asText ? 'text' : asBool ? 'boolean' : 'number';
    const sides = [
      left.type === type ? left : coerce(node.left, type, ctx),
      right.type === type ? right : coerce(node.right, type, ctx),
    ];
    const [l, r] = type === 'number' ? meet(sides, ctx).sql : sides.map((e) => e.sql);
    return { sql: `(${l} ${COMPARE[op]} ${r})`, type: 'boolean' };
  }
  if (op in LOGIC) {
    return {
      sql: `(${coerce(node.left, 'boolean', ctx).sql} ${LOGIC[op]} ${coerce(node.right, 'boolean', ctx).sql})`,
      type: 'boolean',
    };
  }
  return fail(ctx, `operator ${op} is not supported (expected + - * / % = <> < <= > >= and or not)`);
}

type Fn = (args: FormulaNode[], ctx: Ctx) => Emitted;

const numeric =
  (name: string, min: number, max: number, sqlName = name): Fn =>
  (args, ctx) => {
    arity(name, args, min, max, ctx);
    const met = meet(
      args.map((a) => coerce(a, 'number', ctx)),
      ctx,
    );
    return { sql: `${sqlName}(${met.sql.join(', ')})`, type: 'number', float: met.float };
  };

const textFn =
  (name: string, sqlName: string): Fn =>
  (args, ctx) => {
    arity(name, args, 1, 1, ctx);
    return { sql: `${sqlName}(${coerce(args[0]!, 'text', ctx).sql})`, type: 'text' };
  };

const textTest =
  (name: string, build: (d: Dialect, s: string, p: string) => string): Fn =>
  (args, ctx) => {
    arity(name, args, 2, 2, ctx);
    return {
      sql: build(ctx.scope.dialect, coerce(args[0]!, 'text', ctx).sql, coerce(args[1]!, 'text', ctx).sql),
      type: 'boolean',
    };
  };

const textSplit =
  (name: string, build: (d: Dialect, s: string, sep: string) => string): Fn =>
  (args, ctx) => {
    arity(name, args, 2, 2, ctx);
    return {
      sql: build(ctx.scope.dialect, coerce(args[0]!, 'text', ctx).sql, coerce(args[1]!, 'text', ctx).sql),
      type: 'text',
    };
  };

/** A part of a date column as a number (year(InvoiceDate) = 2024). */
function datePart(part: DatePart): Fn {
  return (args, ctx) => {
    arity(part, args, 1, 1, ctx);
    const a = args[0]!;
    const e = emit(a, ctx);
    const date = e.column?.date?.();
    if (date === undefined) fail(ctx, `${part}() takes a column holding dates, found ${describe(a)}`, part);
    return { sql: num(ctx.scope.dialect.datePart(part, date), ctx), type: 'number' };
  };
}

/** The functions a formula may call. */
const FUNCTIONS: Record<string, Fn> = {
  if: (args, ctx) => {
    arity('if', args, 3, 3, ctx);
    const cond = coerce(args[0]!, 'boolean', ctx).sql;
    // The branches' types decide the result's; found without binding, so each text is bound once.
    const [a, b] = probe(ctx, () => [emit(args[1]!, ctx).type, emit(args[2]!, ctx).type]);
    const type: FormulaType =
      a === 'text' && b === 'text' ? 'text' : a === 'boolean' && b === 'boolean' ? 'boolean' : 'number';
    const branches = [coerce(args[1]!, type, ctx), coerce(args[2]!, type, ctx)];
    const met = type === 'number' ? meet(branches, ctx) : { sql: branches.map((b) => b.sql), float: false };
    const [then, otherwise] = met.sql;
    return { sql: `(CASE WHEN ${cond} THEN ${then} ELSE ${otherwise} END)`, type, float: met.float };
  },
  min: numeric('min', 2, 16, 'least'),
  max: numeric('max', 2, 16, 'greatest'),
  abs: numeric('abs', 1, 1),
  round: (args, ctx) => {
    arity('round', args, 1, 2, ctx);
    const digits = args[1];
    if (
      digits &&
      !(digits.type === 'Literal' && typeof digits.value === 'number' && Number.isInteger(digits.value))
    ) {
      fail(ctx, 'round(x, n) needs a whole number n of decimals');
    }
    const x = coerce(args[0]!, 'number', ctx);
    return {
      sql: `round(${x.sql}, ${digits ? (digits as { raw: string }).raw : 0})`,
      type: 'number',
      float: x.float === true,
    };
  },
  floor: numeric('floor', 1, 1),
  ceil: numeric('ceil', 1, 1),
  coalesce: (args, ctx) => {
    arity('coalesce', args, 2, 16, ctx);
    // Columns read as whatever the other arguments are: coalesce(Amount, 0) is a number.
    const emitted = probe(ctx, () => args.map((a) => emit(a, ctx)));
    const type = (emitted.find((e) => !e.column) ?? emitted[0]!).type;
    const parts = args.map((a) => coerce(a, type, ctx));
    const met = type === 'number' ? meet(parts, ctx) : { sql: parts.map((p) => p.sql), float: false };
    return { sql: `coalesce(${met.sql.join(', ')})`, type, float: met.float };
  },
  lower: textFn('lower', 'lower'),
  upper: textFn('upper', 'upper'),
  trim: textFn('trim', 'trim'),
  // One customer or article number written several ways (`0012` and `12`, `k0012 ` and
  // `K0012`): trimmed, in capitals, leading zeros off (one digit kept: `000` is `0`).
  same_id: (args, ctx) => {
    arity('same_id', args, 1, 1, ctx);
    const d = ctx.scope.dialect;
    const s = `upper(trim(${coerce(args[0]!, 'text', ctx).sql}))`;
    return { sql: d.regexReplace(s, "'^0+(.)'", "'\\1'"), type: 'text' };
  },
  starts_with: textTest('starts_with', (d, s, p) => d.startsWith(s, p)),
  ends_with: textTest('ends_with', (d, s, p) => d.endsWith(s, p)),
  contains: textTest('contains', (d, s, p) => d.contains(s, p)),
  // A code and a name in one column ("10003 - Café Het Hoekje"): before(Debiteur, ' - ') is the
  // code, after(Debiteur, ' - ') the name. As Python's str.partition: without the separator the
  // whole text is before it and nothing (missing) after it.
  before: textSplit('before', (d, s, sep) => d.textBefore(s, sep)),
  after: textSplit('after', (d, s, sep) => d.textAfter(s, sep)),
  is_empty: (args, ctx) => {
    arity('is_empty', args, 1, 1, ctx);
    const s = coerce(args[0]!, 'text', ctx).sql;
    return { sql: `(${s} IS NULL OR trim(${s}) = '')`, type: 'boolean' };
  },
  in_list: (args, ctx) => {
    arity('in_list', args, 2, 64, ctx);
    const type: FormulaType = args.slice(1).every((a) => a.type === 'Literal' && typeof a.value === 'string')
      ? 'text'
      : probe(ctx, () => emit(args[0]!, ctx).type);
    const [x, ...rest] = args.map((a) => coerce(a, type, ctx).sql);
    return { sql: `(${x} IN (${rest.join(', ')}))`, type: 'boolean' };
  },
  concat: (args, ctx) => {
    arity('concat', args, 2, 16, ctx);
    // Missing parts are left out (as a spreadsheet's CONCAT): concat(InvoiceNo, '-', StockCode).
    return { sql: `concat(${args.map((a) => coerce(a, 'text', ctx).sql).join(', ')})`, type: 'text' };
  },
  nullif: (args, ctx) => {
    arity('nullif', args, 2, 2, ctx);
    // Compared as `a = b` is (text with text, numbers with numbers); the result is `a` as it
    // was, so a column stays a column that reads as whatever type the caller needs.
    const same = binary(
      { type: 'BinaryExpression', operator: '=', left: args[0]!, right: args[1]! },
      ctx,
    ).sql;
    const wrap = (sql: string) => `(CASE WHEN coalesce(${same}, FALSE) THEN NULL ELSE ${sql} END)`;
    const first = emit(args[0]!, ctx);
    const c = first.column;
    const float = first.float === true;
    if (!c) return { sql: wrap(first.sql), type: first.type, float };
    const date = c.date;
    const column: FormulaColumn = {
      type: c.type,
      sql: (as) => wrap(c.sql(as)),
      ...(date ? { date: () => wrap(date()) } : {}),
      ...(c.float ? { float: true } : {}),
    };
    return { sql: wrap(first.sql), type: first.type, column, float };
  },
  line_number: (args, ctx) => {
    arity('line_number', args, 0, 0, ctx);
    if (!ctx.scope.lineNumber)
      fail(
        ctx,
        'line_number() is only known where a formula reads a source file (column mappings and split rules)',
        'line_number',
      );
    ctx.usesLine = true;
    return { sql: num(ctx.scope.lineNumber(), ctx), type: 'number' };
  },
  excel_date: (args, ctx) => {
    arity('excel_date', args, 1, 1, ctx);
    // An Excel day number (45658) as the date text yyyy-mm-dd, read by the source's date_format.
    return { sql: ctx.scope.dialect.excelDayText(coerce(args[0]!, 'number', ctx).sql), type: 'text' };
  },
  year: datePart('year'),
  month: datePart('month'),
  day: datePart('day'),
  quarter: datePart('quarter'),
  col: (args, ctx) => {
    arity('col', args, 1, 1, ctx);
    const a = args[0]!;
    if (a.type !== 'Literal' || typeof a.value !== 'string')
      fail(ctx, 'col("Column name") takes the column name as quoted text');
    return emit({ type: 'Identifier', name: a.value as string }, ctx);
  },
};

/**
 * Runs `f` to learn the types of arguments that are compiled again afterwards: the text
 * literals it bound are taken back, so every bound value is one the final SQL uses (an
 * unused placeholder fails the statement: coalesce(Company, concat(First, ' ', Last))).
 */
function probe<T>(ctx: Ctx, f: () => T): T {
  const params = ctx.scope.params.length;
  const divisors = ctx.divisors.length;
  const out = f();
  ctx.scope.params.length = params;
  ctx.divisors.length = divisors;
  return out;
}

function arity(name: string, args: FormulaNode[], min: number, max: number, ctx: Ctx): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    fail(ctx, `${name}() takes ${want} argument${max === 1 ? '' : 's'}, got ${args.length}`, name);
  }
}

function call(node: Extract<FormulaNode, { type: 'CallExpression' }>, ctx: Ctx): Emitted {
  const name = (node.callee as { name: string }).name;
  const fn = FUNCTIONS[name.toLowerCase()];
  if (!fn)
    fail(ctx, { key: 'unknownFunction', vars: { name, known: Object.keys(FUNCTIONS).join(', ') } }, name);
  return fn(node.arguments, ctx);
}

/** The function names formulas may call, for docs and messages. */
export const FORMULA_FUNCTIONS = Object.keys(FUNCTIONS);
