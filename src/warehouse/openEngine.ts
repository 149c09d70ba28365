/**
 * The one place an engine is opened: stages, commands and the server ask for an `Engine`
 * here and never name a database client: DuckDB (embedded, the default) or a ClickHouse server.
 */
import { unreachable } from '../core/index.ts';
import { ClickHouseEngine, type ClickHouseOptions } from './clickhouse/clickhouseEngine.ts';
import { DuckDBEngine } from './duckdb/duckdbEngine.ts';
import type { Engine } from './engine.ts';

/** Where and how to open an engine. */
export interface EngineOptions {
  /** The engine (default `duckdb`). */
  kind?: 'duckdb' | 'clickhouse';
  /** Server, database and login for `clickhouse` (required for it). */
  clickhouse?: ClickHouseOptions;
  /** Database file; absent: a temporary in-memory database. */
  path?: string;
  /** Open for reading only (any number of readers may share the file). */
  readOnly?: boolean;
  /** Memory the engine may use, e.g. `4GB`. */
  memoryLimit?: string;
  /** Where the engine spills what does not fit in `memoryLimit` (default: beside the database file). */
  tempDirectory?: string;
}

/** Opens an engine as `options` say. */
export async function openEngine(options: EngineOptions = {}): Promise<Engine> {
  const kind = options.kind ?? 'duckdb';
  switch (kind) {
    case 'duckdb':
      return DuckDBEngine.open(options.path ?? ':memory:', {
        ...(options.readOnly ? { readOnly: true } : {}),
        ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
        ...(options.tempDirectory ? { tempDirectory: options.tempDirectory } : {}),
      });
    case 'clickhouse':
      if (!options.clickhouse) throw new Error('openEngine: kind clickhouse needs its clickhouse options');
      return ClickHouseEngine.open(options.clickhouse);
    default:
      return unreachable(kind, 'engine');
  }
}
