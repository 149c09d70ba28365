/** Test helper: a small demo workspace, ingested and analysed, in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze, type AnalysisResult } from '../../src/profit/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

/** An analysed workspace and what `worth analyze --json` printed for it. */
export interface AnalysedWorkspace {
  dir: string;
  result: AnalysisResult;
  remove(): void;
}

/** Writes the demo company with `customers` customers, ingests and analyses it. */
export async function analysedWorkspace(customers = 300, seed = 7): Promise<AnalysedWorkspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'worth-serve-'));
  await writeDemoWorkspace(dir, { customers, seed });
  const ws = loadWorkspace(dir);
  await ingestWorkspace(ws);
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    const result = await analyze(engine, loadCostModel(ws, engine.dialect));
    return {
      dir,
      result: JSON.parse(JSON.stringify(result)) as AnalysisResult,
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    await engine.close();
  }
}
