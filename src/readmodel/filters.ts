/**
 * Global filters: a period (from / to month) and customer attributes (segment, channel,
 * region), applied to every read a dashboard page shows. The period sums the stored monthly
 * P&L (`pnl_monthly`) over its months; the attributes select customers by equality in the
 * customer dimension. Every filtered read starts from the same per-customer figures (one SQL
 * text, {@link customerFiguresSql}), so the totals, the whale curve, the roll-ups, the deciles
 * and the customer list add up to each other to the cent. Money comes from the engine as exact
 * decimal strings; nothing is summed in floating point.
 */
import type { CustomerRow } from './customerTable.ts';
import { WorthError, normaliseMoney, type MoneyString } from '../core/index.ts';
import { MONTHLY_COLUMNS } from '../profit/index.ts';
import { NamedBinder, type Engine, type NamedParams, type Row } from '../warehouse/index.ts';
import type { Grain } from './request.ts';
import { customerTrendOfMonths, type Trend, type TrendFigures } from './trend.ts';

/** The customer attributes a global filter selects on. */
export const FILTER_ATTRIBUTES = ['segment', 'channel', 'region'] as const;

/** A customer attribute a global filter selects on. */
export type FilterAttribute = (typeof FILTER_ATTRIBUTES)[number];

/** The global filters of a request; absent fields do not filter. Months are `YYYY-MM`. */
export interface Filters {
  from?: string;
  to?: string;
  segment?: string;
  channel?: string;
  region?: string;
}

/** Longest attribute value accepted (longer input is a mistake). */
const MAX_VALUE = 200;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The keys a filter is written with: the months, the attributes, and `period` (`from..to`, for both months at once). */
export const FILTER_KEYS = ['from', 'to', 'period', ...FILTER_ATTRIBUTES] as const;

/**
 * Parses the global filters from raw parameters (`from`, `to`, `segment`, `channel`, `region`,
 * or `period=2025-01..2025-03` for `from` and `to`: one month alone is that month, an open end
 * is no bound); a bad value is a `WorthError` naming it. The server's query and the CLI's
 * `--filter` ({@link parseFilterText}) both come here.
 */
export function parseFilters(raw: Record<string, string | undefined>): Filters {
  const out: Filters = {};
  const period = raw.period;
  if (period !== undefined && period !== '') {
    if (raw.from || raw.to)
      throw new WorthError(
        'input',
        { path: 'period' },
        period.slice(0, 40),
        'period or from/to, not both',
        undefined,
        {
          key: 'filterPeriodAndFromTo',
          vars: { value: period.slice(0, 40) },
        },
      );
    const [from, to, ...rest] = period.split('..');
    if (rest.length || (to === undefined ? !from : !from && !to))
      throw new WorthError(
        'input',
        { path: 'period' },
        period.slice(0, 40),
        'months as YYYY-MM..YYYY-MM, e.g. 2025-01..2025-03 (one end may be left open, or one month alone)',
        undefined,
        { key: 'filterPeriodForm', vars: { value: period.slice(0, 40) } },
      );
    for (const m of [from, to])
      if (m && !MONTH.test(m))
        throw new WorthError(
          'input',
          { path: 'period' },
          m.slice(0, 40),
          'months as YYYY-MM, e.g. 2025-01..2025-03',
          undefined,
          { key: 'filterMonthForm', vars: { key: 'period', value: m.slice(0, 40) } },
        );
    raw = { ...raw, from, to: to === undefined ? from : to };
  }
  for (const key of ['from', 'to'] as const) {
    const v = raw[key];
    if (v === undefined || v === '') continue;
    if (!MONTH.test(v))
      throw new WorthError(
        'input',
        { path: key },
        v.slice(0, 40),
        'a month as YYYY-MM, e.g. 2024-03',
        undefined,
        {
          key: 'filterMonthForm',
          vars: { key, value: v.slice(0, 40) },
        },
      );
    out[key] = v;
  }
  if (out.from !== undefined && out.to !== undefined && out.from > out.to)
    throw new WorthError(
      'input',
      { path: 'to' },
      out.to,
      `a month from ${out.from} on (from is ${out.from})`,
      undefined,
      { key: 'filterToBeforeFrom', vars: { value: out.to, from: out.from } },
    );
  for (const key of FILTER_ATTRIBUTES) {
    const v = raw[key];
    if (v === undefined || v === '') continue;
    if (v.length > MAX_VALUE)
      throw new WorthError(
        'input',
        { path: key },
        v.slice(0, 40),
        `a value of at most ${MAX_VALUE} characters`,
        undefined,
        { key: 'filterValueTooLong', vars: { key, value: v.slice(0, 40), max: String(MAX_VALUE) } },
      );
    out[key] = v;
  }
  return out;
}

/**
 * Parses filters written as text, as `worth export --filter` and `worth report --filter` take
 * them: `segment=Retail,period=2025-01..2025-03`, or the dashboard's query string
 * (`segment=Retail&from=2025-01&to=2025-03`, percent-encoded; the form for a value with a
 * comma). Keys are {@link FILTER_KEYS}; an unknown one, a key given twice or a bad value is a
 * `WorthError` naming it.
 */
export function parseFilterText(text: string): Filters {
  const t = text.trim().replace(/^\?/, '');
  const query = t.includes('&') || /%[0-9a-f]{2}/i.test(t);
  const pairs: [string, string][] = query
    ? [...new URLSearchParams(t)]
    : t
        .split(',')
        .filter((p) => p.trim() !== '')
        .map((p) => {
          const at = p.indexOf('=');
          return at < 0 ? [p.trim(), ''] : [p.slice(0, at).trim(), p.slice(at + 1).trim()];
        });
  const raw: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (!(FILTER_KEYS as readonly string[]).includes(key))
      throw new WorthError(
        'input',
        { path: 'filter' },
        key.slice(0, 40),
        `a filter key: ${FILTER_KEYS.join(', ')}`,
        undefined,
        { key: 'filterUnknownKey', vars: { value: key.slice(0, 40), keys: FILTER_KEYS.join(', ') } },
      );
    if (key in raw)
      throw new WorthError('input', { path: key }, value.slice(0, 40), `${key} once`, undefined, {
        key: 'filterKeyTwice',
        vars: { key },
      });
    if (value === '')
      throw new WorthError('input', { path: key }, value, `a value after ${key}=`, undefined, {
        key: 'filterNoValue',
        vars: { key },
      });
    raw[key] = value;
  }
  return parseFilters(raw);
}

/** The filters as the dashboard's query string writes them (`from`, `to`, then the attributes): for saying which filter a report or file shows. */
export function filtersText(f: Filters): string {
  const q = new URLSearchParams();
  for (const key of ['from', 'to', ...FILTER_ATTRIBUTES] as const) {
    const v = f[key];
    if (v !== undefined) q.set(key, v);
  }
  return q.toString();
}

/** Whether any filter is set. */
export function isFiltered(f: Filters): boolean {
  return Object.keys(f).length > 0;
}

/** Whether the period is filtered (the months of `pnl_monthly` are then summed instead of the year's P&L). */
export function hasPeriod(f: Filters): boolean {
  return f.from !== undefined || f.to !== undefined;
}

/** A stable text of the filters, for caching answers per filter. */
export function filtersKey(f: Filters): string {
  return JSON.stringify([f.from ?? null, f.to ?? null, ...FILTER_ATTRIBUTES.map((a) => f[a] ?? null)]);
}

/** The money columns of a filtered customer (the summary columns of the P&L, deductions positive). */
export type FilteredColumn = (typeof MONTHLY_COLUMNS)[number];

/** The filtered totals: customers, money per column and the whale curve's headline figures. */
export interface FilteredTotals {
  customers: number;
  totals: TrendFigures;
  lossMakers: { customers: number; contribution: MoneyString };
  whale: {
    /** Peak of the cumulative contribution over the total (null when the total is not positive). */
    peak: number | null;
    peakCustomerShare: number;
    lossMakingShare: number;
    valueDestroyed: MoneyString;
  };
}

/** One point of a filtered whale curve (shares as fractions). */
export interface FilteredWhalePoint {
  customerShare: number;
  contributionShare: number;
}

/** One row of the filtered customer list: a row of the customer table. */
export type FilteredCustomerRow = CustomerRow;

/** A page of the filtered customer list and how many customers match. */
export interface FilteredCustomerPage {
  total: number;
  page: number;
  pageSize: number;
  rows: FilteredCustomerRow[];
}

/** The customer list's own query, on top of the global filters. */
export interface FilteredCustomersQuery {
  page: number;
  pageSize: number;
  /** The column to sort on (a {@link FilteredColumn} or `customer_id`, `name`, `segment`). */
  sortColumn: string;
  dir: 'asc' | 'desc';
  /** Search words, each already folded as the dialect's `foldText` folds (lower case, no accents). */
  words: string[];
  lossMaking?: boolean;
  vocQuadrant?: string;
  matrixQuadrant?: string;
}

/** What a workspace has for filtering: its customer columns and the analysis tables. */
interface Shape {
  customerColumns: Set<string>;
  tables: Set<string>;
}

async function shapeOf(engine: Engine): Promise<Shape> {
  const tables = new Set<string>();
  for (const t of ['customers', 'pnl_monthly', 'voice_of_customer', 'profitability_matrix'])
    if (await engine.tableExists(t)) tables.add(t);
  const customerColumns = new Set(tables.has('customers') ? await engine.columns('customers') : []);
  return { customerColumns, tables };
}

/** A SELECT and its values, bound by name (`$f1`, `$f2`, ...: a statement around it binds its own names beside them). */
interface Sql {
  sql: string;
  params: NamedParams;
}

/**
 * The per-customer figures under the filters: `customer_id`, `name`, `segment`, the `extra`
 * customer columns asked for and every {@link FilteredColumn} (zero for a customer without a
 * month in the period). Every analysed customer whose attributes match is in it, whether or not
 * it had figures in the period, so the customer count does not depend on the period.
 */
function customerFiguresSql(engine: Engine, f: Filters, shape: Shape, extra: string[] = []): Sql {
  const q = engine.dialect.quoteIdent;
  const binder = new NamedBinder('f');
  const bind = binder.bind.bind(binder);
  const joined = shape.tables.has('customers');
  const col = (name: string) =>
    joined && shape.customerColumns.has(name) ? `c.${q(name)}` : 'CAST(NULL AS VARCHAR)';
  const period = hasPeriod(f);
  if (period && !shape.tables.has('pnl_monthly'))
    throw new WorthError(
      'workspace',
      { path: 'from' },
      f.from ?? f.to,
      'a workspace analysed with months (run `worth analyze` again: older runs did not store pnl_monthly)',
      undefined,
      { key: 'filterNoMonths' },
    );
  const money = MONTHLY_COLUMNS.map((c) =>
    period ? `coalesce(m.${q(c)}, 0) AS ${q(c)}` : `p.${q(c)} AS ${q(c)}`,
  ).join(', ');
  const where: string[] = [];
  for (const a of FILTER_ATTRIBUTES) {
    const v = f[a];
    if (v === undefined) continue;
    if (!joined || !shape.customerColumns.has(a)) throw noAttribute(a, v);
    where.push(`c.${q(a)} = ${bind(v)}`);
  }
  let months = '';
  if (period) {
    // Months are first days (yyyy-mm-01); as text they sort as dates.
    const bounds: string[] = [];
    if (f.from !== undefined) bounds.push(`CAST(month AS VARCHAR) >= ${bind(`${f.from}-01`)}`);
    if (f.to !== undefined) bounds.push(`CAST(month AS VARCHAR) <= ${bind(`${f.to}-01`)}`);
    const sums = MONTHLY_COLUMNS.map((c) => `sum(${q(c)}) AS ${q(c)}`).join(', ');
    months = `LEFT JOIN (SELECT customer_id, ${sums} FROM pnl_monthly WHERE ${bounds.join(' AND ')} GROUP BY customer_id) m ON m.customer_id = p.customer_id`;
  }
  const extras = extra.map((e) => `${col(e)} AS ${q(`attr_${e}`)}`).join(', ');
  const sql =
    `SELECT p.customer_id AS customer_id, ${col('name')} AS name, ${col('segment')} AS segment, ${extras ? `${extras}, ` : ''}${money} ` +
    `FROM customer_pnl p ${joined ? 'LEFT JOIN customers c ON c.customer_id = p.customer_id' : ''} ${months}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '');
  return { sql, params: binder.values };
}

const text = (v: unknown): MoneyString => normaliseMoney(String(v ?? '0'));

/** Rounds a ratio to 6 decimals (as the stored whale headline does). */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The filtered totals (customers, money, loss-makers, whale headline). */
export async function readFilteredTotals(engine: Engine, f: Filters): Promise<FilteredTotals> {
  const q = engine.dialect.quoteIdent;
  const { sql, params } = customerFiguresSql(engine, f, await shapeOf(engine));
  const sums = MONTHLY_COLUMNS.map((c) => `CAST(coalesce(sum(${q(c)}), 0) AS VARCHAR) AS ${q(c)}`).join(', ');
  const [r] = await engine.query(
    `SELECT count(*) AS n, sum(CASE WHEN contribution > 0 THEN 1 ELSE 0 END) AS pos_n, sum(CASE WHEN contribution < 0 THEN 1 ELSE 0 END) AS neg_n, ` +
      `CAST(coalesce(sum(CASE WHEN contribution > 0 THEN contribution ELSE 0 END), 0) AS VARCHAR) AS pos, ` +
      `CAST(coalesce(sum(CASE WHEN contribution < 0 THEN contribution ELSE 0 END), 0) AS VARCHAR) AS neg, ${sums} FROM (${sql}) f`,
    params,
  );
  const n = Number(r?.n ?? 0);
  const totals = Object.fromEntries(MONTHLY_COLUMNS.map((c) => [c, text(r?.[c])])) as TrendFigures;
  const total = Number(totals.contribution);
  const share = (k: number) => (n ? round6(k / n) : 0);
  const neg = text(r?.neg);
  return {
    customers: n,
    totals,
    lossMakers: { customers: Number(r?.neg_n ?? 0), contribution: neg },
    whale: {
      peak: total > 0 ? round6(Number(r?.pos) / total) : null,
      peakCustomerShare: share(Number(r?.pos_n ?? 0)),
      lossMakingShare: share(Number(r?.neg_n ?? 0)),
      valueDestroyed: neg.replace(/^-/, ''),
    },
  };
}

/** About `points` points of the filtered whale curve, from (0, 0) to (1, 1): customers by filtered contribution, descending, ties by id. */
export async function readFilteredWhale(
  engine: Engine,
  f: Filters,
  points: number,
): Promise<FilteredWhalePoint[]> {
  const { sql, params } = customerFiguresSql(engine, f, await shapeOf(engine));
  const d = engine.dialect;
  const w = 'OVER (ORDER BY contribution DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
  const [c] = await engine.query(
    `SELECT count(*) AS n, CAST(coalesce(sum(contribution), 0) AS VARCHAR) AS total FROM (${sql}) f`,
    params,
  );
  const n = Number(c?.n ?? 0);
  const total = Number(c?.total ?? 0);
  const step = Math.max(1, Math.ceil(n / Math.max(1, points - 1)));
  const rows = await engine.query(
    `SELECT rk, CAST(cum AS VARCHAR) AS cum FROM (SELECT row_number() ${w} AS rk, sum(contribution) ${w} AS cum FROM (${sql}) f) w ` +
      `WHERE ${d.intMod('rk', '$step')} = 0 OR rk = $last ORDER BY rk`,
    { ...params, step, last: n },
  );
  return [
    { customerShare: 0, contributionShare: 0 },
    ...rows.map((r) => ({
      customerShare: Number(r.rk) / n,
      contributionShare: total === 0 ? 0 : Number(r.cum) / total,
    })),
  ];
}

/** One page of the filtered customer list, with the list's own search, filters and sort. */
export async function readFilteredCustomers(
  engine: Engine,
  f: Filters,
  query: FilteredCustomersQuery,
): Promise<FilteredCustomerPage> {
  const shape = await shapeOf(engine);
  // A search reads the region too (a word matches the id, the name or the region).
  const region = query.words.length > 0 && shape.customerColumns.has('region');
  const base = customerFiguresSql(engine, f, shape, region ? ['region'] : []);
  const d = engine.dialect;
  const q = d.quoteIdent;
  const binder = new NamedBinder('c');
  const bind = binder.bind.bind(binder);
  const joins: string[] = [];
  const where: string[] = [];
  for (const word of query.words) {
    const w = bind(word);
    const inRegion = region ? ` OR ${d.contains(d.foldText(`coalesce(f.${q('attr_region')}, '')`), w)}` : '';
    where.push(
      `(${d.contains(d.foldText('f.customer_id'), w)} OR ${d.contains(d.foldText("coalesce(f.name, '')"), w)}${inRegion})`,
    );
  }
  if (query.lossMaking !== undefined)
    where.push(query.lossMaking ? 'f.contribution < 0' : 'f.contribution >= 0');
  const quadrant = (table: string, alias: string, value: string | undefined) => {
    if (value === undefined) return;
    if (!shape.tables.has(table)) {
      where.push('1 = 0');
      return;
    }
    joins.push(`LEFT JOIN ${table} ${alias} ON ${alias}.customer_id = f.customer_id`);
    where.push(`${alias}.quadrant = ${bind(value)}`);
  };
  quadrant('voice_of_customer', 'v', query.vocQuadrant);
  quadrant('profitability_matrix', 'x', query.matrixQuadrant);
  const from = `FROM (${base.sql}) f ${joins.join(' ')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const [count] = await engine.query(`SELECT count(*) AS n ${from}`, { ...base.params, ...binder.values });
  const key = `f.${q(query.sortColumn)}`;
  // As the in-memory table orders: descending with nulls last and ids descending; ascending the exact reverse.
  const order =
    query.dir === 'desc'
      ? `${key} DESC NULLS LAST, f.customer_id DESC`
      : `${key} ASC NULLS FIRST, f.customer_id ASC`;
  const rows = await engine.query(
    `SELECT f.customer_id, f.name, f.segment, ${['net_sales', 'gross_margin', 'cost_to_serve', 'contribution']
      .map((c) => `CAST(f.${q(c)} AS VARCHAR) AS ${q(c)}`)
      .join(', ')} ${from} ORDER BY ${order} LIMIT $page_size OFFSET $page_offset`,
    {
      ...base.params,
      ...binder.values,
      page_size: query.pageSize,
      page_offset: (query.page - 1) * query.pageSize,
    },
  );
  return {
    total: Number(count?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    rows: rows.map((r) => ({
      customerId: String(r.customer_id),
      name: r.name === null || r.name === undefined ? null : String(r.name),
      segment: r.segment === null || r.segment === undefined ? null : String(r.segment),
      netSales: text(r.net_sales),
      grossMargin: text(r.gross_margin),
      costToServe: text(r.cost_to_serve),
      contribution: text(r.contribution),
    })),
  };
}

/**
 * The filtered roll-up by one customer attribute (known to have a roll-up; the caller checks):
 * per value (`(none)` for customers without one) its customers, loss-makers and money.
 */
export async function readFilteredRollup(engine: Engine, f: Filters, attribute: string): Promise<Row[]> {
  const q = engine.dialect.quoteIdent;
  const { sql, params } = customerFiguresSql(engine, f, await shapeOf(engine), [attribute]);
  const value = `coalesce(CAST(${q(`attr_${attribute}`)} AS VARCHAR), '(none)')`;
  const rows = await engine.query(
    `SELECT ${value} AS value, count(*) AS customers, sum(CASE WHEN contribution < 0 THEN 1 ELSE 0 END) AS loss_making_customers, ` +
      `${MONTHLY_COLUMNS.map((c) => `CAST(sum(${q(c)}) AS VARCHAR) AS ${q(c)}`).join(', ')} FROM (${sql}) f GROUP BY ${value} ` +
      `ORDER BY sum(contribution) DESC, value`,
    params,
  );
  return rows.map((r) => ({
    attribute,
    ...r,
    customers: Number(r.customers),
    loss_making_customers: Number(r.loss_making_customers),
  }));
}

/** The filtered deciles: customers by filtered contribution (descending, ties by id) in ten groups of (nearly) equal size, 1 = most profitable. */
export async function readFilteredDeciles(engine: Engine, f: Filters): Promise<Row[]> {
  const q = engine.dialect.quoteIdent;
  const { sql, params } = customerFiguresSql(engine, f, await shapeOf(engine));
  const rank = `row_number() ${CONTRIBUTION_ORDER}`;
  const rows = await engine.query(
    `SELECT decile, count(*) AS customers, ${MONTHLY_COLUMNS.map((c) => `CAST(sum(${q(c)}) AS VARCHAR) AS ${q(c)}`).join(', ')} ` +
      `FROM (SELECT CAST(ceil(${rank} * 10.0 / $customers) AS INTEGER) AS decile, * FROM (${sql}) f) d GROUP BY decile ORDER BY decile`,
    { ...params, customers: Math.max(1, await countOf(engine, sql, params)) },
  );
  return rows.map((r) => ({ ...r, decile: Number(r.decile), customers: Number(r.customers) }));
}

async function countOf(engine: Engine, sql: string, params: NamedParams): Promise<number> {
  const [r] = await engine.query(`SELECT count(*) AS n FROM (${sql}) f`, params);
  return Number(r?.n ?? 0);
}

/**
 * The filtered trend: the months of `pnl_monthly` in the period, of the customers whose
 * attributes match, summed per period of the grain in integer cents (`segment` narrows the
 * customers further: the trend page's own choice).
 */
export async function readFilteredTrend(engine: Engine, f: Filters, grain: Grain): Promise<Trend> {
  const shape = await shapeOf(engine);
  if (!shape.tables.has('pnl_monthly'))
    throw new WorthError(
      'workspace',
      {},
      'pnl_monthly',
      'a workspace analysed with months (run `worth analyze` again: older runs did not store months)',
    );
  const q = engine.dialect.quoteIdent;
  const binder = new NamedBinder('t');
  const bind = binder.bind.bind(binder);
  const where: string[] = [];
  if (f.from !== undefined) where.push(`CAST(m.month AS VARCHAR) >= ${bind(`${f.from}-01`)}`);
  if (f.to !== undefined) where.push(`CAST(m.month AS VARCHAR) <= ${bind(`${f.to}-01`)}`);
  for (const a of FILTER_ATTRIBUTES) {
    const v = f[a];
    if (v === undefined) continue;
    if (!shape.customerColumns.has(a)) throw noAttribute(a, v);
    where.push(`c.${q(a)} = ${bind(v)}`);
  }
  const join = where.some((w) => w.startsWith('c.'))
    ? 'JOIN customers c ON c.customer_id = m.customer_id'
    : '';
  const rows = await engine.query(
    `SELECT CAST(m.month AS VARCHAR) AS month, ${MONTHLY_COLUMNS.map((c) => `CAST(sum(m.${q(c)}) AS VARCHAR) AS ${q(c)}`).join(', ')} ` +
      `FROM pnl_monthly m ${join}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY m.month ORDER BY m.month`,
    binder.values,
  );
  return { ...customerTrendOfMonths(rows, grain), segment: f.segment ?? null };
}

/**
 * The window of customers by contribution, descending, ties by id, with the running frame: the
 * one ranking of the filtered deciles, whale curve and exports (as analyze ranks the whole
 * company), written once. Needs window functions.
 */
export const CONTRIBUTION_ORDER =
  'OVER (ORDER BY contribution DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';

/** The temporary table {@link stageFilteredPnl} writes. */
export const FILTERED_PNL_TABLE = 'worth_filtered_customer_pnl';

/**
 * Writes the customer P&L under filters to the temporary table {@link FILTERED_PNL_TABLE}, for an
 * export: the customers the dashboard's filtered reads count (the same per-customer SELECT), with
 * every column of `customer_pnl` for the whole period; with a period, `customer_id` and the
 * {@link FilteredColumn}s summed over its months (the cost per activity is not stored per month).
 * Returns the table's name.
 */
export async function stageFilteredPnl(engine: Engine, f: Filters): Promise<string> {
  const { sql, params } = customerFiguresSql(engine, f, await shapeOf(engine));
  const d = engine.dialect;
  const q = d.quoteIdent;
  const rows = hasPeriod(f)
    ? `SELECT customer_id, ${MONTHLY_COLUMNS.map((c) => `CAST(${q(c)} AS ${d.decimalType(18, 2)}) AS ${q(c)}`).join(', ')} FROM (${sql}) f`
    : `SELECT * FROM customer_pnl WHERE customer_id IN (SELECT customer_id FROM (${sql}) f)`;
  await engine.run(`DROP TABLE IF EXISTS ${q(FILTERED_PNL_TABLE)}`);
  await engine.run(`CREATE TEMPORARY TABLE ${q(FILTERED_PNL_TABLE)} AS ${rows}`, params);
  return FILTERED_PNL_TABLE;
}

/** A filter on an attribute the customers lack: one error for every filtered read. */
export function noAttribute(a: FilterAttribute, v: string): WorthError {
  return new WorthError(
    'input',
    { path: a },
    v.slice(0, 40),
    `an attribute the customers have (they have no ${a})`,
    undefined,
    { key: 'filterNoAttribute', vars: { key: a, value: v.slice(0, 40) } },
  );
}
