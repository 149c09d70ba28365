/**
 * Measures what each activity consumes, per customer: events, minutes and direct money.
 * One GROUP BY per activity into `cost_usage`; a NULL customer is the unattributed party.
 */
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { CompiledActivity, CostModel, CreditActivity, EventActivity } from './costModel.ts';
import { HELPER_SQL, type HelperTable } from './drivers.ts';
import { createTableAs } from './sql.ts';

/** The work table of usage per activity and party (dropped at the end of the analysis). */
export const USAGE_TABLE = 'cost_usage';

/** Builds the helper tables the activities need, then fills `cost_usage`. */
export async function measureUsage(engine: Engine, model: CostModel): Promise<void> {
  const helpers = new Set<HelperTable>();
  for (const a of model.activities) {
    if (a.kind !== 'time' && a.kind !== 'direct') continue;
    a.driver.needs.forEach((h) => helpers.add(h));
    if (a.useJoin && a.driver.join) helpers.add(a.driver.join.table);
  }
  for (const h of helpers) await createTableAs(engine, h, HELPER_SQL[h]);
  await createTableAs(
    engine,
    USAGE_TABLE,
    'SELECT CAST(NULL AS VARCHAR) AS activity_id, CAST(NULL AS VARCHAR) AS customer_id, CAST(0 AS BIGINT) AS events, ' +
      'CAST(0 AS DOUBLE) AS minutes, CAST(0 AS DOUBLE) AS min_minutes, CAST(0 AS DECIMAL(38,4)) AS direct, CAST(0 AS DECIMAL(38,4)) AS min_direct WHERE 1 = 0',
  );
  for (const a of model.activities) await measureOne(engine, a, model);
}

async function measureOne(engine: Engine, a: CompiledActivity, model: CostModel): Promise<void> {
  const insert = `INSERT INTO ${USAGE_TABLE} (activity_id, customer_id, events, minutes, min_minutes, direct, min_direct)`;
  const agg = 'SELECT $1, customer_id, count(*), sum(m), min(m), sum(d), min(d)';
  if (a.kind === 'time' || a.kind === 'direct') {
    await engine.run(`${insert} ${agg} FROM (${eventsSql(a)}) e GROUP BY customer_id`, a.params);
    await checkSigns(engine, a);
    return;
  }
  if (a.kind === 'fixed') {
    // $1 id, then the filter's bound values; the amount follows them.
    const n = a.params.length;
    const amount = `round(CAST($${n + 1} AS DECIMAL(18,2)) * CAST($${n + 2} AS DECIMAL(9,2)), 2)`;
    const where = a.customersSql ? `WHERE coalesce(${a.customersSql}, FALSE)` : '';
    await engine.run(
      `${insert} ${agg} FROM (SELECT customer_id, CAST(0 AS DOUBLE) AS m, CAST(${amount} AS DECIMAL(38,4)) AS d FROM customers ${where}) e GROUP BY customer_id`,
      [...a.params, a.perCustomerPerYear, model.periodYears],
    );
    return;
  }
  await measureCredit(engine, a as CreditActivity, model);
}

/** Cost of credit: days paid late, or still open at the period's end, x amount x rate / 365. */
async function measureCredit(engine: Engine, a: CreditActivity, model: CostModel): Promise<void> {
  const insert = `INSERT INTO ${USAGE_TABLE} (activity_id, customer_id, events, minutes, min_minutes, direct, min_direct)`;
  const agg = 'SELECT $1, customer_id, count(*), sum(m), min(m), sum(d), min(d)';
  const d = engine.dialect;
  const days = `greatest(${d.dateDiffDays('due_date', 'coalesce(paid_date, CAST($2 AS DATE))')}, 0)`;
  await engine.run(
    `${insert} ${agg} FROM (SELECT customer_id, CAST(0 AS DOUBLE) AS m, ` +
      `CAST(amount * ${days} * CAST($3 AS DECIMAL(9,6)) / 365 AS DECIMAL(38,4)) AS d FROM invoices WHERE amount > 0) e GROUP BY customer_id`,
    [a.id, model.period.end, String(a.costOfCapital)],
  );
}

/** The events of an activity with their minutes `m` and direct money `d` (missing values count as 0). */
function eventsSql(a: EventActivity): string {
  const dv = a.driver;
  const join = a.useJoin && dv.join ? ` LEFT JOIN ${dv.join.table} j ON ${dv.join.on}` : '';
  const where = a.whenSql ? ` WHERE coalesce(${a.whenSql}, FALSE)` : '';
  return (
    `SELECT t.customer_id AS customer_id, CAST(coalesce(${a.minutesSql}, 0) AS DOUBLE) AS m, ` +
    `CAST(coalesce(${a.directSql}, 0) AS DECIMAL(38,4)) AS d FROM ${dv.from} t${join}${where}`
  );
}

/** A time equation or cost that goes negative for some event is a configuration error. */
async function checkSigns(engine: Engine, a: EventActivity): Promise<void> {
  const [row] = await engine.query(
    `SELECT min(min_minutes) AS m, CAST(min(min_direct) AS VARCHAR) AS d FROM ${USAGE_TABLE} WHERE activity_id = $1`,
    [a.id],
  );
  if (row && typeof row.m === 'number' && row.m < 0) {
    throw new WorthError('formula', { path: `activity ${a.id}` }, a.formulas.minutes, 'minutes >= 0 for every event', `activity ${a.id}, formula ${JSON.stringify(a.formulas.minutes)}: gives ${row.m} minutes for some ${a.driver.table} (expected >= 0 for every event)`);
  }
  if (row && row.d !== null && Number(row.d) < 0) {
    const f = a.formulas.cost ?? a.formulas.direct_cost;
    throw new WorthError('formula', { path: `activity ${a.id}` }, f, 'money >= 0 for every event', `activity ${a.id}, formula ${JSON.stringify(f)}: gives ${row.d} for some ${a.driver.table} (expected >= 0 for every event)`);
  }
}
