/**
 * A table of one engine copied into another as it is: its columns by kind (an exact decimal
 * with its precision and scale, a whole number, a double, a date, a boolean, text) and its
 * values exact (a decimal travels as its text, a double as the shortest text that reads back
 * to the same double). For a server engine's per-customer results read into an embedded one
 * (`worth serve` on ClickHouse, src/readmodel's `serverReader.ts`).
 */
import type { ColumnType, Engine, Row } from './engine.ts';

/** Rows appended to the target at a time (the source's rows are read whole: per-customer results, not order lines). */
const APPEND_ROWS = 50_000;

/**
 * The target's column type for a source column, by kind (an exact decimal keeps its precision and
 * scale); null kinds (a type the read model does not keep) as text. Also ClickHouse's bulk load's
 * (clickhouse/loadTables.ts).
 */
export function targetType(to: Engine, c: ColumnType): string {
  switch (c.kind) {
    case 'decimal': {
      const precision = Number(/Decimal\w*\((\d+)/i.exec(c.type)?.[1] ?? 38);
      return to.dialect.decimalType(Math.min(38, Math.max(precision, c.scale ?? 0, 1)), c.scale ?? 0);
    }
    case 'number':
      return /int/i.test(c.type) ? 'BIGINT' : 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    case 'text':
    case null:
      return 'VARCHAR';
    default: {
      const never: never = c.kind;
      throw new Error(`unknown value kind ${String(never)}`);
    }
  }
}

/** A value as the text the target's appender reads back exactly (null stays null). */
function text(v: Row[string] | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
  return String(v);
}

/**
 * Copies `table` of `from` (all its rows, or those `where` selects: a condition in `from`'s SQL
 * with `params`) into a new table `as` of `to` (default: the same name), column for column.
 * Resolves with the rows copied; a table `from` does not have copies nothing and resolves with -1.
 */
export async function copyTable(
  from: Engine,
  to: Engine,
  table: string,
  options: { as?: string; where?: string; params?: (string | number)[]; temporary?: boolean } = {},
): Promise<number> {
  const cols = await from.columnTypes(table);
  if (cols.length === 0) return -1;
  const q = to.dialect.quoteIdent;
  const name = q(options.as ?? table);
  const create = options.temporary ? to.dialect.createTempTable(name) : `CREATE TABLE ${name}`;
  await to.run(`${create} (${cols.map((c) => `${q(c.name)} ${targetType(to, c)}`).join(', ')})`);
  const rows = await from.query(
    `SELECT ${cols.map((c) => from.dialect.quoteIdent(c.name)).join(', ')} FROM ${from.dialect.quoteIdent(table)}` +
      (options.where ? ` WHERE ${options.where}` : ''),
    options.params ?? [],
  );
  for (let at = 0; at < rows.length; at += APPEND_ROWS) {
    const chunk = rows.slice(at, at + APPEND_ROWS);
    await to.appendColumns(
      options.as ?? table,
      cols.map((c) => chunk.map((r) => text(r[c.name]))),
    );
  }
  return rows.length;
}
