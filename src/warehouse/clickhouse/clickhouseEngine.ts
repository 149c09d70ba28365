/**
 * The ClickHouse engine over the official HTTP client (`@clickhouse/client`). Results are read
 * as TabSeparatedWithNamesAndTypes: every value arrives as the server's own text, so a Decimal
 * is exact (JSON formats give it as a binary float on 18.16) and each column's type says how to
 * read it. One HTTP session per engine holds its temporary tables, as a DuckDB connection does.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { WorthError } from '../../core/index.ts';
import type { ColumnType, CsvSniff, CsvSniffOptions, Engine, Row, StageCsvOptions } from '../engine.ts';
import { positionalParams, type SqlParams } from '../sqlParams.ts';
import { clickhouseDialect } from './clickhouseDialect.ts';
import { clickhouseFault, sessionStillHeld, type FaultContext } from './clickhouseFault.ts';
import { stageCsvClickHouse } from './stageCsv.ts';
import { toClickHouseSql, type TableNames } from './standardSql.ts';

/** Where and as whom to reach a ClickHouse server. */
export interface ClickHouseOptions {
  /** HTTP endpoint, e.g. `http://127.0.0.1:8123`. */
  url: string;
  /** Database the tables live in. */
  database: string;
  /** User name. */
  user: string;
  /** The password itself (read from the environment variable worth.yaml names; never logged). */
  password: string;
  /** The environment variable the password came from, for messages (the password is never shown). */
  passwordEnv?: string;
  /**
   * The cluster (in the servers' `remote_servers`) the canonical tables are sharded over: a
   * local table on every shard and a Distributed table over them; absent: one node.
   */
  cluster?: string;
}

/** A host of the cluster, reached over HTTP on the same port and scheme as the engine's `url`. */
export interface ClusterHost {
  /** The shard's number in `remote_servers` (from 1). */
  shard: number;
  /** The host as `remote_servers` names it. */
  host: string;
  /** Its HTTP endpoint. */
  url: string;
}

/** How long the server keeps an idle session (and its temporary tables), in seconds. */
export const SESSION_TIMEOUT_SECONDS = 3600;

/** A logger that says nothing: the client's own messages carry stacks and SQL. */
class SilentLogger {
  trace(): void {}
  debug(): void {}
  info(): void {}
  warn(): void {}
  error(): void {}
}

/** Reads TSV-escaped text (`\t`, `\n`, `\\`, ...). */
function unescapeTsv(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.)/g, (_, c: string) => {
    switch (c) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case '0':
        return '\0';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      default:
        return c;
    }
  });
}

/** Writes text TSV-escaped, for inserts. */
function escapeTsv(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** One value of a result column, read by its ClickHouse type, as a JSON-safe value. */
function readValue(raw: string, type: string): string | number | boolean | null {
  if (raw === '\\N') return null;
  const t = type.replace(/^Nullable\((.*)\)$/, '$1').replace(/^LowCardinality\((.*)\)$/, '$1');
  // 18.16 has no Bool: a comparison and a BOOLEAN column are UInt8 0/1, read as false/true; a
  // small whole number (a literal `2 AS kind` is UInt8 too) above 1 stays a number, and
  // Number(true) is 1, so code that reads it as a number gets 0, 1, 2 alike.
  // A list of text (Dialect.firstValues, distinctValues) comes back as DuckDB's lists do: an array.
  if (/^Array\((Nullable\()?String\)?\)$/.test(t))
    return readTextArray(unescapeTsv(raw)) as unknown as string;
  if (t === 'UInt8') return raw === '0' ? false : raw === '1' ? true : Number(raw);
  if (/^U?Int(8|16|32|64)$/.test(t)) {
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : raw;
  }
  if (/^Float(32|64)$/.test(t)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  return unescapeTsv(raw);
}

/** ClickHouse's text form of an array of strings (`['a','b\\'c',NULL]`) read into its values. */
function readTextArray(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 1;
  while (i < text.length - 1) {
    if (text.startsWith('NULL', i)) {
      out.push(null);
      i += 4;
    } else if (text[i] === "'") {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\') i += 1;
        value += text[i] ?? '';
        i += 1;
      }
      out.push(value);
      i += 1;
    }
    if (text[i] === ',') i += 1;
    else if (i < text.length - 1) throw new Error(`unexpected array text from ClickHouse at ${i}`);
  }
  return out;
}

/** A TSV result with names and types: its rows as JSON-safe objects. */
function parseTsv(body: string): Row[] {
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2) return [];
  const names = lines[0]!.split('\t').map(unescapeTsv);
  const types = lines[1]!.split('\t').map(unescapeTsv);
  return lines.slice(2).map((line) => {
    const cells = line.split('\t');
    const row: Row = {};
    names.forEach((n, i) => (row[n] = readValue(cells[i] ?? '\\N', types[i]!)));
    return row;
  });
}

/** The ClickHouse engine: one HTTP session (its temporary tables) on one database. */
export class ClickHouseEngine implements Engine {
  readonly dialect = clickhouseDialect;

  /** The cluster's hosts and a client for each (empty on one node). */
  private hosts: { host: ClusterHost; client: ClickHouseClient }[] = [];
  /** Inside {@link transaction}: the tables there before, and those dropped since (renamed aside). */
  private undo: { before: Set<string>; aside: Map<string, string> } | undefined;

  private constructor(
    private readonly client: ClickHouseClient,
    private readonly options: ClickHouseOptions,
  ) {}

  /**
   * Connects and checks the server answers as this user on this database; on a cluster also
   * that the cluster exists and every one of its hosts answers (a WorthError otherwise, before
   * anything is changed).
   */
  static async open(options: ClickHouseOptions): Promise<ClickHouseEngine> {
    const engine = new ClickHouseEngine(ClickHouseEngine.client(options), options);
    try {
      await engine.query('SELECT 1 AS ok');
      if (options.cluster !== undefined) await engine.joinCluster(options.cluster);
    } catch (e) {
      await engine.close();
      throw e;
    }
    return engine;
  }

  private static client(o: ClickHouseOptions, url = o.url, session = true): ClickHouseClient {
    return createClient({
      url,
      username: o.user,
      password: o.password,
      database: o.database,
      ...(session ? { session_id: randomUUID() } : {}),
      application: 'worth',
      // A statement of analyze on tens of millions of rows runs for minutes; the client's default
      // (30 s without a byte) would give up while the server goes on, and the session stays locked
      // by that query (code 373) for the next statement. A server that does not answer at all is
      // still told at once (the connection is refused).
      request_timeout: 30 * 60 * 1000,
      log: { LoggerClass: SilentLogger, level: ClickHouseLogLevel.OFF },
      clickhouse_settings: {
        // The session (its temporary tables) outlives a pause of an hour, the most a server
        // allows by default (`max_session_timeout`): the server's default is 60 s without a
        // request, and `worth clv` fits its models here between statements (minutes at a million
        // customers on a busy machine), after which its temporary tables were gone.
        ...(session ? { session_timeout: String(SESSION_TIMEOUT_SECONDS) } : {}),
        // On a cluster an INSERT into a Distributed table returns once every shard has its rows
        // (by default it queues them and returns at once: a load could be "done" and not readable).
        ...(o.cluster !== undefined ? { insert_distributed_sync: 1 } : {}),
      },
    });
  }

  /** Reads the cluster's hosts from `system.clusters` and checks each answers. */
  private async joinCluster(cluster: string): Promise<void> {
    const rows = await this.query(
      'SELECT shard_num, host_name FROM system.clusters WHERE cluster = $1 ORDER BY shard_num, replica_num',
      [cluster],
    );
    if (rows.length === 0)
      throw new WorthError(
        'engine',
        { path: 'engine.cluster' },
        cluster,
        'a cluster the server names',
        undefined,
        {
          key: 'clickhouseNoCluster',
          vars: { url: this.options.url, cluster },
        },
      );
    for (const r of rows) {
      const url = new URL(this.options.url);
      url.hostname = String(r.host_name);
      const host: ClusterHost = { shard: Number(r.shard_num), host: String(r.host_name), url: url.origin };
      this.hosts.push({ host, client: ClickHouseEngine.client(this.options, host.url, false) });
    }
    await this.onEveryHost('SELECT 1');
  }

  /** The cluster the canonical tables are sharded over, or undefined on one node. */
  get cluster(): string | undefined {
    return this.options.cluster;
  }

  /** The cluster's hosts (empty on one node). */
  get clusterHosts(): ClusterHost[] {
    return this.hosts.map((h) => h.host);
  }

  /**
   * Runs a statement on every host of the cluster, each on its own (the shards' own tables are
   * made this way: `ON CLUSTER` needs ZooKeeper, which a cluster need not have). A host that
   * does not answer is the WorthError `clickhouseShardDown`.
   */
  async onEveryHost(sql: string): Promise<void> {
    for (const { host } of this.hosts) await this.onHost(host, sql);
  }

  /** Runs a statement on one host of the cluster (see {@link onEveryHost}). */
  async onHost(host: ClusterHost, sql: string): Promise<void> {
    const statement = toClickHouseSql(sql);
    try {
      await this.hostClient(host).command({ query: statement });
    } catch (e) {
      throw clickhouseFault(e, { ...this.faultContext(), url: host.url, shard: host }, statement);
    }
  }

  /** Runs a query on one host of the cluster: its own tables, e.g. a shard's rows. */
  async queryOnHost(host: ClusterHost, sql: string): Promise<Row[]> {
    const statement = toClickHouseSql(sql);
    try {
      const r = await this.hostClient(host).exec({
        query: `${statement}\nFORMAT TabSeparatedWithNamesAndTypes`,
      });
      const chunks: Buffer[] = [];
      for await (const c of r.stream) chunks.push(c as Buffer);
      return parseTsv(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      throw clickhouseFault(e, { ...this.faultContext(), url: host.url, shard: host }, statement);
    }
  }

  private hostClient(host: ClusterHost): ClickHouseClient {
    const found = this.hosts.find((h) => h.host === host);
    if (!found) throw new Error(`not a host of this engine's cluster: ${host.url}`);
    return found.client;
  }

  /** What a fault names: the connection, and on a cluster its hosts. */
  private faultContext(): FaultContext {
    return {
      url: this.options.url,
      user: this.options.user,
      database: this.options.database,
      ...(this.options.passwordEnv !== undefined ? { passwordEnv: this.options.passwordEnv } : {}),
      ...(this.options.cluster !== undefined
        ? { cluster: this.options.cluster, hosts: this.clusterHosts }
        : {}),
    };
  }

  /** Runs one statement and gives the response's text; a failure becomes the user's words. */
  private async text(sql: string, params: SqlParams | undefined, format: string): Promise<string> {
    const statement = await this.translate(sql, params);
    try {
      const r = await inSession(() => this.client.exec({ query: `${statement}\nFORMAT ${format}` }));
      const chunks: Buffer[] = [];
      for await (const c of r.stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    } catch (e) {
      throw clickhouseFault(e, this.faultContext(), statement);
    }
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    if (this.undo && (await this.setAside(sql))) return;
    const statement = await this.translate(sql, params);
    try {
      await inSession(() => this.client.command({ query: statement }));
    } catch (e) {
      throw clickhouseFault(e, this.faultContext(), statement);
    }
  }

  async query(sql: string, params?: SqlParams): Promise<Row[]> {
    return parseTsv(await this.text(sql, params, 'TabSeparatedWithNamesAndTypes'));
  }

  async queryNumericColumns(sql: string, params?: SqlParams): Promise<Record<string, Float64Array>> {
    const rows = await this.query(sql, params);
    const out: Record<string, Float64Array> = {};
    const names = rows.length > 0 ? Object.keys(rows[0]!) : [];
    for (const n of names) out[n] = Float64Array.from(rows, (r) => (r[n] === null ? NaN : Number(r[n])));
    return out;
  }

  async streamColumns(
    sql: string,
    each: (columns: (Float64Array | (string | null)[])[], rows: number) => void,
    params?: SqlParams,
  ): Promise<void> {
    // First increment: the result is read whole, then handed over in chunks of 2048 rows.
    const rows = await this.query(sql, params);
    const names = rows.length > 0 ? Object.keys(rows[0]!) : [];
    for (let at = 0; at < rows.length; at += 2048) {
      const part = rows.slice(at, at + 2048);
      each(
        names.map((n) =>
          typeof part.find((r) => r[n] !== null)?.[n] === 'number'
            ? Float64Array.from(part, (r) => (r[n] === null ? NaN : Number(r[n])))
            : part.map((r) => (r[n] === null ? null : String(r[n]))),
        ),
        part.length,
      );
    }
  }

  async appendColumns(table: string, columns: (Float64Array | (string | null)[])[]): Promise<void> {
    const n = columns[0]?.length ?? 0;
    const lines: string[] = [];
    for (let i = 0; i < n; i++)
      lines.push(
        columns
          .map((c) => {
            const v = c[i];
            if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '\\N';
            return typeof v === 'number' ? String(v) : escapeTsv(v);
          })
          .join('\t'),
      );
    await this.insertTsv(table, lines.join('\n') + (n > 0 ? '\n' : ''));
  }

  /** Inserts TSV text into a table (values read by the column types, exactly). */
  private async insertTsv(table: string, body: string): Promise<void> {
    const statement = `INSERT INTO ${this.dialect.quoteIdent(table)} FORMAT TabSeparated`;
    try {
      await inSession(() =>
        this.client.exec({ query: statement, values: Readable.from([Buffer.from(body, 'utf8')]) }),
      );
    } catch (e) {
      throw clickhouseFault(e, this.faultContext(), statement);
    }
  }

  /**
   * Streams rows written as TabSeparated from `body` into `table`, on this server or on one host
   * of the cluster (a shard's own table): the body is read as the server takes it, never held
   * whole (the bulk load, loadTables.ts). A refusal is said as any other (clickhouseFault).
   */
  async insertStream(table: string, body: Readable, host?: ClusterHost): Promise<void> {
    const statement = `INSERT INTO ${this.dialect.quoteIdent(table)} FORMAT TabSeparated`;
    try {
      // Blocks of 256Ki rows (not 18.16's 1Mi): the server stops reading while it writes (and on
      // a Distributed table forwards) a block, and a pause past the client's request timeout
      // (30 s without a byte) would end the load on a busy machine.
      const r = await (host ? this.hostClient(host) : this.client).exec({
        query: statement,
        values: body,
        clickhouse_settings: { max_insert_block_size: '262144' },
      });
      for await (const _ of r.stream);
    } catch (e) {
      body.destroy();
      throw clickhouseFault(
        e,
        host ? { ...this.faultContext(), url: host.url, shard: host } : this.faultContext(),
        statement,
      );
    }
  }

  async columns(table: string): Promise<string[]> {
    return (await this.columnTypes(table)).map((c) => c.name);
  }

  async tableExists(table: string): Promise<boolean> {
    const q = this.dialect.quoteIdent(table);
    const [temporary] = await this.query(`EXISTS TEMPORARY TABLE ${q}`);
    if (temporary && Object.values(temporary)[0] === true) return true;
    const [permanent] = await this.query(`EXISTS TABLE ${q}`);
    return Boolean(permanent && Object.values(permanent)[0] === true);
  }

  /** ClickHouse tables have no row identity (`Dialect.supportsRowIdentity`): never. */
  async keepsReadOrder(): Promise<boolean> {
    return false;
  }

  async columnTypes(table: string): Promise<ColumnType[]> {
    if (!(await this.tableExists(table))) return [];
    const rows = await this.query(`DESCRIBE TABLE ${this.dialect.quoteIdent(table)}`);
    return rows.map((r) => {
      const type = String(r.type);
      const kind = this.dialect.valueKind(type);
      const scale = kind === 'decimal' ? Number(/, ?(\d+)\)+$/.exec(type)?.[1] ?? 0) : null;
      return { name: String(r.name), type, kind, scale };
    });
  }

  /** Not yet: `worth init --from` sniffs an export on the embedded engine (issue 16). */
  async sniffCsv(path: string, _options?: CsvSniffOptions): Promise<CsvSniff | undefined> {
    throw notYet(path, 'sniffing a delimited file (worth init --from runs on DuckDB)');
  }

  async stageCsv(table: string, o: StageCsvOptions): Promise<void> {
    await stageCsvClickHouse(this, (t, body) => this.insertTsv(t, body), table, o);
  }

  async stageParquet(_table: string, path: string): Promise<void> {
    throw notYet(path, 'Parquet (ClickHouse 18.16 has no Parquet format)');
  }

  async exportQuery(
    sql: string,
    path: string,
    format: 'csv' | 'parquet',
    delimiter: ',' | ';' = ',',
  ): Promise<void> {
    if (format === 'parquet') throw notYet(path, 'Parquet (ClickHouse 18.16 has no Parquet format)');
    const statement = toClickHouseSql(sql, [], undefined, await this.clusterOptions(sql));
    try {
      const r = await this.client.exec({
        query: `${statement}\nFORMAT CSVWithNames`,
        clickhouse_settings: { format_csv_delimiter: delimiter },
      });
      await pipeline(r.stream, createWriteStream(path));
    } catch (e) {
      throw clickhouseFault(e, this.faultContext(), statement);
    }
  }

  /**
   * No transactions in ClickHouse: a failure drops the tables made since the start, and puts
   * back the tables dropped since (a `DROP TABLE` of an older table inside is a rename aside,
   * dropped for good when `fn` succeeds), so a failed `analyze` leaves the previous results.
   * Rows added to older tables stay (see Dialect.supportsTransactions).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.undo) return fn();
    const before = new Set(await this.tableNames());
    const undo = { before, aside: new Map<string, string>() };
    this.undo = undo;
    const q = this.dialect.quoteIdent;
    try {
      const result = await fn();
      this.undo = undefined;
      for (const aside of undo.aside.values()) await this.run(`DROP TABLE IF EXISTS ${q(aside)}`);
      return result;
    } catch (e) {
      this.undo = undefined;
      const kept = new Set(undo.aside.values());
      for (const [name, temporary] of await this.tableNamesWithKind())
        if (!before.has(name) && !kept.has(name))
          await this.run(`DROP ${temporary ? 'TEMPORARY ' : ''}TABLE IF EXISTS ${q(name)}`);
      for (const [name, aside] of undo.aside) {
        await this.run(`DROP TABLE IF EXISTS ${q(name)}`);
        await this.run(`RENAME TABLE ${q(aside)} TO ${q(name)}`);
      }
      throw e;
    }
  }

  /**
   * Inside a transaction, `DROP TABLE [IF EXISTS] name` of a table that was there before it
   * renames the table aside instead (once); true when done so.
   */
  private async setAside(sql: string): Promise<boolean> {
    const m =
      /^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?("(?:[^"\\]|\\.)+"|[A-Za-z_][A-Za-z0-9_]*)\s*;?\s*$/i.exec(sql);
    if (!m || !this.undo) return false;
    const quoted = m[1]!;
    const name = quoted.startsWith('"') ? quoted.slice(1, -1).replace(/\\(.)/g, '$1') : quoted;
    // A table made since the start (or made again after its older self went aside) is dropped for good.
    if (!this.undo.before.has(name) || this.undo.aside.has(name)) return false;
    if (!(await this.permanentTableExists(name))) return false;
    const aside = `worth_undo_${this.undo.aside.size}_${name}`.slice(0, 200);
    const q = this.dialect.quoteIdent;
    await this.run(`DROP TABLE IF EXISTS ${q(aside)}`);
    await this.run(`RENAME TABLE ${q(name)} TO ${q(aside)}`);
    this.undo.aside.set(name, aside);
    return true;
  }

  /** Whether a table (not a temporary one) of this name is in the database. */
  private async permanentTableExists(name: string): Promise<boolean> {
    const [row] = await this.query(
      'SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = $1',
      [name],
    );
    return Number(row?.n ?? 0) > 0;
  }

  /** Standard SQL as this server runs it (names qualified inside `CREATE TEMPORARY TABLE ... AS`). */
  private async translate(statement: string, bound: SqlParams | undefined): Promise<string> {
    const { sql, values } = positionalParams(statement, bound);
    const names = /^\s*CREATE\s+TEMP(ORARY)?\s+TABLE\b/i.test(sql) ? await this.tableNamesFor() : undefined;
    return toClickHouseSql(sql, values ?? [], names, await this.clusterOptions(sql));
  }

  /** On a cluster: the Distributed tables of the database, as a statement may name them. */
  private async clusterOptions(sql: string): Promise<{ distributed?: ReadonlySet<string> }> {
    if (this.options.cluster === undefined) return {};
    if (!/\b(JOIN|IN)\b/i.test(sql)) return { distributed: new Set() };
    const rows = await this.query(
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'Distributed'",
    );
    return {
      distributed: new Set(rows.flatMap((r) => [String(r.name), this.dialect.quoteIdent(String(r.name))])),
    };
  }

  /** The database and this session's temporary tables, for {@link toClickHouseSql}. */
  private async tableNamesFor(): Promise<TableNames> {
    const temporary = (await this.tableNamesWithKind()).filter(([, t]) => t).map(([n]) => n);
    return {
      database: this.dialect.quoteIdent(this.options.database),
      temporary: new Set(temporary.flatMap((n) => [n, this.dialect.quoteIdent(n)])),
    };
  }

  private async tableNamesWithKind(): Promise<[string, boolean][]> {
    const rows = await this.query(
      'SELECT name, is_temporary FROM system.tables WHERE database = currentDatabase() OR is_temporary = 1',
    );
    return rows.map((r) => [String(r.name), r.is_temporary === true]);
  }

  private async tableNames(): Promise<string[]> {
    return (await this.tableNamesWithKind()).map(([n]) => n);
  }

  async close(): Promise<void> {
    for (const { client } of this.hosts) await client.close();
    this.hosts = [];
    await this.client.close();
  }

  async connect(): Promise<Engine> {
    return ClickHouseEngine.open(this.options);
  }
}

/** What the ClickHouse engine cannot do yet, as one sentence naming the file. */
function notYet(file: string, what: string): WorthError {
  return new WorthError(
    'engine',
    { file },
    undefined,
    'an engine that can do it',
    `needs ${what}, which Worth does not do on ClickHouse yet (use engine: duckdb)`,
  );
}

/** Times a statement is sent while the session is still held by the previous one, and the wait before each (ms, growing). */
const SESSION_TRIES = 8;
const SESSION_WAIT_MS = 25;

/**
 * Sends a statement on the engine's session, again (after a short wait) while the server says
 * the session is still held by the previous statement (`sessionStillHeld`: 18.16 releases it
 * only after its answer is sent); any other failure is passed on at once.
 */
async function inSession<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (!sessionStillHeld(e) || attempt >= SESSION_TRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, SESSION_WAIT_MS * attempt));
    }
  }
}
