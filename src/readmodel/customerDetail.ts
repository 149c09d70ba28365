/**
 * Everything the customer page shows: attributes, the P&L row, segment medians, loss reasons,
 * feedback, contacts, the monthly history and the customer's months. Each per-customer read is
 * declared once as a {@link PagePart}; the page is assembled from those reads whether they come
 * from the database (one query per part) or from memory (customerPages.ts), so the two give the
 * same answer.
 */
import { CLV_UNDETERMINED_COLUMN, fromScaled, toScaled } from '../core/index.ts';
import { MONTHLY_COLUMNS, MONTHLY_ORDERS } from '../profit/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import { notInPnl } from './readErrors.ts';
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
   * Lifetime value (after `worth clv`): P(alive) now and at the horizon, expected purchases over
   * the horizon with their 90% interval (`expected_purchases_lo`, `expected_purchases_hi`; null
   * when none), CLV on profit with its 90% interval (`clv_profit_lo`, `clv_profit_hi`; null when none) and
   * on revenue (money rounded to cents, as decimal strings), or null. When the fit behind them is
   * undetermined those figures are null and `clv_undetermined` says why (a stored reason code).
   */
  lifetimeValue: Row | null;
  /** The 20 most recent feedback entries. */
  feedback: Row[];
  /** The 20 most recent service contacts. */
  serviceContacts: Row[];
  /** Orders and invoiced sales (gross - on-invoice discount, exact decimal strings) per month, oldest first. */
  history: { month: string; orders: number; sales: string }[];
}

/** The per-customer reads of the page. */
export type PartKey =
  | 'customer'
  | 'pnl'
  | 'lossExplanations'
  | 'matrix'
  | 'voiceOfCustomer'
  | 'lifetimeValue'
  | 'feedback'
  | 'serviceContacts'
  | 'history'
  | 'months';

/**
 * One per-customer read: the rows of `from` (a table with alias, or a subquery with alias, with a
 * `customer_id` column) for one customer, as `columns`, in `orderBy` order, at most `latest` rows.
 */
export interface PagePart {
  /** The table that must exist for the part to be read (otherwise: no rows). */
  table: string;
  from: string;
  alias: string;
  columns: { name: string; sql: string }[];
  /** ORDER BY over the alias's columns; empty for one row per customer. */
  orderBy: string;
  latest?: number;
}

const LATEST = 20;

/**
 * The page's parts for a workspace: `pnlColumns` = the columns of `customer_pnl`, `has` = the
 * optional customer columns present, `clvColumns` = the columns of `customer_clv` (none before `worth clv`),
 * `monthlyColumns` = the columns of `pnl_monthly` (the history is read from it when it counts orders),
 * `historyTable` = a table of orders and sales per customer and month to read the history from
 * where `pnl_monthly` does not count them (a server engine's results: {@link ORDER_HISTORY_TABLE}).
 */
export function pageParts(
  engine: Engine,
  pnlColumns: readonly string[],
  has: CustomerColumns,
  clvColumns: readonly string[] = [],
  monthlyColumns: readonly string[] = [],
  historyTable?: string,
): Record<PartKey, PagePart> {
  const q = engine.dialect.quoteIdent;
  const plain = (alias: string, names: string[]) =>
    names.map((name) => ({ name, sql: `${alias}.${q(name)}` }));
  const money = (alias: string, name: string) => ({
    name,
    sql: `CAST(round(${alias}.${q(name)}, 2) AS ${engine.dialect.decimalType(18, 2)})`,
  });
  return {
    customer: {
      table: 'customers',
      from: 'customers c',
      alias: 'c',
      columns: plain('c', [
        'customer_id',
        ...['name', 'segment', 'channel', 'region', 'acquired_on'].filter((c) => has.has(c)),
      ]),
      orderBy: '',
    },
    pnl: {
      table: 'customer_pnl',
      from: 'customer_pnl p',
      alias: 'p',
      columns: plain('p', [...pnlColumns]),
      orderBy: '',
    },
    lossExplanations: {
      table: 'loss_explanations',
      from: 'loss_explanations l',
      alias: 'l',
      columns: plain('l', ['line', 'customer_value', 'segment_median', 'gap']),
      orderBy: 'l.gap DESC, l.line',
    },
    matrix: {
      table: 'profitability_matrix',
      from: 'profitability_matrix m',
      alias: 'm',
      columns: plain('m', ['net_price_realisation', 'cost_to_serve_share', 'quadrant']),
      orderBy: '',
    },
    voiceOfCustomer: {
      table: 'voice_of_customer',
      from: 'voice_of_customer v',
      alias: 'v',
      columns: plain('v', ['responses', 'satisfaction', 'quadrant']),
      orderBy: '',
    },
    lifetimeValue: {
      table: 'customer_clv',
      from: 'customer_clv k',
      alias: 'k',
      columns: [
        ...plain('k', ['p_alive', 'p_alive_at_horizon', 'expected_purchases']),
        // Expected purchases' 90% interval; NULL for runs before intervals or a fit without a covariance.
        ...['expected_purchases_lo', 'expected_purchases_hi'].map((name) => ({
          name,
          sql: clvColumns.includes(name) ? `k.${q(name)}` : 'CAST(NULL AS DOUBLE)',
        })),
        money('k', 'clv_profit'),
        // The profit CLV's 90% interval in cents; NULL for runs before intervals or a fit without a covariance.
        ...(clvColumns.includes('clv_profit_lo')
          ? [money('k', 'clv_profit_lo'), money('k', 'clv_profit_hi')]
          : ['clv_profit_lo', 'clv_profit_hi'].map((name) => ({
              name,
              sql: `CAST(NULL AS ${engine.dialect.decimalType(18, 2)})`,
            }))),
        money('k', 'clv_revenue'),
        { name: 'loss_making', sql: 'k.loss_making = 1' },
        // why the figures above are empty (null: determined; runs before the column had none)
        {
          name: CLV_UNDETERMINED_COLUMN,
          sql: clvColumns.includes(CLV_UNDETERMINED_COLUMN)
            ? `k.${q(CLV_UNDETERMINED_COLUMN)}`
            : 'CAST(NULL AS VARCHAR)',
        },
      ],
      orderBy: '',
    },
    feedback: {
      table: 'feedback',
      from: 'feedback f',
      alias: 'f',
      columns: plain('f', ['feedback_date', 'kind', 'score', 'scale_max', 'text']),
      // The id breaks ties of a day, so "the latest 20" is the same set on every read.
      orderBy: 'f.feedback_date DESC, f.feedback_id DESC',
      latest: LATEST,
    },
    serviceContacts: {
      table: 'service_contacts',
      from: 'service_contacts s',
      alias: 's',
      columns: plain('s', ['contact_date', 'channel', 'minutes', 'reason']),
      orderBy: 's.contact_date DESC, s.contact_id DESC',
      latest: LATEST,
    },
    history: monthlyColumns.includes(MONTHLY_ORDERS)
      ? {
          // Written once by analyze: ~3 rows per customer instead of a group-by over every order line.
          table: 'pnl_monthly',
          from: `(SELECT customer_id, month, ${q(MONTHLY_ORDERS)} AS orders, gross_sales - discounts AS sales FROM pnl_monthly WHERE ${q(MONTHLY_ORDERS)} > 0) h`,
          alias: 'h',
          columns: [
            { name: 'month', sql: 'CAST(h.month AS DATE)' },
            { name: 'orders', sql: 'h.orders' },
            { name: 'sales', sql: 'h.sales' },
          ],
          orderBy: 'h.month',
        }
      : historyTable
        ? {
            table: historyTable,
            from: `(SELECT customer_id, month, orders, sales FROM ${q(historyTable)}) h`,
            alias: 'h',
            columns: [
              { name: 'month', sql: 'CAST(h.month AS DATE)' },
              { name: 'orders', sql: 'CAST(h.orders AS BIGINT)' },
              { name: 'sales', sql: 'h.sales' },
            ],
            orderBy: 'h.month',
          }
        : historyFromLines(engine),
    months: {
      table: 'pnl_monthly',
      from: 'pnl_monthly t',
      alias: 't',
      columns: plain('t', ['month', ...MONTHLY_COLUMNS]),
      orderBy: 't.month',
    },
  };
}

/** Orders and sales per customer and month (customer_id, month, orders, sales), where the run has no `pnl_monthly` to read them from: see serverReader.ts. */
export const ORDER_HISTORY_TABLE = 'serve_order_history';

/** The order history from the order lines, for a workspace analysed before `pnl_monthly` counted orders. */
function historyFromLines(engine: Engine): PagePart {
  return {
    table: 'order_lines',
    // Orders counted per day (an order is dated once) and summed into the month.
    from:
      `(SELECT customer_id, ${engine.dialect.monthStart('order_date')} AS month, sum(orders) AS orders, sum(sales) AS sales FROM ` +
      '(SELECT customer_id, order_date, count(DISTINCT order_id) AS orders, sum(gross_amount - discount_amount) AS sales ' +
      'FROM order_lines GROUP BY customer_id, order_date) d GROUP BY customer_id, month) h',
    alias: 'h',
    columns: [
      { name: 'month', sql: 'CAST(h.month AS DATE)' },
      { name: 'orders', sql: 'CAST(h.orders AS BIGINT)' },
      { name: 'sales', sql: 'h.sales' },
    ],
    orderBy: 'h.month',
  };
}

/** Reads one part's rows for one customer (from the database or from memory). */
export type PartReader = (key: PartKey) => Promise<Row[]> | Row[];

/** Builds the page from its parts; null when the customer is not in the P&L. */
export async function assembleDetail(
  read: PartReader,
  medians: (segment: string) => Promise<Row | null> | Row | null,
  customerId: string,
): Promise<CustomerDetail | null> {
  const [pnl] = await read('pnl');
  if (!pnl) return null;
  const [customer] = await read('customer');
  const one = async (key: PartKey) => (await read(key))[0] ?? null;
  const segment = customer?.segment;
  return {
    customer: customer ?? { customer_id: customerId },
    pnl,
    segmentMedians: typeof segment === 'string' ? await medians(segment) : null,
    lossExplanations: await read('lossExplanations'),
    matrix: await one('matrix'),
    voiceOfCustomer: await one('voiceOfCustomer'),
    lifetimeValue: await one('lifetimeValue'),
    feedback: await read('feedback'),
    history: (await read('history')).map((r) => ({
      month: String(r.month).slice(0, 7),
      orders: Number(r.orders),
      sales: fromScaled(toScaled(String(r.sales ?? '0'))),
    })),
    serviceContacts: await read('serviceContacts'),
  };
}

/** One part's rows for one customer, by a query. */
export function queryPart(
  engine: Engine,
  part: PagePart,
  tables: ReadonlySet<string>,
  customerId: string,
): Promise<Row[]> {
  if (!tables.has(part.table)) return Promise.resolve([]);
  const cols = part.columns.map((c) => `${c.sql} AS ${engine.dialect.quoteIdent(c.name)}`).join(', ');
  return engine.query(
    `SELECT ${cols} FROM ${part.from} WHERE ${part.alias}.customer_id = $1` +
      (part.orderBy ? ` ORDER BY ${part.orderBy}` : '') +
      (part.latest ? ` LIMIT ${part.latest}` : ''),
    [customerId],
  );
}

/** Reads one customer's page from the database; a `not_found` WorthError when the customer is not in the P&L. */
export async function customerDetail(
  engine: Engine,
  parts: Record<PartKey, PagePart>,
  tables: ReadonlySet<string>,
  customerId: string,
): Promise<CustomerDetail> {
  const detail = await assembleDetail(
    (key) => queryPart(engine, parts[key], tables, customerId),
    async (segment) =>
      tables.has('segment_medians')
        ? ((await engine.query('SELECT * FROM segment_medians WHERE segment = $1', [segment]))[0] ?? null)
        : null,
    customerId,
  );
  if (!detail) throw notInPnl(customerId);
  return detail;
}
