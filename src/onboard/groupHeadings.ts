/**
 * A report grouped under headings, saved as CSV (QuickBooks' "Sales by Customer Detail"): the
 * customer's name on a line of its own (every other column empty), that customer's lines
 * beneath it with the column empty, and a `Total for <customer>` line after them. The column is
 * the customer of every line (ingest's `group_heading` carries each name down); the heading
 * lines are no order lines (an `exclude_when` rule leaves them out, counted); the `Total` lines
 * are ingest's totals lines.
 */
import type { Engine } from '../warehouse/index.ts';
import { DEFAULT_MISSING_VALUES } from '../workspace/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised, Role } from './recognise.ts';
import type { ColumnProfile, ExportProfile } from './sniffExport.ts';

/** The heading column and what was seen in it. */
export interface GroupHeadings {
  column: ColumnProfile;
  /** Lines with the heading alone (a customer's name). */
  headings: number;
  /** Lines whose heading column starts with "Total" (subtotals and the grand total). */
  totals: number;
  /** The rule that leaves out the heading lines: every mapped column but the heading empty. */
  exclude: string;
}

/** A totals line's first words, as ingest's recordLines.ts reads them (Total for X, Totaal X, Eindtotaal). */
export const TOTALS =
  '(grand ?total|sub ?total|totals?|eindtotaal|subtotaal|totaal|generaal ?totaal)([^a-z].*)?';

/**
 * SQL: whether a staged line is a totals line as ingest's recordLines.ts reads one (its first
 * non-empty field, of `columns` in file order, a totals word: QuickBooks' `Total Mug 11oz` under
 * an item's lines). Ingest rejects such lines; init's counts of data lines leave them out.
 */
export function totalsLineSql(dialect: Engine['dialect'], columns: readonly string[]): string {
  const first = `coalesce(${columns.map((c) => `nullif(trim(${dialect.quoteIdent(c)}), '')`).join(', ')}, '')`;
  return dialect.regexFullMatch(`lower(${first})`, `'${TOTALS}'`);
}

/** Share of the column's present values that must be headings or totals. */
const WIN = 0.9;

/** Roles whose columns are empty on a heading line (the rule names those the export has). */
const LINE_ROLES: Role[] = ['order_date', 'order_id', 'quantity', 'unit_price', 'amount'];

/**
 * The heading column of a grouped report: the column recognised as the customer (a bookkeeping
 * package's "Omzet per relatie": `Relatie` heads each relation's lines) or else a column no role
 * took, present on fewer than half the lines, and there (90% of its values) either alone on its
 * line or a totals line (`Total for ...`, `Totaal ...`, `Subtotaal`, `Eindtotaal`); at least two
 * headings. Undefined when the export is not so grouped (a customer column on every line is not).
 */
export async function groupHeadings(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<GroupHeadings | undefined> {
  const q = engine.dialect.quoteIdent;
  const id = r.columns.customer_id;
  const candidates = id ? [id] : p.columns.filter((x) => r.unused.includes(x.name));
  const missing = (c: string) =>
    `(${q(c)} IS NULL OR upper(trim(${q(c)})) IN (${DEFAULT_MISSING_VALUES.map((m) => `'${m}'`).join(', ')}))`;
  for (const c of candidates) {
    const others = p.columns.filter((x) => x.name !== c.name).map((x) => missing(x.name));
    const row = (
      await engine.query(
        `SELECT count(*) AS n, ${engine.dialect.countWhere(`NOT ${missing(c.name)}`)} AS present,
           ${engine.dialect.countWhere(`NOT ${missing(c.name)} AND ${others.join(' AND ')}`)} AS headings,
           count(*) FILTER (WHERE NOT ${missing(c.name)} AND ${engine.dialect.regexFullMatch(`lower(trim(${q(c.name)}))`, `'${TOTALS}'`)}) AS totals
         FROM ${q(p.table)}`,
      )
    )[0]!;
    const [n, present, headings, totals] = [row.n, row.present, row.headings, row.totals].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if (headings < 2 || present >= n / 2 || headings + totals < WIN * present) continue;
    const empty = LINE_ROLES.flatMap((role) =>
      r.columns[role] ? [`is_empty(${term(r.columns[role].name)})`] : [],
    );
    return { column: c, headings, totals, exclude: empty.join(' and ') };
  }
  return undefined;
}
