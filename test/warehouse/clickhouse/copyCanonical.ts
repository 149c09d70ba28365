/**
 * Test helper: the canonical tables of one engine copied into another as they are, for the
 * parity tests (the same rows on both engines, then the same stages run on each).
 */
import { TABLE_NAMES } from '../../../src/core/index.ts';
import type { ColumnType, Engine, Row, SqlValue } from '../../../src/warehouse/index.ts';

/** A DuckDB column type as standard SQL the other engine's dialect reads. */
function typeFor(target: Engine, type: string, kind: string | null, scale: number | null): string {
  switch (kind) {
    case 'decimal':
      return target.dialect.decimalType(Number(/\((\d+)/.exec(type)?.[1] ?? 18), scale ?? 0);
    case 'number':
      return /INT/i.test(type) ? 'BIGINT' : 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}

/**
 * Copies the canonical tables of `from` into `to` as they are (types by kind, values exact),
 * `chunk` rows a statement: few enough that a statement stays under ClickHouse's
 * `max_query_size` (256 KiB), past which 18.16 reads the rest of an INSERT as VALUES data and
 * cannot read a CAST there (src/warehouse/clickhouse/loadTables.ts sizes its statements).
 */
export async function copyCanonical(from: Engine, to: Engine, chunk = 200): Promise<void> {
  const q = to.dialect.quoteIdent;
  for (const table of TABLE_NAMES) {
    const cols = await from.columnTypes(table);
    if (cols.length === 0) continue;
    await to.run(
      `CREATE TABLE ${q(table)} (${cols.map((c) => `${q(c.name)} ${typeFor(to, c.type, c.kind, c.scale)}`).join(', ')})`,
    );
    const all = await from.query(`SELECT * FROM ${from.dialect.quoteIdent(table)}`);
    for (let at = 0; at < all.length; at += chunk)
      await insertRows(to, table, cols, all.slice(at, at + chunk));
  }
}

async function insertRows(to: Engine, table: string, cols: ColumnType[], rows: Row[]): Promise<void> {
  const q = to.dialect.quoteIdent;
  const params: SqlValue[] = [];
  const tuples = rows.map(
    (r) =>
      `(${cols
        .map((c) => {
          params.push(r[c.name] ?? null);
          const p = `$${params.length}`;
          return c.kind === 'decimal' || c.kind === 'date'
            ? `CAST(${p} AS ${typeFor(to, c.type, c.kind, c.scale)})`
            : p;
        })
        .join(', ')})`,
  );
  await to.run(`INSERT INTO ${q(table)} VALUES ${tuples.join(', ')}`, params);
}
