/**
 * Loads tables of one engine (the workspace's DuckDB, where `worth ingest` read and checked
 * the sources) into a ClickHouse database: each into a new table beside the old one, then all
 * published by `RENAME TABLE`, so a load that fails halfway leaves the previous tables as they
 * were (ClickHouse has no transactions). Values travel as they are read (money as exact
 * decimal strings), types by kind. On a cluster (`engine.cluster`) each table is a local
 * table on every shard and a Distributed table over them, sharded by a hash of customer_id.
 */
import type { ColumnType, Engine, Row, SqlValue } from '../engine.ts';
import { ClickHouseEngine } from './clickhouseEngine.ts';

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
  if (to instanceof ClickHouseEngine && to.cluster !== undefined)
    return loadSharded(from, to, to.cluster, tables);
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
      loaded[table] = await copyRows(from, to, table, cols, NEXT + table);
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

/** Prefix of a shard's own table (the one a Distributed table reads), and of one being loaded. */
const SHARD = 'worth_shard_';
const NEXT_SHARD = 'worth_next_shard_';
const PREVIOUS_SHARD = 'worth_previous_shard_';
/** Prefix of the Distributed table a load inserts through (into the shards' next tables). */
const LOADING = 'worth_load_';

/**
 * The tables loaded onto a cluster. On every host: `worth_next_shard_T` (the shard's rows) and
 * `worth_next_T`, a Distributed table over the shards' `worth_shard_T`; on this node
 * `worth_load_T`, a Distributed table over the next tables, sharded by
 * `cityHash64(customer_id)` (a customer's rows on one shard), that the rows are inserted
 * through (synchronously: the engine sets `insert_distributed_sync`). Published on each host
 * in one RENAME (`T` and `worth_shard_T` aside, the next ones in place), host after host: a
 * reader between two hosts' renames can see one shard new and one old. A failure before the
 * renames drops the next tables and leaves the previous load as it was.
 */
async function loadSharded(
  from: Engine,
  to: ClickHouseEngine,
  cluster: string,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const q = to.dialect.quoteIdent;
  const loaded: Record<string, number> = {};
  const database = (await to.query('SELECT currentDatabase() AS d'))[0]!.d as string;
  const distributed = (local: string, key: string) =>
    `ENGINE = Distributed(${[cluster, database, local].map(literal).join(', ')}, ${key})`;
  const dropNext = async () => {
    for (const table of tables) {
      await to.run(`DROP TABLE IF EXISTS ${q(LOADING + table)}`);
      await to.onEveryHost(`DROP TABLE IF EXISTS ${q(NEXT + table)}`);
      await to.onEveryHost(`DROP TABLE IF EXISTS ${q(NEXT_SHARD + table)}`);
    }
  };
  try {
    await dropNext();
    for (const table of tables) {
      const cols = await from.columnTypes(table);
      if (cols.length === 0) continue;
      const key = cols.some((c) => c.name === 'customer_id')
        ? `cityHash64(ifNull(toString(${q('customer_id')}), ''))`
        : 'rand()';
      await to.onEveryHost(
        `CREATE TABLE ${q(NEXT_SHARD + table)} (${cols.map((c) => `${q(c.name)} ${typeOf(to, c)}`).join(', ')})`,
      );
      await to.onEveryHost(
        `CREATE TABLE ${q(NEXT + table)} AS ${q(NEXT_SHARD + table)} ${distributed(SHARD + table, key)}`,
      );
      await to.run(
        `CREATE TABLE ${q(LOADING + table)} AS ${q(NEXT_SHARD + table)} ${distributed(NEXT_SHARD + table, key)}`,
      );
      loaded[table] = await copyRows(from, to, table, cols, LOADING + table);
    }
  } catch (e) {
    await dropNext().catch(() => undefined);
    throw e;
  }
  for (const table of tables) await to.run(`DROP TABLE IF EXISTS ${q(LOADING + table)}`);
  // Each host's tables published together, in one RENAME per host.
  for (const host of to.clusterHosts) {
    const there = new Set(
      (await to.queryOnHost(host, 'SELECT name FROM system.tables WHERE database = currentDatabase()')).map(
        (r) => String(r.name),
      ),
    );
    const pairs: string[] = [];
    for (const table of tables) {
      for (const [name, previous] of [
        [table, PREVIOUS + table],
        [SHARD + table, PREVIOUS_SHARD + table],
      ] as const) {
        if (there.has(previous)) await to.onHost(host, `DROP TABLE ${q(previous)}`);
        if (there.has(name)) pairs.push(`${q(name)} TO ${q(previous)}`);
      }
      if (loaded[table] !== undefined)
        pairs.push(`${q(NEXT + table)} TO ${q(table)}`, `${q(NEXT_SHARD + table)} TO ${q(SHARD + table)}`);
    }
    if (pairs.length) await to.onHost(host, `RENAME TABLE ${pairs.join(', ')}`);
    for (const table of tables)
      for (const previous of [PREVIOUS + table, PREVIOUS_SHARD + table])
        await to.onHost(host, `DROP TABLE IF EXISTS ${q(previous)}`);
  }
  return loaded;
}

/** A text as a standard SQL string literal (names in a Distributed table's arguments). */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Copies the rows of `from`'s `table` into `into` in statements under {@link STATEMENT_BYTES}. */
async function copyRows(
  from: Engine,
  to: Engine,
  table: string,
  cols: ColumnType[],
  into: string,
): Promise<number> {
  const rows = await from.query(`SELECT * FROM ${from.dialect.quoteIdent(table)}`);
  let start = 0;
  let bytes = 0;
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at]!;
    const size = cols.reduce((n, c) => n + String(row[c.name] ?? '').length + VALUE_OVERHEAD, 0);
    if (at > start && bytes + size > STATEMENT_BYTES) {
      await insert(to, into, cols, rows.slice(start, at));
      start = at;
      bytes = 0;
    }
    bytes += size;
  }
  if (rows.length > start) await insert(to, into, cols, rows.slice(start));
  return rows.length;
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
