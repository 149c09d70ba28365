/**
 * The canonical tables of the data contract (DESIGN.md) as the demo writes them: every
 * column, required and optional, in contract order, and which columns hold money.
 */

/** The canonical table names, in the order the demo writes them. */
export const DEMO_TABLES = [
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
export type DemoTable = (typeof DEMO_TABLES)[number];

/** The header of each table's file: all canonical columns in contract order. */
export const DEMO_COLUMNS: Readonly<Record<DemoTable, readonly string[]>> = {
  customers: ['customer_id', 'name', 'segment', 'channel', 'region', 'acquired_on'],
  order_lines: [
    'order_id',
    'line_no',
    'customer_id',
    'order_date',
    'product_id',
    'product_group',
    'quantity',
    'gross_amount',
    'discount_amount',
    'cogs_amount',
    'channel',
  ],
  returns: [
    'return_id',
    'order_id',
    'customer_id',
    'return_date',
    'credited_amount',
    'cogs_recovered',
    'lines',
    'reason',
  ],
  shipments: ['shipment_id', 'order_id', 'customer_id', 'ship_date', 'freight_cost', 'weight_kg', 'express'],
  service_contacts: ['contact_id', 'customer_id', 'contact_date', 'channel', 'minutes', 'reason'],
  invoices: ['invoice_id', 'customer_id', 'invoice_date', 'due_date', 'paid_date', 'amount'],
  rebates: ['customer_id', 'period_end', 'amount'],
  feedback: ['feedback_id', 'customer_id', 'feedback_date', 'kind', 'score', 'scale_max', 'text'],
};

/** The money columns of each table (exact, two decimals), in contract order. */
export const DEMO_MONEY_COLUMNS: Readonly<Record<DemoTable, readonly string[]>> = {
  customers: [],
  order_lines: ['gross_amount', 'discount_amount', 'cogs_amount'],
  returns: ['credited_amount', 'cogs_recovered'],
  shipments: ['freight_cost'],
  service_contacts: [],
  invoices: ['amount'],
  rebates: ['amount'],
  feedback: [],
};

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
