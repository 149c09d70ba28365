/**
 * Measures what each activity consumes, per customer: events, minutes and direct money.
 * One GROUP BY per event table for every activity it drives (an activity's `when` condition
 * makes its values NULL on the other events) and for any per-customer money sums the caller
 * asks of that table (the P&L's sales and returns), so each event table is read once. Fixed
 * and credit activities have a table each. A NULL customer is the unattributed party.
 */
import { unreachable, WorthError } from '../core/index.ts';
import type { Engine, SqlValue } from '../warehouse/index.ts';
import type {
  CompiledActivity,
  CostModel,
  CreditActivity,
  EventActivity,
  FixedActivity,
} from './costModel.ts';
import { DRIVERS, helperSql, type HelperTable } from './drivers.ts';
import type { DriverTable } from './schema.ts';
import { createWorkTable, dropTables } from './sql.ts';

/**
 * Money per event and per party is DECIMAL(18,4): exact, and 64-bit (DECIMAL(38,x) is 128-bit
 * arithmetic, several times slower on millions of rows); a party's direct money beyond
 * 10^14 would be an overflow error, never a wrong figure.
 */
const DIRECT = { precision: 18, scale: 4 } as const;

/**
 * Minutes per event are DECIMAL(18,6) (a time equation's decimals are kept exactly; a
 * DOUBLE result is rounded to a millionth of a minute): their sum per party is then the
 * same on every run, whatever order the threads add them in (a sum of DOUBLEs is not), so
 * shares and the cents settled on ties do not change between runs. Per party they stay
 * DECIMAL(18,6), so the total over all parties is exact too.
 */
const MINUTES = { precision: 18, scale: 6 } as const;

/** A party's money in cents, as the P&L stores it. */
const CENTS = { precision: 18, scale: 2 } as const;

/** The engine's spelling of one of the DECIMAL types above. */
function decimal(engine: Engine, t: { precision: number; scale: number }): string {
  return engine.dialect.decimalType(t.precision, t.scale);
}

/**
 * A formula's value per event as the stored DECIMAL (0 where it is missing): a binary float
 * rounded to the nearest through the dialect (ClickHouse's own cast truncates), an exact
 * number cast.
 */
function stored(
  engine: Engine,
  sql: string,
  float: boolean,
  t: { precision: number; scale: number },
): string {
  const value = `coalesce(${sql}, 0)`;
  return float
    ? engine.dialect.decimalFromDouble(value, t.precision, t.scale)
    : `CAST(${value} AS ${decimal(engine, t)})`;
}

/** Per-customer sums of money columns asked of an event table, by driver table (output name, column). */
export type MoneySums = Partial<Record<DriverTable, { name: string; column: string }[]>>;

/** Where an activity's usage per party is: its work table and its columns there. */
export interface UsageColumns {
  table: string;
  /** Events counted (NULL-free: 0 when the party had none of this activity's events). */
  events: string;
  /** Minutes used, DECIMAL(18,6); NULL when the party had no events of this activity. */
  minutes: string;
  minMinutes: string;
  /** Direct money, DECIMAL(18,4); NULL when the party had no events of this activity. */
  direct: string;
  minDirect: string;
}

/** The usage work table of an event table (`t_`) or of a fixed or credit activity (`a_`). */
function tableOf(a: CompiledActivity): string {
  switch (a.kind) {
    case 'time':
    case 'direct':
      return eventTable(a.driver.table);
    case 'fixed':
    case 'credit':
      return `cost_usage_a_${a.id}`;
    default:
      return unreachable(a, 'activity kind');
  }
}

function eventTable(driver: DriverTable): string {
  return `cost_usage_t_${driver}`;
}

/** The usage columns of an activity (names are fixed here: activity ids are lower-case letters, digits and _). */
export function usageOf(a: CompiledActivity): UsageColumns {
  return {
    table: tableOf(a),
    events: `events_${a.id}`,
    minutes: `minutes_${a.id}`,
    minMinutes: `min_minutes_${a.id}`,
    direct: `direct_${a.id}`,
    minDirect: `min_direct_${a.id}`,
  };
}

/** A usage work table: its activities and the money sums it holds (dropped by the caller). */
export interface UsageSource {
  table: string;
  activities: CompiledActivity[];
  sums: string[];
}

/** Builds the helper tables the activities need, then the usage tables; returns them. */
export async function measureUsage(
  engine: Engine,
  model: CostModel,
  sums: MoneySums = {},
): Promise<UsageSource[]> {
  const helpers = new Map<HelperTable, Set<string>>();
  const need = (h: HelperTable, col?: string) => {
    if (!helpers.has(h)) helpers.set(h, new Set());
    if (col) helpers.get(h)!.add(col);
  };
  const byDriver = new Map<DriverTable, EventActivity[]>();
  const joined = new Set<HelperTable>();
  for (const a of model.activities) {
    if (a.kind !== 'time' && a.kind !== 'direct') continue;
    byDriver.set(a.driver.table, [...(byDriver.get(a.driver.table) ?? []), a]);
    a.driver.needs.forEach((h) => need(h));
    for (const c of a.driver.columns.filter((x) => a.usedColumns.includes(x.name) && x.helperColumn)) {
      if (c.joined && a.driver.join) {
        need(a.driver.join.table, c.helperColumn);
        joined.add(a.driver.join.table);
      } else if (a.driver.needs.length) need(a.driver.needs[0]!, c.helperColumn);
    }
  }
  for (const t of Object.keys(sums) as DriverTable[]) if (!byDriver.has(t)) byDriver.set(t, []);
  // A helper that a formula reads through a JOIN is a table; one read only as the events of its
  // driver (the orders) is read once, so it stays a subquery of that pass: its millions of rows
  // are never copied.
  const inline = new Map<string, string>();
  for (const [h, cols] of helpers) {
    const sql = helperSql(h, cols, engine.dialect.anyValue);
    if (joined.has(h)) await createWorkTable(engine, h, sql);
    else inline.set(h, `(${sql})`);
  }
  const sources: UsageSource[] = [];
  for (const [driver, activities] of byDriver) {
    const wanted = sums[driver] ?? [];
    await measureEvents(
      engine,
      driver,
      activities,
      wanted,
      inline.get(DRIVERS[driver].from) ?? DRIVERS[driver].from,
    );
    sources.push({ table: eventTable(driver), activities, sums: wanted.map((s) => s.name) });
  }
  for (const a of model.activities) {
    switch (a.kind) {
      case 'time':
      case 'direct':
        continue; // measured per driver table above
      case 'fixed':
        await measureFixed(engine, a, model);
        break;
      case 'credit':
        await measureCredit(engine, a, model);
        break;
      default:
        unreachable(a, 'activity kind');
    }
    sources.push({ table: tableOf(a), activities: [a], sums: [] });
  }
  return sources;
}

/**
 * The aggregates of one activity over the columns `m` (minutes) and `d` (money, or null when
 * the activity has none) of its events, NULL where it does not apply.
 */
function aggregates(engine: Engine, c: UsageColumns, m: string, d: string | null): string[] {
  return [
    `count(${m}) AS ${c.events}`,
    `CAST(sum(${m}) AS ${decimal(engine, MINUTES)}) AS ${c.minutes}`,
    `min(${m}) AS ${c.minMinutes}`,
    d
      ? `CAST(sum(${d}) AS ${decimal(engine, DIRECT)}) AS ${c.direct}`
      : `CAST(0 AS ${decimal(engine, DIRECT)}) AS ${c.direct}`,
    d ? `min(${d}) AS ${c.minDirect}` : `CAST(NULL AS ${decimal(engine, DIRECT)}) AS ${c.minDirect}`,
  ];
}

/**
 * One pass over an event table (`from`: a table or a subquery): per party, each activity's
 * events, minutes and money (its formulas' values bound under the activity's own names) and
 * the money sums asked.
 */
async function measureEvents(
  engine: Engine,
  driver: DriverTable,
  activities: EventActivity[],
  sums: { name: string; column: string }[],
  from: string,
): Promise<void> {
  const dv = DRIVERS[driver];
  const q = engine.dialect.quoteIdent;
  const join =
    activities.some((a) => a.useJoin) && dv.join ? ` LEFT JOIN ${dv.join.table} j ON ${dv.join.on}` : '';
  const params: Record<string, SqlValue> = {};
  const inner = ['t.customer_id AS customer_id', ...sums.map((s, i) => `t.${q(s.column)} AS s${i}`)];
  const outer = [
    'customer_id',
    ...sums.map((s, i) => `CAST(sum(s${i}) AS ${decimal(engine, CENTS)}) AS ${q(s.name)}`),
  ];
  activities.forEach((a, i) => {
    const only = (e: string) => (a.whenSql ? `CASE WHEN coalesce(${a.whenSql}, FALSE) THEN ${e} END` : e);
    // A time equation without money per event: no money column to add up.
    const money = a.directSql !== '0';
    inner.push(`${only(stored(engine, a.minutesSql, a.minutesFloat, MINUTES))} AS m${i}`);
    if (money) inner.push(`${only(stored(engine, a.directSql, a.directFloat, DIRECT))} AS d${i}`);
    outer.push(...aggregates(engine, usageOf(a), `m${i}`, money ? `d${i}` : null));
    Object.assign(params, a.params);
  });
  const table = eventTable(driver);
  await dropTables(engine, [table]);
  await engine.run(
    `CREATE TEMPORARY TABLE ${table} AS SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${from} t${join}) e GROUP BY customer_id`,
    params,
  );
  for (const a of activities) await checkSigns(engine, a);
}

/** A fixed amount per matching customer per year. */
async function measureFixed(engine: Engine, a: FixedActivity, model: CostModel): Promise<void> {
  // The filter's values are named after the activity (`$f<i>_<n>`); the amount and years by their own names.
  const amount = `round(CAST($amount AS ${decimal(engine, CENTS)}) * CAST($years AS ${engine.dialect.decimalType(9, 2)}), 2)`;
  const where = a.customersSql ? `WHERE coalesce(${a.customersSql}, FALSE)` : '';
  const table = tableOf(a);
  await dropTables(engine, [table]);
  await engine.run(
    `CREATE TEMPORARY TABLE ${table} AS SELECT customer_id, ${aggregates(engine, usageOf(a), 'm', 'd').join(', ')} ` +
      `FROM (SELECT customer_id, CAST(0 AS ${decimal(engine, MINUTES)}) AS m, CAST(${amount} AS ${decimal(engine, DIRECT)}) AS d FROM customers ${where}) e GROUP BY customer_id`,
    { ...a.params, amount: a.perCustomerPerYear, years: model.periodYears },
  );
}

/** Cost of credit: days paid late, or still open at the period's end, x amount x rate / 365. */
async function measureCredit(engine: Engine, a: CreditActivity, model: CostModel): Promise<void> {
  const d = engine.dialect;
  const until = 'coalesce(paid_date, CAST($1 AS DATE))';
  const days = `greatest(${d.dateDiffDays('due_date', until)}, 0)`;
  const table = tableOf(a);
  await dropTables(engine, [table]);
  // The exact product divided by 365: DuckDB divides a DECIMAL in DOUBLE and its cast rounds;
  // an engine that keeps a quotient's decimals (and truncates) is told the same in its words.
  const product = `amount * ${days} * CAST($2 AS ${d.decimalType(9, 6)})`;
  const cost = d.mixesDecimalAndDouble
    ? `CAST(${product} / 365 AS ${decimal(engine, DIRECT)})`
    : d.decimalFromDouble(`CAST(${product} AS DOUBLE) / 365`, DIRECT.precision, DIRECT.scale);
  // Most invoices are paid in time: their cost is 0 without the 128-bit product.
  await engine.run(
    `CREATE TEMPORARY TABLE ${table} AS SELECT customer_id, ${aggregates(engine, usageOf(a), 'm', 'd').join(', ')} ` +
      `FROM (SELECT customer_id, CAST(0 AS ${decimal(engine, MINUTES)}) AS m, ` +
      `CASE WHEN ${until} > due_date THEN ${cost} ELSE CAST(0 AS ${decimal(engine, DIRECT)}) END AS d ` +
      'FROM invoices WHERE amount > 0) e GROUP BY customer_id',
    [model.period.end, String(a.costOfCapital)],
  );
}

/** A time equation or cost that goes negative for some event is a configuration error. */
async function checkSigns(engine: Engine, a: EventActivity): Promise<void> {
  const c = usageOf(a);
  const [row] = await engine.query(
    `SELECT CAST(min(${c.minMinutes}) AS DOUBLE) AS m, CAST(min(${c.minDirect}) AS VARCHAR) AS d FROM ${c.table}`,
  );
  if (row && typeof row.m === 'number' && row.m < 0) {
    throw new WorthError(
      'formula',
      { path: `activity ${a.id}` },
      a.formulas.minutes,
      'minutes >= 0 for every event',
      `activity ${a.id}, formula ${JSON.stringify(a.formulas.minutes)}: gives ${row.m} minutes for some ${a.driver.table} (expected >= 0 for every event)`,
    );
  }
  if (row && row.d !== null && Number(row.d) < 0) {
    const f = a.formulas.cost ?? a.formulas.direct_cost;
    throw new WorthError(
      'formula',
      { path: `activity ${a.id}` },
      f,
      'money >= 0 for every event',
      `activity ${a.id}, formula ${JSON.stringify(f)}: gives ${row.d} for some ${a.driver.table} (expected >= 0 for every event)`,
    );
  }
}
