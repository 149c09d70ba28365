/**
 * Measures what each activity consumes, per customer: events, minutes and direct money.
 * One GROUP BY per activity into `cost_usage`; a NULL customer is the unattributed party.
 */
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { CompiledActivity, CostModel, CreditActivity, EventActivity } from './costModel.ts';
import { helperSql, type HelperTable } from './drivers.ts';
import { createWorkTable, dropTables } from './sql.ts';

/**
 * Money per event and per party is DECIMAL(18,4): exact, and 64-bit (DECIMAL(38,x) is 128-bit
 * arithmetic, several times slower on millions of rows); a party's direct money beyond
 * 10^14 would be an overflow error, never a wrong figure.
 */
const DIRECT = 'DECIMAL(18,4)';

/**
 * Minutes per event are DECIMAL(18,6) (a time equation's decimals are kept exactly; a
 * DOUBLE result is rounded to a millionth of a minute): their sum per party is then the
 * same on every run, whatever order the threads add them in (a sum of DOUBLEs is not), so
 * shares and the cents settled on ties do not change between runs. Per party they stay
 * DECIMAL(18,6), so the total over all parties is exact too.
 */
const MINUTES = 'DECIMAL(18,6)';

/** Sums per party (a NULL customer is the unattributed party). */
const agg =
  `SELECT customer_id, count(*) AS events, CAST(sum(m) AS ${MINUTES}) AS minutes, min(m) AS min_minutes, ` +
  `CAST(sum(d) AS ${DIRECT}) AS direct, min(d) AS min_direct`;

/** The work table of an activity's usage per party (dropped at the end of the analysis). */
export function usageTable(activityId: string): string {
  return `cost_usage_${activityId}`;
}

/** Builds the helper tables the activities need, then one usage table per activity. */
export async function measureUsage(engine: Engine, model: CostModel): Promise<void> {
  const helpers = new Map<HelperTable, Set<string>>();
  const need = (h: HelperTable, col?: string) => {
    if (!helpers.has(h)) helpers.set(h, new Set());
    if (col) helpers.get(h)!.add(col);
  };
  for (const a of model.activities) {
    if (a.kind !== 'time' && a.kind !== 'direct') continue;
    a.driver.needs.forEach((h) => need(h));
    for (const c of a.driver.columns.filter((x) => a.usedColumns.includes(x.name) && x.helperColumn)) {
      if (c.joined && a.driver.join) need(a.driver.join.table, c.helperColumn);
      else if (a.driver.needs.length) need(a.driver.needs[0]!, c.helperColumn);
    }
  }
  for (const [h, cols] of helpers) await createWorkTable(engine, h, helperSql(h, cols, engine.dialect.anyValue));
  for (const a of model.activities) await measureOne(engine, a, model);
}

async function measureOne(engine: Engine, a: CompiledActivity, model: CostModel): Promise<void> {
  await dropTables(engine, [usageTable(a.id)]);
  const insert = `CREATE TEMPORARY TABLE ${usageTable(a.id)} AS`;
  if (a.kind === 'time' || a.kind === 'direct') {
    await engine.run(`${insert} ${agg} FROM (${eventsSql(a)}) e GROUP BY customer_id`, a.params);
    await checkSigns(engine, a);
    return;
  }
  if (a.kind === 'fixed') {
    // The filter's bound values come first; the amount follows them.
    const n = a.params.length;
    const amount = `round(CAST($${n + 1} AS DECIMAL(18,2)) * CAST($${n + 2} AS DECIMAL(9,2)), 2)`;
    const where = a.customersSql ? `WHERE coalesce(${a.customersSql}, FALSE)` : '';
    await engine.run(
      `${insert} ${agg} FROM (SELECT customer_id, CAST(0 AS ${MINUTES}) AS m, CAST(${amount} AS ${DIRECT}) AS d FROM customers ${where}) e GROUP BY customer_id`,
      [...a.params, a.perCustomerPerYear, model.periodYears],
    );
    return;
  }
  await measureCredit(engine, a as CreditActivity, model);
}

/** Cost of credit: days paid late, or still open at the period's end, x amount x rate / 365. */
async function measureCredit(engine: Engine, a: CreditActivity, model: CostModel): Promise<void> {
  const insert = `CREATE TEMPORARY TABLE ${usageTable(a.id)} AS`;
  const d = engine.dialect;
  const until = 'coalesce(paid_date, CAST($1 AS DATE))';
  const days = `greatest(${d.dateDiffDays('due_date', until)}, 0)`;
  // Most invoices are paid in time: their cost is 0 without the 128-bit product.
  await engine.run(
    `${insert} ${agg} FROM (SELECT customer_id, CAST(0 AS ${MINUTES}) AS m, ` +
      `CASE WHEN ${until} > due_date THEN CAST(amount * ${days} * CAST($2 AS DECIMAL(9,6)) / 365 AS ${DIRECT}) ELSE CAST(0 AS ${DIRECT}) END AS d ` +
      'FROM invoices WHERE amount > 0) e GROUP BY customer_id',
    [model.period.end, String(a.costOfCapital)],
  );
}

/** The events of an activity with their minutes `m` and direct money `d` (missing values count as 0). */
function eventsSql(a: EventActivity): string {
  const dv = a.driver;
  const join = a.useJoin && dv.join ? ` LEFT JOIN ${dv.join.table} j ON ${dv.join.on}` : '';
  const where = a.whenSql ? ` WHERE coalesce(${a.whenSql}, FALSE)` : '';
  return (
    `SELECT t.customer_id AS customer_id, CAST(coalesce(${a.minutesSql}, 0) AS ${MINUTES}) AS m, ` +
    `CAST(coalesce(${a.directSql}, 0) AS ${DIRECT}) AS d FROM ${dv.from} t${join}${where}`
  );
}

/** A time equation or cost that goes negative for some event is a configuration error. */
async function checkSigns(engine: Engine, a: EventActivity): Promise<void> {
  const [row] = await engine.query(
    `SELECT CAST(min(min_minutes) AS DOUBLE) AS m, CAST(min(min_direct) AS VARCHAR) AS d FROM ${usageTable(a.id)}`,
  );
  if (row && typeof row.m === 'number' && row.m < 0) {
    throw new WorthError('formula', { path: `activity ${a.id}` }, a.formulas.minutes, 'minutes >= 0 for every event', `activity ${a.id}, formula ${JSON.stringify(a.formulas.minutes)}: gives ${row.m} minutes for some ${a.driver.table} (expected >= 0 for every event)`);
  }
  if (row && row.d !== null && Number(row.d) < 0) {
    const f = a.formulas.cost ?? a.formulas.direct_cost;
    throw new WorthError('formula', { path: `activity ${a.id}` }, f, 'money >= 0 for every event', `activity ${a.id}, formula ${JSON.stringify(f)}: gives ${row.d} for some ${a.driver.table} (expected >= 0 for every event)`);
  }
}
