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
 *
 * Past {@link DRILL_PART_ROWS} lines the copy is written in parts, each a contiguous range of
 * the hash (its top bits) sorted on its own and appended in range order: the same table, sorted
 * the same way, while the engine sorts one part at a time (one sort of 100,000,000 lines spilled
 * gigabytes beside a 2500MB memory limit).
 */
import type { Engine } from '../warehouse/index.ts';

/** The table the drill reads order lines from (absent in a workspace analysed before it). */
export const DRILL_LINES_TABLE = 'drill_order_lines';

/** The column holding the engine's hash of `customer_id`, the sort key. */
export const DRILL_HASH_COLUMN = 'customer_hash';

/**
 * About how many order lines one part of the copy sorts (default of {@link buildDrillLines}'s
 * `partRows`): about 1 GB of rows to sort, well inside the writer's 2500MB memory limit.
 */
export const DRILL_PART_ROWS = 8_000_000;

/**
 * How many parts `lines` rows are written in: 1, or a power of two of at least 4, so each part's
 * range of the 64-bit hash is `hash // 2^(64 - bits)` with a divisor below 2^63 (an ordinary
 * 64-bit integer in every engine).
 */
export function drillParts(lines: number, partRows: number): number {
  const wanted = Math.ceil(lines / Math.max(1, partRows));
  if (wanted <= 1) return 1;
  let parts = 4;
  while (parts < wanted && parts < 2 ** 16) parts *= 2;
  return parts;
}

/** Writes {@link DRILL_LINES_TABLE} from the order lines with a customer (replacing an older one). */
export async function buildDrillLines(engine: Engine, partRows: number = DRILL_PART_ROWS): Promise<void> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const hash = d.hashOf(['customer_id']);
  const select =
    `SELECT ${hash} AS ${q(DRILL_HASH_COLUMN)}, ` +
    'customer_id, _source, _line, order_id, line_no, order_date, gross_amount, discount_amount, cogs_amount, cogs_estimated ' +
    'FROM order_lines WHERE customer_id IS NOT NULL';
  await engine.run(`DROP TABLE IF EXISTS ${q(DRILL_LINES_TABLE)}`);
  const [count] = await engine.query('SELECT count(*) AS n FROM order_lines WHERE customer_id IS NOT NULL');
  const parts = drillParts(Number(count?.n ?? 0), partRows);
  if (parts === 1) {
    await engine.run(`CREATE TABLE ${q(DRILL_LINES_TABLE)} AS ${select} ORDER BY ${q(DRILL_HASH_COLUMN)}`);
    return;
  }
  // Part i holds the hashes whose top log2(parts) bits are i: a contiguous range, in order.
  const divisor = String(2n ** BigInt(64 - Math.log2(parts)));
  const part = d.intDiv64(hash, divisor);
  for (let i = 0; i < parts; i++) {
    const rows = `${select} AND ${part} = $part ORDER BY ${q(DRILL_HASH_COLUMN)}`;
    await engine.run(
      i === 0
        ? `CREATE TABLE ${q(DRILL_LINES_TABLE)} AS ${rows}`
        : `INSERT INTO ${q(DRILL_LINES_TABLE)} ${rows}`,
      { part: i },
    );
  }
}
