/**
 * Where the cost of goods rests on an estimate (an assumed margin or a product cost, marked by
 * ingest on order lines and on returns that take it back): a flag per customer for the P&L,
 * and the share of the company's cost of goods that is estimated, for every output to show.
 */
import { createWorkTable, type CustomerPart } from '../costing/index.ts';
import { fromScaled, toScaled, type MoneyString } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';

/**
 * How much of the P&L's cost of goods is estimated. Its scope is the P&L's own (customers'
 * lines, sold less recovered on returns), so a note can stand next to the figure it marks.
 */
export interface CogsEstimate {
  /** Estimated cost of goods of customers' lines (sold less recovered on returns), exact decimal string. */
  amount: MoneyString;
  /** amount / the P&L's whole cost of goods (0 when that is 0), a fraction 0-1. */
  share: number;
  /** Customers whose cost of goods is partly or wholly estimated (`customer_pnl.cogs_estimated`). */
  customers: number;
  /** Order lines with an estimated cost of goods, and returns with an estimated cost of goods recovered. */
  orderLines: number;
  returns: number;
}

const WORK_TABLE = 'pnl_cogs_estimated';
/** The flag's column in `customer_pnl`. */
export const COGS_ESTIMATED = 'cogs_estimated';

/** Whether a table has the `cogs_estimated` column (a database loaded before returns had it lacks it there). */
async function hasFlag(engine: Engine, table: string): Promise<boolean> {
  return (await engine.tableExists(table)) && (await engine.columns(table)).includes(COGS_ESTIMATED);
}

/** The work table of customers with an estimated cost of goods, as a part for the P&L to join. */
export async function cogsEstimatedPart(engine: Engine): Promise<CustomerPart> {
  const flagged = [];
  for (const t of ['order_lines', 'returns'])
    if (await hasFlag(engine, t))
      flagged.push(`SELECT customer_id FROM ${engine.dialect.quoteIdent(t)} WHERE ${COGS_ESTIMATED}`);
  const from = flagged.length
    ? flagged.join(' UNION ALL ')
    : 'SELECT CAST(NULL AS VARCHAR) AS customer_id WHERE FALSE';
  await createWorkTable(
    engine,
    WORK_TABLE,
    `SELECT customer_id, TRUE AS ${COGS_ESTIMATED} FROM (${from}) x WHERE customer_id IS NOT NULL GROUP BY customer_id`,
  );
  return { table: WORK_TABLE, columns: [[COGS_ESTIMATED, COGS_ESTIMATED]] };
}

/** Work tables of this module (dropped at the end of the analysis). */
export const COGS_ESTIMATE_WORK_TABLES = [WORK_TABLE];

/**
 * The share of the P&L's cost of goods that is estimated: customers' lines only, net of what
 * returns take back, the same scope as the cost of goods the P&L shows. (Lines without a
 * customer stay out of the P&L, so an estimate on them would make a note larger than its figure.)
 */
export async function cogsEstimateSummary(engine: Engine): Promise<CogsEstimate> {
  const money = (e: string) => `CAST(coalesce(sum(${e}), 0) AS ${engine.dialect.decimalType(38, 2)})`;
  const lines = (await hasFlag(engine, 'order_lines'))
    ? (
        await engine.query(
          `SELECT ${money('cogs_amount')} AS total, ${money(`CASE WHEN ${COGS_ESTIMATED} THEN cogs_amount END`)} AS est, ${engine.dialect.countWhere(COGS_ESTIMATED)} AS n FROM order_lines WHERE customer_id IS NOT NULL`,
        )
      )[0]!
    : { total: '0.00', est: '0.00', n: 0 };
  const back = (await hasFlag(engine, 'returns'))
    ? (
        await engine.query(
          `SELECT ${money('cogs_recovered')} AS total, ${money(`CASE WHEN ${COGS_ESTIMATED} THEN cogs_recovered END`)} AS est, ${engine.dialect.countWhere(COGS_ESTIMATED)} AS n FROM returns WHERE customer_id IS NOT NULL`,
        )
      )[0]!
    : { total: '0.00', est: '0.00', n: 0 };
  const cents = (v: unknown) => toScaled(String(v));
  const total = cents(lines.total) - cents(back.total);
  const est = cents(lines.est) - cents(back.est);
  const customers = Number(
    (await engine.query(`SELECT count(*) AS n FROM customer_pnl WHERE ${COGS_ESTIMATED}`))[0]!.n,
  );
  return {
    amount: fromScaled(est),
    // Six decimals, from integers: the same figure on every run.
    share: total === 0n ? 0 : Number((est * 1_000_000n) / total) / 1_000_000,
    customers,
    orderLines: Number(lines.n),
    returns: Number(back.n),
  };
}
