import { TABLES } from '../core/index.ts';
import type { Dialect, Engine, NamedParams, SqlValue } from '../warehouse/index.ts';
import { readTotals, totalsSql, type LoadTotals } from './loadTotals.ts';
import { ROUTE_ROWS, type Route, type RouteSql } from './route.ts';

/** What the one pass of a file needs besides its route. */
export interface OnePassFile {
  /** Records in the file (its lines less the header and skipped lines). */
  records: number;
  /** The physical line of the first record. */
  firstLine: number;
  /** Whether the rows' customers must be in the loaded customers table. */
  customers: boolean;
  /** The table's key columns, empty when its duplicates are not looked for. */
  key: readonly string[];
  /**
   * Set when the file is one of several feeding the table (one export per month): the table is
   * a temporary one and each row gets the record number and row id the checks across files read
   * (`_rn`, `_rid`, as on the numbered path: route.ts), besides its line.
   */
  numbered?: { routeId: number };
  /**
   * Set when the file is the table's only one: its check statement also counts the rows' money
   * and the like ({@link LoadTotals}), which the reconciliation and the budget then read.
   */
  totals?: boolean;
}

/**
 * A route's SELECT with the canonical table's columns first, in its order and types, then
 * `_line`, `_source` and the work columns: the table it builds becomes the canonical table by a
 * rename when nothing in it is rejected (its work columns dropped then). `numbered` adds the
 * record number and row id the one pass of one of several files sets after the load (empty
 * until then: the one pass's SQL has no row ids).
 */
export function canonicalFirst(
  route: Route,
  plan: RouteSql,
  d: Dialect,
  numbered = false,
): { sql: string; params: NamedParams } {
  const q = d.quoteIdent;
  const lead = [
    ...plan.columns.map((c) => `CAST(r.${q(c.name)} AS ${c.type}) AS ${q(c.name)}`),
    ...(route.table === 'returns' ? ['FALSE AS cogs_estimated'] : []),
    'r._line AS _line',
    'CAST($source AS VARCHAR) AS _source',
    ...plan.work.map((c) => `r.${q(c)}`),
    ...(numbered ? ['CAST(NULL AS BIGINT) AS _rn', 'CAST(NULL AS BIGINT) AS _rid'] : []),
  ];
  return {
    sql: `SELECT ${lead.join(', ')} FROM (${plan.sql}) r`,
    params: { ...plan.params, source: route.file },
  };
}

/**
 * What the one pass did: loaded the file, or not, then with the text columns it read as they
 * are but that need cleaning after all (`unclean`, a second pass reads the file cleaning them).
 */
export type OnePassResult = { loaded: true; totals?: LoadTotals } | { loaded: false; unclean: string[] };

/**
 * Loads a clean file in one statement: the route reads the typed reader's view (no stage, no
 * record numbers) straight into the table `typed`, every check a flag, in file order (text
 * columns the route assumes clean, `checkClean`, are read as they are and checked in the same
 * statement). Then one pass over that table counts what the route would reject (flags, unknown
 * customers by an outer join, keys whose hash is seen twice by rows less distinct hashes, a row count that is not the file's records, texts that needed
 * cleaning); when nothing is, each row's line is set from its place in the table and the load
 * is done. Otherwise the table is dropped: with `unclean` columns the caller reads the file once
 * more cleaning those, else it stages the file, numbered, and finds every reject with its line
 * as on the other paths (so the typed reader's refusal of a value, which fails the statement,
 * is only a reason to read the file again, never a message).
 */
export async function loadInOnePass(
  engine: Engine,
  route: Route,
  plan: RouteSql,
  typed: string,
  file: OnePassFile,
): Promise<OnePassResult> {
  const refused: OnePassResult = { loaded: false, unclean: [] };
  const d = engine.dialect;
  const q = d.quoteIdent;
  // A formula's line number needs the line while the row is built. A column that is the line
  // itself (`line_no` of an export without line numbers) holds the first line in the pass (a
  // placeholder the caller's line SQL gives) and its own line after it, set with `_line`.
  if (plan.lineInFormula) return refused;
  const built = canonicalFirst(route, plan, d, file.numbered !== undefined);
  // Each row's line is its place in the table: a plan that could reorder the rows (a formula's
  // `in_list` of six values or more is a join to DuckDB) sends the file to the numbered path.
  if (!(await engine.keepsReadOrder(built.sql, built.params))) return refused;
  try {
    await engine.run(`CREATE ${file.numbered ? 'TEMP ' : ''}TABLE ${q(typed)} AS ${built.sql}`, built.params);
  } catch {
    // The typed reader refused a value or a line: the numbered path reads the file and says why.
    await engine.run(`DROP TABLE IF EXISTS ${q(typed)}`);
    return refused;
  }
  // Measured on the demo's 2,050,356 order lines (one thread, BENCHMARKS.md): the outer join
  // costs half a NOT EXISTS (0.07 against 0.14 CPU-s), counting distinct hashes a little less
  // than grouping them (0.26-0.37 against 0.28-0.39). A row without a customer row is unknown.
  const unknown = file.customers
    ? `(SELECT count(*) FROM ${q(typed)} t LEFT JOIN customers k ON k.customer_id = t.customer_id WHERE t.customer_id IS NOT NULL AND k.customer_id IS NULL)`
    : '0';
  // A key with the line in it is unique within the file: every record is a line of its own.
  const fromLine = new Set(plan.lineColumns.map((c) => c.name));
  const keyed = file.key.length > 0 && !file.key.some((k) => fromLine.has(k));
  // Exports mostly list their rows by key (order number, then line): a key above the row's
  // before it, in the order the rows are read, all the way down proves every key distinct in
  // one streaming pass (on the demo's 2,050,356 order lines 0.12-0.22 CPU-s against 0.58-0.64
  // for counting distinct hashes: BENCHMARKS.md). Any order proves it (a sequence that rises at
  // every step has no value twice), so two are tried at once: the texts as they sort, and the
  // texts shorter first (`O9` before `O10`, `999` before `1000`: numbers written as text). A
  // NULL or a step that does not rise proves nothing; then the hashes are counted after all.
  const textKey = (k: string) => {
    const kind = TABLES[route.table].columns.find((c) => c.name === k)?.kind;
    return kind === 'id' || kind === 'text';
  };
  const orders = [
    file.key.map((k) => q(k)),
    file.key.flatMap((k) => (textKey(k) ? [d.byteLength(q(k)), q(k)] : [q(k)])),
  ];
  const rising =
    keyed && d.supportsWindowFunctions
      ? orders.map((exprs, o) => {
          const lagged = exprs.map(
            (e, i) => `${e} AS ${q(`_k${o}_${i}`)}, ${d.previousRow(e)} AS ${q(`_p${o}_${i}`)}`,
          );
          const keys = exprs.map((_, i) => [q(`_k${o}_${i}`), q(`_p${o}_${i}`)] as const);
          return `(SELECT sum(CASE WHEN ${risingSql(keys)} THEN 1 ELSE 0 END) FROM (SELECT ${lagged.join(', ')} FROM ${q(typed)}) x)`;
        })
      : undefined;
  // Rows less distinct hashes: more than zero when a hash occurs twice (or a hash is NULL on an
  // engine whose hash of NULL is NULL: then the numbered path looks, which is only slower).
  const twice = keyed
    ? `(SELECT count(*) - count(DISTINCT ${d.hashOf(file.key.map(q))}) FROM ${q(typed)})`
    : '0';
  const assumed = plan.cleanChecked;
  const unclean = assumed.map(
    (_, i) => `sum(CASE WHEN ${d.hasBit('_unclean', i)} THEN 1 ELSE 0 END) AS ${q(`unclean_${i}`)}`,
  );
  const row = (
    await engine.query(
      `SELECT ${[
        'count(*) AS n',
        'sum(CASE WHEN _flags <> 0 THEN 1 ELSE 0 END) AS flagged',
        `${unknown} AS unknown`,
        ...(rising ? rising.map((r, o) => `${r} AS rising_${o}`) : [`${twice} AS twice`]),
        ...unclean,
        ...(file.totals ? totalsSql(route.table, d) : []),
      ].join(', ')} FROM ${q(typed)}`,
    )
  )[0]!;
  // A text read as it is that needed cleaning: the checks saw the wrong values, the file is read again.
  const toClean = assumed.filter((_, i) => Number(row[`unclean_${i}`] ?? 0) > 0);
  if (toClean.length) {
    await engine.run(`DROP TABLE ${q(typed)}`);
    return { loaded: false, unclean: toClean };
  }
  // A hash seen twice may be two keys: the numbered path then compares the keys themselves.
  const n = Number(row.n);
  const fine = n === file.records && Number(row.flagged ?? 0) === 0 && Number(row.unknown) === 0;
  const distinct = !rising
    ? Number(row.twice) === 0
    : [0, 1].some((o) => Number(row[`rising_${o}`] ?? 0) === n - 1) ||
      (fine && Number((await engine.query(`SELECT ${twice} AS twice`))[0]!.twice) === 0);
  const clean = fine && distinct;
  if (!clean) {
    await engine.run(`DROP TABLE ${q(typed)}`);
    return refused;
  }
  // The table was filled by one statement from the reader, so its rows are in file order.
  const record = d.insertedRowNumber(q(typed));
  const lineOf = `${record} + ${Math.trunc(file.firstLine) - 1}`;
  const params: SqlValue[] = [];
  const sets = [
    `_line = ${lineOf}`,
    ...plan.lineColumns.map((c) => {
      if (c.prefix === undefined) return `${q(c.name)} = CAST(${lineOf} AS INTEGER)`;
      params.push(c.prefix);
      return `${q(c.name)} = $${params.length} || ':' || CAST(${lineOf} AS VARCHAR)`;
    }),
    ...(file.numbered
      ? [
          `_rn = ${record}`,
          `_rid = CAST(${Math.trunc(file.numbered.routeId)} AS BIGINT) * ${ROUTE_ROWS} + ${record}`,
        ]
      : []),
  ];
  await engine.run(`UPDATE ${q(typed)} SET ${sets.join(', ')}`, params);
  // The line columns the UPDATE set hold no money and no customer: the totals still hold.
  return { loaded: true, ...(file.totals ? { totals: readTotals(route.table, row, file.records) } : {}) };
}

/**
 * SQL true where a row's key (`keys`: each part's column and the same part of the row before it,
 * read by `lag`) is above the one before it, compared part by part; NULL or false where a part
 * is NULL (then the rise proves nothing).
 */
function risingSql(keys: (readonly [string, string])[], i = 0): string {
  const [col, prev] = keys[i]!;
  if (i === keys.length - 1) return `${prev} < ${col}`;
  return `(${prev} < ${col} OR (${prev} = ${col} AND ${risingSql(keys, i + 1)}))`;
}
