/** Test helper: `worth clv` on an analysed workspace (as the CLI runs it: the workspace's cost of capital and period end). */
import path from 'node:path';
import { loadCostModel } from '../../src/costing/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { runWorkspaceClv, type ClvRunResult } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

/** Runs the workspace CLV on `dir` (after analyze) and returns what `worth clv --json` prints. */
export async function valueWorkspace(dir: string): Promise<ClvRunResult> {
  return withEngine(dir, async (engine) => {
    const ws = loadWorkspace(dir);
    return runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), { discountRate: ws.config.cost_of_capital, calibrationEnd: ws.config.period.end });
  });
}

/** Opens DIR/worth.duckdb, runs `fn`, closes it (open it only while no server holds the file). */
export async function withEngine<T>(dir: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
