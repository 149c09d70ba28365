/**
 * Loads tables of one engine (the workspace's DuckDB, where `worth ingest` read and checked
 * the sources) into a ClickHouse database: each into a new table beside the old one, then all
 * published by `RENAME TABLE`, so a load that fails halfway leaves the previous tables as they
 * were (ClickHouse has no transactions). Values travel as they are read (money as exact
 * decimal strings), types by kind.
 */
import type { ColumnType, Engine, Row, SqlValue } from '../engine.ts';

/** Prefix of a table being loaded, and of a replaced one until it is dropped. */
const NEXT = 'worth_next_';
const PREVIOUS = 'worth_previous_';

/**
 * Bytes of SQL per INSERT statement, estimated: the server parses at most `max_query_size`
 * (256 KiB by default) as SQL and streams the rest as VALUES data, where 18.16 cannot read an
 * expression (`Unknown identifier: CAST`), so every statement stays well under it.
 */
const STATEMENT_BYTES = 128 * 1024;
/** The estimated SQL of one value beside its text (quotes, escapes, a CAST to a Nullable Decimal). */
const VALUE_OVERHEAD = 48;

/** A column of `from` as the standard SQL type `to` reads (exact decimals stay exact). */
function typeOf(to: Engine, c: ColumnType): string {
  switch (c.kind) {
    case 'decimal':
      return to.dialect.decimalType(Number(/\((\d+)/.exec(c.type)?.[1] ?? 18), c.scale ?? 0);
    case 'number':
      return /INT/i.test(c.type) ? 'BIGINT' : 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    case 'text':
    case null:
      return 'VARCHAR';
  }
}

/**
 * Copies `tables` of `from` into `to` and publishes them together; a table `from` does not
 * have is dropped from `to` (a load without returns leaves no old returns behind). Returns
 * the rows loaded per table.
 */
export async function loadTablesInto(
  from: Engine,
  to: Engine,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const q = to.dialect.quoteIdent;
  const loaded: Record<string, number> = {};
  try {
    for (const table of tables) {
      const cols = await from.columnTypes(table);
      if (cols.length === 0) continue;
      await to.run(`DROP TABLE IF EXISTS ${q(NEXT + table)}`);
      await to.run(
        `CREATE TABLE ${q(NEXT + table)} (${cols.map((c) => `${q(c.name)} ${typeOf(to, c)}`).join(', ')})`,
      );
      const rows = await from.query(`SELECT * FROM ${from.dialect.quoteIdent(table)}`);
      let start = 0;
      let bytes = 0;
      for (let at = 0; at < rows.length; at++) {
        const row = rows[at]!;
        const size = cols.reduce((n, c) => n + String(row[c.name] ?? '').length + VALUE_OVERHEAD, 0);
        if (at > start && bytes + size > STATEMENT_BYTES) {
          await insert(to, NEXT + table, cols, rows.slice(start, at));
          start = at;
          bytes = 0;
        }
        bytes += size;
      }
      if (rows.length > start) await insert(to, NEXT + table, cols, rows.slice(start));
      loaded[table] = rows.length;
    }
  } catch (e) {
    for (const table of tables)
      await to.run(`DROP TABLE IF EXISTS ${q(NEXT + table)}`).catch(() => undefined);
    throw e;
  }
  // Published together: every old table aside and every new one in its place in one RENAME.
  const pairs: string[] = [];
  const replaced: string[] = [];
  for (const table of tables) {
    await to.run(`DROP TABLE IF EXISTS ${q(PREVIOUS + table)}`);
    if (await to.tableExists(table)) {
      pairs.push(`${q(table)} TO ${q(PREVIOUS + table)}`);
      replaced.push(PREVIOUS + table);
    }
    if (loaded[table] !== undefined) pairs.push(`${q(NEXT + table)} TO ${q(table)}`);
  }
  if (pairs.length) await to.run(`RENAME TABLE ${pairs.join(', ')}`);
  for (const table of replaced) await to.run(`DROP TABLE IF EXISTS ${q(table)}`);
  return loaded;
}

/** One INSERT of `rows` into `table`, every value bound (decimals and dates cast to their type). */
async function insert(to: Engine, table: string, cols: ColumnType[], rows: Row[]): Promise<void> {
  const params: SqlValue[] = [];
  const tuples = rows.map(
    (r) =>
      `(${cols
        .map((c) => {
          params.push(r[c.name] ?? null);
          const p = `$${params.length}`;
          return c.kind === 'decimal' || c.kind === 'date' ? `CAST(${p} AS ${typeOf(to, c)})` : p;
        })
        .join(', ')})`,
  );
  await to.run(`INSERT INTO ${to.dialect.quoteIdent(table)} VALUES ${tuples.join(', ')}`, params);
}
