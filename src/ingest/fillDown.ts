/**
 * `fill_down`: web-shop exports (Shopify, WooCommerce, Magento, Lightspeed) write an order's
 * order-level fields (Email, Created at, Financial Status, ...) on its first line only. Each
 * listed column's missing value takes the value of its order's first line, so every line of
 * an order is charged to the order's customer on the order's date.
 *
 * An order here is a run of consecutive lines with the same order number (the column
 * `columns.order_id` names): exports write an order's lines together, and a number that comes
 * back after other orders is not provably the same order (exports that reuse numbers), so its
 * empty fields stay missing and are counted as such, never filled from another order. A line
 * that has its own value keeps it (an order whose lines name two customers is charged to each,
 * as without fill_down). A line without an order number is never filled.
 */
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { SourceConfig } from '../workspace/index.ts';
import { missingAsNullSql } from './parseSql.ts';

/** What to fill: the order number's column and the columns filled from an order's first line. */
export interface FillDownPlan {
  /** The file's column holding the order number. */
  key: string;
  /** The file's columns filled (as the file spells them). */
  columns: string[];
}

/**
 * The columns of a source's `fill_down` as the file spells them (names compared trimmed and
 * without case, as mappings are), with the order number's column; undefined without fill_down.
 * A name the file does not have, or an order_id that is not one column, is a WorthError.
 */
export function planFillDown(
  src: SourceConfig,
  sourceColumns: string[],
  configPath: string,
): FillDownPlan | undefined {
  if (!src.fill_down?.length) return undefined;
  const byLower = new Map(sourceColumns.map((c) => [c.trim().toLowerCase(), c]));
  const find = (name: string) => byLower.get(name.trim().toLowerCase());
  const mapped = src.columns.order_id ?? 'order_id';
  const quoted = /^col\(\s*("(?:[^"\\]|\\.)*")\s*\)$/.exec(mapped.trim());
  const key = find(quoted ? (JSON.parse(quoted[1]!) as string) : mapped);
  if (key === undefined) {
    throw new WorthError(
      'config',
      { path: `${configPath}.fill_down` },
      mapped,
      `columns.order_id naming one column of the file (one of ${sourceColumns.join(', ')})`,
      `${configPath}.fill_down: the order number comes from columns.order_id, which is ${JSON.stringify(mapped)}: not one column of the file (expected one of ${sourceColumns.join(', ')})`,
    );
  }
  const columns = src.fill_down.map((name, i) => {
    const found = find(name);
    if (found === undefined) {
      throw new WorthError(
        'config',
        { path: `${configPath}.fill_down[${i}]` },
        name,
        `a column of the file (one of ${sourceColumns.join(', ')})`,
      );
    }
    if (found === key) {
      throw new WorthError(
        'config',
        { path: `${configPath}.fill_down[${i}]` },
        name,
        'an order-level column other than the order number itself',
      );
    }
    return found;
  });
  return { key, columns: [...new Set(columns)] };
}

/**
 * Writes the staged source with its fill_down columns filled into `${stage}__filled` and
 * returns that name (the route reads it instead of the stage; the rejects' raw values still
 * come from the file as written). Missing means NULL or one of `missingValues`.
 */
export async function fillDown(
  engine: Engine,
  stage: string,
  plan: FillDownPlan,
  missingValues: string[],
): Promise<string> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  if (!d.supportsWindowFunctions) throw new Error(`${stage}: fill_down needs window functions`);
  const missing = [...new Set(missingValues.map((v) => v.trim().toLowerCase()))];
  const params = missing;
  const placeholders = missing.map((_, i) => `$${i + 1}`);
  const longest = Math.max(
    0,
    ...missing.map((v) => Math.max(Buffer.byteLength(v), Buffer.byteLength(v.toUpperCase()))),
  );
  const present = (c: string, t: string) => missingAsNullSql(`${t}.${q(c)}`, placeholders, longest, d);
  const key = (t: string) => `trim(${present(plan.key, t)})`;
  const replaced = new Map(
    plan.columns.map((c) => [
      c,
      `CASE WHEN ${present(c, 'x')} IS NULL AND ${key('x')} IS NOT NULL THEN ${present(c, 'f')} ELSE x.${q(c)} END`,
    ]),
  );
  const columns = d.supportsStarReplace ? [] : await engine.columns(stage);
  const filled = `${stage}__filled`;
  // A new order starts where the order number differs from the line before (file order).
  // The windows see only the record number and the order number (a narrow sort); each line
  // then finds its order's first line by that line's record number (a hash join), instead
  // of carrying every column through three window passes (1.5-1.9x the CPU of a load).
  // Lines before the first order number have no first line (LEFT JOIN) and are not filled.
  await engine.run(
    `${d.createTempTable(q(filled))} AS SELECT ${d.starReplacing('x', replaced, columns)} FROM ${q(stage)} x
     JOIN (
       SELECT _rn, max(__starts) OVER (ORDER BY _rn ROWS UNBOUNDED PRECEDING) AS __first FROM (
         SELECT s._rn, CASE WHEN ${key('s')} IS DISTINCT FROM lag(${key('s')}) OVER (ORDER BY s._rn) THEN s._rn END AS __starts
         FROM ${q(stage)} s) a
     ) b ON b._rn = x._rn
     LEFT JOIN ${q(stage)} f ON f._rn = b.__first`,
    params,
  );
  return filled;
}

/**
 * `group_heading`: a report grouped under headings (QuickBooks' "Sales by Customer Detail"
 * writes a customer's name on a line of its own and that customer's lines beneath it with the
 * column empty). Each empty value of `column` (as the file spells it, compared trimmed and
 * without case) takes the value of the nearest line above that has one; lines above the first
 * heading stay empty. Writes `${stage}__grouped` and returns its name. A name the file does
 * not have is a WorthError.
 */
export async function groupHeading(
  engine: Engine,
  stage: string,
  heading: { name: string; configPath: string },
  sourceColumns: string[],
  missingValues: string[],
): Promise<string> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  if (!d.supportsWindowFunctions) throw new Error(`${stage}: group_heading needs window functions`);
  const column = sourceColumns.find((c) => c.trim().toLowerCase() === heading.name.trim().toLowerCase());
  if (column === undefined)
    throw new WorthError(
      'config',
      { path: heading.configPath },
      heading.name,
      `a column of the file (one of ${sourceColumns.join(', ')})`,
    );
  const missing = [...new Set(missingValues.map((v) => v.trim().toLowerCase()))];
  const placeholders = missing.map((_, i) => `$${i + 1}`);
  const longest = Math.max(
    0,
    ...missing.map((v) => Math.max(Buffer.byteLength(v), Buffer.byteLength(v.toUpperCase()))),
  );
  const present = (t: string) => missingAsNullSql(`${t}.${q(column)}`, placeholders, longest, d);
  const grouped = `${stage}__grouped`;
  const columns = d.supportsStarReplace ? [] : await engine.columns(stage);
  const replaced = new Map([
    [column, `CASE WHEN ${present('x')} IS NULL THEN ${present('h')} ELSE x.${q(column)} END`],
  ]);
  // Each line finds the record number of the nearest heading at or above it (a narrow window), then that line's value (a join).
  await engine.run(
    `${d.createTempTable(q(grouped))} AS SELECT ${d.starReplacing('x', replaced, columns)} FROM ${q(stage)} x
     JOIN (
       SELECT _rn, max(__at) OVER (ORDER BY _rn ROWS UNBOUNDED PRECEDING) AS __heading FROM (
         SELECT s._rn, CASE WHEN ${present('s')} IS NOT NULL THEN s._rn END AS __at FROM ${q(stage)} s) a
     ) b ON b._rn = x._rn
     LEFT JOIN ${q(stage)} h ON h._rn = b.__heading`,
    missing,
  );
  return grouped;
}
