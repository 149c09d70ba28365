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
  }));
}

const joined = (name: string, type: FormulaType, sql: string): DriverColumn => ({ name, type, sql, joined: true });

/** Every driver table, by name. */
export const DRIVERS: Record<DriverTable, DriverDef> = {
  orders: {
    table: 'orders',
    from: 'cost_orders',
    needs: ['cost_orders'],
    join: { table: 'cost_order_shipping', on: 'j.order_id = t.order_id' },
    columns: [
      { name: 'order_id', type: 'text', sql: 't.order_id', joined: false },
      { name: 'customer_id', type: 'text', sql: 't.customer_id', joined: false },
      { name: 'order_date', type: 'text', sql: 't.order_date', joined: false, date: true },
      { name: 'lines', type: 'number', sql: 't.lines', joined: false },
      { name: 'quantity', type: 'number', sql: 't.quantity', joined: false },
      { name: 'gross_amount', type: 'number', sql: 't.gross_amount', joined: false },
      { name: 'discount_amount', type: 'number', sql: 't.discount_amount', joined: false },
      { name: 'net_amount', type: 'number', sql: 't.net_amount', joined: false },
      { name: 'channel', type: 'text', sql: 't.channel', joined: false },
      joined('shipments', 'number', 'coalesce(j.shipments, 0)'),
      joined('express', 'boolean', '(coalesce(j.express_n, 0) = 1)'),
      joined('weight_kg', 'number', 'coalesce(j.weight_kg, 0)'),
      joined('freight_cost', 'number', 'coalesce(j.freight_cost, 0)'),
    ],
  },
  order_lines: {
    table: 'order_lines',
    from: 'order_lines',
    needs: [],
    join: { table: 'cost_orders', on: 'j.order_id = t.order_id' },
    columns: [...canonical('order_lines'), joined('lines', 'number', 'coalesce(j.lines, 1)')],
  },
  shipments: {
    table: 'shipments',
    from: 'shipments',
    needs: [],
    join: { table: 'cost_orders', on: 'j.order_id = t.order_id' },
    columns: [
      ...canonical('shipments'),
      joined('lines', 'number', 'coalesce(j.lines, 0)'),
      joined('order_channel', 'text', 'j.channel'),
    ],
  },
  returns: { table: 'returns', from: 'returns', needs: [], columns: canonical('returns') },
  service_contacts: { table: 'service_contacts', from: 'service_contacts', needs: [], columns: canonical('service_contacts') },
  invoices: { table: 'invoices', from: 'invoices', needs: [], columns: canonical('invoices') },
};

/** The SQL that builds a helper table from the canonical tables (quoted names are fixed, not user input). */
export const HELPER_SQL: Record<HelperTable, string> = {
  // An order belongs to one customer; min() keeps the statement a plain GROUP BY.
  cost_orders:
    'SELECT order_id, min(customer_id) AS customer_id, min(order_date) AS order_date, count(*) AS lines, ' +
    'sum(quantity) AS quantity, sum(gross_amount) AS gross_amount, sum(discount_amount) AS discount_amount, ' +
    'sum(gross_amount - discount_amount) AS net_amount, min(channel) AS channel FROM order_lines GROUP BY order_id',
  cost_order_shipping:
    'SELECT order_id, count(*) AS shipments, max(CAST(express AS INTEGER)) AS express_n, sum(weight_kg) AS weight_kg, ' +
    'sum(freight_cost) AS freight_cost FROM shipments WHERE order_id IS NOT NULL GROUP BY order_id',
};
