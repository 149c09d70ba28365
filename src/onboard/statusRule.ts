/**
 * A status column of an export (Order Status, Financial Status, Bestelstatus, a wholesale
 * invoice's Status): its values with their lines and money, which of them mean the sale did not
 * happen (cancelled, voided, failed: left out by an `exclude_when` rule) and which mean the
 * order was refunded (loaded as returns). A status on an order's first line only counts for
 * the whole order, as ingest's fill_down reads it.
 */
import type { Engine } from '../warehouse/index.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import { TYPE_NAMES } from './creditType.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** Status values (compared trimmed and lower-case) that mean the line or order is no sale. */
export const CANCELLED_STATUSES = [
  'cancelled',
  'canceled',
  'geannuleerd',
  'voided',
  'void',
  'vervallen',
  'afgewezen',
  'failed',
  'mislukt',
  'annulled',
  'geweigerd',
  'declined',
  // A payment taken back (PayPal's Reversed: a chargeback or a cancelled eCheck): no sale.
  'reversed',
  // A payment provider's payment that was never paid (Mollie: expired).
  'expired',
  'verlopen',
  // An invoice never sent (Zoho Books, FreshBooks, QuickBooks: Draft): nothing was sold yet.
  'draft',
  // An order removed before it was placed, or saved and never placed (Unleashed: Deleted, Parked).
  'deleted',
  'verwijderd',
  'parked',
  'geparkeerd',
] as const;

/**
 * Status values that mean the whole order was paid back. A credited invoice is not one of them:
 * an ERP's credit note is a line of its own (negative), split off to returns.
 */
export const REFUNDED_STATUSES = ['refunded', 'terugbetaald', 'gerestitueerd'] as const;

/**
 * A CRM's stage values (lower-case) that mean a deal was won: beside them, every other stage (lost,
 * or still open) is no sale.
 */
export const WON_STAGES = ['closed won', 'closedwon', 'won', 'closed - won', 'closed-won'] as const;

/** One value of the status column. */
export interface StatusValue {
  /** As written in the export (its most frequent spelling). */
  value: string;
  kind: 'cancelled' | 'refunded' | 'other';
  lines: number;
  /** Sum of the lines' money (`StatusFacts.money`), a decimal text with cents. */
  amount: string;
  /** Lines whose money is below zero: a refunded value on such lines only marks refunds written as rows of their own. */
  negative: number;
}

/** What a status column says. */
export interface StatusFacts {
  column: string;
  /** What `amount` sums: the net amount column, or quantity x unit price. */
  money: string;
  /** Every value seen, most lines first. */
  values: StatusValue[];
}

/**
 * Whether a refunded value marks the lines of refunded orders (to return as well as sell), not
 * refunds written as rows of their own with a negative amount (which the credit split returns).
 */
export function returnsOrderLines(v: StatusValue): boolean {
  return v.kind === 'refunded' && v.negative < v.lines;
}

/** The kind of a status value. */
export function statusKind(value: string): StatusValue['kind'] {
  const v = value.trim().toLowerCase();
  if ((CANCELLED_STATUSES as readonly string[]).includes(v)) return 'cancelled';
  if ((REFUNDED_STATUSES as readonly string[]).includes(v)) return 'refunded';
  return 'other';
}

/**
 * Reads the values of `column` per line, a line without one taking its order's (consecutive
 * lines with the same order number), with their lines and money. Undefined when no line has one.
 */
export async function statusFacts(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  column: string,
): Promise<StatusFacts | undefined> {
  const q = engine.dialect.quoteIdent;
  const c = r.columns;
  const num = (name: string) => numberValueSql(engine.dialect, q(name), p.decimal);
  const cents = (sql: string) => `CAST(round(${sql}, 2) AS ${engine.dialect.decimalType(38, 2)})`;
  // A line amount, else quantity x price; without a quantity column there is always an amount.
  const amount = c.amount ?? (c.quantity && c.unit_price ? undefined : c.amount_incl);
  const [money, moneySql] = amount
    ? [amount.name, cents(num(amount.name))]
    : [
        `${c.quantity!.name} x ${c.unit_price!.name}`,
        cents(`${num(c.quantity!.name)} * ${num(c.unit_price!.name)}`),
      ];
  const key = `trim(${q(c.order_id!.name)})`;
  const own = `nullif(trim(${q(column)}), '')`;
  const rows = await engine.query(
    `WITH b AS (SELECT *, sum(_new) OVER (ORDER BY _rn ROWS UNBOUNDED PRECEDING) AS _block FROM (
         SELECT *, CASE WHEN ${key} IS DISTINCT FROM lag(${key}) OVER (ORDER BY _rn) THEN 1 ELSE 0 END AS _new FROM ${q(p.table)}) a),
       s AS (SELECT coalesce(${own}, first_value(${own}) OVER (PARTITION BY _block ORDER BY _rn)) AS v, ${moneySql} AS m FROM b)
     SELECT lower(v) AS k, ${engine.dialect.mode('v')} AS v, count(*) AS n, CAST(coalesce(sum(m), 0) AS VARCHAR) AS amount,
       ${engine.dialect.countWhere('m < 0')} AS negative
     FROM s WHERE v IS NOT NULL GROUP BY 1 ORDER BY n DESC, k`,
  );
  if (!rows.length) return undefined;
  // A CRM's pipeline (Stage: Closed Won, Closed Lost, Prospecting, ...): only a won deal is a sale.
  const pipeline = rows.some((x) => (WON_STAGES as readonly string[]).includes(String(x.k).trim()));
  return {
    column,
    money,
    values: rows.map((x) => ({
      value: String(x.v),
      kind: pipeline
        ? (WON_STAGES as readonly string[]).includes(String(x.k).trim())
          ? 'other'
          : 'cancelled'
        : statusKind(String(x.v)),
      lines: Number(x.n),
      amount: String(x.amount),
      negative: Number(x.negative),
    })),
  };
}

/**
 * A document-type column (`Type` Invoice / Credit Memo / Void, as US accounting registers write
 * it) that names voided documents, where the export has no status column: its voided values are
 * then no sale, as a status's are. The first unused column named as a type (compared
 * normalised, creditType.ts's names) with a cancelled value on some line; undefined when there is none.
 */
export async function typeAsStatus(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<string | undefined> {
  const q = engine.dialect.quoteIdent;
  const cancelled = CANCELLED_STATUSES.map((v) => `'${v}'`).join(', ');
  for (const name of r.unused.filter((n) => TYPE_NAMES.has(normaliseName(n)))) {
    const row = (
      await engine.query(
        `SELECT ${engine.dialect.countWhere(`lower(trim(${q(name)})) IN (${cancelled})`)} AS n FROM ${q(p.table)}`,
      )
    )[0]!;
    if (Number(row.n) > 0) return name;
  }
  return undefined;
}
