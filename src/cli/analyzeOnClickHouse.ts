/**
 * `worth analyze` on a workspace whose engine is a ClickHouse server: the cost model, the
 * customer P&L and the analyses run there, on the canonical tables `worth ingest` loaded; the
 * workspace's DuckDB file is not touched. What does not run there yet is said in one sentence.
 */
import { CliError, silentLogger, stderrLogger } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import { analyze, type AnalysisResult } from '../profit/index.ts';
import { publishServerGeneration } from '../warehouse/index.ts';
import type { Workspace } from '../workspace/index.ts';
import { clickhouseSetting, openClickHouse, sayWhereItRuns } from './engineChoice.ts';

/** The analysis on ClickHouse, or undefined where the workspace runs on DuckDB. */
export function analyzeOnClickHouse(ws: Workspace, json: boolean): Promise<AnalysisResult> | undefined {
  const setting = clickhouseSetting(ws);
  if (!setting) return undefined;
  return (async () => {
    const lang = ws.config.language;
    const engine = await openClickHouse(setting);
    sayWhereItRuns(stderrLogger, lang, 'analyzeOnClickHouse', setting);
    try {
      if (!(await engine.tableExists('order_lines')))
        throw new CliError({
          key: 'clickhouseNotLoaded',
          vars: { url: setting.url, database: setting.database },
        });
      const result = await analyze(engine, loadCostModel(ws, engine.dialect), {
        logger: json ? silentLogger : stderrLogger,
        lang,
      });
      // Counted once every result table is in place: a `worth serve` on the workspace opens them then.
      await publishServerGeneration(engine, 'analyze');
      return result;
    } finally {
      await engine.close();
    }
  })();
}
