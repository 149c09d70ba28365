/** The warehouse: the engine interface, its dialects, and the DuckDB and ClickHouse engines (the only database clients). */
export type {
  ColumnType,
  CsvSniff,
  CsvSniffOptions,
  Engine,
  Row,
  SqlValue,
  StageCsvOptions,
} from './engine.ts';
export type { Dialect, DatePart, ValueKind } from './dialect.ts';
export { NamedBinder, positionalParams, type NamedParams, type SqlParams } from './sqlParams.ts';
export { quoteIdentStandard } from './dialect.ts';
export { pageWithTotals } from './pageWithTotals.ts';
export { DuckDBEngine } from './duckdb/duckdbEngine.ts';
export { openEngine, openEngineFrom, type EngineOptions } from './openEngine.ts';
export { ENGINES, DEFAULT_ENGINE, type EngineKind, type ConnectionOf } from './engines.ts';
export {
  defineEngine,
  engineSqlTokens,
  findEngine,
  runsCommand,
  sqlFunction,
  type ConformancePart,
  type EngineDescriptor,
  type OpenOptions,
  type SqlToken,
  type WorkspaceCommand,
} from './engineDescriptor.ts';
export { duckdbDialect } from './duckdb/duckdbDialect.ts';
export { ClickHouseEngine, type ClickHouseOptions } from './clickhouse/clickhouseEngine.ts';
export { clickhouseDialect } from './clickhouse/clickhouseDialect.ts';
export { publishServerGeneration } from './serverGeneration.ts';
export {
  clickhouseOptions,
  clickhouseSettingOf,
  type ClickHouseSetting,
} from './clickhouse/clickhouseSetting.ts';
export { loadTablesInto } from './clickhouse/loadTables.ts';
export {
  openWorkspaceDatabase,
  hasWorkspaceDatabase,
  writerMemoryLimit,
  readGeneration,
  DATABASE_FILE,
  GENERATION_TABLE,
  type WorkspaceWrite,
  type WriteOptions,
  type WriteStart,
} from './workspaceDatabase.ts';
export {
  acquireWriterLock,
  writerLockHolder,
  WRITER_LOCK_FILE,
  DEFAULT_WRITE_WAIT_MS,
  type LockOwner,
  type WriterLock,
  type WriterLockOptions,
} from './writerLock.ts';
export { engineFault, type EngineFault } from './duckdb/engineFault.ts';
export { csvSafeText, csvSafeValue, FORMULA_STARTS } from './csvSafe.ts';
export { copyTable } from './copyTable.ts';
