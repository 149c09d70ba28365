/**
 * Several products in one cell (Picqer, Sendcloud, a web shop's order overview: `2x Koffie;
 * 1x Thee`): a column holding such lists is no product, and Worth does not split it into lines.
 * The export then has one row per order; init says so in one line (the order loads with its total,
 * without a product) and takes the column out of the product and description parts, so such a list
 * is never a product id.
 */
import type { Bilingual } from '../words/index.ts';
import { initText } from '../words/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** One item of a list: a count, an `x` and a name (`2x Koffie`, `2 x Koffie`, `Koffie x 2` is not one). */
const ITEM = `[0-9]+ ?[xX] [^;,|]+`;

/**
 * A whole cell of items joined by `;`, `,` or `|`; or items written name, multiplication sign,
 * count and joined by commas, as WooCommerce lists an order's items (`Teapot, 1.2 l × 1, Mug × 2`:
 * a name may hold a comma, so the cell is read as such a list when it ends in `× count`).
 */
const LIST = `'${ITEM}([;,|] ?${ITEM})*|.+ × [0-9]+'`;

/** The share of a column's filled values that must be such lists. */
const SHARE = 0.9;

/** What a product list column changes: the recognised parts without it, and the line that says so. */
export interface ProductList {
  column: string;
  recognised: Recognised;
  why: Bilingual;
}

/** The export's product list column, if a text column (unused, the product or the description) holds lists on 90% of its filled lines. */
export async function productList(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<ProductList | undefined> {
  const q = engine.dialect.quoteIdent;
  const candidates = [
    ...r.unused,
    ...[r.columns.product_id, r.columns.description].flatMap((c) => (c ? [c.name] : [])),
  ];
  for (const name of candidates) {
    const v = `trim(${q(name)})`;
    const list = engine.dialect.regexFullMatch(v, LIST);
    const row = (
      await engine.query(
        `SELECT ${engine.dialect.countWhere(`coalesce(${v}, '') <> ''`)} AS filled,
           ${engine.dialect.countWhere(list)} AS lists,
           min(CASE WHEN ${list} AND (${v} LIKE '%;%' OR ${v} LIKE '%,%') THEN ${v} END) AS example
         FROM ${q(p.table)}`,
      )
    )[0]!;
    const filled = Number(row.filled);
    if (filled === 0 || Number(row.lists) < SHARE * filled) continue;
    const { product_id, description, ...columns } = r.columns;
    const dropped = [product_id, description].filter((c) => c?.name === name);
    return {
      column: name,
      recognised: {
        ...r,
        columns: {
          ...columns,
          ...(product_id && product_id.name !== name ? { product_id } : {}),
          ...(description && description.name !== name ? { description } : {}),
        },
        unused: dropped.length ? [...r.unused, name] : r.unused,
      },
      why: initText('productList', { column: name, example: String(row.example ?? '') }),
    };
  }
  return undefined;
}
