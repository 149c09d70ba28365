/** Test helper: `worth clv` on an analysed workspace (as the CLI runs it: the workspace's cost of capital and period end). */
import path from 'node:path';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { runWorkspaceClv, type ClvRunResult } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

/** Runs the workspace CLV on `dir` (after analyze) and returns what `worth clv --json` prints. */
export async function valueWorkspace(dir: string): Promise<ClvRunResult> {
  return withEngine(dir, async (engine) => {
    const ws = loadWorkspace(dir);
    return runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), {
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
    });
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

/** Writes the demo company into `dir`, then ingests, analyses and values it (what `worth start` does before the report). */
export async function writeValuedDemo(dir: string, customers: number, seed: number): Promise<void> {
  await writeDemoWorkspace(dir, { customers, seed });
  const ws = loadWorkspace(dir);
  await ingestWorkspace(ws);
  await withEngine(dir, async (engine) => {
    const model = loadCostModel(ws, engine.dialect);
    await analyze(engine, model, {});
    await runWorkspaceClv(engine, model, {
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
    });
  });
}
