/**
 * Rows of a spreadsheet download that are no order lines: a row of empty cells (`,,,,,,`, as
 * Google Sheets and Excel write a blank row inside the used range) and a note typed below the
 * data (`Notes: refunds are entered with a negative Qty`), neither with an order number, a
 * quantity, a price or an amount. worth.yaml leaves them out by an `exclude_when` rule, so ingest
 * counts them (lines, first line) instead of rejecting them against the reject budget.
 */
import type { Engine } from '../warehouse/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised, Role } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** The columns that every order line fills one of; a row with none of them is filler. */
const LINE_ROLES: Role[] = ['order_id', 'quantity', 'unit_price', 'amount', 'amount_incl'];

/** Filler rows: how many, the first's line in the file, and the rule that leaves them out. */
export interface FillerRows {
  lines: number;
  firstLine: number;
  rule: string;
}

/** At most this share of the lines may be filler (more says the mapping is wrong, not the rows). */
const MAX_SHARE = 0.05;

/** The export's filler rows; undefined when it has none (or too many to be filler). */
export async function fillerRows(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<FillerRows | undefined> {
  const q = engine.dialect.quoteIdent;
  const cols = LINE_ROLES.flatMap((role) => (r.columns[role] ? [r.columns[role].name] : []));
  if (!cols.length) return undefined;
  const found = await linesWhere(engine, p, cols.map((c) => missingSql(q(c))).join(' AND '));
  if (found.lines === 0 || found.lines > MAX_SHARE * found.all) return undefined;
  return {
    lines: found.lines,
    firstLine: found.firstLine,
    rule: cols.map((c) => `is_empty(${term(c)})`).join(' and '),
  };
}

/**
 * The staged export's lines where the SQL condition `where` holds: how many, of how many, and the
 * first one's line in the file (the header and skipped lines counted).
 */
export async function linesWhere(
  engine: Engine,
  p: ExportProfile,
  where: string,
): Promise<{ lines: number; all: number; firstLine: number }> {
  const row = (
    await engine.query(
      `SELECT count(*) AS n, ${engine.dialect.countWhere(where)} AS matched,
         min(CASE WHEN ${where} THEN _rn END) AS first
       FROM ${engine.dialect.quoteIdent(p.table)}`,
    )
  )[0]!;
  return {
    lines: Number(row.matched),
    all: Number(row.n),
    // _rn counts data rows from 1; the header and skipped lines come before them.
    firstLine: Number(row.first) + (p.header ? 1 : 0) + p.skipLines,
  };
}
