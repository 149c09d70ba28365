/**
 * The `worth analyze --json` result, stored as one JSON row in the workspace database, so
 * readers (the HTTP API, the report) show exactly the figures the analysis printed without
 * running it again.
 */
import { createTableAs } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { AnalysisResult } from './analyze.ts';

/** The table holding the last analysis result (one row, column `result_json`). */
export const SUMMARY_TABLE = 'analysis_summary';

/** Replaces the stored result (call inside the analysis transaction). */
export async function storeAnalysisSummary(engine: Engine, result: AnalysisResult): Promise<void> {
  await createTableAs(engine, SUMMARY_TABLE, 'SELECT CAST($1 AS VARCHAR) AS result_json', [
    JSON.stringify(result),
  ]);
}

/** Reads the stored result of the last `worth analyze`; null when the workspace has not been analysed. */
export async function readAnalysisSummary(engine: Engine): Promise<AnalysisResult | null> {
  if (!(await engine.tableExists(SUMMARY_TABLE))) return null;
  const [row] = await engine.query(`SELECT result_json FROM ${engine.dialect.quoteIdent(SUMMARY_TABLE)}`);
  return row ? (JSON.parse(String(row.result_json)) as AnalysisResult) : null;
}
