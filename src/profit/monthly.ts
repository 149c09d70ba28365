/**
 * The customer P&L by month (`pnl_monthly`), its roll-up per segment and month
 * (`pnl_monthly_segment`) and the cohort table (`cohort_monthly`: first-order month x months
 * since). Quarters and years are sums of months, so they are not stored.
 *
 * Sales, returns and rebates fall in the month of their own date (order, return, period end).
 * Cost to serve has no date of its own: each customer's yearly cost (as `customer_pnl` holds
 * it, to the cent) is spread over months by the customer's events of the activity's driver
 * (orders by order date, shipments by ship date, contacts by contact date, invoices by
 * invoice date for the cost of credit; each event weighs one), and a cost without dated events
 * (fixed per-customer fees, or a customer without any event of that driver) evenly over the
 * period's months. The spread is a largest-remainder split in whole cents, so a customer's
 * months add up to its yearly cost exactly, and the whole table to the customer P&L.
 */
import type { CompiledActivity, CostModel } from '../costing/index.ts';
import { costRowsOf, createTableAs, createWorkTable, dropTables } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { costColumn, SUMMARY_COLUMNS } from './columns.ts';

/** The money columns of `pnl_monthly` (and of its roll-ups), in order; deductions are positive. */
export const MONTHLY_COLUMNS = SUMMARY_COLUMNS;

/**
 * The count column of `pnl_monthly`: the customer's orders dated in the month (distinct order and
 * date), so the customer page's order history is read from this table instead of the order lines.
 */
export const MONTHLY_ORDERS = 'orders';

/** Work tables of this stage (dropped at its end). */
export const MONTHLY_WORK_TABLES = [
  'monthly_orders',
  'monthly_months',
  'monthly_cost_parts',
  'monthly_keys',
  'monthly_cost_due',
  'monthly_cost_weight',
  'monthly_cost_unweighted',
  'monthly_cost_split',
  'monthly_cost_rows',
  'monthly_period',
  'monthly_cost',
  'monthly_first',
];

/**
 * The dated events of a driver: SELECT key, month, w (the weight of one event row, or of a row
 * standing for several), where `key` is the customer's integer key `k` (`keyed`: rows of
 * `monthly_orders`, which carries it) or its `customer_id` (joined to the keys afterwards).
 */
interface Weights {
  keyed: boolean;
  sql: (e: Engine) => string;
}

/** How a cost group's months are weighed: the driver's dated events, or evenly over the period (null). */
interface CostGroup {
  name: string;
  weights: Weights | null;
  activities: string[];
}

/** Each row of `table` is one event of its customer, dated by `date`. */
const events = (table: string, date: string): Weights => ({
  keyed: false,
  sql: (e) => `SELECT customer_id AS key, ${e.dialect.monthStart(date)} AS month, 1 AS w FROM ${table}`,
});

/**
 * The dated events of each driver table. Orders and order lines are counted from
 * `monthly_orders` (one row per customer, order and date, with its line count and the
 * customer's key: one pass over the order lines for every use in this stage). An order is its
 * (order, customer) pair, dated by its first line, as costing counts it.
 */
const DRIVER_WEIGHTS: Record<string, Weights> = {
  orders: {
    keyed: true,
    sql: (e) =>
      `SELECT k AS key, ${e.dialect.monthStart('min(order_date)')} AS month, 1 AS w FROM monthly_orders GROUP BY order_id, k`,
  },
  order_lines: {
    keyed: true,
    sql: (e) =>
      `SELECT k AS key, ${e.dialect.monthStart('order_date')} AS month, lines AS w FROM monthly_orders`,
  },
  shipments: events('shipments', 'ship_date'),
  returns: events('returns', 'return_date'),
  service_contacts: events('service_contacts', 'contact_date'),
  invoices: events('invoices', 'invoice_date'),
};

/** The rows an activity's monthly cost is spread by: its cost rows, or evenly over the months for a fixed cost. */
function groupOf(a: CompiledActivity): string {
  return costRowsOf(a) ?? 'even';
}

function costGroups(model: CostModel): CostGroup[] {
  const groups = new Map<string, CostGroup>();
  for (const a of model.activities) {
    const name = groupOf(a);
    const g = groups.get(name) ?? { name, weights: DRIVER_WEIGHTS[name] ?? null, activities: [] };
    g.activities.push(a.id);
    groups.set(name, g);
  }
  return [...groups.values()];
}

/** The first day of every month from the period's start month to its end month (yyyy-mm-dd). */
export function periodMonths(start: string, end: string): string[] {
  const months: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const last = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7));
  while (y * 12 + m <= last) {
    months.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/**
 * Where the cost's cent split runs: `auto` in this process when every figure is exact as a
 * number, else in SQL; `sql` always in SQL (the same cents: the tests compare the two).
 */
export type MonthlySplit = 'auto' | 'sql';

/**
 * Writes `pnl_monthly`, `pnl_monthly_segment` and `cohort_monthly` from `customer_pnl` and the
 * canonical tables, then checks that every customer's months add up to its P&L (a broken
 * identity is a bug, thrown). Needs window functions (the cent split); the caller skips it otherwise.
 * `partRows`: about how many weight rows the in-process split reads at a time (tests make it small).
 */
export async function buildMonthlyPnl(
  engine: Engine,
  model: CostModel,
  hasSegment: boolean,
  split: MonthlySplit = 'auto',
  partRows: number = SPLIT_PART_ROWS,
): Promise<void> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const money = d.decimalType(18, 2);
  const groups = costGroups(model);
  // Each customer's integer key with its cents due per cost group, from one scan of
  // customer_pnl. The cost split below joins, groups and ranks on this key; customer_id comes
  // back once, with the cents per customer and month.
  await createWorkTable(
    engine,
    'monthly_keys',
    `SELECT customer_id, CAST(row_number() OVER () AS BIGINT) AS k${dueCents(engine, groups)
      .map((c, i) => `, ${c} AS c${i}`)
      .join('')} FROM customer_pnl`,
  );
  // The order lines summed per customer, order and date (each amount rounded to the cent first,
  // as the lines are): sales, the order counts, the driver weights and the first order month
  // all come from it, so the ~10 lines per order are read once. Every customer with order
  // lines has a P&L row, so the join to the keys keeps every order.
  await createWorkTable(
    engine,
    'monthly_orders',
    `SELECT x.*, k.k AS k FROM (SELECT customer_id, order_id, order_date, sum(CAST(gross_amount AS ${money})) AS g, sum(CAST(coalesce(discount_amount, 0) AS ${money})) AS di, ` +
      `sum(CAST(coalesce(cogs_amount, 0) AS ${money})) AS cs, count(*) AS lines FROM order_lines WHERE customer_id IS NOT NULL GROUP BY customer_id, order_id, order_date) x ` +
      'JOIN monthly_keys k ON k.customer_id = x.customer_id',
  );
  await spreadCosts(engine, model, groups, split, partRows);
  const month = (date: string) => d.monthStart(date);
  const row = (cols: Partial<Record<'g' | 'di' | 'r' | 'b' | 'cs' | 'cr' | 'ct', string>>) =>
    (['g', 'di', 'r', 'b', 'cs', 'cr', 'ct'] as const)
      .map((k) => `CAST(${cols[k] ?? '0'} AS ${money}) AS ${k}`)
      .join(', ');
  const parts = [
    // Orders counted once per (order, date): an order is dated once, so it falls in one month.
    `SELECT customer_id, ${month('order_date')} AS month, ${row({ g: 'g', di: 'di', cs: 'cs' })}, 1 AS o FROM monthly_orders`,
    `SELECT customer_id, ${month('return_date')} AS month, ${row({ r: 'credited_amount', cr: 'coalesce(cogs_recovered, 0)' })}, 0 AS o FROM returns WHERE customer_id IS NOT NULL`,
    `SELECT customer_id, ${month('period_end')} AS month, ${row({ b: 'amount' })}, 0 AS o FROM rebates WHERE customer_id IS NOT NULL`,
    `SELECT customer_id, month, ${row({ ct: `CAST(cents AS ${d.decimalType(18, 0)}) * 0.01` })}, 0 AS o FROM monthly_cost`,
  ];
  const net = 'sum(g) - sum(di) - sum(r) - sum(b)';
  const cogs = 'sum(cs) - sum(cr)';
  const dec = (e: string, name: string) => `CAST(${e} AS ${money}) AS ${q(name)}`;
  await createTableAs(
    engine,
    'pnl_monthly',
    `SELECT customer_id, month, ${[
      dec('sum(g)', 'gross_sales'),
      dec('sum(di)', 'discounts'),
      dec('sum(r)', 'returns'),
      dec('sum(b)', 'rebates'),
      dec(net, 'net_sales'),
      dec(cogs, 'cogs'),
      dec(`${net} - (${cogs})`, 'gross_margin'),
      dec('sum(ct)', 'cost_to_serve'),
      dec(`${net} - (${cogs}) - sum(ct)`, 'contribution'),
      `CAST(sum(o) AS INTEGER) AS ${q(MONTHLY_ORDERS)}`,
    ].join(
      ', ',
    )} FROM (${parts.join(' UNION ALL ')}) e GROUP BY customer_id, month ORDER BY customer_id, month`,
  );
  await checkMonthlyAddsUp(engine);
  const sums = MONTHLY_COLUMNS.map((c) => `CAST(sum(m.${q(c)}) AS ${money}) AS ${q(c)}`).join(', ');
  const segment = hasSegment ? 'c.segment' : 'CAST(NULL AS VARCHAR)';
  await createTableAs(
    engine,
    'pnl_monthly_segment',
    `SELECT ${segment} AS segment, m.month AS month, count(*) AS customers, ${sums} FROM pnl_monthly m JOIN customers c ON c.customer_id = m.customer_id ` +
      `GROUP BY ${segment}, m.month ORDER BY segment NULLS LAST, month`,
  );
  await createWorkTable(
    engine,
    'monthly_first',
    `SELECT customer_id, ${month('min(order_date)')} AS first_month FROM monthly_orders GROUP BY customer_id`,
  );
  // Months before the first order (a fixed fee spread over the whole period) count in month 0;
  // a customer has a row in its first-order month, so it is counted there once, not for the months before.
  const since = `greatest(${d.monthsBetween('f.first_month', 'm.month')}, 0)`;
  await createTableAs(
    engine,
    'cohort_monthly',
    `SELECT f.first_month AS cohort, ${since} AS months_since, sum(CASE WHEN m.month >= f.first_month THEN 1 ELSE 0 END) AS customers, ` +
      `CAST(sum(m.net_sales) AS ${money}) AS net_sales, CAST(sum(m.contribution) AS ${money}) AS contribution ` +
      `FROM pnl_monthly m JOIN monthly_first f ON f.customer_id = m.customer_id GROUP BY f.first_month, ${since} ORDER BY cohort, months_since`,
  );
  await dropTables(engine, MONTHLY_WORK_TABLES);
}

/** Per cost group, the customer's cost in whole cents (every cost column is DECIMAL(18,2)), as SQL over customer_pnl. */
function dueCents(engine: Engine, groups: CostGroup[]): string[] {
  const q = engine.dialect.quoteIdent;
  return groups.map((g) => {
    const total = g.activities.map((a) => `coalesce(${q(costColumn(a))}, 0)`).join(' + ');
    return `CAST((${total}) * 100 AS BIGINT)`;
  });
}

/**
 * Spreads each customer's cost per group over months, in whole cents (`monthly_cost`:
 * customer_id, month, cents) from the cents due per group in `monthly_keys`.
 * The customer and its cost group travel as one integer key (customer key x groups + group), so
 * the joins, the grouping and the ranking below compare integers, not customer ids and group names.
 */
async function spreadCosts(
  engine: Engine,
  model: CostModel,
  groups: CostGroup[],
  split: MonthlySplit,
  partRows: number,
): Promise<void> {
  const d = engine.dialect;
  const n = Math.max(groups.length, 1);
  const due = groups.map(
    (_, i) => `SELECT k * ${n} + ${i} AS key, c${i} AS cents FROM monthly_keys WHERE c${i} <> 0`,
  );
  const none = 'SELECT CAST(0 AS BIGINT) AS key, CAST(0 AS BIGINT) AS cents WHERE 1 = 0';
  await createWorkTable(engine, 'monthly_cost_due', due.length ? due.join(' UNION ALL ') : none);
  // Every group's dated events in one list: those by customer_id joined to the keys once (one
  // hash table of the customers, not one per driver table), then counted per key and month.
  const weighed = (keyed: boolean) =>
    groups.flatMap((g, i) =>
      g.weights?.keyed === keyed
        ? [`SELECT key, month, w, ${i} AS g FROM (${g.weights.sql(engine)}) x${i}`]
        : [],
    );
  const byKey = weighed(true);
  const byId = weighed(false);
  const rows = [
    ...byKey,
    ...(byId.length
      ? [
          `SELECT k.k AS key, e.month AS month, e.w AS w, e.g AS g FROM (${byId.join(' UNION ALL ')}) e JOIN monthly_keys k ON k.customer_id = e.key`,
        ]
      : []),
  ];
  const noWeights =
    'SELECT CAST(0 AS BIGINT) AS key, CAST(NULL AS DATE) AS month, CAST(0 AS BIGINT) AS w WHERE 1 = 0';
  await createWorkTable(
    engine,
    'monthly_cost_weight',
    rows.length
      ? `SELECT key * ${n} + g AS key, month, CAST(sum(w) AS BIGINT) AS w FROM (${rows.join(' UNION ALL ')}) e GROUP BY key * ${n} + g, month`
      : noWeights,
  );
  // Evenly over the period's months: what has no dated events to follow.
  await createWorkTable(engine, 'monthly_period', 'SELECT CAST(NULL AS DATE) AS month WHERE 1 = 0');
  for (const m of periodMonths(model.period.start, model.period.end))
    await engine.run('INSERT INTO monthly_period VALUES (CAST($1 AS DATE))', [m]);
  await createWorkTable(
    engine,
    'monthly_cost_unweighted',
    'SELECT c.key AS key FROM monthly_cost_due c WHERE NOT EXISTS (SELECT 1 FROM monthly_cost_weight w WHERE w.key = c.key)',
  );
  await engine.run(
    'INSERT INTO monthly_cost_weight SELECT u.key, p.month, CAST(1 AS BIGINT) AS w FROM monthly_cost_unweighted u CROSS JOIN monthly_period p',
  );
  if (split === 'auto' && (await splitInProcess(engine, n, partRows))) return;
  // Largest remainder per (customer, group): floor(cents x w / W) each month, and the cents
  // still missing one each to the months with the largest remainders (ties: earlier month).
  // With cents = q x W + r: floor(cents x w / W) = q x w + floor(r x w / W), remainder
  // (r x w) mod W, all in 64 bits (r x w < W^2), many times faster than 128-bit division; the
  // cents missing are sum(remainders) / W. W, q and r come from a GROUP BY per key, so one
  // window level (one partitioning) is left: the missing cents and the ranking.
  await createWorkTable(
    engine,
    'monthly_cost_split',
    `SELECT c.key AS key, t.total AS total, ${d.intDiv64('c.cents', 't.total')} AS q, ${d.intMod64('c.cents', 't.total')} AS r ` +
      'FROM monthly_cost_due c JOIN (SELECT key, sum(w) AS total FROM monthly_cost_weight GROUP BY key) t ON t.key = c.key',
  );
  await createWorkTable(
    engine,
    'monthly_cost_rows',
    `SELECT w.key AS key, w.month AS month, s.total AS total, s.q * w.w + ${d.intDiv64('s.r * w.w', 's.total')} AS base, ` +
      `${d.intMod64('s.r * w.w', 's.total')} AS rem FROM monthly_cost_weight w JOIN monthly_cost_split s ON s.key = w.key`,
  );
  // Only rows with a remainder are ranked: the missing cents, sum(rem) / W, are fewer than the
  // rows with a remainder (each is below W in size), so a row without one never gets a cent;
  // its base is its share. A customer's single month has none. Negative cents (a cost group
  // below zero) have remainders <= 0 and a negative shortfall: -1 each to the rows with the
  // largest remainders in size, the split of |cents| negated.
  const ranked =
    `SELECT key, month, base, ${d.intDiv64('sum(rem) OVER (PARTITION BY key)', 'total')} AS short, ` +
    'row_number() OVER (PARTITION BY key ORDER BY abs(rem) DESC, month) AS rn FROM monthly_cost_rows WHERE rem <> 0';
  const shares =
    'SELECT key, month, base AS cents FROM monthly_cost_rows WHERE rem = 0 UNION ALL ' +
    `SELECT key, month, base + CASE WHEN rn <= abs(short) THEN sign(short) ELSE 0 END AS cents FROM (${ranked}) r`;
  const perCustomer = `SELECT ${d.intDiv64('key', String(n))} AS k, month, CAST(sum(cents) AS BIGINT) AS cents FROM (${shares}) l2 GROUP BY ${d.intDiv64('key', String(n))}, month`;
  await createWorkTable(
    engine,
    'monthly_cost',
    `SELECT k.customer_id AS customer_id, c.month AS month, c.cents AS cents FROM (${perCustomer}) c JOIN monthly_keys k ON k.k = c.k`,
  );
}

/** Integers up to this are exact as numbers (2^53). */
const EXACT = 2 ** 53;

/**
 * The weight rows one part of the in-process split reads (default of {@link buildMonthlyPnl}'s
 * `partRows`): each part is sorted by the engine and held by this process on its own, so neither
 * grows with the company (at 10,000,000 customers the weights are about 135,000,000 rows).
 */
export const SPLIT_PART_ROWS = 4_000_000;

/**
 * The cent split of {@link spreadCosts} in sorted passes in this process, when every figure
 * is small enough to be exact as a number (cents due x groups and every weight below 2^53, a
 * customer's weights per group W with W^2 below 2^53; otherwise false and nothing is written):
 * the weights, with the cents due, read sorted by key and month; each key's months split
 * as the SQL below does (the same truncating division, the same ranking of the remainders:
 * largest first, ties by earlier month); each customer's cents summed per month over its groups
 * (its keys are consecutive) and written back. The SQL needed four materialised passes
 * over the weights (totals, split, rows, ranking) at about 0.4 us of CPU per row each.
 * The customers are taken in ranges of their integer key, about `partRows` weight rows a range,
 * one sorted read and one write each: a customer's keys all fall in one range, so the cents
 * are the same as from one pass, while the engine sorts and this process holds one range at a
 * time (one pass over all weights sorted spilled gigabytes at 10,000,000 customers).
 */
async function splitInProcess(engine: Engine, n: number, partRows: number): Promise<boolean> {
  const [bounds] = await engine.query(
    'SELECT CAST((SELECT max(abs(cents)) FROM monthly_cost_due) AS VARCHAR) AS cents, CAST((SELECT max(w) FROM monthly_cost_weight) AS VARCHAR) AS w, ' +
      'CAST((SELECT count(*) FROM monthly_cost_weight) AS DOUBLE) AS rows, CAST((SELECT max(k) FROM monthly_keys) AS DOUBLE) AS keys',
  );
  const fits = (v: unknown) => v === null || v === undefined || Number(v) * n < EXACT;
  if (!fits(bounds?.cents) || !fits(bounds?.w)) return false;
  // The months as small integers (1, 2, ... in date order), their dates joined back at the end.
  const dates = await engine.query('SELECT DISTINCT month FROM monthly_cost_weight ORDER BY month');
  await createWorkTable(
    engine,
    'monthly_months',
    'SELECT CAST(NULL AS DATE) AS month, CAST(NULL AS BIGINT) AS i WHERE 1 = 0',
  );
  for (const [i, r] of dates.entries())
    await engine.run('INSERT INTO monthly_months VALUES (CAST($1 AS DATE), $2)', [String(r.month), i + 1]);
  const months = dates.length;
  await createWorkTable(
    engine,
    'monthly_cost_parts',
    'SELECT CAST(NULL AS DOUBLE) AS k, CAST(NULL AS DOUBLE) AS m, CAST(NULL AS DOUBLE) AS cents WHERE 1 = 0',
  );
  // Customer keys run 1 .. keys; a range of them is [lo, hi), its weight keys [lo x n, hi x n).
  const keys = Number(bounds?.keys ?? 0);
  const parts = Math.max(1, Math.ceil(Number(bounds?.rows ?? 0) / Math.max(1, partRows)));
  const step = Math.max(1, Math.ceil(keys / parts));
  for (let lo = 1; lo <= keys; lo += step) {
    const out = new Splitter(n, months);
    let fitted = true;
    const within = (col: string) => `${col} >= CAST($lo AS BIGINT) AND ${col} < CAST($hi AS BIGINT)`;
    await engine.streamColumns(
      'SELECT CAST(w.key AS DOUBLE) AS key, CAST(m.i AS DOUBLE) AS m, CAST(w.w AS DOUBLE) AS w, CAST(c.cents AS DOUBLE) AS cents ' +
        'FROM (SELECT * FROM monthly_cost_weight WHERE ' +
        within('key') +
        ') w JOIN (SELECT * FROM monthly_cost_due WHERE ' +
        within('key') +
        ') c ON c.key = w.key JOIN monthly_months m ON m.month = w.month ORDER BY w.key, m.i',
      (cols, rows) => {
        const [key, m, w, cents] = cols as Float64Array[];
        for (let i = 0; i < rows; i++) fitted = out.row(key![i]!, m![i]!, w![i]!, cents![i]!) && fitted;
      },
      { lo: lo * n, hi: (lo + step) * n },
    );
    fitted = out.end() && fitted;
    if (!fitted) {
      await dropTables(engine, ['monthly_months', 'monthly_cost_parts']);
      return false;
    }
    await engine.appendColumns('monthly_cost_parts', out.columns());
  }
  await createWorkTable(
    engine,
    'monthly_cost',
    'SELECT k.customer_id AS customer_id, m.month AS month, CAST(c.cents AS BIGINT) AS cents FROM monthly_cost_parts c ' +
      'JOIN monthly_keys k ON k.k = CAST(c.k AS BIGINT) JOIN monthly_months m ON m.i = CAST(c.m AS BIGINT)',
  );
  return true;
}

/** Truncating integer division of exact integers (|a| < 2^53, 0 < b): q with a = q x b + r, r of a's sign (or 0), |r| < b. */
function truncDiv(a: number, b: number): number {
  const q = Math.trunc(a / b);
  const r = a - q * b; // exact: |q x b| <= |a| + b
  if (a >= 0) return r < 0 ? q - 1 : r >= b ? q + 1 : q;
  return r > 0 ? q + 1 : r <= -b ? q - 1 : q;
}

/**
 * `cents` split over rows of weights `weights` (each at least 1, in month order) as
 * {@link spreadCosts}' SQL splits them, in exact number arithmetic: with W the sum of the weights and
 * cents = q x W + r (truncating division), row i gets q x w_i + trunc(r x w_i / W), and the
 * cents still missing, trunc(sum of the remainders (r x w_i) mod W / W), one each to the rows
 * with the largest remainders (ties: the earlier row). Null when W^2 is not below 2^53 (|cents|
 * must be below 2^53; the caller checks).
 */
export function largestRemainder(cents: number, weights: readonly number[]): number[] | null {
  const k = weights.length;
  let total = 0;
  for (const w of weights) total += w;
  if (total * total >= EXACT) return null;
  const q = truncDiv(cents, total);
  const r = cents - q * total;
  const shares = new Array<number>(k);
  const rem = new Array<number>(k);
  let remSum = 0;
  for (let i = 0; i < k; i++) {
    const rw = r * weights[i]!;
    const bq = truncDiv(rw, total);
    shares[i] = q * weights[i]! + bq;
    rem[i] = rw - bq * total;
    remSum += rem[i]!;
  }
  // Negative cents give remainders <= 0 and a negative shortfall: the cents then go, -1 each,
  // to the rows with the largest remainders in size (the split of |cents|, negated). Costs are
  // checked >= 0 per event (src/costing/measure.ts), so this is for a figure that adds up
  // whatever its sign, not a case the cost model produces today.
  const short = truncDiv(remSum, total);
  if (short !== 0) {
    const step = short > 0 ? 1 : -1;
    // The rows with a remainder, largest in size first, ties by the earlier row.
    const ranked: number[] = [];
    for (let i = 0; i < k; i++) if (rem[i] !== 0) ranked.push(i);
    ranked.sort((a, b) => Math.abs(rem[b]!) - Math.abs(rem[a]!) || a - b);
    const missing = Math.abs(short);
    for (let j = 0; j < missing && j < ranked.length; j++) shares[ranked[j]!] = shares[ranked[j]!]! + step;
  }
  return shares;
}

/**
 * The largest-remainder split of one key (customer x group) after another, fed its rows in key
 * and month order; the cents summed per customer (key / groups) and month, kept as columns.
 */
class Splitter {
  private key = -1;
  private cents = 0;
  private readonly months: number[] = [];
  private readonly weights: number[] = [];
  private customer = -1;
  /** The current customer's cents per month id, and the months it has rows in. */
  private readonly acc: Float64Array;
  private readonly touched: Uint8Array;
  private outK: number[] = [];
  private outM: number[] = [];
  private outC: number[] = [];

  constructor(
    private readonly groups: number,
    months: number,
  ) {
    this.acc = new Float64Array(months + 1);
    this.touched = new Uint8Array(months + 1);
  }

  /** One weight row; false when a figure is too large to be exact (the split is then not used). */
  row(key: number, month: number, w: number, cents: number): boolean {
    let ok = true;
    if (key !== this.key) {
      ok = this.flushKey();
      const customer = Math.trunc(key / this.groups);
      if (customer !== this.customer) this.flushCustomer(customer);
      this.key = key;
      this.cents = cents;
    }
    this.months.push(month);
    this.weights.push(w);
    return ok;
  }

  /** Ends the last key and customer; false as {@link row}. */
  end(): boolean {
    const ok = this.flushKey();
    this.flushCustomer(-1);
    return ok;
  }

  /** The rows written: customer key, month id, cents. */
  columns(): Float64Array[] {
    return [Float64Array.from(this.outK), Float64Array.from(this.outM), Float64Array.from(this.outC)];
  }

  private flushKey(): boolean {
    const k = this.months.length;
    if (k === 0) return true;
    const shares = largestRemainder(this.cents, this.weights);
    if (shares === null) return false;
    for (let i = 0; i < k; i++) {
      const m = this.months[i]!;
      this.acc[m] = this.acc[m]! + shares[i]!;
      this.touched[m] = 1;
    }
    this.months.length = 0;
    this.weights.length = 0;
    return true;
  }

  private flushCustomer(next: number): void {
    if (this.customer >= 0)
      for (let m = 1; m < this.touched.length; m++) {
        if (!this.touched[m]) continue;
        this.outK.push(this.customer);
        this.outM.push(m);
        this.outC.push(this.acc[m]!);
        this.acc[m] = 0;
        this.touched[m] = 0;
      }
    this.customer = next;
  }
}

/**
 * Every customer's months add up to its row of `customer_pnl`, to the cent, in every column (a
 * bug otherwise). Compared first as two aggregates, one scan of each table and no join: per
 * column the plain sum and a sum weighted by a number drawn from the customer id (1 to
 * 1,000,003). A customer whose months miss its P&L by d moves the weighted sum by d x its
 * weight, never 0, so one wrong customer always shows, and several only hide by cancelling
 * exactly. Only when the aggregates differ does the per-customer comparison run, to name them.
 */
export async function checkMonthlyAddsUp(engine: Engine): Promise<void> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const weight = `(CAST(${d.intMod64(d.hashOf(['customer_id']), '1000003')} AS BIGINT) + 1)`;
  const prints = (table: string) =>
    `SELECT ${MONTHLY_COLUMNS.flatMap((c) => [
      `CAST(coalesce(sum(${q(c)}), 0) AS VARCHAR) AS ${q(`s_${c}`)}`,
      `CAST(coalesce(sum(${q(c)} * ${weight}), 0) AS VARCHAR) AS ${q(`w_${c}`)}`,
    ]).join(', ')} FROM ${table}`;
  const [monthly] = await engine.query(prints('pnl_monthly'));
  const [yearly] = await engine.query(prints('customer_pnl'));
  if (monthly && yearly && Object.keys(monthly).every((k) => monthly[k] === yearly[k])) return;
  const sums = MONTHLY_COLUMNS.map((c) => `sum(${q(c)}) AS ${q(c)}`).join(', ');
  const differs = MONTHLY_COLUMNS.map((c) => `coalesce(m.${q(c)}, 0) <> p.${q(c)}`).join(' OR ');
  const [row] = await engine.query(
    `SELECT count(*) AS n, min(p.customer_id) AS first FROM customer_pnl p LEFT JOIN (SELECT customer_id, ${sums} FROM pnl_monthly GROUP BY customer_id) m ` +
      `ON m.customer_id = p.customer_id WHERE ${differs}`,
  );
  throw new Error(
    Number(row?.n ?? 0) > 0
      ? `pnl_monthly does not add up to customer_pnl for ${String(row?.n)} customers (first: ${String(row?.first)})`
      : `pnl_monthly does not add up to customer_pnl: it has months of customers without a P&L (${JSON.stringify({ monthly, yearly })})`,
  );
}
