/**
 * The calibration/holdout check: the purchase days of the period are split at
 * `end - holdout`; the models are fitted on the calibration part (per group, as in the
 * workspace run) and their expected purchases in the holdout weeks, given each customer's
 * calibration history, are compared with the purchases that happened.
 */
import { FORECASTERS } from '../clv/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { fitFor, fitGroups, fitPerGroup, type GroupRule } from './fitGroups.ts';
import type { PurchaseModelId } from './settings.ts';
import { PURCHASE_DAYS_TABLE } from './summarySql.ts';

/** Calibration summaries and holdout purchases of the customers first seen before the split. */
export interface HoldoutData {
  /** Last day of calibration (yyyy-mm-dd). */
  calibrationEnd: string;
  /** Holdout length in weeks. */
  weeks: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Purchase days in the holdout. */
  actual: Float64Array;
  /** Each customer's value of the grouping column. */
  group: (string | null)[];
}

/** Holdout weeks: as set, else a third of the span of purchase days, at most 52 (whole days). */
export function holdoutWeeks(spanDays: number, setting: number | undefined): number {
  const days = setting !== undefined ? Math.round(setting * 7) : Math.min(364, Math.floor(spanDays / 3));
  return days / 7;
}

/** Reads the holdout split from the purchase days (after `buildSummaries`); null when the span is too short. */
export async function readHoldout(
  engine: Engine,
  end: string,
  groupColumn: string | null,
  setting: number | undefined,
): Promise<HoldoutData | null> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const span = (
    await engine.query(
      `SELECT CAST(${d.dateDiffDays('min(day)', 'CAST($1 AS DATE)')} AS DOUBLE) AS days FROM ${PURCHASE_DAYS_TABLE}`,
      [end],
    )
  )[0];
  const weeks = holdoutWeeks(Number(span?.days ?? 0), setting);
  if (!(weeks >= 1)) return null;
  const cal = (
    await engine.query(`SELECT CAST(CAST($1 AS DATE) - CAST($2 AS INTEGER) AS VARCHAR) AS d`, [
      end,
      Math.round(weeks * 7),
    ])
  )[0]!;
  const calibrationEnd = String(cal.d).slice(0, 10);
  const groupSql = groupColumn === null ? 'CAST(NULL AS VARCHAR)' : `CAST(c.${q(groupColumn)} AS VARCHAR)`;
  const rows = await engine.query(
    `SELECT p.customer_id, ${groupSql} AS grp,
       CAST(sum(CASE WHEN p.day <= CAST($1 AS DATE) THEN 1 ELSE 0 END) - 1 AS DOUBLE) AS x,
       CAST(${d.dateDiffDays('min(p.day)', 'max(CASE WHEN p.day <= CAST($1 AS DATE) THEN p.day END)')} AS DOUBLE) / 7 AS tx,
       CAST(${d.dateDiffDays('min(p.day)', 'CAST($1 AS DATE)')} AS DOUBLE) / 7 AS "T",
       CAST(sum(CASE WHEN p.day > CAST($1 AS DATE) AND p.day <= CAST($2 AS DATE) THEN 1 ELSE 0 END) AS DOUBLE) AS actual
     FROM ${PURCHASE_DAYS_TABLE} p LEFT JOIN customers c ON c.customer_id = p.customer_id
     GROUP BY p.customer_id, ${groupSql} HAVING min(p.day) <= CAST($1 AS DATE) ORDER BY p.customer_id`,
    [calibrationEnd, end],
  );
  if (rows.length < 10) return null;
  return {
    calibrationEnd,
    weeks,
    x: Float64Array.from(rows, (r) => Number(r.x)),
    tx: Float64Array.from(rows, (r) => Number(r.tx)),
    T: Float64Array.from(rows, (r) => Number(r.T)),
    actual: Float64Array.from(rows, (r) => Number(r.actual)),
    group: rows.map((r) => (r.grp === null || r.grp === undefined ? null : String(r.grp))),
  };
}

/**
 * A group whose held-out purchases are off by more than this share gets a warning. On a
 * segment of some 60 customers with four purchases each in the holdout, chance alone (Poisson
 * noise of the count, about 6%, and as much again from a small fit's parameters) moves the
 * error by some 8%; beyond 15% the model misses the segment rather than chance.
 */
export const HOLDOUT_WARN_SHARE = 0.15;

/** Expected against actual holdout purchases, in total and per group. */
export interface HoldoutCheck {
  model: PurchaseModelId;
  /** The share beyond which a group's error is warned about ({@link HOLDOUT_WARN_SHARE}), so readers mark the same groups. */
  warnAbove: number;
  calibrationEnd: string;
  weeks: number;
  expected: number;
  actual: number;
  /** (expected - actual) / actual; null when nothing happened in the holdout. */
  error: number | null;
  groups: { name: string; customers: number; expected: number; actual: number; error: number | null }[];
}

/** Fits `model` per group on the calibration data and checks it on the holdout. */
export function checkHoldout(model: PurchaseModelId, h: HoldoutData, rule: GroupRule): HoldoutCheck {
  const groups = fitGroups(h.group, h.x, rule);
  const fits = fitPerGroup(model, groups, h.x, h.tx, h.T);
  const f = FORECASTERS.get(model)!;
  const times = Float64Array.of(h.weeks);
  const purchases = new Float64Array(1);
  const alive = new Float64Array(1);
  const byName = new Map<string, { customers: number; expected: number; actual: number }>();
  let expected = 0;
  let actual = 0;
  for (let i = 0; i < h.x.length; i++) {
    f.curves(fitFor(fits, groups, i).params, h.x[i]!, h.tx[i]!, h.T[i]!, times, purchases, alive);
    expected += purchases[0]!;
    actual += h.actual[i]!;
    const name = h.group[i] ?? '';
    const g = byName.get(name) ?? { customers: 0, expected: 0, actual: 0 };
    g.customers++;
    g.expected += purchases[0]!;
    g.actual += h.actual[i]!;
    byName.set(name, g);
  }
  const err = (e: number, a: number) => (a > 0 ? (e - a) / a : null);
  return {
    model,
    warnAbove: HOLDOUT_WARN_SHARE,
    calibrationEnd: h.calibrationEnd,
    weeks: h.weeks,
    expected,
    actual,
    error: err(expected, actual),
    groups: [...byName.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, g]) => ({ name, ...g, error: err(g.expected, g.actual) })),
  };
}

/**
 * One sentence (English, like the fits' own warnings) per group whose holdout error is beyond
 * `check.warnAbove`, naming the grouping column and the group.
 */
export function holdoutWarnings(check: HoldoutCheck | null, column: string | null): string[] {
  if (!check || check.groups.length < 2) return [];
  return check.groups.flatMap((g) => {
    if (g.error === null || !(Math.abs(g.error) > check.warnAbove)) return [];
    const who = g.name === '' ? `customers without a ${column ?? 'group'}` : `${column ?? 'group'} ${g.name}`;
    const pct = `${g.error > 0 ? '+' : ''}${(g.error * 100).toFixed(1)}%`;
    return [
      `${who}: the model expected ${Math.round(g.expected).toLocaleString('en-US')} repeat purchases in the ${Math.round(check.weeks)} held-out weeks and ${Math.round(g.actual).toLocaleString('en-US')} happened (${pct}, beyond ±${check.warnAbove * 100}%): do not act on this group's lifetime values alone (${g.customers.toLocaleString('en-US')} customers in the check)`,
    ];
  });
}
