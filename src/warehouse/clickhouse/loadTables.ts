/**
 * Loads tables of the workspace's DuckDB (where `worth ingest` read and checked the sources)
 * into a ClickHouse database: each into a new table beside the old one, then all published by
 * `RENAME TABLE`, so a load that fails halfway leaves the previous tables as they were
 * (ClickHouse has no transactions). The rows travel in bulk: DuckDB writes each table as
 * TabSeparated lines (money as its exact decimal text, NULL as `\N`, text escaped) into a file
 * of a temporary folder, and the file is streamed to the server in one INSERT (never held whole
 * in Node). On a cluster (`engine.cluster`) each table is a local table on every shard and a
 * Distributed table over them, sharded by a hash of customer_id; each shard is sent its own
 * customers' rows straight to its local table (`route: 'direct'`, the default), split by the
 * Distributed table's own key computed by the server, or all rows go through a Distributed
 * table on the host `url` names (`route: 'distributed'`), which forwards the other shards' part.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorthError } from '../../core/index.ts';
import { targetType } from '../copyTable.ts';
import type { ColumnType, Engine } from '../engine.ts';
import { ClickHouseEngine, type ClusterHost } from './clickhouseEngine.ts';

/** Prefix of a table being loaded, and of a replaced one until it is dropped. */
const NEXT = 'worth_next_';
const PREVIOUS = 'worth_previous_';

/** How {@link loadTablesInto} sends the rows. */
export interface LoadOptions {
  /**
   * On a cluster: `direct` (default) sends each shard its own customers' rows straight to its
   * local table; `distributed` sends every row to the Distributed table on the host `url`
   * names, which forwards the other shards' rows itself (for comparison: bench/clickhouse.ts).
   */
  route?: 'direct' | 'distributed';
  /** Filled as it goes: the bytes of rows sent to each host (by its url), for the benchmark. */
  sent?: Map<string, number>;
  /** Where the rows wait as files on their way (default: the system's temporary folder). */
  tempDir?: string;
}

/** A load in progress: the source, the server, and the folder its files pass through. */
interface Load {
  from: Engine;
  to: ClickHouseEngine;
  dir: string;
  options: LoadOptions;
}

/**
 * Copies `tables` of `from` (a DuckDB database) into `to` and publishes them together; a table
 * `from` does not have is dropped from `to` (a load without returns leaves no old returns
 * behind). Returns the rows loaded per table.
 */
export async function loadTablesInto(
  from: Engine,
  to: Engine,
  tables: readonly string[],
  options: LoadOptions = {},
): Promise<Record<string, number>> {
  if (!(to instanceof ClickHouseEngine))
    throw new Error('loadTablesInto: the target is not a ClickHouse engine');
  if (from.dialect.name !== 'duckdb') throw new Error('loadTablesInto: the source is not a DuckDB database');
  const dir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'worth-load-'));
  const load: Load = { from, to, dir, options };
  try {
    return to.cluster !== undefined
      ? await loadSharded(load, to.cluster, tables)
      : await loadOne(load, tables);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The load on one server: every table into `worth_next_T`, then one RENAME. */
async function loadOne(
  { from, to, dir, options }: Load,
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
        `CREATE TABLE ${q(NEXT + table)} (${cols.map((c) => `${q(c.name)} ${targetType(to, c)}`).join(', ')})`,
      );
      const file = path.join(dir, `${table}.tsv`);
      loaded[table] = await writeTsv(from, table, cols, file);
      await send(to, NEXT + table, file, options.sent);
      await rm(file, { force: true });
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
/** The temporary table (on the host `url` names) of the customer ids whose shard the server says. */
const IDS = 'worth_load_customer_ids';

/** The Distributed tables' sharding key over a column: the server's hash of its text ('' for NULL). */
function shardingKey(q: (name: string) => string, column: string): string {
  return `cityHash64(ifNull(toString(${q(column)}), ''))`;
}

/**
 * The tables loaded onto a cluster. On every host: `worth_next_shard_T` (the shard's rows) and
 * `worth_next_T`, a Distributed table over the shards' `worth_shard_T`. The rows reach the next
 * shard tables straight (`route: 'direct'`) or through `worth_load_T` on this node, a
 * Distributed table over them (`route: 'distributed'`, inserted synchronously: the engine sets
 * `insert_distributed_sync`); both split by `cityHash64(customer_id)` (a customer's rows on one
 * shard). Published on each host in one RENAME (`T` and `worth_shard_T` aside, the next ones in
 * place), host after host: a reader between two hosts' renames can see one shard new and one
 * old. A failure before the renames drops the next tables and leaves the previous load as it was.
 */
async function loadSharded(
  load: Load,
  cluster: string,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const { from, to } = load;
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
  const direct = (load.options.route ?? 'direct') === 'direct';
  try {
    await dropNext();
    const present = new Map<string, ColumnType[]>();
    for (const table of tables) {
      const cols = await from.columnTypes(table);
      if (cols.length > 0) present.set(table, cols);
    }
    const split = direct ? await shardSplit(load, cluster, present) : undefined;
    for (const [table, cols] of present) {
      const byCustomer = cols.some((c) => c.name === 'customer_id');
      const key = byCustomer ? shardingKey(q, 'customer_id') : 'rand()';
      await to.onEveryHost(
        `CREATE TABLE ${q(NEXT_SHARD + table)} (${cols.map((c) => `${q(c.name)} ${targetType(to, c)}`).join(', ')})`,
      );
      await to.onEveryHost(
        `CREATE TABLE ${q(NEXT + table)} AS ${q(NEXT_SHARD + table)} ${distributed(SHARD + table, key)}`,
      );
      if (split) {
        loaded[table] = await sendSplit(load, table, cols, byCustomer, split);
        continue;
      }
      await to.run(
        `CREATE TABLE ${q(LOADING + table)} AS ${q(NEXT_SHARD + table)} ${distributed(NEXT_SHARD + table, key)}`,
      );
      const file = path.join(load.dir, `${table}.tsv`);
      loaded[table] = await writeTsv(from, table, cols, file);
      await send(to, LOADING + table, file, load.options.sent);
      await rm(file, { force: true });
    }
  } catch (e) {
    await dropNext().catch(() => undefined);
    throw e;
  } finally {
    await to.run(`DROP TEMPORARY TABLE IF EXISTS ${q(IDS)}`).catch(() => undefined);
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

/** Which shard each customer's rows go to: the server's own split, as a file DuckDB reads. */
interface ShardSplit {
  /** A CSV file of `id,slot`: each customer id (NULL as '') and its slot, `key % total weight`. */
  slots: string;
  /** Per shard number, its slots (a shard of weight w has w of them, as the Distributed table counts). */
  shardSlots: Map<number, number[]>;
  /** The slot count (the cluster's total weight). */
  total: number;
}

/**
 * The shard of every customer as the Distributed tables place it: the distinct customer ids of
 * the tables sent to the server (a temporary table), their `cityHash64` modulo the cluster's
 * total weight read back as a file, and each shard's slots from its weight in `system.clusters`
 * (18.16 and later give shard i the next `weight` slots, in `remote_servers` order).
 */
async function shardSplit(
  { from, to, dir, options }: Load,
  cluster: string,
  present: Map<string, ColumnType[]>,
): Promise<ShardSplit> {
  const weights = await to.query(
    'SELECT shard_num, any(shard_weight) AS w FROM system.clusters WHERE cluster = $1 GROUP BY shard_num ORDER BY shard_num',
    [cluster],
  );
  const shardSlots = new Map<number, number[]>();
  let total = 0;
  for (const r of weights) {
    const slots: number[] = [];
    for (let i = 0; i < Number(r.w); i++) slots.push(total++);
    shardSlots.set(Number(r.shard_num), slots);
  }
  const slots = path.join(dir, 'slots.csv');
  const withCustomer = [...present].filter(([, cols]) => cols.some((c) => c.name === 'customer_id'));
  if (withCustomer.length === 0) return { slots, shardSlots, total };
  const qd = from.dialect.quoteIdent;
  const ids = path.join(dir, 'ids.tsv');
  const union = withCustomer
    .map(([t]) => `SELECT coalesce(CAST(${qd('customer_id')} AS VARCHAR), '') AS id FROM ${qd(t)}`)
    .join(' UNION ');
  await copyLines(from, `SELECT ${tsvText('id')} FROM (${union})`, ids);
  const q = to.dialect.quoteIdent;
  await to.run(`DROP TEMPORARY TABLE IF EXISTS ${q(IDS)}`);
  await to.run(`CREATE TEMPORARY TABLE ${q(IDS)} (id VARCHAR)`);
  await send(to, IDS, ids, options.sent);
  await rm(ids, { force: true });
  await to.exportQuery(`SELECT id, ${shardingKey(q, 'id')} % ${total} AS slot FROM ${q(IDS)}`, slots, 'csv');
  return { slots, shardSlots, total };
}

/**
 * Sends `table` to the shards, each host its shard's rows (a customer's by the split, a table
 * without customers by row number), all hosts at once. Returns the rows sent (each row once).
 */
async function sendSplit(
  { from, to, dir, options }: Load,
  table: string,
  cols: ColumnType[],
  byCustomer: boolean,
  split: ShardSplit,
): Promise<number> {
  await checkDates(from, table, cols);
  const qd = from.dialect.quoteIdent;
  const slotsTable = `read_csv(${sqlText(split.slots)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'id': 'VARCHAR', 'slot': 'INTEGER'})`;
  const files = new Map<number, string>();
  let rows = 0;
  for (const [shard, slots] of split.shardSlots) {
    const file = path.join(dir, `${table}.${shard}.tsv`);
    const lines = tsvLine(cols, 't.');
    const select = byCustomer
      ? `SELECT ${lines} FROM ${qd(table)} t JOIN ${slotsTable} s ON coalesce(CAST(t.${qd('customer_id')} AS VARCHAR), '') = s.id WHERE s.slot IN (${slots.join(', ')})`
      : `SELECT ${lines} FROM ${qd(table)} t WHERE t.rowid % ${split.total} IN (${slots.join(', ')})`;
    rows += await copyLines(from, select, file);
    files.set(shard, file);
  }
  const [count] = await from.query(`SELECT count(*) AS n FROM ${qd(table)}`);
  if (Number(count?.n) !== rows)
    throw new Error(`loadTablesInto: ${table} split into ${rows} rows of ${String(count?.n)}`);
  const hosts: ClusterHost[] = to.clusterHosts;
  await Promise.all(
    hosts.map((host) => send(to, NEXT_SHARD + table, files.get(host.shard)!, options.sent, host)),
  );
  for (const file of files.values()) await rm(file, { force: true });
  return rows;
}

/** A text as a standard SQL string literal (names in a Distributed table's arguments). */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A path or other text as a DuckDB string literal. */
function sqlText(text: string): string {
  return literal(text);
}

/** A text column TabSeparated-escaped (backslash, tab, newline, carriage return), NULL as `\N`. */
function tsvText(column: string): string {
  const escaped = `replace(replace(replace(replace(${column}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r')`;
  return `coalesce(${escaped}, '\\N')`;
}

/** One TabSeparated line of a row of `cols` (each read as `prefix` + its name), as DuckDB writes it. */
function tsvLine(cols: ColumnType[], prefix = ''): string {
  const field = (c: ColumnType): string => {
    const name = prefix + `"${c.name.replaceAll('"', '""')}"`;
    switch (c.kind) {
      case 'decimal':
      case 'number':
      case 'date':
        // DuckDB's text of a DECIMAL is its exact digits; of a DATE, yyyy-mm-dd; both as ClickHouse reads them.
        return `coalesce(CAST(${name} AS VARCHAR), '\\N')`;
      case 'boolean':
        return `CASE WHEN ${name} IS NULL THEN '\\N' WHEN ${name} THEN '1' ELSE '0' END`;
      case 'text':
      case null:
        return tsvText(`CAST(${name} AS VARCHAR)`);
    }
  };
  return `concat_ws(chr(9), ${cols.map(field).join(', ')})`;
}

/** The rows of `table` written to `file` as TabSeparated lines; returns how many. */
async function writeTsv(from: Engine, table: string, cols: ColumnType[], file: string): Promise<number> {
  await checkDates(from, table, cols);
  return copyLines(from, `SELECT ${tsvLine(cols)} FROM ${from.dialect.quoteIdent(table)}`, file);
}

/** The dates ClickHouse 18.16's `Date` holds (day 0, 1970-01-01, reads back as 0000-00-00). */
const DATE_RANGE = ['1970-01-02', '2105-12-31'] as const;

/**
 * Refuses a table with a date outside {@link DATE_RANGE}: 18.16 parses it into another date
 * without an error (1960-01-01 and 2200-01-01 both become 0000-00-00), so it would be changed
 * without a word. The WorthError names the table, the column and the first such date.
 */
async function checkDates(from: Engine, table: string, cols: ColumnType[]): Promise<void> {
  const qd = from.dialect.quoteIdent;
  for (const c of cols.filter((c) => c.kind === 'date')) {
    const [r] = await from.query(
      `SELECT CAST(min(${qd(c.name)}) AS VARCHAR) AS d FROM ${qd(table)} WHERE ${qd(c.name)} NOT BETWEEN DATE '${DATE_RANGE[0]}' AND DATE '${DATE_RANGE[1]}'`,
    );
    if (r?.d !== null && r?.d !== undefined)
      throw new WorthError('engine', {}, r.d, `a date from ${DATE_RANGE[0]} to ${DATE_RANGE[1]}`, undefined, {
        key: 'clickhouseDateRange',
        vars: { table, column: c.name, date: String(r.d) },
      });
  }
}

/**
 * Writes the one text column of `select` (whole lines, already escaped) to `file`, one line a
 * row, by DuckDB's COPY (in parallel, in its own memory): no quotes, no header. Returns the rows.
 */
async function copyLines(from: Engine, select: string, file: string): Promise<number> {
  const [r] = await from.query(
    `COPY (${select}) TO ${sqlText(file)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\\t')`,
  );
  return Number(r?.Count ?? 0);
}

/** Streams `file` into `table` (on `host` of the cluster, or on the host `url` names); counts the bytes. */
async function send(
  to: ClickHouseEngine,
  table: string,
  file: string,
  sent: Map<string, number> | undefined,
  host?: ClusterHost,
): Promise<void> {
  await to.insertStream(table, createReadStream(file), host);
  if (sent) {
    const url = host?.url ?? 'url';
    sent.set(url, (sent.get(url) ?? 0) + (await stat(file)).size);
  }
}
