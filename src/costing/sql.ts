import type { Engine, SqlValue } from '../warehouse/index.ts';

/**
 * Materialises a query as a table, replacing any table of that name: the pipeline is a
 * sequence of such simple stages (no engine-specific `CREATE OR REPLACE`).
 */
export async function createTableAs(engine: Engine, table: string, select: string, params?: SqlValue[]): Promise<void> {
  const q = engine.dialect.quoteIdent(table);
  await engine.run(`DROP TABLE IF EXISTS ${q}`);
  await engine.run(`CREATE TABLE ${q} AS ${select}`, params);
}

/** Drops tables if they exist. */
export async function dropTables(engine: Engine, tables: string[]): Promise<void> {
  for (const t of tables) await engine.run(`DROP TABLE IF EXISTS ${engine.dialect.quoteIdent(t)}`);
}
