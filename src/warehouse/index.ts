/** The warehouse: the engine interface, its dialects, and the DuckDB engine (the only database client). */
export type { Engine, Row, SqlValue, StageCsvOptions } from './engine.ts';
export type { Dialect } from './dialect.ts';
export { quoteIdentStandard } from './dialect.ts';
export { DuckDBEngine } from './duckdb/duckdbEngine.ts';
export { duckdbDialect } from './duckdb/duckdbDialect.ts';
export { engineFault, type EngineFault } from './duckdb/engineFault.ts';
export { csvSafeText, csvSafeValue, FORMULA_STARTS } from './csvSafe.ts';
