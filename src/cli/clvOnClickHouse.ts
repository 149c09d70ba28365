/**
 * `worth clv` on a workspace whose engine is a ClickHouse server: the per-customer summaries,
 * the holdout split, the margin rates and the segment columns are computed there in SQL, only
 * the per-customer summary comes back here for the fits, and the results (`customer_clv`,
 * `clv_fit`, `clv_segments`, `clv_model_choice`, `clv_diagnostics`, `clv_summary`) are written
 * back there. The whole run is one `Engine.transaction` (`runWorkspaceClv` on an engine without
 * transactions): a run that fails anywhere (a server that goes away halfway) puts back every
 * table it had replaced and drops the ones it made.
 */
import { CliError, stderrLogger } from '../core/index.ts';
import { publishServerGeneration, type Engine } from '../warehouse/index.ts';
import type { Workspace } from '../workspace/index.ts';
import { clickhouseSetting, openClickHouse, sayWhereItRuns } from './engineChoice.ts';

/** The CLV run on ClickHouse (`run` on the server's engine), or undefined where the workspace runs on DuckDB. */
export function clvOnClickHouse<T>(
  ws: Workspace,
  run: (engine: Engine) => Promise<T>,
): Promise<T> | undefined {
  const setting = clickhouseSetting(ws);
  if (!setting) return undefined;
  return (async () => {
    const engine = await openClickHouse(setting);
    sayWhereItRuns(stderrLogger, ws.config.language, 'clvOnClickHouse', setting);
    try {
      if (!(await engine.tableExists('order_lines')))
        throw new CliError({
          key: 'clickhouseNotLoaded',
          vars: { url: setting.url, database: setting.database },
        });
      // the run is one Engine.transaction there (runWorkspaceClv): a failure leaves the previous results
      const result = await run(engine);
      // Counted once every result table is in place: a `worth serve` on the workspace opens them then.
      await publishServerGeneration(engine, 'clv');
      return result;
    } finally {
      await engine.close();
    }
  })();
}
