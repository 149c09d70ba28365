/**
 * The customer P&L by month (`pnl_monthly`), its roll-up per segment and month
 * (`pnl_monthly_segment`) and the cohort table (`cohort_monthly`: first-order month x months
 * since). Quarters and years are sums of months, so they are not stored.
 *
 * Sales, returns and rebates fall in the month of their own date (order, return, period end).
 * Cost to serve has no date of its own: each customer's yearly cost (as `customer_pnl` holds
 * it, to the cent) is spread over months by the customer's events of the activity's driver
 * (orders by order date, shipments by ship date, contacts by contact date, invoices by
 * invoice date for the cost of credit; each event weighs one), and a cost without a driver
 * (fixed per-customer fees) evenly over the period's months.
 *
 * The split is in whole cents, so a customer's months add up to its yearly cost exactly, and
 * the whole table to the customer P&L. A driver's cost C over W events follows the running
 * total: through a month with k events so far, floor(C x k / W) cents are spent, and a month
 * gets the difference from the month before, so every month is less than a cent from its exact
 * share C x w / W and the last month closes on C (costing charges a driver's cost only to
 * customers with events of that driver, so every such cost has months to follow). An even cost gives each month C div P cents
 * and the C mod P cents left one each to the earliest months. Both need only the customer's
 * months in date order (one window, one sort), never a ranking per customer and driver.
 *
 * Every source is first summed per customer and month (one GROUP BY per table); the months
 * table is those sums joined once to the customer's cents per driver.
 */
import { unreachable } from '../core/index.ts';
import type { CompiledActivity, CostModel } from '../costing/index.ts';
import { createTableAs, createWorkTable, dropTables } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { costColumn, SUMMARY_COLUMNS } from './columns.ts';

/** The money columns of `pnl_monthly` (and of its roll-ups), in order; deductions are positive. */
export const MONTHLY_COLUMNS = SUMMARY_COLUMNS;

/** Work tables of this stage (dropped at its end). */
export const MONTHLY_WORK_TABLES = ['monthly_period', 'monthly_events', 'monthly_due'];

/** The driver tables whose events weigh a cost's months, and how each is dated. */
const DRIVER_EVENTS = {
  // An order is its (order, customer) pair, dated by its first line, as costing counts it.
  orders: {
    from: '(SELECT customer_id, min(order_date) AS order_date FROM order_lines WHERE customer_id IS NOT NULL GROUP BY order_id, customer_id)',
    date: 'order_date',
  },
  order_lines: { from: 'order_lines', date: 'order_date' },
  shipments: { from: 'shipments', date: 'ship_date' },
  returns: { from: 'returns', date: 'return_date' },
  service_contacts: { from: 'service_contacts', date: 'contact_date' },
  invoices: { from: 'invoices', date: 'invoice_date' },
} as const;

type Driver = keyof typeof DRIVER_EVENTS;

/** A cost group: the activities whose cost is spread alike (by one driver's events, or evenly). */
interface CostGroup {
  driver: Driver | 'even';
  activities: string[];
}

function driverOf(a: CompiledActivity): Driver | 'even' {
  switch (a.kind) {
    case 'time':
    case 'direct':
      return a.driver.table;
    case 'credit':
      return 'invoices';
    case 'fixed':
      return 'even';
    default:
      return unreachable(a, 'activity kind');
  }
}

function costGroups(model: CostModel): CostGroup[] {
  const groups = new Map<Driver | 'even', CostGroup>();
  for (const a of model.activities) {
    const driver = driverOf(a);
    const g = groups.get(driver) ?? { driver, activities: [] };
    g.activities.push(a.id);
    groups.set(driver, g);
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
 * Writes `pnl_monthly`, `pnl_monthly_segment` and `cohort_monthly` from `customer_pnl` and the
 * canonical tables, then checks that every customer's months add up to its P&L (a broken
 * identity is a bug, thrown). Needs window functions (the running totals); the caller skips it otherwise.
 */
export async function buildMonthlyPnl(engine: Engine, model: CostModel, hasSegment: boolean): Promise<void> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const groups = costGroups(model);
  const weighed = groups.filter((g): g is CostGroup & { driver: Driver } => g.driver !== 'even');
  const even = groups.find((g) => g.driver === 'even');
  const months = periodMonths(model.period.start, model.period.end);
  await createWorkTable(engine, 'monthly_period', 'SELECT CAST(NULL AS DATE) AS month WHERE 1 = 0');
  await engine.run(
    `INSERT INTO monthly_period VALUES ${months.map((_, i) => `(CAST($${i + 1} AS DATE))`).join(', ')}`,
    months,
  );
  const cents = (g: CostGroup) =>
    `CAST((${g.activities.map((a) => `coalesce(${q(costColumn(a))}, 0)`).join(' + ')}) * 100 AS BIGINT)`;
  await buildMonthlyEvents(engine, weighed, even ? cents(even) : null);

  // Per customer and group: the cents' sign, and |cents| as quotient and remainder of its
  // events (of the period's months for the even group), so the running total below stays in
  // 64 bits: remainder x events < events^2.
  const w = (i: number) => `w${i}`;
  const p = months.length;
  const split = (c: string, by: string, s: string) => [
    `CASE WHEN ${c} < 0 THEN -1 ELSE 1 END AS s${s}`,
    `CASE WHEN ${by} > 0 THEN ${d.intDiv64(`abs(${c})`, by)} ELSE 0 END AS q${s}`,
    `CASE WHEN ${by} > 0 THEN ${d.intMod64(`abs(${c})`, by)} ELSE 0 END AS r${s}`,
    `${by} AS t${s}`,
  ];
  await createWorkTable(
    engine,
    'monthly_due',
    `SELECT customer_id, first_month, ${[
      ...weighed.flatMap((_, i) => split(`c${i}`, `t${i}`, String(i))),
      ...split('ce', String(p), 'e'),
    ].join(', ')} FROM (SELECT p.customer_id AS customer_id, ${[
      ...weighed.map((g, i) => `${cents(g)} AS c${i}, coalesce(t.${w(i)}, 0) AS t${i}`),
      `${even ? cents(even) : 'CAST(0 AS BIGINT)'} AS ce`,
      't.first_month AS first_month',
    ].join(', ')} FROM customer_pnl p LEFT JOIN (SELECT customer_id, ${[
      ...weighed.map((_, i) => `sum(${w(i)}) AS ${w(i)}`),
      'min(CASE WHEN lines > 0 THEN month END) AS first_month',
    ].join(', ')} FROM monthly_events GROUP BY customer_id) t ON t.customer_id = p.customer_id) c`,
  );

  // A group's cents this month: the running total's step (see the file comment), on |C| with C's sign.
  const running = weighed.map((_, i) => {
    const [r, t, k] = [`r${i}`, `t${i}`, `k${i}`];
    const step = `q${i} * ${w(i)} + ${d.intDiv64(`${r} * ${k}`, t)} - ${d.intDiv64(`${r} * (${k} - ${w(i)})`, t)}`;
    return `CASE WHEN ${w(i)} > 0 THEN s${i} * (${step}) ELSE 0 END`;
  });
  // The even group: C div P each month, and the C mod P cents left one each to the earliest months.
  const evenStep = even
    ? `CASE WHEN ev > 0 THEN se * (qe + CASE WHEN ${d.monthsBetween('CAST($1 AS DATE)', 'month')} < re THEN 1 ELSE 0 END) ELSE 0 END`
    : '0';
  const costCents = [...running, evenStep].join(' + ');
  const order =
    'PARTITION BY e.customer_id ORDER BY e.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
  const zero = (c: string) => `coalesce(u.${c}, 0) AS ${c}`;
  const inner = [
    'e.customer_id AS customer_id',
    'e.month AS month',
    ...['g', 'di', 'r', 'b', 'cs', 'cr', 'ev'].map((c) => `e.${c} AS ${c}`),
    ...weighed.flatMap((_, i) => [
      `e.${w(i)} AS ${w(i)}`,
      zero(`s${i}`),
      zero(`q${i}`),
      zero(`r${i}`),
      zero(`t${i}`),
      `sum(e.${w(i)}) OVER (${order}) AS k${i}`,
    ]),
    ...(even ? ['se', 'qe', 're'].map(zero) : []),
  ];
  const net = 'g - di - r - b';
  const cogs = 'cs - cr';
  const dec = (e: string, name: string) => `CAST(${e} AS DECIMAL(18,2)) AS ${q(name)}`;
  const ct = `CAST(${costCents} AS DECIMAL(18,0)) * 0.01`;
  await createTableAs(
    engine,
    'pnl_monthly',
    `SELECT customer_id, month, ${[
      dec('g', 'gross_sales'),
      dec('di', 'discounts'),
      dec('r', 'returns'),
      dec('b', 'rebates'),
      dec(net, 'net_sales'),
      dec(cogs, 'cogs'),
      dec(`${net} - (${cogs})`, 'gross_margin'),
      dec(ct, 'cost_to_serve'),
      dec(`${net} - (${cogs}) - ${ct}`, 'contribution'),
    ].join(
      ', ',
    )} FROM (SELECT ${inner.join(', ')} FROM monthly_events e LEFT JOIN monthly_due u ON u.customer_id = e.customer_id) m ` +
      'ORDER BY customer_id, month',
    even ? [months[0] ?? model.period.start] : undefined,
  );
  await checkMonthlyAddsUp(engine);
  const sums = MONTHLY_COLUMNS.map((c) => `CAST(sum(m.${q(c)}) AS DECIMAL(18,2)) AS ${q(c)}`).join(', ');
  const segment = hasSegment ? 'c.segment' : 'CAST(NULL AS VARCHAR)';
  await createTableAs(
    engine,
    'pnl_monthly_segment',
    `SELECT ${segment} AS segment, m.month AS month, count(*) AS customers, ${sums} FROM pnl_monthly m JOIN customers c ON c.customer_id = m.customer_id ` +
      `GROUP BY ${segment}, m.month ORDER BY segment NULLS LAST, month`,
  );
  // Months before the first order (a fixed fee spread over the whole period) count in month 0;
  // a customer has a row in its first-order month, so it is counted once there and not for the months before.
  const since = `greatest(${d.monthsBetween('f.first_month', 'm.month')}, 0)`;
  await createTableAs(
    engine,
    'cohort_monthly',
    `SELECT f.first_month AS cohort, ${since} AS months_since, sum(CASE WHEN m.month >= f.first_month THEN 1 ELSE 0 END) AS customers, ` +
      `CAST(sum(m.net_sales) AS DECIMAL(18,2)) AS net_sales, CAST(sum(m.contribution) AS DECIMAL(18,2)) AS contribution ` +
      `FROM pnl_monthly m JOIN monthly_due f ON f.customer_id = m.customer_id WHERE f.first_month IS NOT NULL GROUP BY f.first_month, ${since} ORDER BY cohort, months_since`,
  );
  await dropTables(engine, MONTHLY_WORK_TABLES);
}

/**
 * `monthly_events`: per customer and month, the sales, returns and rebates, the events of each
 * weighed group (`w0`, `w1`, ...), the order lines (`lines`, for the first-order month) and,
 * when there is an even cost (`evenCents`: its SQL over `customer_pnl`), one row per period
 * month for each customer that has one (`ev` = 1). Each source is summed per customer and month
 * on its own first, so the union that is grouped again is small.
 */
async function buildMonthlyEvents(
  engine: Engine,
  weighed: { driver: Driver }[],
  evenCents: string | null,
): Promise<void> {
  const d = engine.dialect;
  const money = ['g', 'di', 'r', 'b', 'cs', 'cr'] as const;
  const counts = ['lines', 'ev', ...weighed.map((_, i) => `w${i}`)];
  const dec = (e: string) => `CAST(${e} AS DECIMAL(18,2))`;
  const part = (
    from: string,
    date: string,
    values: Partial<Record<(typeof money)[number] | string, string>>,
  ): string => {
    const month = d.monthStart(date);
    const cols = [
      ...money.map((m) => `${values[m] ? dec(`sum(${values[m]})`) : dec('0')} AS ${m}`),
      ...counts.map((c) => `CAST(${values[c] ?? '0'} AS BIGINT) AS ${c}`),
    ];
    return `SELECT customer_id, ${month} AS month, ${cols.join(', ')} FROM ${from} WHERE customer_id IS NOT NULL GROUP BY customer_id, ${month}`;
  };
  const byDriver = (driver: Driver) => weighed.findIndex((g) => g.driver === driver);
  const eventsOf = (driver: Driver): Record<string, string> => {
    const i = byDriver(driver);
    return i < 0 ? {} : { [`w${i}`]: 'count(*)' };
  };
  const parts = [
    part('order_lines', 'order_date', {
      g: 'gross_amount',
      di: 'coalesce(discount_amount, 0)',
      cs: 'coalesce(cogs_amount, 0)',
      lines: 'count(*)',
      ...eventsOf('order_lines'),
    }),
    part('returns', 'return_date', {
      r: 'credited_amount',
      cr: 'coalesce(cogs_recovered, 0)',
      ...eventsOf('returns'),
    }),
    part('rebates', 'period_end', { b: 'amount' }),
    ...weighed
      .filter((g) => !['order_lines', 'returns'].includes(g.driver))
      .map((g) => part(DRIVER_EVENTS[g.driver].from, DRIVER_EVENTS[g.driver].date, eventsOf(g.driver))),
  ];
  if (evenCents)
    parts.push(
      `SELECT p.customer_id AS customer_id, m.month AS month, ${[
        ...money.map((m) => `${dec('0')} AS ${m}`),
        ...counts.map((c) => `CAST(${c === 'ev' ? 1 : 0} AS BIGINT) AS ${c}`),
      ].join(', ')} FROM customer_pnl p CROSS JOIN monthly_period m WHERE ${evenCents} <> 0`,
    );
  const sums = [
    ...money.map((m) => `${dec(`sum(${m})`)} AS ${m}`),
    ...counts.map((c) => `CAST(sum(${c}) AS BIGINT) AS ${c}`),
  ];
  await createWorkTable(
    engine,
    'monthly_events',
    `SELECT customer_id, month, ${sums.join(', ')} FROM (${parts.join(' UNION ALL ')}) e GROUP BY customer_id, month`,
  );
}

/**
 * Every customer's months add up to its row of `customer_pnl`, to the cent, in every column (a
 * bug otherwise). Compared first as two aggregates, each one scan with no join: per column the
 * plain sum and a sum weighted by a number drawn from the customer id (1 to 1,000,003); a
 * customer whose months miss its P&L by d changes the weighted sum by d x its weight, never 0,
 * so a single wrong customer always shows and several can only hide by cancelling exactly.
 * Only when the aggregates differ does the per-customer comparison run, to name the customer.
 */
async function checkMonthlyAddsUp(engine: Engine): Promise<void> {
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
