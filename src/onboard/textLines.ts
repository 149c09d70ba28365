/**
 * Comment lines under a document (Business Central's sales lines with an empty `Type`: a
 * description typed under an invoice, with its document number but no quantity, price or amount).
 * They are no sales and no broken lines: worth.yaml leaves them out by an `exclude_when` rule, so
 * ingest counts them instead of rejecting them against the reject budget. A line with a product
 * number is no comment (a sale whose amounts are missing is rejected as it should be).
 */
import type { Engine } from '../warehouse/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised, Role } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';
import { linesWhere } from './fillerRows.ts';

/** The columns every sales line fills one of; a documented line with none of them is a comment. */
const MONEY_ROLES: Role[] = ['quantity', 'unit_price', 'amount', 'amount_incl'];

/** Comment lines: how many, the first's line in the file, and the rule that leaves them out. */
export interface TextLines {
  lines: number;
  firstLine: number;
  rule: string;
}

/** At most this share of the lines may be comments (more says the mapping is wrong, not the lines). */
const MAX_SHARE = 0.25;

/**
 * The export's comment lines: an order number and a description, no product number, quantity,
 * price or amount; undefined when it has none (or too many to be comments).
 */
export async function textLines(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<TextLines | undefined> {
  const q = engine.dialect.quoteIdent;
  const order = r.columns.order_id;
  const text = r.columns.description;
  const empty = [...MONEY_ROLES, 'product_id' as const].flatMap((role) =>
    r.columns[role] ? [r.columns[role].name] : [],
  );
  if (!order || !text || !MONEY_ROLES.some((role) => r.columns[role])) return undefined;
  const where = [
    `NOT ${missingSql(q(order.name))}`,
    `NOT ${missingSql(q(text.name))}`,
    ...empty.map((c) => missingSql(q(c))),
  ].join(' AND ');
  const found = await linesWhere(engine, p, where);
  if (found.lines === 0 || found.lines > MAX_SHARE * found.all) return undefined;
  return {
    lines: found.lines,
    firstLine: found.firstLine,
    rule: empty.map((c) => `is_empty(${term(c)})`).join(' and '),
  };
}
