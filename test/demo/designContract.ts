/**
 * The canonical tables as DESIGN.md states them, written out independently of the code
 * under test: every column in order, with the kind that decides how it is written.
 */

/** How a column's text looks. */
export type Kind = 'text' | 'integer' | 'decimal' | 'money' | 'date' | 'boolean';

/** Column name -> kind, per table, in DESIGN.md order; `!` marks required columns. */
export const DESIGN: Record<string, Record<string, Kind>> = {
  customers: {
    'customer_id!': 'text',
    name: 'text',
    segment: 'text',
    channel: 'text',
    region: 'text',
    acquired_on: 'date',
  },
  order_lines: {
    'order_id!': 'text',
    line_no: 'integer',
    'customer_id!': 'text',
    'order_date!': 'date',
    product_id: 'text',
    product_group: 'text',
    'quantity!': 'integer',
    'gross_amount!': 'money',
    discount_amount: 'money',
    'cogs_amount!': 'money',
    channel: 'text',
  },
  returns: {
    'return_id!': 'text',
    order_id: 'text',
    'customer_id!': 'text',
    'return_date!': 'date',
    'credited_amount!': 'money',
    cogs_recovered: 'money',
    lines: 'integer',
    reason: 'text',
  },
  shipments: {
    'shipment_id!': 'text',
    order_id: 'text',
    'customer_id!': 'text',
    'ship_date!': 'date',
    freight_cost: 'money',
    weight_kg: 'decimal',
    express: 'boolean',
  },
  service_contacts: {
    'contact_id!': 'text',
    'customer_id!': 'text',
    'contact_date!': 'date',
    channel: 'text',
    minutes: 'integer',
    reason: 'text',
  },
  invoices: {
    'invoice_id!': 'text',
    'customer_id!': 'text',
    'invoice_date!': 'date',
    'due_date!': 'date',
    paid_date: 'date',
    'amount!': 'money',
  },
  rebates: { 'customer_id!': 'text', 'period_end!': 'date', 'amount!': 'money' },
  feedback: {
    feedback_id: 'text',
    'customer_id!': 'text',
    'feedback_date!': 'date',
    kind: 'text',
    'score!': 'integer',
    scale_max: 'integer',
    text: 'text',
  },
};

/** The columns of a table: name, kind, required. */
export function designColumns(table: string): { name: string; kind: Kind; required: boolean }[] {
  return Object.entries(DESIGN[table]!).map(([k, kind]) => ({
    name: k.replace('!', ''),
    kind,
    required: k.endsWith('!'),
  }));
}
