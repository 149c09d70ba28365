/**
 * A document-type column that says which lines are credit notes (`Soort` Factuur/Creditnota,
 * `Documenttype` Invoice/Credit note, `Type` Bestelling/Terugbetaling). Most exports also print a
 * credit note's amounts below zero, and the negative lines are credit lines anyway; some ERPs print
 * them as positive numbers and let the type say it. Then the type's credit values make the split
 * to returns, and a credit line credits its amount as printed (`abs`).
 */
import type { Engine } from '../warehouse/index.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** Names of a document-type column (normalised as recognise.ts does); paymentRows.ts reads the same column. */
export const TYPE_NAMES = new Set([
  'soort',
  'documentsoort',
  'soortdocument',
  'documenttype',
  'factuursoort',
  'factuurtype',
  'boekingssoort',
  'boekingstype',
  'transactietype',
  // A fulfilment warehouse's order lines: Verkoop against Retour.
  'ordertype',
  'ordersoort',
  'type',
  'doctype',
  'invoicetype',
  'transactiontype',
  // Dynamics GP's `SOP Type`: Invoice or Return (a return printed positive).
  'soptype',
  // A till's receipts (Loyverse's `Receipt type`: Sale or Refund, a refund printed positive).
  'receipttype',
  'saletype',
  // Stripe's balance report: charge, refund, fee, payout.
  'reportingcategory',
]);

/** Values that mean a credit note (compared lower-cased, without spaces, dots and dashes). */
const CREDIT_VALUES = new Set([
  'credit',
  'creditnota',
  'creditnote',
  'creditfactuur',
  'creditinvoice',
  'creditmemo',
  'creditering',
  'terugbetaling',
  'refund',
  'retour',
  'retourfactuur',
  'return',
  // Sage 50's transaction types: SC (sales credit) against SI (sales invoice).
  'sc',
  'salescredit',
  'salescreditnote',
  // A UK wholesaler's document types: INV against CRN (credit note), CN, CR.
  'crn',
  'cn',
  'cr',
  'crnote',
]);

/**
 * Whether a document type means a credit note: one of {@link CREDIT_VALUES}, or a longer name
 * ending in one (Odoo's `Customer Credit Note`, Business Central's `Sales Credit Memo`).
 */
function isCreditValue(v: string): boolean {
  const n = normaliseName(v);
  return CREDIT_VALUES.has(n) || /(creditnote|creditmemo)$/.test(n);
}

/** An unmapped document-type column and its 20 most frequent values (trimmed) with their lines. */
export interface TypeColumnValues {
  column: ExportProfile['columns'][number];
  seen: { v: string; n: number }[];
}

/** The export's document-type column (one not mapped to a role) and its most frequent values; undefined without one. */
export async function typeColumnValues(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<TypeColumnValues | undefined> {
  const q = engine.dialect.quoteIdent;
  const column = p.columns.find((c) => r.unused.includes(c.name) && TYPE_NAMES.has(normaliseName(c.name)));
  if (!column) return undefined;
  const rows = await engine.query(
    `SELECT trim(${q(column.name)}) AS v, count(*) AS n FROM ${q(p.table)} GROUP BY 1 ORDER BY n DESC LIMIT 20`,
  );
  return { column, seen: rows.map((x) => ({ v: String(x.v ?? ''), n: Number(x.n) })) };
}

/** A document-type column with credit values. */
export interface CreditType {
  column: string;
  /** The credit values as the file writes them. */
  values: string[];
  /** Lines with a credit value. */
  lines: number;
  /** Of those, lines whose sign column is zero or above (printed as positive numbers). */
  positive: number;
}

/**
 * The export's document-type column, when one of its values means a credit note; `signColumns`
 * are the columns whose negative values mark credit lines (the quantity, the amount).
 */
export async function creditType(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  signColumns: string[],
): Promise<CreditType | undefined> {
  const q = engine.dialect.quoteIdent;
  const typed = await typeColumnValues(engine, p, r);
  if (!typed) return undefined;
  const col = typed.column;
  const values = typed.seen.map((x) => x.v).filter(isCreditValue);
  if (!values.length) return undefined;
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  // A sign column's text: a minus in front or behind (12,50-) or parentheses make it negative.
  const negative = signColumns.length
    ? `(${signColumns.map((s) => `trim(${q(s)}) LIKE '-%' OR trim(${q(s)}) LIKE '%-' OR trim(${q(s)}) LIKE '(%'`).join(' OR ')})`
    : 'FALSE';
  const row = (
    await engine.query(
      `SELECT count(*) AS n, ${engine.dialect.countWhere(`NOT ${negative}`)} AS positive FROM ${q(p.table)} WHERE trim(${q(col.name)}) IN (${list})`,
    )
  )[0]!;
  return { column: col.name, values, lines: Number(row.n), positive: Number(row.positive) };
}
