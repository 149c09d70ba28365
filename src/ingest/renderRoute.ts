import { MAX_AMOUNT, TABLES, unreachable, type ColumnSpec } from '../core/index.ts';
import {
  compileFormula,
  type FormulaColumn,
  type FormulaReading,
  type FormulaScope,
} from '../formula/index.ts';
import type { Dialect, SqlValue } from '../warehouse/index.ts';
import { uncleanTextSql } from './cleanText.ts';
import { sourceFinder, type ColumnPlan } from './columnPlan.ts';
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
  numberSql,
  QUANTITY,
  storageType,
  textSql,
  trimmedSql,
} from './parseSql.ts';
import { FIELDS_COLUMN, RAW_COLUMN, REPEATED_HEADER } from './recordLines.ts';
import {
  assumedClean,
  planRoute,
  ROUTE_ROWS,
  type Route,
  type RouteOptions,
  type RoutePlan,
  type RouteSql,
} from './route.ts';
import { SqlParams } from './sqlParams.ts';

/** Plans a route and renders it through the run's dialect, its values bound from 1: the SQL of its typed table. */
export function routeSql(route: Route, o: RouteOptions): RouteSql {
  return renderRoute(planRoute(route, o), o.dialect, new SqlParams(), o.onePass ? 'onePass' : 'numbered');
}

/**
 * What the rendered SQL is for: the `numbered` typed table every reject is read from (each
 * check a bit of `_flags`, row ids and record numbers kept), or the `onePass` load of a clean
 * file (onePass.ts), which only has to tell whether any row would be rejected: `_flags` is 1 on
 * such a row and 0 elsewhere, every check one condition of one CASE (the engine stops testing a
 * row at its first failed check, and tests a text's "missing" words only on short texts), the
 * checks the typed reader already guarantees left out, no row ids. A table with a flagged row
 * is dropped and the file read again numbered, which finds each reject with its reason.
 */
export type RouteForm = 'numbered' | 'onePass';

/**
 * Money read typed (MONEY_READ) holds at most this many digits before the point: a value beyond
 * MAX_AMOUNT then also has digits beyond cents, so the cents check sees it (the one pass leaves
 * the range check of a typed amount to it).
 */
const TYPED_MONEY_BOUNDED =
  BigInt(MAX_AMOUNT.replace('.', '')) === 10n ** BigInt(MONEY_READ.precision - MONEY_READ.scale + 2) - 1n;

/**
 * Writes a planned route as the SQL of its typed table, three levels: the staged text parsed
 * (inner: `s` -> `i`), every check a flag on the parsed values (middle: `i` -> `m`), the flags
 * as bits of one `_flags` (outer). Every spelling that differs between engines is the
 * dialect's; every value is bound through `params`. Decides nothing the plan has not: a switch
 * over each column's source and each check's test (`unreachable` in the default); the formula
 * compiler reading a column other than the plan said is a bug.
 */
export function renderRoute(
  plan: RoutePlan,
  d: Dialect,
  params: SqlParams,
  form: RouteForm = 'numbered',
): RouteSql {
  const route = plan.route;
  const q = d.quoteIdent;
  const spec = TABLES[route.table];
  const bind = (v: SqlValue) => params.bind(v);
  const onePass = form === 'onePass';
  const inner: string[] = [
    ...(onePass ? [] : [`s._rn AS _rn`, `CAST(${route.id} AS BIGINT) * ${ROUTE_ROWS} + s._rn AS _rid`]),
    `s._physline AS _line`,
  ];
  if (route.ragged) {
    // First, so its bit is the lowest; a broken record gets only this reject (see `bits`).
    inner.push(
      `(s._ragged_fields IS NOT NULL AND s._ragged_fields <> '${REPEATED_HEADER}') AS _bad_fields`,
      '(s._ragged_fields IS NULL AND s._ragged_raw IS NOT NULL) AS _bad_totals',
      `(s._ragged_fields = '${REPEATED_HEADER}') AS _bad_header`,
      's._ragged_fields AS _ragged_fields',
      's._ragged_raw AS _ragged_raw',
    );
  }
  if (route.lookup)
    inner.push(
      '(s._lookup_state = 1) AS _bad_lookup_missing',
      '(s._lookup_state = 2) AS _bad_lookup_rejected',
      's._lookup_key AS _lookup_key',
    );
  let usesLine = false;
  const lineColumns: { name: string; prefix?: string }[] = [];
  let lineInFormula = false;

  // The staged text with "missing" values (NA, N/A, ...) as NULL, once for every use below.
  const missing = plan.missing;
  // Bound on first use: a file whose text columns are all clean binds none.
  const missingPlaceholders = () => missing.map((v, i) => params.bindNamed(`missing_${i}`, v));
  const longest = Math.max(
    0,
    ...missing.map((v) => Math.max(Buffer.byteLength(v), Buffer.byteLength(v.toUpperCase()))),
  );
  // A typed column holds values: a "missing" word in it would have failed the typed read.
  const typedKind = (c: string) => route.typed?.[c];
  const clean = (c: string) => route.cleanText?.has(c) === true;
  const staged = route.sourceColumns.map((c) =>
    typedKind(c) || clean(c)
      ? `s.${q(c)} AS ${q(c)}`
      : `${missingAsNullSql(`s.${q(c)}`, missingPlaceholders(), longest, d)} AS ${q(c)}`,
  );
  const cleanChecked = route.checkClean ? textRead(plan).filter((c) => assumedClean(route).includes(c)) : [];
  if (route.checkClean) {
    const unclean = uncleanTextSql([...missing], bind, d);
    if (cleanChecked.length > 62)
      throw new Error(`${route.file}: more text columns (${cleanChecked.length}) than bits in _unclean`);
    const tests = cleanChecked.map((c) => unclean(`s.${q(c)}`));
    const bits = tests.map((u, i) => `(CASE WHEN ${u} THEN CAST(${2n ** BigInt(i)} AS BIGINT) ELSE 0 END)`);
    // The bits only where a text needs cleaning: one CASE, its tests stopping at the first
    // condition a text fails (a text longer than every "missing" word is never lower-cased).
    inner.push(
      `CAST(${tests.length ? `CASE WHEN ${tests.join(' OR ')} THEN ${bits.join(' + ')} ELSE 0 END` : '0'} AS BIGINT) AS _unclean`,
    );
  }
  const recordCols = route.ragged
    ? `, s.${q(FIELDS_COLUMN)} AS _ragged_fields, s.${q(RAW_COLUMN)} AS _ragged_raw`
    : '';
  const lookupCols = route.lookup ? ', s.__lookup_state AS _lookup_state, s.__lookup_key AS _lookup_key' : '';
  const stagedFrom = `(SELECT s._rn, ${route.lineSql} AS _physline${recordCols}${lookupCols}${staged.map((c) => `, ${c}`).join('')} FROM ${q(route.stage)} s) s`;

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
      case 'money': {
        // The same rounding, cheaper where it can be: a value with at most 12 decimals and under
        // 10^6 fits DECIMAL(18,12) exactly (the product of two inputs has 12), and rounding that
        // 64-bit decimal to cents gives what rounding the 128-bit one gives, without the 128-bit
        // division that cost ~2 us a row (4 of the 5.5 CPU-s of the web-shop's refund amounts,
        // BENCHMARKS.md). Anything else (larger, more decimals, NULL) is rounded as before.
        const fits = d.tryDecimal(wide, 18, 12);
        return `CASE WHEN ${fits} = ${wide} THEN ${d.tryDecimal(fits, MONEY.precision, MONEY.scale)} ELSE ${d.tryDecimal(wide, MONEY.precision, MONEY.scale)} END`;
      }
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
  /** A source column parsed as a formula input reads it (parsed narrow, fast; computed wide by the caller). */
  const inputParse = (src: string, as: FormulaReading): string => {
    switch (as) {
      case 'number':
        return numberSql(rawRef(src), route.format, d, FORMULA_NUMBER.precision, FORMULA_NUMBER.scale, true);
      case 'date':
        return dateSql(rawRef(src), route.dateFormats, d);
      case 'boolean':
        return booleanSql(rawRef(src));
      default:
        return unreachable(as, 'formula reading');
    }
  };
  // Each planned input parsed once, one level below its uses: a formula's value, its wide and
  // approximate twins and the input's own check each read the column instead of repeating the
  // parse in the SQL (written once per use: three times for a money formula, 80 KB of SQL for
  // `Quantity * UnitPrice`). The same expression over the same text, so the same values; a
  // rule's inputs are not planned and stay inline.
  const parsedInput = new Map(plan.inputs.map((x, k) => [`${x.column}\u0000${x.as}`, `_worth_in_${k}`]));
  const from = plan.inputs.length
    ? `(SELECT s.*, ${plan.inputs.map((x) => `${inputParse(x.column, x.as)} AS ${q(parsedInput.get(`${x.column}\u0000${x.as}`)!)}`).join(', ')} FROM ${stagedFrom}) s`
    : stagedFrom;
  /** A source column as a formula input reads it: the parsed column when planned. */
  const inputSql = (src: string, as: FormulaReading): string => {
    const parsed = parsedInput.get(`${src}\u0000${as}`);
    return parsed === undefined ? inputParse(src, as) : `s.${q(parsed)}`;
  };

  const inputOf = new Map(plan.inputs.map((x) => [`${x.column}\u0000${x.as}`, x]));
  /** What the formula being compiled has read; undefined for a rule (split, exclusion), whose inputs carry no check. */
  let reading: Set<string> | undefined;
  const readAs = (src: string, as: FormulaReading) => {
    const key = `${src}\u0000${as}`;
    if (reading === undefined) return;
    if (!inputOf.has(key))
      throw new Error(`${route.file}: a formula reads ${src} as a ${as}, which the plan has not`);
    reading.add(key);
  };
  /** Compiles a column's or carried value's formula, checking it reads what the plan says it reads. */
  const compilePlanned = <T>(
    planned: { column: string; as: FormulaReading }[],
    subject: string,
    f: () => T,
  ): T => {
    reading = new Set();
    const out = f();
    const want = new Set(planned.map((x) => `${x.column}\u0000${x.as}`));
    if (reading.size !== want.size || [...reading].some((k) => !want.has(k)))
      throw new Error(`${subject}: the plan and the compiler disagree on the formula's inputs`);
    reading = undefined;
    return out;
  };
  const findSource = sourceFinder(route.sourceColumns);
  const scope: FormulaScope = {
    dialect: d,
    params: params.values,
    placeholder: (n) => params.placeholder(n),
    resolve(name) {
      const src = findSource(name);
      if (src === undefined) return undefined;
      const col: FormulaColumn = {
        type: 'text',
        sql(as) {
          if (as === 'number') {
            readAs(src, 'number');
            // Parsed narrow (fast), computed wide: a product of two inputs cannot overflow.
            return `CAST(${inputSql(src, 'number')} AS ${d.decimalType(FORMULA_WIDE.precision, FORMULA_WIDE.scale)})`;
          }
          if (as === 'boolean') {
            readAs(src, 'boolean');
            return inputSql(src, 'boolean');
          }
          return textSql(rawRef(src));
        },
        date() {
          readAs(src, 'date');
          return inputSql(src, 'date');
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
  const planOf = new Map(plan.columns.map((cp) => [cp.spec.name, cp]));
  const columnPlan = (name: string): ColumnPlan => {
    const cp = planOf.get(name);
    if (!cp) throw new Error(`${route.table}: no plan for column ${name}`);
    return cp;
  };
  /** Canonical column -> SQL conditions (middle level) that its inputs were unreadable. */
  const deps = new Map<string, string[]>();
  /** Defaults, applied at the middle level so a parse failure is still visible as NULL. */
  const defaults = new Map<string, string>();
  /** Money columns read wider than stored (MONEY_READ): rounded to cents at the middle level. */
  const narrow = new Set<string>();
  /** A directly read column's parse failure, at the middle level. */
  const unparsed = (name: string) => `(i.${q(`_has_${name}`)} AND i.${q(name)} IS NULL)`;
  for (const cp of plan.columns) {
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
        // In one pass no check of a typed column reads whether it had text (see its range check).
        if (!onePass) inner.push(`(${rawRef(direct)} IS NOT NULL) AS ${q(`_has_${col.name}`)}`);
        if (amount && !onePass) inner.push(`CAST(NULL AS VARCHAR) AS ${q(`_raw_${col.name}`)}`);
        if (col.kind === 'money') narrow.add(col.name);
        deps.set(col.name, []);
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
        inner.push(`${hasText(direct)} AS ${q(`_has_${col.name}`)}`);
        if (amount) {
          // The raw text goes up a level, where the range checks run only on the rows that need them (CASE).
          inner.push(`${rawRef(direct)} AS ${q(`_raw_${col.name}`)}`);
          if (col.kind === 'money') narrow.add(col.name);
        }
        // Text that did not become a value has its own reject (not a number, out of range): never "missing" too.
        deps.set(col.name, [unparsed(col.name)]);
        break;
      }
      case 'formula': {
        const compiled = compilePlanned(source.inputs, source.subject, () =>
          compileFormula(source.text, scope, source.subject, source.result),
        );
        if (compiled.divisors.length > 0 !== source.divides)
          throw new Error(`${source.subject}: the plan and the compiler disagree on division`);
        if (col.kind === 'date') expr = dateSql(compiled.sql, route.dateFormats, d);
        else if (source.result === 'number') {
          // Exact and wide, NULL instead of an overflow error; the same formula in DOUBLE tells
          // an overflow (a value) from a missing input (NULL) and shows the value in the reject.
          const wide = d.tryEval(compiled.sql);
          const shadow = compilePlanned(source.inputs, source.subject, () =>
            compileFormula(source.text, scope, source.subject, 'number', 'double'),
          );
          inner.push(`${shadow.sql} AS ${q(`_approx_${col.name}`)}`, `${wide} AS ${q(`_exact_${col.name}`)}`);
          if (source.divides)
            inner.push(
              `coalesce(${compiled.divisors.map((x) => `(${x}) = 0`).join(' OR ')}, FALSE) AS ${q(`_divzero_${col.name}`)}`,
            );
          // Rounded to the column's scale once, half away from zero (1.005 -> 1.01, -1.005 -> -1.01).
          expr = fitTo(col.kind, wide);
        } else expr = `CAST(${compiled.sql} AS ${storageType(col.kind, d)})`;
        // A canonical column is missing only if its inputs were fine; an input a directly loaded
        // column parses the same way is that column's parse check (one reject, not two).
        const flags = source.inputs.map(({ column, as }) => {
          const input = inputOf.get(`${column}\u0000${as}`)!;
          return input.coveredBy !== undefined ? unparsed(input.coveredBy) : `i.${q(input.flag)}`;
        });
        deps.set(col.name, [...new Set(flags)]);
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
  for (const carried of plan.carry) {
    const name = `_carry_${carried.name}`;
    switch (carried.kind) {
      case 'column':
        inner.push(`${textSql(rawRef(carried.column))} AS ${q(name)}`);
        break;
      case 'formula': {
        const compiled = compilePlanned(carried.inputs, carried.subject, () =>
          compileFormula(carried.text, scope, carried.subject, 'text'),
        );
        inner.push(`CAST(${compiled.sql} AS VARCHAR) AS ${q(name)}`);
        break;
      }
      default:
        unreachable(carried, 'carried value');
    }
  }
  // Every source column a formula reads as a number, condition or date must hold one.
  for (const input of plan.inputs)
    if (input.coveredBy === undefined)
      inner.push(
        `(${hasText(input.column)} AND ${inputSql(input.column, input.as)} IS NULL) AS ${q(input.flag)}`,
      );

  // Cost of goods estimated where missing: from the margin rate of the product group.
  let cogsEstimate: string | undefined;
  const cogs = plan.cogs;
  if (cogs !== undefined) {
    const cases = cogs.marginRates.map(
      ([group, rate]) => `WHEN i.product_group = ${bind(group)} THEN ${rateLiteral(rate)}`,
    );
    const dflt = cogs.defaultMargin !== undefined ? rateLiteral(cogs.defaultMargin) : 'NULL';
    const margin = cases.length ? `(CASE ${cases.join(' ')} ELSE ${dflt} END)` : dflt;
    const byMargin = `(${withDefault('gross_amount')} - ${withDefault('discount_amount')}) * (1 - ${margin})`;
    // A product's own cost price comes first; the margin rate of its group is the fallback.
    const byProduct = cogs.productCostsTable ? `i.quantity * pc._unit_cost` : undefined;
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

  /** Flags computed on the staged text (inner level), carried up as they are. */
  const innerFlags: string[] = [];
  /** Flags computed on the parsed values (middle level). */
  const typedFlags: string[] = [];
  /** Every check as a condition at the middle level, for the one pass's one CASE. */
  const conditions: string[] = [];
  const flagged = (cond: string, flag: string) => {
    typedFlags.push(`${cond} AS ${flag}`);
    conditions.push(cond);
  };
  /** Money columns with a cents check: in one pass it covers their range check when they are read typed. */
  const centsChecked = new Set(
    plan.checks.flatMap(({ test }) =>
      test.kind === 'column' && test.check === 'cents' ? [test.column] : [],
    ),
  );
  /** Values shown in rejects that are computed (a formula's result), kept in the typed table. */
  const shown: string[] = [];
  /** Number columns computed by a formula, whose shown value the typed table keeps. */
  const formulaNumbers: string[] = [];
  const maxAmount = `CAST(${MAX_AMOUNT} AS ${d.decimalType(MONEY.precision, MONEY.scale)})`;
  /** A money or quantity column read directly: a number too large for exact totals. */
  const rangeOfDirect = (name: string, money: boolean) => {
    const tooBig = money ? ` OR coalesce(abs(i.${q(name)}) > ${maxAmount}, FALSE)` : '';
    const raw = `i.${q(`_raw_${name}`)}`;
    return `(CASE WHEN i.${q(`_has_${name}`)} AND i.${q(name)} IS NULL THEN coalesce(${finiteNumberSql(raw, route.format, d)}, FALSE) ELSE FALSE${tooBig} END)`;
  };
  /** A number computed by a formula: beyond what the column holds (its DOUBLE twin has a value, the exact one none). */
  const rangeOfFormula = (name: string, money: boolean) => {
    const v = `i.${q(name)}`;
    const tooBig = money ? ` OR coalesce(abs(${v}) > ${maxAmount}, FALSE)` : '';
    return `((${v} IS NULL AND i.${q(`_approx_${name}`)} IS NOT NULL)${tooBig})`;
  };
  for (const { test, reject } of plan.checks) {
    const flag = q(reject.flag);
    switch (test.kind) {
      case 'fields':
      case 'totals':
      case 'header':
      case 'lookup':
      case 'input':
        innerFlags.push(`i.${flag}`);
        conditions.push(`i.${flag}`);
        break;
      case 'unknown_customer':
        flagged(`(i.customer_id IS NOT NULL AND k._known IS NULL)`, reject.flag);
        break;
      case 'column': {
        const cp = columnPlan(test.column);
        const col = cp.spec;
        const source = cp.source;
        const formula = source.kind === 'formula';
        switch (test.check) {
          case 'parse':
            if (source.kind === 'typed') {
              // The same checks in the same order as the text path (the rejects' order key), never
              // set (the typed reader refuses the file instead): the one pass leaves it out.
              if (!onePass) typedFlags.push(`FALSE AS ${flag}`);
              break;
            }
            // A number that does not fit is out of range, not "not a number" (1e20).
            flagged(
              col.kind === 'money' || col.kind === 'quantity'
                ? `(CASE WHEN i.${q(`_has_${col.name}`)} AND i.${q(col.name)} IS NULL THEN NOT coalesce(${finiteNumberSql(`i.${q(`_raw_${col.name}`)}`, route.format, d)}, FALSE) ELSE FALSE END)`
                : unparsed(col.name),
              flag,
            );
            break;
          case 'range': {
            const money = col.kind === 'money';
            if (!formula && source.kind === 'typed' && onePass) {
              // Read typed, the value is a number: only a money amount can be beyond MAX_AMOUNT,
              // and then its cents check sees it too (TYPED_MONEY_BOUNDED).
              if (money && !(TYPED_MONEY_BOUNDED && centsChecked.has(col.name)))
                flagged(`coalesce(abs(i.${q(col.name)}) > ${maxAmount}, FALSE)`, flag);
              break;
            }
            if (!formula) {
              flagged(rangeOfDirect(col.name, money), flag);
              break;
            }
            const range = rangeOfFormula(col.name, money);
            formulaNumbers.push(col.name);
            flagged(range, flag);
            shown.push(
              `CASE WHEN ${range} THEN ${d.numberText(`coalesce(i.${q(`_exact_${col.name}`)}, i.${q(`_approx_${col.name}`)})`)} END AS ${q(`_value_${col.name}`)}`,
            );
            deps.get(col.name)!.push(range);
            break;
          }
          case 'cents':
            // Money read with digits beyond cents: the value differs from its cents.
            flagged(`coalesce(i.${q(col.name)} <> ${val(col.name)}, FALSE)`, flag);
            break;
          case 'division_by_zero': {
            const zero = `(i.${q(col.name)} IS NULL AND i.${q(`_divzero_${col.name}`)})`;
            flagged(zero, flag);
            deps.get(col.name)!.push(zero);
            break;
          }
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
            flagged(`(${val(col.name)} IS NULL${fine})`, flag);
            break;
          }
          case 'min': {
            const op = col.min!.inclusive ? '<' : '<=';
            // An estimated cost of goods follows the line's net: below zero where an order's discount,
            // written on its first line (web-shop exports), exceeds that line's gross. The order's sum
            // is right, so only the file's own cost of goods is held to the bound.
            const bounded =
              col.name === 'cogs_amount' && cogsEstimate ? withDefault(col.name) : val(col.name);
            flagged(`coalesce(${bounded} ${op} ${col.min!.value}, FALSE)`, flag);
            break;
          }
          case 'when':
            flagged(
              `coalesce(${val(col.name)} < CAST(${bind(plan.window.from)} AS DATE) OR ${val(col.name)} > CAST(${bind(plan.window.to)} AS DATE), FALSE)`,
              flag,
            );
            break;
          default:
            unreachable(test.check, 'column check');
        }
        break;
      }
      default:
        unreachable(test, 'check');
    }
  }
  let join = '';
  if (cogsEstimate && cogs?.productCostsTable) {
    if (!d.supportsMultipleJoins) throw new Error('product cost estimates need more than one join per query');
    join += ` LEFT JOIN (SELECT product_id AS _product, unit_cost AS _unit_cost FROM ${q(cogs.productCostsTable)}) pc ON pc._product = i.product_id`;
  }
  if (plan.customersTable !== undefined)
    join += ` LEFT JOIN (SELECT customer_id AS _known FROM ${q(plan.customersTable)}) k ON k._known = i.customer_id`;
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
  const carried = plan.carry.map((c) => `_carry_${c.name}`);
  const values = [
    ...spec.columns.map((c) => `${val(c.name)} AS ${q(c.name)}`),
    ...(route.table === 'order_lines'
      ? [
          cogsEstimate
            ? '(i.cogs_amount IS NULL AND i.gross_amount IS NOT NULL) AS cogs_estimated'
            : 'FALSE AS cogs_estimated',
        ]
      : []),
    ...carried.map((c) => `i.${q(c)}`),
  ];
  const canonical = new Set(columns.map((c) => c.name));
  if (onePass) {
    // One level over the parsed values: the canonical columns, the line, and whether the row has
    // anything to reject (its checks in the plan's order, the first failed one ending the CASE).
    const work = [...carried, ...(route.checkClean ? ['_unclean'] : []), '_flags'];
    const flags = conditions.length
      ? `CASE WHEN ${conditions.map((c) => `(${c})`).join(' OR ')} THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END`
      : 'CAST(0 AS BIGINT)';
    const cols = [
      'i._line AS _line',
      ...values,
      ...(route.checkClean ? ['i._unclean AS _unclean'] : []),
      `${flags} AS _flags`,
    ];
    return {
      sql: `SELECT ${cols.join(', ')} FROM (${innerSql}) i${join}`,
      params: params.byName(),
      checks: plan.checks.map(({ reject }) => ({ ...reject })),
      columns,
      work,
      usesLine,
      lineColumns,
      lineInFormula,
      cleanChecked,
    };
  }
  const midCols = [
    'i._rn',
    'i._rid',
    'i._line',
    ...values,
    ...innerFlags,
    ...typedFlags,
    ...shown,
    ...(route.ragged ? ['i._ragged_fields', 'i._ragged_raw'] : []),
    ...(route.lookup ? ['i._lookup_key'] : []),
    ...(route.checkClean ? ['i._unclean'] : []),
    `${spec.referencesCustomer ? 'i.customer_id IS NULL' : 'FALSE'} AS _unattributed`,
  ];
  const mid = `SELECT ${midCols.join(', ')} FROM (${innerSql}) i${join}`;
  // The row keeps its typed values and one integer of problem bits (narrow to materialize).
  const sumBits = plan.checks.length
    ? plan.checks
        .map(
          ({ reject }) =>
            `(CASE WHEN m.${q(reject.flag)} THEN CAST(${2n ** BigInt(reject.bit)} AS BIGINT) ELSE 0 END)`,
        )
        .join(' + ')
    : '0';
  // A broken record (bit 0), a totals line (bit 1) or a repeated header (bit 2) has no values: every other check would only repeat that.
  // A line whose order is not in the lookup file (or rejected there) has no customer or date: only that reject.
  const bitOf = (flag: string) => 2n ** BigInt(plan.checks.find((c) => c.reject.flag === flag)!.reject.bit);
  const lookupBits = route.lookup
    ? `(CASE WHEN m._bad_lookup_missing THEN CAST(${bitOf('_bad_lookup_missing')} AS BIGINT) WHEN m._bad_lookup_rejected THEN CAST(${bitOf('_bad_lookup_rejected')} AS BIGINT) ELSE ${sumBits} END)`
    : sumBits;
  const bits = route.ragged
    ? `(CASE WHEN m._bad_fields THEN CAST(1 AS BIGINT) WHEN m._bad_totals THEN CAST(2 AS BIGINT) WHEN m._bad_header THEN CAST(4 AS BIGINT) ELSE ${lookupBits} END)`
    : lookupBits;
  const keep = [
    '_rn',
    '_rid',
    '_line',
    ...spec.columns.map((c) => c.name),
    ...(route.table === 'order_lines' ? ['cogs_estimated'] : []),
    ...carried,
    ...formulaNumbers.map((n) => `_value_${n}`),
    ...(route.ragged ? ['_ragged_fields', '_ragged_raw'] : []),
    ...(route.lookup ? ['_lookup_key'] : []),
    ...(route.checkClean ? ['_unclean'] : []),
    '_unattributed',
  ];
  const sql = `SELECT ${keep.map((k) => `m.${q(k)}`).join(', ')}, CAST(${bits} AS BIGINT) AS _flags FROM (${mid}) m`;
  const work = [...keep.filter((k) => k !== '_line' && !canonical.has(k)), '_flags'];
  return {
    sql,
    params: params.byName(),
    checks: plan.checks.map(({ reject }) => ({ ...reject })),
    columns,
    work,
    usesLine,
    lineColumns,
    lineInFormula,
    cleanChecked,
  };
}

/**
 * The source columns whose text a route reads as text (an id or text column, a carried value):
 * only there would a text that needs cleaning (an empty text, a space around it, a "missing"
 * word) give another value than the cleaned one. A column read as a number, a date or a
 * condition fails its check on such a text instead (the row is flagged, the file read again,
 * numbered, where it is cleaned), and a column nothing reads does not matter. A formula may read
 * any column as text: a route with one reads every column as text.
 */
function textRead(plan: RoutePlan): string[] {
  const formula =
    plan.columns.some((cp) => cp.source.kind === 'formula') || plan.carry.some((c) => c.kind === 'formula');
  if (formula) return plan.route.sourceColumns;
  const read = new Set<string>();
  for (const cp of plan.columns)
    if (cp.source.kind === 'text' && (cp.spec.kind === 'id' || cp.spec.kind === 'text'))
      read.add(cp.source.column);
  for (const c of plan.carry) if (c.kind === 'column') read.add(c.column);
  return plan.route.sourceColumns.filter((c) => read.has(c));
}

function rateLiteral(rate: number): string {
  if (!Number.isFinite(rate)) throw new Error(`bad rate ${rate}`);
  return String(rate);
}

/** A contract default as a SQL literal (numbers and booleans only: the contract's defaults are such). */
function defaultLiteral(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
}
