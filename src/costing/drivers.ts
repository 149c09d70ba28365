/**
 * The event tables activities are driven by, and the names a time equation may use on each:
 * the canonical table's columns plus a few derived ones (order lines per order, the order's
 * channel, whether an order went express, its weight). Derived columns come from small
 * per-order tables joined once (one JOIN per statement, so every engine can run it).
 */
import { TABLES, type ColumnKind, type TableName } from '../core/index.ts';
import type { FormulaType } from '../formula/index.ts';
import type { DriverTable } from './schema.ts';

/** A per-order helper table built from the canonical tables before usage is measured. */
export type HelperTable = 'cost_orders' | 'cost_order_shipping';

/** One name a formula may use on a driver: its type and its SQL over the aliases `t` (event) and `j` (joined helper). */
export interface DriverColumn {
  name: string;
  type: FormulaType;
  /** SQL for the value in its natural type. */
  sql: string;
  /** Whether the value comes from the joined helper table. */
  joined: boolean;
  /** Stored as a DATE (read as text in formulas). */
  date?: boolean;
  /** A number stored as a binary float (DOUBLE: the contract's `number` kind), not exact. */
  float?: boolean;
  /** The helper-table column this value reads (helpers are built with only the columns used). */
  helperColumn?: string;
}

/** A driver: where its events come from, what it may join, and the names formulas may use. */
export interface DriverDef {
  table: DriverTable;
  /** Physical table of the events (alias `t`). */
  from: string;
  /** Helper table joined as `j` when a formula uses a joined column, with the join condition. */
  join?: { table: HelperTable; on: string };
  /** Helper tables that must exist before the events can be read. */
  needs: HelperTable[];
  columns: DriverColumn[];
}

function kindType(kind: ColumnKind): FormulaType {
  if (kind === 'boolean') return 'boolean';
  if (kind === 'id' || kind === 'text' || kind === 'date') return 'text';
  return 'number';
}

function canonical(table: TableName): DriverColumn[] {
  return TABLES[table].columns.map((c) => ({
    name: c.name,
    type: kindType(c.kind),
    sql: `t.${c.name}`,
    joined: false,
    date: c.kind === 'date',
    float: c.kind === 'number',
  }));
}

const joined = (name: string, type: FormulaType, sql: string, helperColumn: string): DriverColumn => ({
  name,
  type,
  sql,
  joined: true,
  helperColumn,
});
const own = (name: string, type: FormulaType): DriverColumn => ({
  name,
  type,
  sql: `t.${name}`,
  joined: false,
  helperColumn: name,
});

/**
 * An order's events are (order, customer) pairs: an export that reuses an invoice number for
 * several customers charges each customer for its own part, never one of them for all. A
 * missing customer (unattributed) is a party of its own; ids are never empty text.
 */
const SAME_ORDER_AND_CUSTOMER =
  "j.order_id = t.order_id AND coalesce(j.customer_id, '') = coalesce(t.customer_id, '')";

/** Every driver table, by name. */
export const DRIVERS: Record<DriverTable, DriverDef> = {
  orders: {
    table: 'orders',
    from: 'cost_orders',
    needs: ['cost_orders'],
    join: { table: 'cost_order_shipping', on: SAME_ORDER_AND_CUSTOMER },
    columns: [
      own('order_id', 'text'),
      own('customer_id', 'text'),
      { ...own('order_date', 'text'), date: true },
      own('lines', 'number'),
      own('quantity', 'number'),
      own('gross_amount', 'number'),
      own('discount_amount', 'number'),
      own('net_amount', 'number'),
      own('channel', 'text'),
      joined('shipments', 'number', 'coalesce(j.shipments, 0)', 'shipments'),
      joined('express', 'boolean', '(coalesce(j.express_n, 0) = 1)', 'express_n'),
      { ...joined('weight_kg', 'number', 'coalesce(j.weight_kg, 0)', 'weight_kg'), float: true },
      joined('freight_cost', 'number', 'coalesce(j.freight_cost, 0)', 'freight_cost'),
    ],
  },
  order_lines: {
    table: 'order_lines',
    from: 'order_lines',
    needs: [],
    join: { table: 'cost_orders', on: SAME_ORDER_AND_CUSTOMER },
    columns: [...canonical('order_lines'), joined('lines', 'number', 'coalesce(j.lines, 1)', 'lines')],
  },
  shipments: {
    table: 'shipments',
    from: 'shipments',
    needs: [],
    join: { table: 'cost_orders', on: SAME_ORDER_AND_CUSTOMER },
    columns: [
      ...canonical('shipments'),
      joined('lines', 'number', 'coalesce(j.lines, 0)', 'lines'),
      joined('order_channel', 'text', 'j.channel', 'channel'),
    ],
  },
  returns: { table: 'returns', from: 'returns', needs: [], columns: canonical('returns') },
  service_contacts: {
    table: 'service_contacts',
    from: 'service_contacts',
    needs: [],
    columns: canonical('service_contacts'),
  },
  invoices: { table: 'invoices', from: 'invoices', needs: [], columns: canonical('invoices') },
};

/** The key of each helper table (always built). */
const HELPER_KEYS: Record<HelperTable, string[]> = {
  cost_orders: ['order_id', 'customer_id'],
  cost_order_shipping: ['order_id', 'customer_id'],
};

/**
 * Each helper column as an aggregate over the source table; `any` marks a value constant
 * within an order. Counts are INTEGER so that `0.8 * lines` stays 64-bit decimal arithmetic.
 */
const HELPER_COLUMNS: Record<HelperTable, Record<string, string>> = {
  cost_orders: {
    order_date: 'min(order_date)',
    lines: 'CAST(count(*) AS INTEGER)',
    quantity: 'sum(quantity)',
    gross_amount: 'sum(gross_amount)',
    discount_amount: 'sum(discount_amount)',
    net_amount: 'sum(gross_amount - discount_amount)',
    channel: 'any:channel',
  },
  cost_order_shipping: {
    shipments: 'CAST(count(*) AS INTEGER)',
    express_n: 'max(CAST(express AS INTEGER))',
    weight_kg: 'sum(weight_kg)',
    freight_cost: 'sum(freight_cost)',
  },
};

const HELPER_SOURCE: Record<HelperTable, string> = {
  cost_orders: 'order_lines',
  cost_order_shipping: 'shipments WHERE order_id IS NOT NULL',
};

/**
 * The SQL that builds a helper table with only the columns formulas use (names are fixed
 * here, not user input): one row per order and customer (GROUP BY both keys), so an order
 * whose lines name two customers is two events, each charged to its own customer. The
 * channel is any value of the part's lines.
 */
export function helperSql(
  table: HelperTable,
  columns: Iterable<string>,
  anyValue: (e: string) => string,
): string {
  const keys = HELPER_KEYS[table];
  const cols = [...new Set(columns)]
    .filter((c) => !keys.includes(c))
    .map((c) => {
      const agg = HELPER_COLUMNS[table][c];
      if (!agg) throw new Error(`no helper column ${table}.${c}`);
      return `${agg.startsWith('any:') ? anyValue(agg.slice(4)) : agg} AS ${c}`;
    });
  return `SELECT ${[...keys, ...cols].join(', ')} FROM ${HELPER_SOURCE[table]} GROUP BY ${keys.join(', ')}`;
}
