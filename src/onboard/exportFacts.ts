/**
 * What the whole export says beyond its column kinds: the period it covers, whether credit
 * notes carry a letter prefix, the currency, whether a net amount column agrees with quantity
 * x price, and the volumes that size the starter cost model. Read in SQL over the staged
 * export (every row, as text), missing values and unreadable ones left out.
 */
import type { Engine } from '../warehouse/index.ts';
import { twoDigitYearFormats } from '../workspace/index.ts';
import { guessCurrency } from './currency.ts';
import { customerSplit } from './customerSplit.ts';
import { guestCustomers } from './guestCustomers.ts';
import type { ExportFacts } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import { loadedNumberValueSql, numberValueSql, PROFILE_ROWS, type ExportProfile } from './sniffExport.ts';
import { TOTALS } from './groupHeadings.ts';
import { statusFacts } from './statusRule.ts';

/** Reads the facts; the required columns are known to be recognised. `statusColumn`: the order's or line's status, if any. */
export async function exportFacts(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  statusColumn?: string,
): Promise<ExportFacts> {
  const q = engine.dialect.quoteIdent;
  const c = r.columns;
  const t = q(p.table);
  const dateCol = c.order_date!;
  const formats = dateCol.dateFormats ?? ['%Y-%m-%d', '%Y-%m-%d %H:%M:%S'];
  // A two-digit year among four-digit ones (27-1-24) is read as ingest reads it, not as the year 24.
  const short = twoDigitYearFormats(formats);
  const text = `trim(${q(dateCol.name)})`;
  const full = engine.dialect.tryDate(text, formats);
  const date = short.length
    ? `(CASE WHEN length(${text}) < 10 THEN coalesce(${engine.dialect.tryDate(text, short)}, ${full}) ELSE ${full} END)`
    : full;
  const num = (name: string) => numberValueSql(engine.dialect, q(name), p.decimal);
  // Without a quantity column each line counts as one (requireColumns: an amount is there).
  const qty = c.quantity ? num(c.quantity.name) : '1';
  const lineAmount = c.amount ?? c.amount_incl;
  const negative =
    (c.quantity && c.quantity.negatives > 0) || !lineAmount ? `${qty} < 0` : `${num(lineAmount.name)} < 0`;
  const order = `trim(${q(c.order_id!.name)})`;
  // A prefix is a credit-note mark when most lines that carry it are negative: C of C536379 is,
  // F of F24001 (every invoice) is not. Each prefix is weighed on its own lines.
  const prefixes = await engine.query(
    `SELECT ${engine.dialect.regexExtract(order, "'^([A-Za-z]+)[0-9]+$'", 1)} AS p, count(*) AS n, count(*) FILTER (WHERE ${negative}) AS neg
     FROM ${t} WHERE ${engine.dialect.regexFullMatch(order, "'[A-Za-z]+[0-9]+'")} GROUP BY 1 ORDER BY n DESC, p`,
  );
  const creditPrefix = prefixes
    .filter((x) => Number(x.neg) >= 0.5 * Number(x.n) && Number(x.n) > 0)
    .map((x) => String(x.p))[0];
  const credit = creditPrefix ? `(${negative} OR starts_with(${order}, $1))` : `(${negative})`;
  const params = creditPrefix ? [creditPrefix] : [];
  // A totals line at the end (no date, the quantity of the whole file) is no order: only dated lines count.
  const dated = `${date} IS NOT NULL`;
  const sale = `NOT ${credit} AND ${qty} IS NOT NULL AND ${dated}`;
  // A totals line (its first field Totaal, Total, Eindtotaal, ...) without a customer, as ingest's recordLines.ts reads one.
  const first = p.columns[0]!.name;
  const totalsLine = `${engine.dialect.regexFullMatch(`lower(trim(${q(first)}))`, `'${TOTALS}'`)} AND coalesce(trim(${q(c.customer_id!.name)}), '') = ''`;
  const row = (
    await engine.query(
      `SELECT CAST(min(${date}) AS VARCHAR) AS start, CAST(max(${date}) AS VARCHAR) AS "end",
         count(*) FILTER (WHERE ${negative}) AS negatives,
         count(*) FILTER (WHERE ${sale}) AS lines,
         count(DISTINCT ${order}) FILTER (WHERE ${sale}) AS orders,
         coalesce(sum(${qty}) FILTER (WHERE ${sale}), 0) AS quantity,
         count(*) FILTER (WHERE ${credit} AND ${dated}) AS credits,
         ${engine.dialect.countWhere(`_rn <= ${PROFILE_ROWS} AND ${totalsLine}`)} AS totals_lines
       FROM ${t}`,
      params,
    )
  )[0]!;
  const lines = Number(row.lines);
  const status = statusColumn ? await statusFacts(engine, p, r, statusColumn) : undefined;
  const cancelled = status?.values.filter((v) => v.kind === 'cancelled') ?? [];
  return {
    period: { start: String(row.start ?? '2025-01-01'), end: String(row.end ?? row.start ?? '2025-12-31') },
    totalsLines: Number(row.totals_lines),
    creditPrefix,
    negativeLines: Number(row.negatives),
    currency: await guessCurrency(engine, p, r),
    netMismatch: await netMismatch(
      engine,
      p,
      r,
      // A cancelled line (a voided document at 0.00) is left out, not discounted.
      cancelled.length
        ? `coalesce(lower(trim(${q(status!.column)})), '') NOT IN (${cancelled.map((v) => `'${v.value.trim().toLowerCase().replaceAll("'", "''")}'`).join(', ')})`
        : undefined,
    ),
    status,
    ...(cancelled.length
      ? {
          cancelled: {
            lines: cancelled.reduce((a, v) => a + v.lines, 0),
            column: status!.column,
            values: cancelled.map((v) => v.value),
          },
        }
      : {}),
    customerSplit: await customerSplit(engine, p, c.customer_id!.name),
    guests: await guestCustomers(engine, p, r),
    volumes: {
      orderMinutes: 3 * Number(row.orders) + 0.5 * lines,
      pickingMinutes: lines + 0.02 * Number(row.quantity),
      returnMinutes: 10 * Number(row.credits),
      serviceContacts: false,
    },
  };
}

/**
 * Lines without a discount whose net amount column differs from quantity x unit price by more
 * than a cent (VAT included, a different unit, ...): the count and the first such line, among the
 * lines `kept` (SQL; default all: cancelled ones are left out). Absent when the export has not
 * both, or when they agree.
 */
async function netMismatch(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  kept?: string,
): Promise<ExportFacts['netMismatch']> {
  const c = r.columns;
  if (!c.amount || !c.unit_price || !c.quantity) return undefined;
  const q = engine.dialect.quoteIdent;
  // As ingest reads them: a line it rejects (`£1,23.00`) is not counted as loaded with a discount.
  const num = (name: string) => loadedNumberValueSql(engine.dialect, q(name), p.decimal, p.thousands);
  const noDiscount = [c.discount_rate, c.discount_amount]
    .filter((x) => x !== undefined)
    .map((x) => `coalesce(${num(x.name)}, 0) = 0`);
  // Compared without signs: a credit memo printed with a positive quantity and a negative amount (NetSuite) is credited, not discounted.
  const differs = `abs(abs(${num(c.amount.name)}) - abs(${num(c.quantity.name)} * ${num(c.unit_price.name)})) > 0.01`;
  const where = [differs, ...noDiscount, ...(kept ? [kept] : [])].join(' AND ');
  const row = (
    await engine.query(`SELECT count(*) AS n, min(_rn) AS first FROM ${q(p.table)} WHERE ${where}`)
  )[0]!;
  const n = Number(row.n);
  if (n === 0) return undefined;
  // _rn counts data rows from 1; the header and skipped lines come before them.
  return { lines: n, firstLine: Number(row.first) + (p.header ? 1 : 0) + p.skipLines };
}
