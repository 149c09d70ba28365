/**
 * Cost rates you can try: the finished run again with other rates per minute for some
 * time-driven activities, not saved. Each changed activity's cost per customer is its
 * minutes x the new rate plus the direct money passed on per event, rounded to the cent per
 * customer (`activity_usage`, kept by analyze); every other cost stays as analyze charged it.
 * The answer compares the contribution, cost to serve and loss-makers before and after and
 * gives both whale curves (now: analyze's `whale_curve`; after: one sort of the new figures).
 */
import { WorthError, fromScaled, normaliseMoney, toScaled, type MoneyString } from '../core/index.ts';
import { notValidText, type ErrorText } from '../words/index.ts';
import type { Engine, SqlValue } from '../warehouse/index.ts';

/** One activity's rate per minute to try, as an exact decimal string. */
export interface RateChange {
  activityId: string;
  ratePerMinute: string;
}

/** Figures of the run with one set of rates. */
export interface WhatIfFigures {
  contribution: MoneyString;
  costToServe: MoneyString;
  /** Customers with a negative contribution, and their contribution (negative or 0.00). */
  lossMakers: number;
  lossMakersContribution: MoneyString;
}

/** One point of a whale curve: after `customers` customers (by contribution, descending), the running contribution. */
export interface WhatIfWhalePoint {
  customers: number;
  cumulative: MoneyString;
}

/** A changed activity: its rate and what customers carry of it, before and after. */
export interface WhatIfActivity {
  activityId: string;
  rateBefore: number;
  rateAfter: string;
  assignedBefore: MoneyString;
  assignedAfter: MoneyString;
}

/** The what-if answer. */
export interface WhatIf {
  customers: number;
  activities: WhatIfActivity[];
  before: WhatIfFigures;
  after: WhatIfFigures;
  whale: { before: WhatIfWhalePoint[]; after: WhatIfWhalePoint[] };
}

/** Points per whale curve (plus the origin). */
export const WHAT_IF_CURVE_POINTS = 100;

/** Most activities changed in one request. */
const MAX_CHANGES = 50;

/** A rate per minute: up to 12 digits before the point and 6 after. */
const RATE = /^\d{1,12}(\.\d{1,6})?$/;

/**
 * Parses `rates=order_handling:4.50,delivery:1` into rate changes. Which activities may be
 * changed is checked against the run ({@link readWhatIf}); a bad form is a `WorthError` naming it.
 */
export function parseWhatIfRequest(raw: Record<string, string | undefined>): RateChange[] {
  const text = (raw.rates ?? '').trim();
  const shown = text.slice(0, 80);
  const expected = 'rates=<activity>:<rate per minute>,... (e.g. rates=order_handling:0.75)';
  const said = (value: string, more: ErrorText | string = '') =>
    notValidText(value, { key: 'expectedRates', vars: { more } });
  if (!text) throw new WorthError('input', { path: 'rates' }, shown, expected, undefined, said(shown));
  const parts = text.split(',');
  if (parts.length > MAX_CHANGES)
    throw new WorthError(
      'input',
      { path: 'rates' },
      shown,
      `at most ${MAX_CHANGES} activities`,
      undefined,
      notValidText(shown, { key: 'expectedAtMostActivities', vars: { max: { int: MAX_CHANGES } } }),
    );
  const seen = new Set<string>();
  return parts.map((part) => {
    const m = /^\s*([A-Za-z0-9_-]{1,64})\s*:\s*([0-9.]{1,24})\s*$/.exec(part);
    if (!m || !RATE.test(m[2]!))
      throw new WorthError(
        'input',
        { path: 'rates' },
        part.slice(0, 80),
        `${expected}; a rate is 0 or more, at most 6 decimals`,
        undefined,
        said(part.slice(0, 80), { key: 'ratesRateForm' }),
      );
    if (seen.has(m[1]!))
      throw new WorthError(
        'input',
        { path: 'rates' },
        m[1],
        'each activity once',
        undefined,
        notValidText(m[1], { key: 'expectedEachActivityOnce' }),
      );
    seen.add(m[1]!);
    return { activityId: m[1]!, ratePerMinute: m[2]! };
  });
}

/** Checks that every change names one of the run's time-driven activities (`ids`); else a `WorthError` listing them. */
export function checkedChanges(ids: string[], changes: RateChange[]): void {
  for (const c of changes)
    if (!ids.includes(c.activityId))
      throw new WorthError(
        'input',
        { path: 'rates' },
        c.activityId,
        `a time-driven activity of this run (${ids.join(', ') || 'none'})`,
        undefined,
        notValidText(c.activityId, {
          key: 'expectedTimeActivity',
          vars: { ids: ids.length ? ids.join(', ') : { key: 'noneFound' } },
        }),
      );
}

/** The run with the given rates; a change naming an activity that is not time-driven in this run is a `WorthError`. */
export async function readWhatIf(engine: Engine, changes: RateChange[]): Promise<WhatIf> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const money = d.decimalType(18, 2);
  const summary = await engine.query(
    "SELECT activity_id, rate_per_minute, CAST(assigned AS VARCHAR) AS assigned FROM activity_summary WHERE kind = 'time'",
  );
  const byId = new Map(summary.map((r) => [String(r.activity_id), r]));
  checkedChanges([...byId.keys()], changes);
  const params: SqlValue[] = [];
  const bind = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  // Each changed activity's new cost per customer: minutes x rate, plus its direct money, in cents.
  const newCost = changes.map(
    (c, i) =>
      `sum(CASE WHEN activity_id = ${bind(c.activityId)} THEN round(minutes * CAST(${bind(c.ratePerMinute)} AS ${d.decimalType(18, 6)}), 2) + round(direct, 2) END) AS n${i}`,
  );
  const ids = changes.map((c) => bind(c.activityId)).join(', ');
  const oldCost = (c: RateChange) => `coalesce(p.${q(`cost_${c.activityId}`)}, 0)`;
  const delta = changes.map((c, i) => `(${oldCost(c)} - coalesce(x.n${i}, 0))`).join(' + ');
  const core =
    `SELECT p.customer_id AS customer_id, p.contribution AS before, CAST(p.contribution + ${delta} AS ${money}) AS after, ` +
    `p.cost_to_serve AS cts_before, CAST(p.cost_to_serve - (${delta}) AS ${money}) AS cts_after, ${changes.map((c, i) => `${oldCost(c)} AS o${i}, coalesce(x.n${i}, 0) AS x${i}`).join(', ')} ` +
    `FROM customer_pnl p LEFT JOIN (SELECT customer_id, ${newCost.join(', ')} FROM activity_usage WHERE activity_id IN (${ids}) GROUP BY customer_id) x ` +
    'ON x.customer_id = p.customer_id';
  const figures = (col: 'before' | 'after', cts: string) =>
    `CAST(coalesce(sum(${col}), 0) AS VARCHAR) AS ${col}_contribution, CAST(coalesce(sum(${cts}), 0) AS VARCHAR) AS ${col}_cts, ` +
    `sum(CASE WHEN ${col} < 0 THEN 1 ELSE 0 END) AS ${col}_losers, CAST(coalesce(sum(CASE WHEN ${col} < 0 THEN ${col} ELSE 0 END), 0) AS VARCHAR) AS ${col}_lost`;
  const [t] = await engine.query(
    `SELECT count(*) AS n, ${figures('before', 'cts_before')}, ${figures('after', 'cts_after')}, ` +
      `${changes.map((_, i) => `CAST(coalesce(sum(o${i}), 0) AS VARCHAR) AS old${i}, CAST(coalesce(sum(x${i}), 0) AS VARCHAR) AS new${i}`).join(', ')} FROM (${core}) c`,
    params,
  );
  const n = Number(t?.n ?? 0);
  const step = Math.max(1, Math.ceil(n / WHAT_IF_CURVE_POINTS));
  const points = (rows: Record<string, unknown>[]): WhatIfWhalePoint[] => [
    { customers: 0, cumulative: '0.00' },
    ...rows.map((r) => ({ customers: Number(r.rn), cumulative: money2(r.cum) })),
  ];
  const pick = `WHERE rn % ${step} = 0 OR rn = ${n} ORDER BY rn`;
  // Now: analyze's whale curve, in the same order (contribution descending, then customer id).
  const curveBefore = async () =>
    points(
      await engine.query(
        `SELECT rn, CAST(cum AS VARCHAR) AS cum FROM (SELECT customer_rank AS rn, cumulative_contribution AS cum FROM whale_curve) r ${pick}`,
      ),
    );
  const curveAfter = async () => {
    const w = 'OVER (ORDER BY after DESC, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
    return points(
      await engine.query(
        `SELECT rn, CAST(cum AS VARCHAR) AS cum FROM (SELECT row_number() ${w} AS rn, sum(after) ${w} AS cum FROM (${core}) c) r ${pick}`,
        params,
      ),
    );
  };
  const side = (col: 'before' | 'after'): WhatIfFigures => ({
    contribution: money2(t?.[`${col}_contribution`]),
    costToServe: money2(t?.[`${col}_cts`]),
    lossMakers: Number(t?.[`${col}_losers`] ?? 0),
    lossMakersContribution: money2(t?.[`${col}_lost`]),
  });
  const [whaleBefore, whaleAfter] = [await curveBefore(), await curveAfter()];
  return {
    customers: n,
    activities: changes.map((c, i) => {
      const s = byId.get(c.activityId)!;
      const assigned = String(s.assigned ?? '0.00');
      // The customers' share of the pool, moved by the change in their cost of this activity.
      const moved = cents(t?.[`new${i}`]) - cents(t?.[`old${i}`]);
      return {
        activityId: c.activityId,
        rateBefore: Number(s.rate_per_minute ?? 0),
        rateAfter: c.ratePerMinute,
        assignedBefore: money2(assigned),
        assignedAfter: fromScaled(cents(assigned) + moved),
      };
    }),
    before: side('before'),
    after: side('after'),
    whale: { before: whaleBefore, after: whaleAfter },
  };
}

/** An engine decimal (or NULL, an empty sum) as a money string with two decimals. */
function money2(v: unknown): MoneyString {
  return normaliseMoney(String(v ?? '0'));
}

function cents(v: unknown): bigint {
  return toScaled(String(v ?? '0'));
}
