/**
 * Test helper: what the parity tests read back from each engine, the same way on both: every
 * customer's cost per activity from a costing result, and a table's rows in DuckDB's columns.
 */
import type { CostingResult } from '../../../src/costing/index.ts';
import type { Engine, Row } from '../../../src/warehouse/index.ts';

/** Each customer's cost per activity from a costing result: `activity -> customer -> money`. */
export async function costsByCustomer(
  engine: Engine,
  r: CostingResult,
): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const part of r.costParts) {
    const from = part.select ? `(${part.select}) p` : `${engine.dialect.quoteIdent(part.table)} p`;
    for (const [name] of part.columns.filter(([n]) => n.startsWith('cost_'))) {
      const rows = await engine.query(
        `SELECT customer_id AS c, CAST(${engine.dialect.quoteIdent(name)} AS VARCHAR) AS v FROM ${from} WHERE customer_id IS NOT NULL ORDER BY customer_id`,
        part.params,
      );
      const id = name.slice('cost_'.length);
      out[id] = { ...(out[id] ?? {}), ...Object.fromEntries(rows.map((x) => [String(x.c), String(x.v)])) };
    }
  }
  return out;
}

/** The rows of `table` on `e`, in the columns DuckDB (`reference`) has, ordered by `key`. */
export async function readTable(e: Engine, reference: Engine, table: string, key: string): Promise<Row[]> {
  const cols = await reference.columns(table);
  return e.query(
    `SELECT ${cols.map((c) => e.dialect.quoteIdent(c)).join(', ')} FROM ${e.dialect.quoteIdent(table)} ORDER BY ${key}`,
  );
}
