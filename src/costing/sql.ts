import type { Engine, NamedParams, SqlParams, SqlValue } from '../warehouse/index.ts';

/**
 * Materialises a query as a table, replacing any table of that name: the pipeline is a
 * sequence of such simple stages (no engine-specific `CREATE OR REPLACE`).
 */
export async function createTableAs(
  engine: Engine,
  table: string,
  select: string,
  params?: SqlParams,
): Promise<void> {
  const q = engine.dialect.quoteIdent(table);
  await engine.run(`DROP TABLE IF EXISTS ${q}`);
  await engine.run(`CREATE TABLE ${q} AS ${select}`, params);
}

/**
 * Materialises a work table of one run: temporary (in memory, spilled if needed, never
 * written into the workspace file) and dropped by the caller when done.
 */
export async function createWorkTable(
  engine: Engine,
  table: string,
  select: string,
  params?: SqlParams,
): Promise<void> {
  const q = engine.dialect.quoteIdent(table);
  await engine.run(`DROP TABLE IF EXISTS ${q}`);
  await engine.run(`CREATE TEMPORARY TABLE ${q} AS ${select}`, params);
}

/** Drops tables if they exist. */
export async function dropTables(engine: Engine, tables: string[]): Promise<void> {
  for (const t of tables) await engine.run(`DROP TABLE IF EXISTS ${engine.dialect.quoteIdent(t)}`);
}

/** A per-customer table to join, and which of its columns to take (source name, output name). */
export interface CustomerPart {
  table: string;
  columns: [string, string][];
  /**
   * Instead of the table as it is: a SELECT over it giving customer_id and the source
   * columns, binding `params` by name (names of its own, so parts join in one statement).
   */
  select?: string;
  params?: NamedParams;
}

/**
 * Materialises, as a work table, `base` (one row per customer; its `keep` columns too) with
 * the columns of each per-customer part (LEFT JOIN on customer_id; missing values stay NULL),
 * optionally through a `project`ion (a SELECT list over the joined columns). One statement
 * where the engine joins many tables at once; otherwise a chain of one-JOIN stages.
 */
export async function joinOnCustomer(
  engine: Engine,
  target: string,
  base: string,
  parts: CustomerPart[],
  keep: string[] = [],
  project?: string,
): Promise<void> {
  // The result is a work table; so are the stages of the chain.
  const createTableAs = createWorkTable;
  const q = engine.dialect.quoteIdent;
  const baseCols = ['customer_id', ...keep].map((c) => `b.${q(c)}`).join(', ');
  const take = (alias: string, p: CustomerPart) =>
    p.columns.map(([src, out]) => `${alias}.${q(src)} AS ${q(out)}`);
  const source = (p: CustomerPart) => (p.select ? `(${p.select})` : q(p.table));
  if (engine.dialect.supportsMultipleJoins || parts.length <= 1) {
    const cols = parts.flatMap((p, i) => take(`p${i}`, p));
    const params: Record<string, SqlValue> = {};
    const joins = parts
      .map((p, i) => {
        for (const [name, value] of Object.entries(p.params ?? {})) {
          if (Object.hasOwn(params, name))
            throw new Error(`joinOnCustomer: parameter $${name} bound by two parts`);
          params[name] = value;
        }
        return ` LEFT JOIN ${source(p)} p${i} ON p${i}.customer_id = b.customer_id`;
      })
      .join('');
    const joined = `SELECT ${baseCols}${cols.map((c) => `, ${c}`).join('')} FROM ${q(base)} b${joins}`;
    await createTableAs(
      engine,
      target,
      project ? `SELECT ${project} FROM (${joined}) j` : joined,
      Object.keys(params).length ? params : undefined,
    );
    return;
  }
  let from = base;
  let kept: string[] = [...keep];
  for (const [i, p] of parts.entries()) {
    const stage = i === parts.length - 1 && !project ? target : `${target}__${i}`;
    const prev = kept.map((c) => `, b.${q(c)}`).join('');
    await createTableAs(
      engine,
      stage,
      `SELECT b.customer_id${prev}, ${take('p', p).join(', ')} FROM ${q(from)} b LEFT JOIN ${source(p)} p ON p.customer_id = b.customer_id`,
      p.params,
    );
    if (from !== base) await engine.run(`DROP TABLE ${q(from)}`);
    kept = [...kept, ...p.columns.map(([, out]) => out)];
    from = stage;
  }
  if (project) {
    await createTableAs(engine, target, `SELECT ${project} FROM ${q(from)}`);
    if (from !== base) await engine.run(`DROP TABLE ${q(from)}`);
  }
}
