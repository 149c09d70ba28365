/** Everything the customer page shows: attributes, the P&L row, segment medians, loss reasons, feedback, contacts. */
import { fromScaled, toScaled } from '../core/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import { HttpError } from './httpError.ts';
import type { CustomerColumns } from './customerTable.ts';

/** The customer page's data. Money as exact decimal strings; rows as stored in the analysis tables. */
export interface CustomerDetail {
  customer: Row;
  /** The customer's row of `customer_pnl` (every waterfall column). */
  pnl: Row;
  /** The customer's segment's medians (`m_<line>` columns), or null without segments. */
  segmentMedians: Row | null;
  /** Lines worse than the segment median, largest gap first (loss-makers only). */
  lossExplanations: Row[];
  /** Profitability-matrix row (ratios and quadrant), or null. */
  matrix: Row | null;
  /** Voice-of-customer row (satisfaction and quadrant), or null. */
  voiceOfCustomer: Row | null;
  /**
   * Lifetime value (after `worth clv`): P(alive) now and at the horizon, expected purchases,
   * CLV on profit with its 90% interval (`clv_profit_lo`, `clv_profit_hi`; null when none) and
   * on revenue (money rounded to cents, as decimal strings), or null.
   */
  lifetimeValue: Row | null;
  /** The 20 most recent feedback entries. */
  feedback: Row[];
  /** The 20 most recent service contacts. */
  serviceContacts: Row[];
  /** Orders and invoiced sales (gross - on-invoice discount, exact decimal strings) per month, oldest first. */
  history: { month: string; orders: number; sales: string }[];
}

const LATEST = 20;

/** Reads one customer's page; 404 when the customer is not in the P&L. */
export async function customerDetail(
  engine: Engine,
  has: CustomerColumns,
  tables: ReadonlySet<string>,
  customerId: string,
): Promise<CustomerDetail> {
  const [pnl] = await engine.query('SELECT * FROM customer_pnl WHERE customer_id = $1', [customerId]);
  if (!pnl) throw new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`);
  const cols = [
    'customer_id',
    ...['name', 'segment', 'channel', 'region', 'acquired_on'].filter((c) => has.has(c)),
  ];
  const [customer] = await engine.query(
    `SELECT ${cols.map(engine.dialect.quoteIdent).join(', ')} FROM customers WHERE customer_id = $1`,
    [customerId],
  );
  const one = async (table: string, sql: string, params: string[]) =>
    tables.has(table) ? ((await engine.query(sql, params))[0] ?? null) : null;
  const many = async (table: string, sql: string) =>
    tables.has(table) ? engine.query(sql, [customerId]) : [];
  const segment = customer?.segment;
  return {
    customer: customer ?? { customer_id: customerId },
    pnl,
    segmentMedians:
      typeof segment === 'string'
        ? await one('segment_medians', 'SELECT * FROM segment_medians WHERE segment = $1', [segment])
        : null,
    lossExplanations: await many(
      'loss_explanations',
      'SELECT line, customer_value, segment_median, gap FROM loss_explanations WHERE customer_id = $1 ORDER BY gap DESC, line',
    ),
    matrix: await one(
      'profitability_matrix',
      'SELECT net_price_realisation, cost_to_serve_share, quadrant FROM profitability_matrix WHERE customer_id = $1',
      [customerId],
    ),
    voiceOfCustomer: await one(
      'voice_of_customer',
      'SELECT responses, satisfaction, quadrant FROM voice_of_customer WHERE customer_id = $1',
      [customerId],
    ),
    lifetimeValue: await one(
      'customer_clv',
      `SELECT p_alive, p_alive_at_horizon, expected_purchases, CAST(round(clv_profit, 2) AS DECIMAL(18,2)) AS clv_profit, ${await clvIntervalColumns(engine, tables)}, CAST(round(clv_revenue, 2) AS DECIMAL(18,2)) AS clv_revenue, loss_making = 1 AS loss_making FROM customer_clv WHERE customer_id = $1`,
      [customerId],
    ),
    feedback: await many(
      'feedback',
      `SELECT feedback_date, kind, score, scale_max, text FROM feedback WHERE customer_id = $1 ORDER BY feedback_date DESC LIMIT ${LATEST}`,
    ),
    history: tables.has('order_lines') ? await monthlyHistory(engine, customerId) : [],
    serviceContacts: await many(
      'service_contacts',
      `SELECT contact_date, channel, minutes, reason FROM service_contacts WHERE customer_id = $1 ORDER BY contact_date DESC LIMIT ${LATEST}`,
    ),
  };
}

/** The profit CLV's 90% interval in cents (NULL when none: runs before intervals, or a fit without a covariance). */
async function clvIntervalColumns(engine: Engine, tables: ReadonlySet<string>): Promise<string> {
  const stored =
    tables.has('customer_clv') && (await engine.columns('customer_clv')).includes('clv_profit_lo');
  return stored
    ? 'CAST(round(clv_profit_lo, 2) AS DECIMAL(18,2)) AS clv_profit_lo, CAST(round(clv_profit_hi, 2) AS DECIMAL(18,2)) AS clv_profit_hi'
    : 'NULL AS clv_profit_lo, NULL AS clv_profit_hi';
}

/** Orders and invoiced sales per month: grouped by day in SQL (portable), by month here. */
async function monthlyHistory(engine: Engine, customerId: string): Promise<CustomerDetail['history']> {
  const days = await engine.query(
    'SELECT CAST(order_date AS VARCHAR) AS day, count(DISTINCT order_id) AS orders, CAST(sum(gross_amount - discount_amount) AS VARCHAR) AS sales ' +
      'FROM order_lines WHERE customer_id = $1 GROUP BY order_date ORDER BY order_date',
    [customerId],
  );
  const months = new Map<string, { orders: number; cents: bigint }>();
  for (const d of days) {
    const month = String(d.day).slice(0, 7);
    const m = months.get(month) ?? { orders: 0, cents: 0n };
    m.orders += Number(d.orders);
    m.cents += toScaled(String(d.sales ?? '0'));
    months.set(month, m);
  }
  return [...months].map(([month, m]) => ({ month, orders: m.orders, sales: fromScaled(m.cents) }));
}
