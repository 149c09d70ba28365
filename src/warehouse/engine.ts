import type { SqlParams } from './sqlParams.ts';
import type { Dialect, ValueKind } from './dialect.ts';

/** A value bound to a SQL parameter. Money travels as an exact decimal string. */
export type SqlValue = string | number | boolean | null | bigint;

/**
 * A result row with JSON-safe values: integers up to 2^53 as numbers, BIGINT beyond that
 * and every DECIMAL as exact decimal strings, dates as `yyyy-mm-dd` strings.
 */
export type Row = Record<string, string | number | boolean | null>;

/** One column of a table as the engine's catalogue describes it. */
export interface ColumnType {
  /** Column name. */
  name: string;
  /** The engine's own type name (`DECIMAL(18,2)`, `VARCHAR`; ClickHouse would say `Decimal(18, 2)`, `String`): for messages and spreadsheet styles. */
  type: string;
  /** What the column holds ({@link Dialect.valueKind}); null for a type the read model does not keep. */
  kind: ValueKind | null;
  /** Digits after the decimal point of a `decimal` column; null for the other kinds. */
  scale: number | null;
}

/** Options for reading a delimited text file into a staging table (all columns text). */
export interface StageCsvOptions {
  /** Absolute path of the (UTF-8, optionally gzip-compressed) file. */
  path: string;
  /** Field separator, one character. */
  delimiter: string;
  /** Quote character. */
  quote: string;
  /** Whether the first line holds the column names. */
  header: boolean;
  /** Lines to skip before the header (or the data when there is no header). */
  skipLines: number;
  /** File name for messages (default: the path). */
  displayName?: string;
  /** Column names to use (required when there is no header, and for `types`). */
  columnNames?: string[];
  /**
   * Declared types of some columns (name -> SQL type); the others stay text. Read strictly:
   * one value that does not convert fails the whole read (the caller then reads the file as text).
   */
  types?: Record<string, string>;
  /** strptime layout of the DATE columns in `types`. */
  dateFormat?: string;
  /** strptime layout of the TIMESTAMP columns in `types`. */
  timestampFormat?: string;
  /**
   * Leave out records with another number of fields than the header instead of failing (for
   * a profile of the file; a load keeps them, as rejects, through ingest's record copy).
   */
  skipBrokenRecords?: boolean;
  /**
   * A view over the reader instead of a table: every query on it reads the file (once per
   * query, so one statement that builds the table it needs reads the file once), and `_rn` is
   * NULL, since the reader does not number records (a table built by one statement from the
   * view holds them in file order: `Dialect.insertedRowNumber`). A value the reader refuses
   * fails that query, not this call.
   */
  lazy?: boolean;
}

/**
 * The one interface through which all SQL runs. Only the warehouse folder implements it
 * and imports a database client; everything else speaks SQL through the dialect.
 */
export interface Engine {
  /** The SQL dialect: quoting, capabilities and the functions that differ between engines. */
  readonly dialect: Dialect;
  /** Runs a statement (values bound by position, `$1`, `$2`, ..., or by name, `$name`: {@link SqlParams}). */
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Runs a query and returns all rows as JSON-safe objects. */
  query(sql: string, params?: SqlParams): Promise<Row[]>;
  /** Runs a query and returns its numeric columns as Float64Arrays (fast path for model fitting). */
  queryNumericColumns(sql: string, params?: SqlParams): Promise<Record<string, Float64Array>>;
  /**
   * Runs a query and hands its result to `each` one chunk at a time (at most a few thousand
   * rows), never holding the whole result: a number column (DOUBLE) as a Float64Array (NaN =
   * NULL), a text column (VARCHAR) as strings (null = NULL), in the query's column order. The
   * arrays are reused for the next chunk: copy out what is kept. Other column types are an
   * error (cast them in the query). For reading large tables into typed arrays.
   */
  streamColumns(
    sql: string,
    each: (columns: (Float64Array | (string | null)[])[], rows: number) => void,
    params?: SqlParams,
  ): Promise<void>;
  /**
   * Appends rows to an existing table from columns held in memory: numbers as Float64Array
   * (NaN = NULL, stored into DOUBLE columns), text as string arrays. Column order = the table's.
   */
  appendColumns(table: string, columns: (Float64Array | (string | null)[])[]): Promise<void>;
  /** Column names of a table, in order. */
  columns(table: string): Promise<string[]>;
  /** Whether a table exists. */
  tableExists(table: string): Promise<boolean>;
  /**
   * Whether a table built by one `CREATE TABLE ... AS` of `select` holds its rows in the order
   * the select's reader reads them, as {@link Dialect.insertedRowNumber} takes them to be (false
   * when the engine's plan for it could reorder them: a join, or no row identity at all).
   */
  keepsReadOrder(select: string, params?: SqlParams): Promise<boolean>;
  /**
   * Reads a delimited file into a new temporary table (gone when the connection closes) of
   * VARCHAR columns (those in `types` typed) plus `_rn` (record number, 1-based).
   */
  stageCsv(table: string, options: StageCsvOptions): Promise<void>;
  /** Reads a Parquet file into a new table of VARCHAR columns plus `_rn` (row number, 1-based). */
  stageParquet(table: string, path: string): Promise<void>;
  /**
   * Writes a query's result to a file as CSV (header; `delimiter`, default `,`; numbers as the
   * query gives them) or Parquet.
   */
  exportQuery(sql: string, path: string, format: 'csv' | 'parquet', delimiter?: ',' | ';'): Promise<void>;
  /** Runs `fn` inside a transaction: all of it or none of it. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Closes the connection and the database. */
  close(): Promise<void>;
  /** Another connection to the same database, for reads in parallel; closing it leaves the database open. */
  connect(): Promise<Engine>;
  /** The columns of a table (temporary ones included), in order, with their types; none for a table that does not exist. */
  columnTypes(table: string): Promise<ColumnType[]>;
  /**
   * Guesses how a delimited text file is written (for `worth init`): its delimiter, quote,
   * header and column names, from a sample of its first lines. Undefined for an empty file; an
   * engine error (a file the sniffer cannot make sense of) is thrown as it is, for the caller to word.
   */
  sniffCsv(path: string, options?: CsvSniffOptions): Promise<CsvSniff | undefined>;
}

/** How {@link Engine.sniffCsv} reads a file's sample. */
export interface CsvSniffOptions {
  /** Lines to pass over before the sample (a report's title block); default 0. */
  skip?: number;
  /** Pass over lines with another number of fields than most lines have (default false). */
  ignoreErrors?: boolean;
}

/** What {@link Engine.sniffCsv} found in a delimited text file. */
export interface CsvSniff {
  /** Field separator, one character. */
  delimiter: string;
  /** Quote character ('' when the sample has no quotes). */
  quote: string;
  /** Whether the first line read holds the column names. */
  header: boolean;
  /** Lines passed over before the header (or the data), counting `options.skip`. */
  skipRows: number;
  /** Column names in order (a header field left empty is named `column0`, `column1`, ... by its 0-based place). */
  columns: string[];
}
