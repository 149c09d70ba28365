/**
 * The canonical tables of the data contract (DESIGN.md) as the demo writes them: every
 * column, required and optional, in contract order, and which columns hold money. Derived
 * from the one data contract in src/core.
 */
import { moneyColumns, TABLE_NAMES, TABLES, type TableName } from '../core/index.ts';

/** The canonical table names, in the order the demo writes them (the data contract's order). */
export const DEMO_TABLES = TABLE_NAMES;

/** A canonical table name. */
export type DemoTable = TableName;

/** The header of each table's file: all canonical columns in contract order. */
export const DEMO_COLUMNS: Readonly<Record<DemoTable, readonly string[]>> = perTable((t) =>
  TABLES[t].columns.map((c) => c.name),
);

/** The money columns of each table (exact, two decimals), in contract order. */
export const DEMO_MONEY_COLUMNS: Readonly<Record<DemoTable, readonly string[]>> = perTable((t) =>
  moneyColumns(t),
);

/** A record with one value per table, made by `make`. */
export function perTable<T>(make: (table: DemoTable) => T): Record<DemoTable, T> {
  const out = {} as Record<DemoTable, T>;
  for (const t of DEMO_TABLES) out[t] = make(t);
  return out;
}

/** The header row of a table's file, with its newline. */
export function headerRow(table: DemoTable, delimiter: string): Buffer {
  return Buffer.from(`${DEMO_COLUMNS[table].join(delimiter)}\n`, 'utf8');
}
