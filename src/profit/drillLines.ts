/**
 * The order lines kept for the drill to the source (`drill_order_lines`): the columns the
 * dashboard's drill from a customer's gross-sales, discounts or cost-of-goods bar reads, stored
 * sorted by a hash of the customer id only (the drill orders a customer's rows itself; sorting by
 * the id, date, file and line as well cost about a tenth more at 1,000,000 customers). An analytical engine
 * keeps the lowest and highest value of each column per row group (DuckDB: 122,880 rows), so a
 * lookup `WHERE customer_hash = hash($1)` skips every row group but the one or two holding that
 * customer, where the order lines as loaded (sorted by date in most exports) are read whole. The
 * hash and not the id itself: DuckDB keeps only the first 8 bytes of a text's minimum and maximum,
 * so ids with a longer common prefix (`CUST-000012345`) would not narrow the read. Written by
 * analyze in its transaction, so the rows are the ones the customer P&L summed.
 */
import type { Engine } from '../warehouse/index.ts';

/** The table the drill reads order lines from (absent in a workspace analysed before it). */
export const DRILL_LINES_TABLE = 'drill_order_lines';

/** The column holding the engine's hash of `customer_id`, the sort key. */
export const DRILL_HASH_COLUMN = 'customer_hash';

/** Writes {@link DRILL_LINES_TABLE} from the order lines with a customer (replacing an older one). */
export async function buildDrillLines(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  await engine.run(`DROP TABLE IF EXISTS ${q(DRILL_LINES_TABLE)}`);
  await engine.run(
    `CREATE TABLE ${q(DRILL_LINES_TABLE)} AS SELECT ${d.hashOf(['customer_id'])} AS ${q(DRILL_HASH_COLUMN)}, ` +
      'customer_id, _source, _line, order_id, line_no, order_date, gross_amount, discount_amount, cogs_amount, cogs_estimated ' +
      `FROM order_lines WHERE customer_id IS NOT NULL ORDER BY ${q(DRILL_HASH_COLUMN)}`,
  );
}
