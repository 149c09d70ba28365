/**
 * The data contract: Worth's canonical tables, their columns and types (DESIGN.md).
 * Every source is mapped onto these; the warehouse stores exactly these columns.
 */

/** The kind of a canonical column, which decides how text is parsed and how it is stored. */
export type ColumnKind = 'id' | 'text' | 'integer' | 'quantity' | 'money' | 'number' | 'date' | 'boolean';

/** One canonical column. */
export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Required: a row without it is rejected ("missing required field"). */
  required: boolean;
  /** Value used when the source has no such column (optional columns only). */
  default?: string | number | boolean;
  /** Lower bound a value must respect, if any (e.g. quantity > 0). */
  min?: { value: number; inclusive: boolean };
  /**
   * A key column that a source without it gets from the file itself: the physical line
   * (`line_no`) or `<file name>:<line>` (ids). Never a constant, which would make every line
   * after the first a duplicate key.
   */
  fromLine?: true;
  /** What the column means, with its unit, for messages and docs. */
  label: string;
}

/** The canonical table names, in load order (customers first: the others reference it). */
export const TABLE_NAMES = [
  'customers',
  'order_lines',
  'returns',
  'shipments',
  'service_contacts',
  'invoices',
  'rebates',
  'feedback',
] as const;

/** A canonical table name. */
export type TableName = (typeof TABLE_NAMES)[number];

/** One canonical table: its columns, its key, and whether rows must name a known customer. */
export interface TableSpec {
  name: TableName;
  columns: ColumnSpec[];
  /** Columns that identify a row; a repeated key is rejected as a duplicate. */
  key: string[];
  /** Whether `customer_id` must exist in customers. */
  referencesCustomer: boolean;
}

const c = (
  name: string,
  kind: ColumnKind,
  required: boolean,
  label: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ name, kind, required, label, ...extra });

const nonNegative = { min: { value: 0, inclusive: true } };
const positive = { min: { value: 0, inclusive: false } };

/** Every canonical table, by name. */
export const TABLES: Record<TableName, TableSpec> = {
  customers: {
    name: 'customers',
    key: ['customer_id'],
    referencesCustomer: false,
    columns: [
      c('customer_id', 'id', true, 'customer identifier'),
      c('name', 'text', false, 'customer name'),
      c('segment', 'text', false, 'segment'),
      c('channel', 'text', false, 'sales channel'),
      c('region', 'text', false, 'region'),
      c('acquired_on', 'date', false, 'date the customer was acquired'),
    ],
  },
  order_lines: {
    name: 'order_lines',
    key: ['order_id', 'line_no'],
    referencesCustomer: true,
    columns: [
      c('order_id', 'id', true, 'order number'),
      c('line_no', 'integer', false, 'line number within the order (default: the physical line)', {
        fromLine: true,
      }),
      c('customer_id', 'id', true, 'customer identifier'),
      c('order_date', 'date', true, 'order date'),
      c('product_id', 'text', false, 'product code'),
      c('product_group', 'text', false, 'product group'),
      c('quantity', 'quantity', true, 'quantity ordered', positive),
      c('gross_amount', 'money', true, 'list price x quantity', nonNegative),
      c('discount_amount', 'money', false, 'on-invoice discount', { default: 0, ...nonNegative }),
      c('cogs_amount', 'money', true, 'cost of goods sold', nonNegative),
      c('channel', 'text', false, 'channel of the order'),
    ],
  },
  returns: {
    name: 'returns',
    key: ['return_id'],
    referencesCustomer: true,
    columns: [
      c('return_id', 'id', true, 'return identifier', { fromLine: true }),
      c('order_id', 'id', false, 'order returned'),
      c('customer_id', 'id', true, 'customer identifier'),
      c('return_date', 'date', true, 'return date'),
      c('credited_amount', 'money', true, 'amount credited to the customer', nonNegative),
      c('cogs_recovered', 'money', false, 'cost of goods taken back into stock', {
        default: 0,
        ...nonNegative,
      }),
      c('lines', 'integer', false, 'lines returned', { default: 1, ...positive }),
      c('reason', 'text', false, 'reason for the return'),
    ],
  },
  shipments: {
    name: 'shipments',
    key: ['shipment_id'],
    referencesCustomer: true,
    columns: [
      c('shipment_id', 'id', true, 'shipment identifier', { fromLine: true }),
      c('order_id', 'id', false, 'order shipped'),
      c('customer_id', 'id', true, 'customer identifier'),
      c('ship_date', 'date', true, 'ship date'),
      c('freight_cost', 'money', false, 'freight cost paid to the carrier', { default: 0, ...nonNegative }),
      c('weight_kg', 'number', false, 'weight in kg', { default: 0, ...nonNegative }),
      c('express', 'boolean', false, 'express delivery', { default: false }),
    ],
  },
  service_contacts: {
    name: 'service_contacts',
    key: ['contact_id'],
    referencesCustomer: true,
    columns: [
      c('contact_id', 'id', true, 'contact identifier', { fromLine: true }),
      c('customer_id', 'id', true, 'customer identifier'),
      c('contact_date', 'date', true, 'contact date'),
      c('channel', 'text', false, 'phone, email, chat or visit'),
      c('minutes', 'number', false, 'minutes spent', { default: 0, ...nonNegative }),
      c('reason', 'text', false, 'reason for the contact'),
    ],
  },
  invoices: {
    name: 'invoices',
    key: ['invoice_id'],
    referencesCustomer: true,
    columns: [
      c('invoice_id', 'id', true, 'invoice number', { fromLine: true }),
      c('customer_id', 'id', true, 'customer identifier'),
      c('invoice_date', 'date', true, 'invoice date'),
      c('due_date', 'date', true, 'due date'),
      c('paid_date', 'date', false, 'date paid (empty = unpaid)'),
      c('amount', 'money', true, 'invoice amount'),
    ],
  },
  rebates: {
    name: 'rebates',
    key: ['customer_id', 'period_end'],
    referencesCustomer: true,
    columns: [
      c('customer_id', 'id', true, 'customer identifier'),
      c('period_end', 'date', true, 'end of the rebate period'),
      c('amount', 'money', true, 'off-invoice bonus'),
    ],
  },
  feedback: {
    name: 'feedback',
    key: ['feedback_id'],
    referencesCustomer: true,
    columns: [
      c('feedback_id', 'id', false, 'feedback identifier', { fromLine: true }),
      c('customer_id', 'id', true, 'customer identifier'),
      c('feedback_date', 'date', true, 'feedback date'),
      c('kind', 'text', false, 'review, nps, survey or complaint'),
      c('score', 'number', true, 'score', nonNegative),
      c('scale_max', 'number', false, 'maximum of the scale (5 or 10)', { default: 10, ...positive }),
      c('text', 'text', false, 'free text'),
    ],
  },
};

/**
 * The largest single amount (either sign) a row may carry. The P&L sums in DECIMAL(18,2)
 * (up to 9,999,999,999,999,999.99), so 10,000,000 lines at this bound still add up exactly;
 * a larger amount is rejected at ingest, never an overflow later.
 */
export const MAX_AMOUNT = '999999999.99';

/** The plausible dates around the analysis period: from this many years before its start... */
export const DATE_WINDOW_YEARS_BEFORE = 50;
/** ...to this many years after its end. A date outside (0001-01-01, 9999-12-31) is rejected. */
export const DATE_WINDOW_YEARS_AFTER = 1;

/** Money columns of a table, in order. */
export function moneyColumns(table: TableName): string[] {
  return TABLES[table].columns.filter((col) => col.kind === 'money').map((col) => col.name);
}
