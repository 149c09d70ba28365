/**
 * The calibration/holdout check: the purchase days of the period are split at
 * `end - holdout`; the models are fitted on the calibration part (per group, as in the
 * workspace run) and their expected purchases in the holdout weeks, given each customer's
 * calibration history, are compared with the purchases that happened.
 */
import { FORECASTERS, mixAlive, sortedHistories, type CountMoments } from '../clv/index.ts';
import { typedParams, type ParamsOf } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import {
  fitFor,
  fitGroups,
  fitPerGroup,
  type FitGroups,
  type GroupFits,
  type GroupRule,
} from './fitGroups.ts';
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
 * The materiality floor of the holdout warning: a group whose held-out purchases are off by
 * less than this share is not warned about, however many customers make the gap more than
 * chance (a million customers off by 1% is a real but immaterial miss). The issue's own target
 * for the demo's holdout error is 5%.
 */
export const HOLDOUT_WARN_SHARE = 0.05;

/**
 * How many standard deviations of chance a group's holdout gap may reach before it is warned
 * about. The standard deviation is the model's own: the variance of each customer's holdout
 * count given its calibration history (`countMoments`: Poisson noise, the posterior spread of its
 * rate and drop-out, alive or not), summed over the group's customers (independent given the
 * parameters). 2.5 (two-sided ~1.2% for a normal count) leaves room for what the band does not
 * hold (the calibration fit's own parameter error, which is larger in a small group) and for
 * several groups checked at once: on 200 simulated data sets of two groups from a well-specified
 * model (segments of 40 and 600 customers) the check warned in 5 (2.5%), and in 180 when the
 * customers bought 30% less in the holdout (test/value/holdoutBand.test.ts). A fixed ±15% flagged
 * the 40-customer segment in 102 of the well-specified 200: noise, not misfit.
 */
export const HOLDOUT_CHANCE_Z = 2.5;

/** Expected against actual holdout purchases, in total and per group. */
export interface HoldoutCheck {
  model: PurchaseModelId;
  /** The materiality floor ({@link HOLDOUT_WARN_SHARE}); each group's own limit is its `warnAbove`, at least this. */
  warnAbove: number;
  calibrationEnd: string;
  weeks: number;
  expected: number;
  actual: number;
  /** (expected - actual) / actual; null when nothing happened in the holdout. */
  error: number | null;
  groups: HoldoutGroup[];
}

/** One group's holdout check and whether its gap is more than chance gives for its size. */
export interface HoldoutGroup {
  name: string;
  customers: number;
  expected: number;
  actual: number;
  /** (expected - actual) / actual; null when nothing happened in the holdout. */
  error: number | null;
  /** Standard deviation of the group's holdout count that chance alone gives, from the model's own predicted variance. */
  chanceSd: number;
  /** The error share beyond which this group is warned about: {@link HOLDOUT_CHANCE_Z} chance standard deviations of its count, at least the floor {@link HOLDOUT_WARN_SHARE}. */
  warnAbove: number;
  /** Whether the error is beyond `warnAbove` (what every reader marks). */
  warn: boolean;
}

/** Fits `model` per group on the calibration data and checks it on the holdout. */
export function checkHoldout(model: PurchaseModelId, h: HoldoutData, rule: GroupRule): HoldoutCheck {
  const groups = holdoutGroups(h, rule);
  const fits = fitPerGroup(model, groups, h.x, h.tx, h.T, { dataWeights: false });
  const { purchases, variance } = holdoutForecasts(model, fits, groups, h);
  const byName = new Map<string, { customers: number; expected: number; actual: number; variance: number }>();
  let expected = 0;
  let actual = 0;
  for (let i = 0; i < h.x.length; i++) {
    expected += purchases[i]!;
    actual += h.actual[i]!;
    const name = h.group[i] ?? '';
    const g = byName.get(name) ?? { customers: 0, expected: 0, actual: 0, variance: 0 };
    g.customers++;
    g.expected += purchases[i]!;
    g.actual += h.actual[i]!;
    g.variance += variance[i]!;
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
      .map(([name, g]) => holdoutGroup(name, g, err(g.expected, g.actual))),
  };
}

/** The calibration customers' groups, made once per holdout data and rule (every candidate is checked on the same). */
const groupsByHoldout = new WeakMap<HoldoutData, { rule: GroupRule; groups: FitGroups }>();

function holdoutGroups(h: HoldoutData, rule: GroupRule): FitGroups {
  const kept = groupsByHoldout.get(h);
  if (kept && kept.rule === rule) return kept.groups;
  const groups = fitGroups(h.group, h.x, rule);
  groupsByHoldout.set(h, { rule, groups });
  return groups;
}

/**
 * Each customer's expected holdout purchases and their variance under its group's fit (what
 * `curves` and `countMoments` give, bit for bit): the alive customer's part depends on (x, T)
 * only, so customers are visited by (x, T, t_x) and it is computed once per (fit, x, T).
 */
function holdoutForecasts<K extends PurchaseModelId>(
  model: K,
  fits: GroupFits,
  groups: FitGroups,
  h: HoldoutData,
): { purchases: Float64Array; variance: Float64Array } {
  const f = FORECASTERS[model];
  // each fit's parameters read once as the model's typed parameters (one object per fit, as `kept` needs)
  const typed = new Map<Readonly<Record<string, number>>, ParamsOf<K>>();
  const n = h.x.length;
  const purchases = new Float64Array(n);
  const variance = new Float64Array(n);
  const times = Float64Array.of(h.weeks);
  const kept = new Map<
    ParamsOf<K>,
    { x: number; T: number; e: Float64Array; a: Float64Array; m: CountMoments }
  >();
  for (const i of sortedHistories(h.x, h.tx, h.T)) {
    const raw = fitFor(fits, groups, i).params;
    let params = typed.get(raw);
    if (!params) {
      params = typedParams(model, raw);
      typed.set(raw, params);
    }
    const x = h.x[i]!;
    const T = h.T[i]!;
    let k = kept.get(params);
    if (!k || k.x !== x || k.T !== T) {
      const e = new Float64Array(1);
      const a = new Float64Array(1);
      f.aliveCurves(params, x, T, times, e, a);
      k = { x, T, e, a, m: f.aliveCountMoments(params, x, T, h.weeks) };
      kept.set(params, k);
    }
    const pa = f.probAlive(params, x, h.tx[i]!, T);
    purchases[i] = k.e[0]! * pa;
    variance[i] = mixAlive(pa, k.m).variance;
  }
  return { purchases, variance };
}

/** A group's figures with its chance band and verdict. */
function holdoutGroup(
  name: string,
  g: { customers: number; expected: number; actual: number; variance: number },
  error: number | null,
): HoldoutGroup {
  const chanceSd = Math.sqrt(g.variance);
  const warnAbove =
    g.actual > 0
      ? Math.max(HOLDOUT_WARN_SHARE, (HOLDOUT_CHANCE_Z * chanceSd) / g.actual)
      : HOLDOUT_WARN_SHARE;
  const warn = error !== null && Math.abs(error) > warnAbove;
  return {
    name,
    customers: g.customers,
    expected: g.expected,
    actual: g.actual,
    error,
    chanceSd,
    warnAbove,
    warn,
  };
}

/**
 * One sentence (English, like the fits' own warnings) per group whose holdout error is beyond
 * what chance gives for its size (its `warnAbove`), naming the grouping column and the group.
 */
export function holdoutWarnings(check: HoldoutCheck | null, column: string | null): string[] {
  if (!check || check.groups.length < 2) return [];
  return check.groups.flatMap((g) => {
    if (g.error === null || !g.warn) return [];
    const who = g.name === '' ? `customers without a ${column ?? 'group'}` : `${column ?? 'group'} ${g.name}`;
    const pct = `${g.error > 0 ? '+' : ''}${(g.error * 100).toFixed(1)}%`;
    return [
      `${who}: the model expected ${Math.round(g.expected).toLocaleString('en-US')} repeat purchases in the ${Math.round(check.weeks)} held-out weeks and ${Math.round(g.actual).toLocaleString('en-US')} happened (${pct}, beyond ±${(g.warnAbove * 100).toFixed(1)}%, more than chance gives for its size): do not act on this group's lifetime values alone (${g.customers.toLocaleString('en-US')} customers in the check)`,
    ];
  });
}
