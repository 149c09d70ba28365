/**
 * Each customer's measured use of every time-driven activity (minutes, and the direct money
 * passed on per event), kept by analyze so that a changed rate per minute can be tried on the
 * finished run (the cost model page's what-if) without costing every event again, and the cost
 * drill can check a customer's events against what the run measured.
 */
import type { Engine } from '../warehouse/index.ts';
import type { CostModel } from './costModel.ts';
import { usageOf } from './measure.ts';
import { createTableAs } from './sql.ts';

/** The table: activity_id, customer_id, minutes (DECIMAL(18,6)), direct (DECIMAL(18,4)); customers with events only. */
export const ACTIVITY_USAGE_TABLE = 'activity_usage';

/** Writes {@link ACTIVITY_USAGE_TABLE} from the usage work tables of a costing run (before they are dropped). */
export async function storeActivityUsage(engine: Engine, model: CostModel): Promise<void> {
  const d = engine.dialect;
  const minutes = d.decimalType(18, 6);
  const direct = d.decimalType(18, 4);
  const timed = model.activities.filter((a) => a.kind === 'time');
  const parts = timed.map((a, i) => {
    const u = usageOf(a);
    return (
      `SELECT CAST($${i + 1} AS VARCHAR) AS activity_id, customer_id, CAST(${u.minutes} AS ${minutes}) AS minutes, ` +
      `CAST(coalesce(${u.direct}, 0) AS ${direct}) AS direct FROM ${u.table} WHERE customer_id IS NOT NULL AND ${u.events} > 0`
    );
  });
  const none = `SELECT CAST(NULL AS VARCHAR) AS activity_id, CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS ${minutes}) AS minutes, CAST(NULL AS ${direct}) AS direct WHERE 1 = 0`;
  // Stored in order of activity and customer: the engine's minimum and maximum per block of rows
  // then let the cost drill's lookup of one customer's usage skip every other block (19 ms CPU a
  // lookup at 1,000,000 customers in the order the activities were unioned; BENCHMARKS.md).
  await createTableAs(
    engine,
    ACTIVITY_USAGE_TABLE,
    parts.length ? `SELECT * FROM (${parts.join(' UNION ALL ')}) u ORDER BY activity_id, customer_id` : none,
    timed.map((a) => a.id),
  );
}
