/**
 * The fit diagnostics a workspace CLV run stores for people to judge the model by: the
 * calibration frequency histogram (customers with 0, 1, …, 7+ repeat purchases, actual
 * against the fitted model) and the cumulative repeat-purchase tracking curve (actual
 * against the model, week by week since the first purchase in the data).
 */
import { frequencyHistogram, trackingCurve, type PurchaseForecaster } from '../clv/index.ts';
import type { ParamsOf, PurchaseModelId } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { PURCHASE_DAYS_TABLE } from './summarySql.ts';

/** Table of the stored diagnostics: one row per (kind, x). */
export const CLV_DIAGNOSTICS_TABLE = 'clv_diagnostics';

/** Highest repeat-purchase count with its own bar in the frequency histogram (the last bar holds this and more). */
export const FREQUENCY_CENSOR = 7;

/** One row of {@link CLV_DIAGNOSTICS_TABLE}. */
export interface ClvDiagnosticRow {
  /** `frequency`: x = repeat purchases (the last bin holds x and more); `tracking`: x = week since the first purchase in the data (cumulative to its end). */
  kind: 'frequency' | 'tracking';
  x: number;
  actual: number;
  expected: number;
}

/** Simulated copies of every customer for the histogram: about 100,000 simulated customers in all (1-20 copies). */
function histogramDraws(customers: number): number {
  return Math.min(20, Math.max(1, Math.round(100_000 / Math.max(1, customers))));
}

/** Customers on one parameter set of model `M` (a fit group, or the pooled fit). */
export interface DiagnosticSet<M extends PurchaseModelId> {
  params: ParamsOf<M>;
  x: Float64Array;
  T: Float64Array;
}

/**
 * Computes both diagnostics for a fitted purchase model, its customers in sets by the
 * parameters that hold for them (the expectations are summed over the sets). `T` is each
 * customer's weeks from first purchase to the calibration end; the actual tracking counts come
 * from the purchase days behind the summaries (one purchase per customer and day, the first
 * day not counted), like the summaries.
 */
export async function clvDiagnostics<M extends PurchaseModelId>(
  engine: Engine,
  forecaster: PurchaseForecaster<M>,
  sets: readonly DiagnosticSet<M>[],
  calibrationEnd: string,
): Promise<ClvDiagnosticRow[]> {
  const customers = sets.reduce((n, s) => n + s.x.length, 0);
  const draws = histogramDraws(customers);
  const rows: ClvDiagnosticRow[] = [];
  for (const set of sets) {
    frequencyHistogram(forecaster, set.params, set.x, set.T, FREQUENCY_CENSOR, draws, 1).forEach((b, k) => {
      const row = rows[k] ?? { kind: 'frequency', x: b.x, actual: 0, expected: 0 };
      row.actual += b.actual;
      row.expected += b.expected;
      rows[k] = row;
    });
  }

  const d = engine.dialect;
  const [o] = await engine.query(
    `SELECT CAST(min(day) AS VARCHAR) AS origin, CAST(${d.dateDiffDays('min(day)', 'CAST($1 AS DATE)')} AS DOUBLE) AS days FROM ${PURCHASE_DAYS_TABLE}`,
    [calibrationEnd],
  );
  if (!o?.origin) return rows;
  const calibrationWeeks = Number(o.days) / 7;
  const week = `CAST(floor(${d.dateDiffDays('CAST($2 AS DATE)', 'p.day')} / 7) AS BIGINT)`;
  const weekly = await engine.query(
    `SELECT ${week} AS week, count(*) AS purchases
     FROM ${PURCHASE_DAYS_TABLE} p
     JOIN (SELECT customer_id, min(day) AS first_day FROM ${PURCHASE_DAYS_TABLE} GROUP BY customer_id) f
       ON f.customer_id = p.customer_id
     WHERE p.day > f.first_day AND p.day <= CAST($1 AS DATE) GROUP BY ${d.groupKey(week, 'week')}`,
    [calibrationEnd, String(o.origin)],
  );
  const weeks = Math.max(1, Math.ceil(calibrationWeeks));
  const actual = new Float64Array(weeks);
  for (const r of weekly) actual[Math.min(weeks - 1, Number(r.week))]! += Number(r.purchases);
  for (let k = 1; k < weeks; k++) actual[k] = actual[k]! + actual[k - 1]!;
  const times = Float64Array.from({ length: weeks }, (_, k) => Math.min(k + 1, calibrationWeeks));
  const expected = new Float64Array(weeks);
  for (const set of sets) {
    const e = trackingCurve(forecaster, set.params, set.T, calibrationWeeks, times);
    for (let k = 0; k < weeks; k++) expected[k] = expected[k]! + e[k]!;
  }
  for (let k = 0; k < weeks; k++)
    rows.push({ kind: 'tracking', x: k + 1, actual: actual[k]!, expected: expected[k]! });
  return rows;
}

/** Replaces {@link CLV_DIAGNOSTICS_TABLE} with `rows` (call inside the CLV run's transaction). */
export async function storeClvDiagnostics(engine: Engine, rows: readonly ClvDiagnosticRow[]): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${CLV_DIAGNOSTICS_TABLE}`);
  await engine.run(
    `CREATE TABLE ${CLV_DIAGNOSTICS_TABLE} (kind VARCHAR, x DOUBLE, actual DOUBLE, expected DOUBLE)`,
  );
  await engine.appendColumns(CLV_DIAGNOSTICS_TABLE, [
    rows.map((r) => r.kind),
    Float64Array.from(rows, (r) => r.x),
    Float64Array.from(rows, (r) => r.actual),
    Float64Array.from(rows, (r) => r.expected),
  ]);
}
