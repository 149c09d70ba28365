/**
 * Time-driven activity-based costing: measures every activity's usage, charges it to the
 * customers at the capacity cost rate, keeps unused capacity and unattributed events apart,
 * and writes `activity_summary` (one row per activity) and a work table of each activity's
 * cost per customer.
 */
import { fromScaled, normaliseMoney, type MoneyString } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { storeActivityUsage } from './activityUsage.ts';
import { allocate, customerCostsParams, customerCostsSql, type CostPlan } from './allocate.ts';
import { driverTableOf, type CostModel } from './costModel.ts';
import { measureUsage, usageOf, type MoneySums } from './measure.ts';
import type { Behaviour } from './schema.ts';
import { createTableAs, dropTables, type CustomerPart } from './sql.ts';

/** What one activity cost and where the money went. Money as exact decimal strings. */
export interface ActivityResult {
  id: string;
  name: string;
  kind: 'time' | 'direct' | 'fixed' | 'credit';
  behaviour: Behaviour;
  /** The driver table (event activities), else null. */
  driver: string | null;
  /** The cost pool: the configured pool plus any direct money (freight, fixed fees, credit). */
  pool: MoneyString;
  /** Practical capacity in minutes (time-driven), else null. */
  capacityMinutes: number | null;
  /** Minutes used by all events (time-driven), else null. */
  usedMinutes: number | null;
  /** Minutes used / practical capacity (time-driven), else null. */
  utilisation: number | null;
  /** Money charged per minute (pool / capacity, or pool / minutes used on an overrun), else null. */
  ratePerMinute: number | null;
  /** Events counted (invoices, orders, ...; customers for fixed costs). */
  events: number;
  /** Charged to customers. */
  assigned: MoneyString;
  /** Charged to events without a customer (kept out of customers, in company totals). */
  unattributed: MoneyString;
  /** Unused capacity: never spread over customers. */
  unused: MoneyString;
  /** Minutes used beyond practical capacity (0 when within). */
  overrunMinutes: number;
}

/** The cost run: per-activity results, warnings (capacity overruns) for the user, and the customers' costs. */
export interface CostingResult {
  activities: ActivityResult[];
  warnings: string[];
  /**
   * Work tables (the usage per event table) to join on customer_id, each with a SELECT that
   * gives each activity's cost per customer (column `cost_<id>`; NULL or no row: no cost)
   * and the money sums asked for that table. The caller drops them with {@link dropTables}
   * when done.
   */
  costParts: CustomerPart[];
  /** The money sums asked ({@link CostingOptions}) over the events without a customer, by sum name. */
  unattributedSums: Record<string, MoneyString>;
}

/** Options for {@link costActivities}. */
export interface CostingOptions {
  /** Per-customer money sums to take from the event tables in the same pass (the P&L's sales and returns). */
  sums?: MoneySums;
}

/** The tables costing writes into the workspace database (the per-customer costs are work tables, see {@link CostingResult}). */
export const COSTING_TABLES = ['activity_summary', 'activity_usage'] as const;

const HELPERS = ['cost_orders', 'cost_order_shipping'];

/**
 * Runs the cost model on the canonical tables. Capacity used beyond practical capacity is a
 * warning with the figures; the overrun is charged at the actual rate (pool / minutes used),
 * so customers carry exactly the pool and unused capacity is zero, never negative.
 */
export async function costActivities(
  engine: Engine,
  model: CostModel,
  options: CostingOptions = {},
): Promise<CostingResult> {
  const sources = await measureUsage(engine, model, options.sums);
  const activities: ActivityResult[] = [];
  const warnings: string[] = [];
  const plans = new Map<string, CostPlan>();
  for (const a of model.activities) {
    const timed = a.kind === 'time';
    const usage = usageOf(a);
    const [u] = await engine.query(
      `SELECT CAST(coalesce(sum(${usage.minutes}), 0) AS DOUBLE) AS m, coalesce(sum(${usage.events}), 0) AS e FROM ${usage.table}`,
    );
    const used = Number(u?.m ?? 0);
    const capacity = timed ? a.capacityMinutes : 0;
    const pool = timed ? a.poolCents : 0n;
    const denominator = timed ? Math.max(capacity, used) : 1;
    const overrun = timed ? Math.max(used - capacity, 0) : 0;
    if (overrun > 0) {
      const w =
        `activity ${a.id}: ${fmt(used)} minutes used, practical capacity ${fmt(capacity)} (${((used / capacity) * 100).toFixed(1)}%); ` +
        `the overrun of ${fmt(overrun)} minutes is charged at the actual rate ${(Number(pool) / 100 / used).toFixed(4)} per minute ` +
        `(pool / minutes used) instead of ${(Number(pool) / 100 / capacity).toFixed(4)}, so unused capacity is 0`;
      // Printed once, at the end, by the caller's report (in the reader's language).
      warnings.push(w);
    }
    const alloc = await allocate(engine, usage, pool, denominator, timed ? Math.max(capacity - used, 0) : 0);
    plans.set(a.id, alloc.plan);
    activities.push({
      id: a.id,
      name: a.name,
      kind: a.kind,
      behaviour: a.behaviour,
      driver: driverTableOf(a),
      pool: fromScaled(pool + alloc.direct),
      capacityMinutes: timed ? capacity : null,
      usedMinutes: timed ? used : null,
      utilisation: timed ? used / capacity : null,
      ratePerMinute: timed ? Number(pool) / 100 / denominator : null,
      events: Number(u?.e ?? 0),
      assigned: fromScaled(alloc.customers),
      unattributed: fromScaled(alloc.unattributed),
      unused: fromScaled(alloc.unused),
      overrunMinutes: overrun,
    });
  }
  await writeSummary(engine, activities);
  await storeActivityUsage(engine, model);
  await dropTables(engine, HELPERS);
  const costParts = sources.map((s, k): CustomerPart => {
    const costs = s.activities.map((a) => ({ plan: plans.get(a.id)!, name: costColumn(a.id) }));
    return {
      table: s.table,
      columns: [
        ...costs.map((c): [string, string] => [c.name, c.name]),
        ...s.sums.map((n): [string, string] => [n, n]),
      ],
      select: customerCostsSql(engine.dialect, s.table, costs, s.sums, `s${k}_`),
      params: customerCostsParams(costs, `s${k}_`),
    };
  });
  const unattributedSums: Record<string, MoneyString> = {};
  for (const s of sources.filter((x) => x.sums.length)) {
    const [row] = await engine.query(
      `SELECT ${s.sums.map((n) => `CAST(${n} AS VARCHAR) AS ${n}`).join(', ')} FROM ${s.table} WHERE customer_id IS NULL`,
    );
    for (const n of s.sums) unattributedSums[n] = normaliseMoney(String(row?.[n] ?? '0'));
  }
  return { activities, warnings, costParts, unattributedSums };
}

/** The P&L column of an activity's cost. */
export function costColumn(activityId: string): string {
  return `cost_${activityId}`;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

async function writeSummary(engine: Engine, activities: ActivityResult[]): Promise<void> {
  const money = engine.dialect.decimalType(18, 2);
  await createTableAs(
    engine,
    'activity_summary',
    'SELECT CAST(NULL AS INTEGER) AS position, CAST(NULL AS VARCHAR) AS activity_id, CAST(NULL AS VARCHAR) AS name, CAST(NULL AS VARCHAR) AS kind, ' +
      `CAST(NULL AS VARCHAR) AS behaviour, CAST(NULL AS VARCHAR) AS driver, CAST(NULL AS ${money}) AS pool, ` +
      'CAST(NULL AS DOUBLE) AS capacity_minutes, CAST(NULL AS DOUBLE) AS used_minutes, CAST(NULL AS DOUBLE) AS utilisation_share, ' +
      `CAST(NULL AS DOUBLE) AS rate_per_minute, CAST(NULL AS BIGINT) AS events, CAST(NULL AS ${money}) AS assigned, ` +
      `CAST(NULL AS ${money}) AS unattributed, CAST(NULL AS ${money}) AS unused_capacity, CAST(NULL AS DOUBLE) AS overrun_minutes WHERE 1 = 0`,
  );
  for (const [i, a] of activities.entries()) {
    await engine.run(
      `INSERT INTO activity_summary VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS ${money}), $8, $9, $10, $11, $12, ` +
        `CAST($13 AS ${money}), CAST($14 AS ${money}), CAST($15 AS ${money}), $16)`,
      [
        i + 1,
        a.id,
        a.name,
        a.kind,
        a.behaviour,
        a.driver,
        a.pool,
        a.capacityMinutes,
        a.usedMinutes,
        a.utilisation,
        a.ratePerMinute,
        a.events,
        a.assigned,
        a.unattributed,
        a.unused,
        a.overrunMinutes,
      ],
    );
  }
}
