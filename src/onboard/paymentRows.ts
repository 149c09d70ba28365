/**
 * Payments in a list of invoices: Sage 50's transaction list and customer activity report print
 * receipts (`SR`) and payments on account (`SA`) among the invoices (`SI`) and credits (`SC`);
 * a NetSuite transaction search may hold `Payment` beside `Invoice`. A payment settles a sale, it
 * is none: worth.yaml leaves those lines out by an `exclude_when` rule (counted with their money,
 * not rejects). Only a document-type column that also holds an invoice value is read so.
 */
import type { Engine } from '../warehouse/index.ts';
import { typeColumnValues } from './creditType.ts';
import { term } from './exportYaml.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** Values that mean a payment received (normalised as recognise.ts does). */
const PAYMENT_VALUES = new Set([
  'sr',
  'sa',
  'salesreceipt',
  'receipt',
  'payment',
  'customerpayment',
  'paymentonaccount',
  'betaling',
  'ontvangst',
]);

/** Values that mean an invoice: the column must hold one for its payments to be read as such. */
const INVOICE_VALUES = new Set(['si', 'invoice', 'salesinvoice', 'factuur', 'verkoopfactuur']);

/** The payment lines of a document-type column: its name, the values, their lines and the rule. */
export interface PaymentRows {
  column: string;
  values: string[];
  lines: number;
  rule: string;
}

/** The export's payment lines; undefined when no document-type column holds payments beside invoices. */
export async function paymentRows(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<PaymentRows | undefined> {
  const typed = await typeColumnValues(engine, p, r);
  if (!typed) return undefined;
  const { column: col, seen } = typed;
  if (!seen.some((x) => INVOICE_VALUES.has(normaliseName(x.v)))) return undefined;
  const payments = seen.filter((x) => PAYMENT_VALUES.has(normaliseName(x.v)));
  if (!payments.length) return undefined;
  const values = payments.map((x) => x.v);
  return {
    column: col.name,
    values,
    lines: payments.reduce((a, x) => a + x.n, 0),
    rule: `in_list(trim(${term(col.name)}), ${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`,
  };
}
