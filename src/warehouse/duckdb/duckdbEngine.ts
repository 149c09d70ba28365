import { appendFileSync } from 'node:fs';
import {
  DOUBLE,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { WorthError } from '../../core/index.ts';
import type {
  ColumnType,
  CsvSniff,
  CsvSniffOptions,
  Engine,
  Row,
  SqlValue,
  StageCsvOptions,
} from '../engine.ts';
import { positionalParams, type SqlParams } from '../sqlParams.ts';
import { duckdbDialect } from './duckdbDialect.ts';

/**
 * WORTH_SQL_TIMING=1 prints each statement's duration and the process's CPU time in it on stderr
 * (for profiling); WORTH_SQL_TIMING=/path/to/file appends the same lines to that file instead.
 */
const TIMING_TO = process.env.WORTH_SQL_TIMING ?? '';
const TIMING = TIMING_TO !== '' && TIMING_TO !== '0';
const timingLine = (line: string) =>
  TIMING_TO === '1' ? process.stderr.write(line) : appendFileSync(TIMING_TO, line);

/** The process's CPU time (DuckDB's threads included) since `c0`, in whole ms. */
const cpuMs = (c0: NodeJS.CpuUsage | undefined) => {
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) / 1000).toFixed(0);
};

const INTEGER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
]);

/**
 * The embedded default engine: one DuckDB database file per workspace (or in memory).
 * Built-in extensions only; anything that would be downloaded fails fast.
 */
export class DuckDBEngine implements Engine {
  readonly dialect = duckdbDialect;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    /** False for a connection made by {@link connect}: it closes only itself. */
    private readonly ownsInstance = true,
  ) {}

  /**
   * Opens (or creates) the database at `path`; `:memory:` for a throw-away database.
   * `readOnly` opens an existing file without write access (several readers may share it).
   * `tempDirectory` is where the engine spills what does not fit in `memoryLimit`.
   */
  static async open(
    path = ':memory:',
    options: { threads?: number; memoryLimit?: string; readOnly?: boolean; tempDirectory?: string } = {},
  ): Promise<DuckDBEngine> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    const instance = await DuckDBInstance.create(path, config);
    const conn = await instance.connect();
    return new DuckDBEngine(instance, conn);
  }

  async run(statement: string, bound?: SqlParams): Promise<void> {
    const { sql, values: params } = positionalParams(statement, bound);
    const t0 = TIMING ? performance.now() : 0;
    const c0 = TIMING ? process.cpuUsage() : undefined;
    try {
      await this.conn.run(sql, params as DuckDBValue[] | undefined, bindTypes(params));
    } catch (e) {
      throw withSql(e, sql);
    }
    if (TIMING)
      timingLine(
        `[sql ${(performance.now() - t0).toFixed(0)} ms, cpu ${cpuMs(c0)} ms] ${(process.env.WORTH_SQL_FULL ? sql : sql.slice(0, 160)).replace(/\s+/g, ' ')}\n`,
      );
  }

  async query(statement: string, bound?: SqlParams): Promise<Row[]> {
    const { sql, values: params } = positionalParams(statement, bound);
    let reader;
    const t0 = TIMING ? performance.now() : 0;
    const c0 = TIMING ? process.cpuUsage() : undefined;
    try {
      reader = await this.conn.runAndReadAll(sql, params as DuckDBValue[] | undefined, bindTypes(params));
    } catch (e) {
      throw withSql(e, sql);
    }
    if (TIMING)
      timingLine(
        `[sql ${(performance.now() - t0).toFixed(0)} ms, cpu ${cpuMs(c0)} ms] ${sql.slice(0, 160).replace(/\s+/g, ' ')}\n`,
      );
    const rows = reader.getRowObjectsJson() as Row[];
    const names = reader.columnNames();
    const bigCols = names.filter((_, i) => INTEGER_TYPES.has(reader.columnTypeId(i)));
    if (bigCols.length) {
      for (const row of rows) {
        for (const c of bigCols) {
          const v = row[c];
          if (typeof v === 'string') {
            const n = Number(v);
            if (Number.isSafeInteger(n)) row[c] = n;
          }
        }
      }
    }
    return rows;
  }

  async queryNumericColumns(statement: string, bound?: SqlParams): Promise<Record<string, Float64Array>> {
    const { sql, values: params } = positionalParams(statement, bound);
    let result;
    try {
      result = await this.conn.run(sql, params as DuckDBValue[] | undefined, bindTypes(params));
    } catch (e) {
      throw withSql(e, sql);
    }
    // Read chunk by chunk, each DOUBLE straight from its vector: converting the whole result to
    // JS values first cost 1.4 s of CPU for 4 columns of 1,000,000 rows.
    const names = result.columnNames();
    const double = names.map((_, i) => result.columnTypeId(i) === DuckDBTypeId.DOUBLE);
    const n = result.rowCount;
    const arrays = names.map(() => new Float64Array(n));
    let at = 0;
    for (let k = 0; k < result.chunkCount; k++) {
      const chunk = result.getChunk(k);
      const rows = chunk.rowCount;
      names.forEach((_, i) => {
        const arr = arrays[i]!;
        if (double[i]) {
          const vector = chunk.getColumnVector(i);
          for (let j = 0; j < rows; j++) {
            const v = vector.getItem(j);
            arr[at + j] = v === null ? Number.NaN : (v as number);
          }
        } else {
          // Other types (integers, decimals) as the JS converter gives them, as before.
          const values = chunk.convertColumnValues(i, JSDuckDBValueConverter);
          for (let j = 0; j < rows; j++) {
            const v = values[j];
            arr[at + j] = v === null || v === undefined ? Number.NaN : Number(v as number | bigint | string);
          }
        }
      });
      at += rows;
    }
    return Object.fromEntries(names.map((name, i) => [name, arrays[i]!]));
  }

  async streamColumns(
    sql: string,
    each: (columns: (Float64Array | (string | null)[])[], rows: number) => void,
    bound?: SqlParams,
  ): Promise<void> {
    const { sql: text, values: params } = positionalParams(sql, bound);
    const t0 = TIMING ? performance.now() : 0;
    const c0 = TIMING ? process.cpuUsage() : undefined;
    let result;
    try {
      result = await this.conn.stream(text, params as DuckDBValue[] | undefined, bindTypes(params));
    } catch (e) {
      throw withSql(e, sql);
    }
    const names = result.columnNames();
    const kinds = names.map((name, i) => {
      const t = result.columnTypeId(i);
      if (t === DuckDBTypeId.DOUBLE) return 'number' as const;
      if (t === DuckDBTypeId.VARCHAR) return 'text' as const;
      throw new Error(`streamColumns: column ${name} is neither DOUBLE nor VARCHAR (${String(t)})`);
    });
    let columns: (Float64Array | (string | null)[])[] = [];
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw withSql(e, sql);
      }
      if (!chunk || chunk.rowCount === 0) {
        // The whole read, the caller's work on each chunk included.
        if (TIMING)
          timingLine(
            `[sql ${(performance.now() - t0).toFixed(0)} ms, cpu ${cpuMs(c0)} ms] (streamed) ${text.slice(0, 160).replace(/\s+/g, ' ')}\n`,
          );
        return;
      }
      const rows = chunk.rowCount;
      if (columns.length === 0 || (columns[0]?.length ?? 0) < rows)
        columns = kinds.map((k) =>
          k === 'number' ? new Float64Array(rows) : new Array<string | null>(rows),
        );
      kinds.forEach((k, i) => {
        const vector = chunk.getColumnVector(i);
        if (k === 'number') {
          const out = columns[i] as Float64Array;
          for (let j = 0; j < rows; j++) out[j] = (vector.getItem(j) as number | null) ?? Number.NaN;
        } else {
          const out = columns[i] as (string | null)[];
          for (let j = 0; j < rows; j++) out[j] = vector.getItem(j) as string | null;
        }
      });
      each(columns, rows);
    }
  }

  async appendColumns(table: string, columns: (Float64Array | (string | null)[])[]): Promise<void> {
    const n = columns[0]?.length ?? 0;
    if (columns.some((c) => c.length !== n))
      throw new Error(`appendColumns(${table}): columns of different lengths`);
    const t0 = TIMING ? performance.now() : 0;
    const c0 = TIMING ? process.cpuUsage() : undefined;
    const appender = await this.conn.createAppender(table);
    try {
      for (let i = 0; i < n; i++) {
        for (const col of columns) {
          const v = col[i];
          if (typeof v === 'number') {
            if (Number.isNaN(v)) appender.appendNull();
            else appender.appendDouble(v);
          } else if (v === null || v === undefined) appender.appendNull();
          else appender.appendVarchar(v);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    if (TIMING)
      timingLine(
        `[sql ${(performance.now() - t0).toFixed(0)} ms, cpu ${cpuMs(c0)} ms] (appended) ${table}: ${n} rows\n`,
      );
  }

  async columns(table: string): Promise<string[]> {
    const rows = await this.query(
      'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [table],
    );
    return rows.map((r) => String(r.column_name));
  }

  async sniffCsv(path: string, options: CsvSniffOptions = {}): Promise<CsvSniff | undefined> {
    const skip = options.skip ? `, skip = ${Math.trunc(options.skip)}` : '';
    const lenient = options.ignoreErrors ? ', ignore_errors = true' : '';
    const row = (
      await this.query(
        `SELECT Delimiter AS d, Quote AS q, HasHeader AS h, SkipRows AS s, list_transform(Columns, c -> c.name) AS names FROM sniff_csv($1${skip}${lenient})`,
        [path],
      )
    )[0];
    if (!row) return undefined;
    const names = row.names as unknown as (string | null)[] | null;
    return {
      delimiter: String(row.d),
      quote: String(row.q ?? ''),
      header: row.h === true,
      skipRows: Number(row.s ?? 0),
      columns: (names ?? []).map((n) => String(n)),
    };
  }

  async columnTypes(table: string): Promise<ColumnType[]> {
    const rows = await this.query(
      'SELECT column_name, data_type, numeric_scale FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [table],
    );
    return rows.map((r) => {
      const type = String(r.data_type);
      const kind = this.dialect.valueKind(type);
      return {
        name: String(r.column_name),
        type,
        kind,
        scale: kind === 'decimal' && typeof r.numeric_scale === 'number' ? r.numeric_scale : null,
      };
    });
  }

  async tableExists(table: string): Promise<boolean> {
    const rows = await this.query(
      'SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1',
      [table],
    );
    return Number(rows[0]?.n) > 0;
  }

  async keepsReadOrder(select: string, params?: SqlParams): Promise<boolean> {
    // DuckDB keeps the order of the rows it writes by their batches (its batch insert) only
    // when every operator of the plan passes the reader's batches on; an IN list of six values
    // or more is planned as a join, after which rows arrive in any order (plain insert).
    const plan = await this.query(`EXPLAIN CREATE TABLE "_worth_order_probe" AS ${select}`, params);
    return plan.some((r) => Object.values(r).some((v) => String(v).includes('BATCH_CREATE_TABLE_AS')));
  }

  async stageCsv(table: string, o: StageCsvOptions): Promise<void> {
    const q = this.dialect.quoteIdent;
    const raw = `${table}__raw`;
    const typed = o.types !== undefined && Object.keys(o.types).length > 0;
    const params: SqlValue[] = [];
    // A view takes no parameters: there the values are written as quoted literals.
    const bind = (v: string) => {
      if (o.lazy === true) return quoteString(v);
      params.push(v);
      return `$${params.length}`;
    };
    const file = bind(o.path);
    const quote = bind(o.quote);
    const opts = [
      `all_varchar = ${!typed}`,
      `header = ${o.header}`,
      `delim = ${bind(o.delimiter)}`,
      `quote = ${quote}`,
      `escape = ${quote}`,
      `skip = ${Math.trunc(o.skipLines)}`,
      "compression = 'auto'",
      'auto_detect = false',
      'strict_mode = true',
      'null_padding = false',
      `ignore_errors = ${o.skipBrokenRecords === true}`,
    ];
    if (typed && !o.columnNames?.length) throw new Error('stageCsv: declared types need the column names');
    if (o.columnNames?.length) {
      // Column names and types cannot be bound as parameters here: they pass the one string-quoting function.
      opts.push(
        `columns = {${o.columnNames.map((n) => `${quoteString(n)}: ${quoteString(o.types?.[n] ?? 'VARCHAR')}`).join(', ')}}`,
      );
    }
    if (o.dateFormat !== undefined) opts.push(`dateformat = ${bind(o.dateFormat)}`);
    if (o.timestampFormat !== undefined) opts.push(`timestampformat = ${bind(o.timestampFormat)}`);
    await this.run(`DROP VIEW IF EXISTS ${q(table)}`);
    await this.run(`DROP TABLE IF EXISTS ${q(raw)}`);
    if (o.lazy === true) {
      await this.run(
        `CREATE TEMP VIEW ${q(table)} AS SELECT CAST(NULL AS BIGINT) AS _rn, * FROM read_csv(${file}, ${opts.join(', ')})`,
      );
      return;
    }
    try {
      await this.conn.run(
        `CREATE TEMP TABLE ${q(raw)} AS SELECT * FROM read_csv(${file}, ${opts.join(', ')})`,
        params as DuckDBValue[],
      );
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const line = /Line: (\d+)/.exec(msg)?.[1];
      throw new WorthError(
        'file_format',
        { file: o.displayName ?? o.path, line: line ? Number(line) : undefined },
        undefined,
        'a readable delimited text file',
        cleanCsvError(msg),
      );
    }
    await this.run(`CREATE TEMP VIEW ${q(table)} AS SELECT rowid + 1 AS _rn, * FROM ${q(raw)}`);
  }

  async stageParquet(table: string, path: string): Promise<void> {
    const q = this.dialect.quoteIdent;
    const raw = `${table}__raw`;
    await this.run(`DROP VIEW IF EXISTS ${q(table)}`);
    await this.run(`DROP TABLE IF EXISTS ${q(raw)}`);
    let names: string[];
    try {
      const described = await this.conn.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [path]);
      names = described.getRowObjectsJson().map((r) => String(r.column_name));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new WorthError(
        'file_format',
        { file: path },
        undefined,
        'a Parquet file',
        `is not a readable Parquet file (${firstLine(msg)})`,
      );
    }
    const cols = names.map((n) => `CAST(${q(n)} AS VARCHAR) AS ${q(n)}`).join(', ');
    await this.run(`CREATE TEMP TABLE ${q(raw)} AS SELECT ${cols} FROM read_parquet($1)`, [path]);
    await this.run(`CREATE TEMP VIEW ${q(table)} AS SELECT rowid + 1 AS _rn, * FROM ${q(raw)}`);
  }

  async exportQuery(
    sql: string,
    path: string,
    format: 'csv' | 'parquet',
    delimiter: ',' | ';' = ',',
  ): Promise<void> {
    const opts = format === 'csv' ? `FORMAT csv, HEADER true, DELIMITER '${delimiter}'` : 'FORMAT parquet';
    await this.run(`COPY (${sql}) TO '${path.replaceAll("'", "''")}' (${opts})`);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.run('COMMIT');
      return out;
    } catch (e) {
      await this.run('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  async connect(): Promise<Engine> {
    return new DuckDBEngine(this.instance, await this.instance.connect(), false);
  }
}

/** Quotes a text as a SQL string literal (only for names that cannot be bound as parameters). */
function quoteString(s: string): string {
  if (s.includes('\u0000')) throw new Error(`text with NUL: ${JSON.stringify(s)}`);
  return `'${s.replaceAll("'", "''")}'`;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}

/** DuckDB's CSV errors are long; keep the part a user can act on. */
function cleanCsvError(msg: string): string {
  const fields = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (fields) {
    // DuckDB stops counting one field past the header, so only a short line's count is exact.
    const [expected, found] = [Number(fields[1]), Number(fields[2])];
    return found > expected
      ? `has more fields than the header's ${expected} columns (expected one field per column; quote values that contain the delimiter)`
      : `has ${found} field${found === 1 ? '' : 's'}, fewer than the header's ${expected} columns (expected one field per column: is the line cut short?)`;
  }
  if (/Expected Number of Columns/.test(msg))
    return 'has a different number of fields than the header (expected one field per column)';
  if (/unterminated quote/i.test(msg))
    return 'has a quote that is never closed (expected quoted values to end with a quote)';
  const lines = msg
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return `cannot be read as configured: ${lines.slice(0, 2).join(' ')}`.slice(0, 400);
}

/** Adds the SQL to a database error so a failing test or a bug report shows what ran. */
function withSql(e: unknown, sql: string): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const err = new Error(`${msg}\n-- while running:\n${sql}`);
  (err as Error & { cause?: unknown }).cause = e;
  return err;
}

/**
 * Types for the bound values that the client would get wrong: it binds a whole JS number as
 * BIGINT, and one beyond 64 bits (a fitted parameter of 4.6e295, a log-likelihood of -1e20)
 * then fails to bind at all. Those are bound as DOUBLE, which they are; every other value keeps
 * the client's own choice (an undefined entry: its `bind` then infers the type as without a
 * list, which test/warehouse/engine.test.ts checks), so no list is made when none needs it.
 */
function bindTypes(params: SqlValue[] | undefined): DuckDBType[] | undefined {
  if (!params?.some(beyondInt64)) return undefined;
  return params.map((v) => (beyondInt64(v) ? DOUBLE : undefined)) as DuckDBType[];
}

function beyondInt64(v: SqlValue): boolean {
  return typeof v === 'number' && Number.isInteger(v) && !(Math.abs(v) < 2 ** 63);
}
