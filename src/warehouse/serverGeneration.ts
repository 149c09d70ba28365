/**
 * The generation of a server engine's results (ClickHouse), where no file is renamed into place
 * to publish a run as the workspace's DuckDB file is (workspaceDatabase.ts): each finished run
 * adds a row to the same table, `worth_generation`, after its result tables are in place, so a
 * server serving the workspace sees the higher count and opens the new results (and never a
 * count whose tables are still being written). Rows are only added (ClickHouse 18.16 has no
 * UPDATE); the generation is their highest.
 */
import type { Engine } from './engine.ts';
import { GENERATION_TABLE, readGeneration } from './workspaceDatabase.ts';

/** Stores the next generation (the current + 1) as published by `command`; resolves with it. */
export async function publishServerGeneration(engine: Engine, command: string): Promise<number> {
  const table = engine.dialect.quoteIdent(GENERATION_TABLE);
  const next = (await readGeneration(engine)) + 1;
  if (!(await engine.tableExists(GENERATION_TABLE)))
    await engine.run(`CREATE TABLE ${table} (generation BIGINT, command VARCHAR)`);
  await engine.run(`INSERT INTO ${table} VALUES ($1, $2)`, [next, command]);
  return next;
}
