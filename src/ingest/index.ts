/** Ingestion: sources -> canonical tables, every row loaded or rejected with a reason, totals reconciled. */
export {
  ingestWorkspace,
  hasDatabase,
  DATABASE_FILE,
  REJECTS_FILE,
  REFUSED_REJECTS_FILE,
  type IngestOptions,
} from './ingest.ts';
export type { IngestReport, SourceRead, TableReconciliation } from './report.ts';
export type { RejectReason, RejectSummary, TableBudget } from './budget.ts';
export { EXCLUSIONS_TABLE, type Exclusion } from './exclusion.ts';
export { LoadRefused } from './guards.ts';
export { formatExclusions, formatReconciliation, formatRejectSummary } from './format.ts';
export { storageType } from './parseSql.ts';
/** A stream transform turning CRLF and lone CR line ends into LF (line numbers stay the same). */
export { toLf } from './scanText.ts';
export { copyAsUtf8, utf16Of, type Utf16 } from './textEncoding.ts';
/** Column names made unique as DuckDB's reader names them (`AMOUNT`, `AMOUNT_1`). */
export { readsOf } from './columnPlan.ts';
