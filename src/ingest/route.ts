import { TABLES, WorthError, type ColumnSpec, type TableName } from '../core/index.ts';
import { compileFormula, type FormulaColumn, type FormulaScope, type FormulaType } from '../formula/index.ts';
import type { Dialect, SqlValue } from '../warehouse/index.ts';
import type { CogsConfig, SourceFormat } from '../workspace/index.ts';
import { booleanSql, dateSql, doubleSql, FORMULA_NUMBER, integerSql, MONEY, numberExample, numberSql, QUANTITY, storageType, textSql, trimmedSql } from './parseSql.ts';

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
  reason: string;
}

/** A source mapped onto one canonical table, possibly only the rows matching a split rule. */
export interface Route {
  /** Number unique within a run; row ids are `id * 10^12 + record number`. */
  id: number;
  table: TableName;
  /** File name as shown to the user. */
  file: string;
  /** Staged view with the source's columns as text and `_rn`. */
  stage: string;
  /** Source column names as found in the file. */
  sourceColumns: string[];
  format: SourceFormat;
  dateFormats: string[];
  /** Canonical column -> source column name or formula. */
  mapping: Record<string, string>;
  /** Split condition (formula) and whether this route takes the rows where it holds. */
  split?: { when: string; matches: boolean };
  /** SQL for the physical line of a staged row. */
  lineSql: string;
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
}

interface Options {
  dialect: Dialect;
  unattributed: 'load' | 'reject';
  cogs?: CogsConfig;
  /** Name of the loaded customers table to check references against (absent for customers itself). */
  customersTable?: string;
  /** Table (product_id, unit_cost) for estimating missing cost of goods, if configured. */
  productCostsTable?: string;
}

/** Builds the typed SELECT for a route: every canonical column parsed, every check flagged. */
export function planRoute(route: Route, o: Options): RoutePlan {
  const d = o.dialect;
  const q = d.quoteIdent;
  const spec = TABLES[route.table];
  const params: SqlValue[] = [];
  const byLower = new Map(route.sourceColumns.map((c) => [c.trim().toLowerCase(), c]));
  const findSource = (name: string) => byLower.get(name.trim().toLowerCase());
  const inner: string[] = [`s._rn AS _rn`, `CAST(${route.id} AS BIGINT) * 1000000000000 + s._rn AS _rid`, `${route.lineSql} AS _line`];
  const checks: Check[] = [];
  const dateHint = route.format.date_format;
  const example = numberExample(route.format);
  let helper = 0;

  const rawRef = (src: string) => `s.${q(src)}`;
  const hasText = (src: string) => `(${rawRef(src)} IS NOT NULL AND ${trimmedSql(rawRef(src))} <> '')`;
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
        return numberSql(raw, route.format, d, MONEY.precision, MONEY.scale);
      case 'number':
        return doubleSql(raw, route.format, d);
      case 'date':
        return dateSql(raw, route.dateFormats, d);
      case 'boolean':
        return booleanSql(raw);
    }
  };
  const expectation = (kind: ColumnSpec['kind']) =>
    kind === 'date'
      ? `not a date (expected ${dateHint})`
      : kind === 'boolean'
        ? 'not true or false (expected true/false, yes/no, ja/nee or 1/0)'
        : kind === 'integer'
          ? 'not a whole number (expected e.g. 12)'
          : `not a number (expected e.g. ${example})`;

  /** A formula scope over the source columns, recording which columns are read as numbers or booleans. */
  const formulaInputs = new Map<string, { src: string; as: FormulaType; flag: string }>();
  /** Input flags of the formula being compiled (a canonical column is missing only if its inputs were fine). */
  let currentDeps: string[] = [];
  const scope: FormulaScope = {
    dialect: d,
    params,
    resolve(name) {
      const src = findSource(name);
      if (!src) return undefined;
      const col: FormulaColumn = {
        type: 'text',
        sql(as) {
          if (as !== 'text') {
            const key = `${src}\u0000${as}`;
            if (!formulaInputs.has(key)) formulaInputs.set(key, { src, as, flag: `_bad_input_${helper++}` });
            currentDeps.push(formulaInputs.get(key)!.flag);
          }
          if (as === 'number') return numberSql(rawRef(src), route.format, d, FORMULA_NUMBER.precision, FORMULA_NUMBER.scale);
          if (as === 'boolean') return booleanSql(rawRef(src));
          return textSql(rawRef(src));
        },
      };
      return col;
    },
    names: () => route.sourceColumns,
  };
  const formulaKind = (kind: ColumnSpec['kind']): FormulaType => (kind === 'boolean' ? 'boolean' : kind === 'id' || kind === 'text' || kind === 'date' ? 'text' : 'number');

  const canonicalNames = new Set(spec.columns.map((c) => c.name));
  for (const key of Object.keys(route.mapping)) {
    if (!canonicalNames.has(key)) {
      throw new WorthError('config', { path: `${route.configPath}.${key}` }, key, `a column of ${route.table}: ${[...canonicalNames].join(', ')}`, `${JSON.stringify(key)} is not a column of ${route.table} (expected one of: ${[...canonicalNames].join(', ')})`);
    }
  }

  const columns: { name: string; type: string }[] = [];
  /** Canonical column -> SQL conditions (middle level) that its inputs were unreadable. */
  const deps = new Map<string, string[]>();
  /** Parse checks on directly mapped columns, computed at the middle level from `_has_<col>`. */
  const parseFlags: string[] = [];
  /** Defaults, applied at the middle level so a parse failure is still visible as NULL. */
  const defaults = new Map<string, string>();
  const estimateCogs = route.table === 'order_lines' && o.cogs !== undefined;
  for (const col of spec.columns) {
    const mapped = route.mapping[col.name];
    const direct = mapped !== undefined ? findSource(mapped) : findSource(col.name);
    let expr: string;
    columns.push({ name: col.name, type: storageType(col.kind, d) });
    if (direct) {
      expr = parseAs(col.kind, rawRef(direct));
      if (col.kind !== 'id' && col.kind !== 'text') {
        const flag = `_bad_parse_${col.name}`;
        const has = `_has_${col.name}`;
        inner.push(`${hasText(direct)} AS ${q(has)}`);
        const cond = `(i.${q(has)} AND i.${q(col.name)} IS NULL)`;
        deps.set(col.name, [cond]);
        parseFlags.push(`${cond} AS ${q(flag)}`);
        checks.push({ flag, column: direct, value: { raw: direct }, reason: expectation(col.kind) });
      }
    } else if (mapped !== undefined) {
      const subject = `${route.configPath}.${col.name}`;
      currentDeps = [];
      const compiled = compileFormula(mapped, scope, subject, formulaKind(col.kind));
      deps.set(col.name, currentDeps.map((f) => `i.${q(f)}`));
      expr = col.kind === 'date' ? dateSql(compiled.sql, route.dateFormats, d) : `CAST(${compiled.sql} AS ${storageType(col.kind, d)})`;
    } else if (col.required && !(col.name === 'cogs_amount' && estimateCogs)) {
      throw new WorthError('file_format', { file: route.file, column: col.name }, undefined, `a column for ${route.table}.${col.name}`,
        `has no column ${JSON.stringify(col.name)} for the required field ${route.table}.${col.name} (${col.label}); found columns: ${route.sourceColumns.join(', ')}. Map it in worth.yaml under ${route.configPath}.${col.name}`);
    } else {
      expr = 'NULL';
    }
    if (col.default !== undefined) {
      const dflt = typeof col.default === 'boolean' ? (col.default ? 'TRUE' : 'FALSE') : String(col.default);
      if (expr === 'NULL') expr = `CAST(${dflt} AS ${storageType(col.kind, d)})`;
      else defaults.set(col.name, dflt);
    }
    inner.push(`${expr} AS ${q(col.name)}`);
  }
  // Every source column a formula reads as a number or a condition must hold one. Where the
  // same column is also loaded directly as a number, its own check covers it (one reject, not two).
  const alias = new Map<string, string>();
  for (const { src, as, flag } of formulaInputs.values()) {
    const direct = checks.find((c) => c.flag.startsWith('_bad_parse_') && 'raw' in c.value && c.value.raw === src && as === 'number' && !c.reason.startsWith('not a date') && !c.reason.startsWith('not true'));
    if (direct) {
      alias.set(`i.${q(flag)}`, deps.get(direct.flag.slice('_bad_parse_'.length))![0]!);
      continue;
    }
    const parsed = as === 'number' ? numberSql(rawRef(src), route.format, d, FORMULA_NUMBER.precision, FORMULA_NUMBER.scale) : booleanSql(rawRef(src));
    inner.push(`(${hasText(src)} AND ${parsed} IS NULL) AS ${q(flag)}`);
    checks.push({ flag, column: src, value: { raw: src }, reason: as === 'number' ? `not a number (expected e.g. ${example})` : 'not true or false (expected true/false, yes/no, ja/nee or 1/0)' });
  }
  for (const [k, fl] of deps) deps.set(k, [...new Set(fl.map((f) => alias.get(f) ?? f))]);

  // Cost of goods estimated where missing: from the margin rate of the product group.
  let cogsEstimate: string | undefined;
  if (estimateCogs) {
    const cases = Object.entries(o.cogs!.margin_rates).map(([group, rate]) => {
      params.push(group);
      return `WHEN i.product_group = $${params.length} THEN ${rateLiteral(rate)}`;
    });
    const dflt = o.cogs!.default_margin !== undefined ? rateLiteral(o.cogs!.default_margin) : 'NULL';
    const margin = cases.length ? `(CASE ${cases.join(' ')} ELSE ${dflt} END)` : dflt;
    const byMargin = `(i.gross_amount - ${withDefault('discount_amount')}) * (1 - ${margin})`;
    // A product's own cost price comes first; the margin rate of its group is the fallback.
    const byProduct = o.productCostsTable ? `i.quantity * pc._unit_cost` : undefined;
    cogsEstimate = `CAST(${byProduct ? `coalesce(${byProduct}, ${byMargin})` : byMargin} AS ${storageType('money', d)})`;
  }
  if (route.table === 'order_lines') columns.push({ name: 'cogs_estimated', type: 'BOOLEAN' });

  /** A column at the middle level with its default applied. */
  function withDefault(name: string): string {
    const dflt = defaults.get(name);
    return dflt === undefined ? `i.${q(name)}` : `coalesce(i.${q(name)}, ${dflt})`;
  }
  /** The final value of a canonical column at the middle level of the query. */
  const val = (name: string) => (name === 'cogs_amount' && cogsEstimate ? `coalesce(i.cogs_amount, ${cogsEstimate})` : withDefault(name));

  // Required fields, bounds and references are checked on the typed values.
  const typedFlags: string[] = [...parseFlags];
  for (const col of spec.columns) {
    const src = findSource(route.mapping[col.name] ?? col.name);
    if (col.required && !(col.name === 'customer_id' && route.table !== 'customers' && o.unattributed === 'load')) {
      const flag = `_bad_missing_${col.name}`;
      const inputs = col.name === 'cogs_amount' && cogsEstimate ? [...(deps.get('cogs_amount') ?? []), ...(deps.get('gross_amount') ?? []), ...(deps.get('discount_amount') ?? [])] : (deps.get(col.name) ?? []);
      const fine = inputs.length ? ` AND NOT (${[...new Set(inputs)].join(' OR ')})` : '';
      typedFlags.push(`(${val(col.name)} IS NULL${fine}) AS ${q(flag)}`);
      const why = col.name === 'cogs_amount' && cogsEstimate ? 'missing required field (no cost of goods, and no product cost or margin rate to estimate it)' : `missing required field (expected ${col.label})`;
      checks.push({ flag, column: src ?? col.name, value: src ? { raw: src } : { none: true }, reason: why });
    }
    if (col.min) {
      const flag = `_bad_min_${col.name}`;
      const op = col.min.inclusive ? '<' : '<=';
      typedFlags.push(`coalesce(${val(col.name)} ${op} ${col.min.value}, FALSE) AS ${q(flag)}`);
      const word = col.kind === 'quantity' ? 'quantity' : col.kind === 'money' ? 'amount' : 'value';
      const neg = `${col.min.inclusive ? 'negative' : 'zero or negative'} ${word}`;
      checks.push({ flag, column: src ?? col.name, value: src ? { raw: src } : { typed: col.name }, reason: `${neg} (expected ${col.min.inclusive ? '>=' : '>'} ${col.min.value})` });
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
    checks.push({ flag: '_bad_unknown_customer', column: src ?? 'customer_id', value: { typed: 'customer_id' }, reason: 'unknown customer (not in customers)' });
  }
  let where = '';
  if (route.split) {
    const c = compileFormula(route.split.when, scope, `${route.configPath.replace(/\.columns$/, '')}.split.when`, 'boolean');
    where = route.split.matches ? ` WHERE coalesce(${c.sql}, FALSE)` : ` WHERE NOT coalesce(${c.sql}, FALSE)`;
  }
  const innerSql = `SELECT ${inner.join(', ')} FROM ${q(route.stage)} s${where}`;
  const midCols = [
    'i._rn',
    'i._rid',
    'i._line',
    ...spec.columns.map((c) => `${val(c.name)} AS ${q(c.name)}`),
    ...(route.table === 'order_lines' ? [cogsEstimate ? '(i.cogs_amount IS NULL AND i.gross_amount IS NOT NULL) AS cogs_estimated' : 'FALSE AS cogs_estimated'] : []),
    ...checks.filter((c) => !typedFlags.some((t) => t.endsWith(` AS ${q(c.flag)}`) || t.endsWith(` AS ${c.flag}`))).map((c) => `i.${q(c.flag)}`),
    ...typedFlags,
    `${spec.referencesCustomer ? 'i.customer_id IS NULL' : 'FALSE'} AS _unattributed`,
  ];
  const mid = `SELECT ${midCols.join(', ')} FROM (${innerSql}) i${join}`;
  // The row keeps its typed values and one integer of problem bits (narrow to materialize).
  if (checks.length > 30) throw new Error(`${route.table}: more checks (${checks.length}) than bits in _flags`);
  checks.forEach((c, i) => (c.bit = i));
  const bits = checks.length ? checks.map((c, i) => `(CASE WHEN m.${q(c.flag)} THEN ${2 ** i} ELSE 0 END)`).join(' + ') : '0';
  const keep = ['_rn', '_rid', '_line', ...spec.columns.map((c) => c.name), ...(route.table === 'order_lines' ? ['cogs_estimated'] : []), '_unattributed'];
  const sql = `SELECT ${keep.map((k) => `m.${q(k)}`).join(', ')}, CAST(${bits} AS INTEGER) AS _flags FROM (${mid}) m`;
  return { sql, params, checks, columns };
}

function rateLiteral(rate: number): string {
  if (!Number.isFinite(rate)) throw new Error(`bad rate ${rate}`);
  return String(rate);
}
