/**
 * Lines of a document-type column that are no sale. Payments in a list of invoices: Sage 50's
 * transaction list and customer activity report print receipts (`SR`) and payments on account
 * (`SA`) among the invoices (`SI`) and credits (`SC`); a NetSuite transaction search may hold
 * `Payment` beside `Invoice`. A payment settles a sale, it is none. Money moved in a payment
 * provider's activity (PayPal's `General Withdrawal`, `General Currency Conversion`, a transfer,
 * a hold, a payout; and a value whose amounts are below zero on most lines and that is no refund,
 * such as `General Payment`: money paid out; a marketplace's shipping label, whose sale amount is
 * `--`), where the column holds no invoice value and the
 * payments received are the sales. worth.yaml leaves those lines out by an `exclude_when` rule
 * (counted with their money, not rejects).
 */
import type { Engine } from '../warehouse/index.ts';
import { typeColumnValues, type TypeColumnValues } from './creditType.ts';
import { term } from './exportYaml.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

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

/**
 * Words in a value (normalised) that name a payment: a bookkeeping package's mutation kinds say
 * it in a phrase (e-Boekhouden's `Factuurbetaling ontvangen` beside `Factuur verstuurd`).
 */
const PAYMENT_WORDS = /betaling|payment|ontvangst|receipt/;

/** Words in a value (normalised) that name an invoice (`Factuur verstuurd`, `Sales invoice sent`). */
const INVOICE_WORDS = /factuur|invoice/;

/** Whether a document type is a payment received: one of {@link PAYMENT_VALUES}, or a phrase naming a payment that is no refund. */
function isPayment(v: string): boolean {
  const n = normaliseName(v);
  return PAYMENT_VALUES.has(n) || (PAYMENT_WORDS.test(n) && !REFUND_WORDS.test(n));
}

/** Whether a document type is an invoice: one of {@link INVOICE_VALUES}, or a phrase naming an invoice that is no payment or credit. */
function isInvoice(v: string): boolean {
  const n = normaliseName(v);
  return INVOICE_VALUES.has(n) || (INVOICE_WORDS.test(n) && !isPayment(v) && !REFUND_WORDS.test(n));
}

/** Words in a value (normalised) that name money moved, never a sale or a refund. */
const MOVEMENT_WORDS =
  /withdrawal|transfer|conversion|deposit|hold|reserve|payout|authori[sz]ation|balance|adjustment|topup|fee/;

/** Words in a value (normalised) that name money given back to a customer: returns, never left out. */
const REFUND_WORDS = /refund|credit|return|chargeback|terugbetaling/;

/** The payment lines of a document-type column: its name, the values, their lines and the rule. */
export interface PaymentRows {
  /** `payments`: receipts among invoices; `movements`: a payment provider's money moved that is no sale. */
  kind: 'payments' | 'movements';
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
  if (!seen.some((x) => isInvoice(x.v))) return movementRows(engine, p, r, typed);
  const withItems = await valuesWithItems(engine, p, r, col.name);
  // QuickBooks' `Sales Receipt` is a sale paid at the till: its lines sell a quantity, a payment's do not.
  const payments = seen.filter((x) => isPayment(x.v) && !withItems.has(x.v));
  if (!payments.length) return undefined;
  const values = payments.map((x) => x.v);
  return {
    kind: 'payments',
    column: col.name,
    values,
    lines: payments.reduce((a, x) => a + x.n, 0),
    rule: `in_list(trim(${term(col.name)}), ${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`,
  };
}

/**
 * The values of the type column whose lines mostly carry a quantity other than zero: items sold,
 * so no payment whatever the value's name (empty without a quantity column).
 */
async function valuesWithItems(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  column: string,
): Promise<Set<string>> {
  const qty = r.columns.quantity;
  if (!qty) return new Set();
  const q = engine.dialect.quoteIdent;
  const n = numberValueSql(engine.dialect, q(qty.name), p.decimal);
  const rows = await engine.query(
    `SELECT trim(${q(column)}) AS v, ${engine.dialect.countWhere(`${n} <> 0`)} AS items, count(*) AS n FROM ${q(p.table)} GROUP BY 1`,
  );
  return new Set(rows.filter((x) => Number(x.items) * 2 > Number(x.n)).map((x) => String(x.v ?? '')));
}

/**
 * A payment provider's money moved that is no sale: values naming a withdrawal, transfer,
 * conversion, hold or payout, and, once one such value is seen, values that are no refund and
 * whose amounts are below zero on most lines (money paid out). Undefined without a movement word.
 */
async function movementRows(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  typed: TypeColumnValues,
): Promise<PaymentRows | undefined> {
  const { column: col, seen } = typed;
  const named = seen.filter((x) => x.v && MOVEMENT_WORDS.test(normaliseName(x.v)));
  if (!named.length) return undefined;
  const amount = r.columns.amount ?? r.columns.amount_incl;
  const q = engine.dialect.quoteIdent;
  const paidOut = new Set<string>();
  if (amount) {
    const rows = await engine.query(
      `SELECT trim(${q(col.name)}) AS v, ${engine.dialect.countWhere(`${numberValueSql(engine.dialect, q(amount.name), p.decimal)} < 0`)} AS neg, ${engine.dialect.countWhere(`${numberValueSql(engine.dialect, q(amount.name), p.decimal)} IS NULL`)} AS blank, count(*) AS n FROM ${q(p.table)} GROUP BY 1`,
    );
    // Paid out (below zero on most lines), or no sale amount at all on most lines (a marketplace's
    // shipping label or fee row, its sale column `--` or empty, the money in a fee column).
    for (const x of rows)
      if (Number(x.neg) * 2 > Number(x.n) || Number(x.blank) * 2 > Number(x.n))
        paidOut.add(String(x.v ?? ''));
  }
  const out = seen.filter(
    (x) =>
      x.v &&
      !REFUND_WORDS.test(normaliseName(x.v)) &&
      (MOVEMENT_WORDS.test(normaliseName(x.v)) || paidOut.has(x.v)),
  );
  // Something must remain to be the sales.
  if (out.length === seen.filter((x) => x.v).length) return undefined;
  const values = out.map((x) => x.v);
  return {
    kind: 'movements',
    column: col.name,
    values,
    lines: out.reduce((a, x) => a + x.n, 0),
    rule: `in_list(trim(${term(col.name)}), ${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`,
  };
}
