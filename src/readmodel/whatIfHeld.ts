/**
 * The what-if from memory: what a changed rate needs, read once per generation into typed arrays
 * (per customer its contribution, cost to serve and each time-driven activity's cost; per
 * activity its rows of `activity_usage`: the customer, the minutes in millionths and the direct
 * money in cents), so a new rate is one pass of multiplies over that activity's rows, not two
 * scans in SQL. The arithmetic is the SQL path's ({@link readWhatIf}), in integers: a row's cost
 * is round(minutes x rate, 2) + round(direct, 2), rounded half away from zero as the engine's
 * DECIMAL does, summed per customer; every sum is of whole cents below 2^53, so exact in a double.
 */
import { costColumn } from '../costing/index.ts';
import { fromScaled, normaliseMoney, toScaled, type MoneyString } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import {
  OCTAVE_HIGH,
  curveRanks,
  octaveBucket,
  octaveCounter,
  octaveWords,
  topSums,
  type OctaveCounter,
} from './rankGroups.ts';
import {
  WHAT_IF_CURVE_POINTS,
  checkedChanges,
  type RateChange,
  type WhatIf,
  type WhatIfFigures,
  type WhatIfWhalePoint,
} from './whatIf.ts';

/** One time-driven activity as held. */
interface HeldActivity {
  rate: number;
  assigned: MoneyString;
  /** Each customer's cost of it as analyze charged it (cents). */
  old: Float64Array;
  /** The sum of {@link old} (cents). */
  oldSum: number;
  /** Its usage rows in customer order: the customer's position, the minutes (an index into {@link minutes}), direct money in cents. */
  pos: Uint32Array;
  minute: Uint32Array;
  direct: Float64Array;
  /** The distinct minutes of its rows, x 10^6 (a new rate is multiplied once per distinct value). */
  minutes: Float64Array;
  /** The largest |minutes x 10^6| (bounds the exact fast product). */
  maxMicro: number;
}

/** What a rate change needs, held (see the file's comment). */
export interface HeldWhatIf {
  customers: number;
  contribution: Float64Array;
  costToServe: Float64Array;
  activities: Map<string, HeldActivity>;
  before: WhatIfFigures;
  whaleBefore: WhatIfWhalePoint[];
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Reads what a rate change needs, or null when it cannot be held exactly (a NULL contribution
 * or cost to serve, money that is not whole cents, minutes finer than millionths, sums beyond
 * 2^53 cents): the SQL path answers then.
 */
export async function loadHeldWhatIf(engine: Engine): Promise<HeldWhatIf | null> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const summary = await engine.query(
    "SELECT activity_id, rate_per_minute, CAST(assigned AS VARCHAR) AS assigned FROM activity_summary WHERE kind = 'time'",
  );
  const ids = summary.map((r) => String(r.activity_id));
  const [nulls] = await engine.query(
    'SELECT count(*) AS n, sum(CASE WHEN contribution IS NULL OR cost_to_serve IS NULL THEN 1 ELSE 0 END) AS nulls FROM customer_pnl',
  );
  if (Number(nulls?.nulls ?? 0) > 0) return null;
  const cents = (e: string) => `CAST(${e} * 100 AS DOUBLE)`;
  // Minutes finer than a millionth would be cut by the cast of minutes x 10^6 to an integer.
  const [finer] = await engine.query(
    'SELECT sum(CASE WHEN CAST(minutes * 1000000 AS BIGINT) <> minutes * 1000000 THEN 1 ELSE 0 END) AS n FROM activity_usage',
  );
  if (Number(finer?.n ?? 0) > 0) return null;
  const cols = await engine.queryNumericColumns(
    `SELECT ${cents('contribution')} AS contribution, ${cents('cost_to_serve')} AS cts` +
      ids.map((id, i) => `, ${cents(`coalesce(${q(costColumn(id))}, 0)`)} AS ${q(`old${i}`)}`).join('') +
      ' FROM customer_pnl ORDER BY customer_id',
  );
  const contribution = cols.contribution ?? new Float64Array(0);
  const costToServe = cols.cts ?? new Float64Array(0);
  const n = contribution.length;
  const exact = (xs: Float64Array) => {
    let abs = 0;
    for (const x of xs) {
      if (!Number.isSafeInteger(x)) return false;
      abs += Math.abs(x);
    }
    return abs < SAFE;
  };
  if (!exact(contribution) || !exact(costToServe)) return null;
  const activities = new Map<string, HeldActivity>();
  for (const [i, r] of summary.entries()) {
    const id = ids[i]!;
    const old = cols[`old${i}`] ?? new Float64Array(n);
    // Every customer in the order above with its usage rows (rows whose minutes or direct money is
    // NULL add nothing in SQL: a NULL term of a sum), `k` rows a customer (1 for one without):
    // positions follow from the counts, with no window function.
    const usable = 'activity_id = $1 AND minutes IS NOT NULL AND direct IS NOT NULL';
    const rows = await engine.queryNumericColumns(
      `SELECT CAST(coalesce(x.k, 1) AS DOUBLE) AS k, CAST(CAST(u.minutes * 1000000 AS BIGINT) AS DOUBLE) AS micro, ` +
        `${cents('round(u.direct, 2)')} AS direct FROM customer_pnl p ` +
        `LEFT JOIN (SELECT customer_id, count(*) AS k FROM activity_usage WHERE ${usable} GROUP BY customer_id) x ON x.customer_id = p.customer_id ` +
        `LEFT JOIN (SELECT * FROM activity_usage WHERE ${usable}) u ON u.customer_id = p.customer_id ORDER BY p.customer_id`,
      [id],
    );
    const ks = rows.k ?? new Float64Array(0);
    const allMicro = rows.micro ?? new Float64Array(0);
    const allDirect = rows.direct ?? new Float64Array(0);
    let used = 0;
    for (const m of allMicro) if (!Number.isNaN(m)) used++;
    const pos = new Uint32Array(used);
    const micro = new Float64Array(used);
    const direct = new Float64Array(used);
    let customer = 0;
    let left = ks[0] ?? 0; // rows of this customer still to come
    for (let row = 0, at = 0; row < allMicro.length; row++) {
      if (left === 0) left = ks[row]!;
      if (!Number.isNaN(allMicro[row]!)) {
        pos[at] = customer;
        micro[at] = allMicro[row]!;
        direct[at++] = allDirect[row]!;
      }
      if (--left === 0) customer++;
    }
    if (customer !== n) return null;
    let maxMicro = 0;
    const minute = new Uint32Array(micro.length);
    const distinct = new Map<number, number>();
    for (let k = 0; k < micro.length; k++) {
      const m = micro[k]!;
      if (!Number.isSafeInteger(m)) return null;
      maxMicro = Math.max(maxMicro, Math.abs(m));
      let at = distinct.get(m);
      if (at === undefined) distinct.set(m, (at = distinct.size));
      minute[k] = at;
    }
    if (!exact(old) || !exact(direct) || maxMicro >= 2 ** 36) return null;
    activities.set(id, {
      rate: Number(r.rate_per_minute ?? 0),
      assigned: normaliseMoney(String(r.assigned ?? '0.00')),
      old,
      oldSum: old.reduce((x, y) => x + y, 0),
      pos,
      minute,
      direct,
      minutes: Float64Array.from(distinct.keys()),
      maxMicro,
    });
  }
  const step = Math.max(1, Math.ceil(n / WHAT_IF_CURVE_POINTS));
  const whaleBefore = curveOf(contribution, n, step);
  return {
    customers: n,
    contribution,
    costToServe,
    activities,
    before: figuresOf(contribution, costToServe),
    whaleBefore,
  };
}

/** Scratch of {@link heldWhatIf}: the customers' contributions after the change (one thread; reused, never returned). */
let scratchAfter = new Float64Array(0);

/** What one pass of {@link changePass} adds up (cents; the figures after only with buckets). */
interface PassSums {
  newSum: number;
  rowsAbs: number;
  total: number;
  losers: number;
  lost: number;
  abs: number;
  bucketed: boolean;
}

/**
 * after[i] = from[i] + old[i] less the new cost of customer i's rows (`cost` per distinct
 * minutes, plus the row's direct cents), in one pass over the customers with the activity's rows
 * (in customer order) beside them; with `buckets`, also the figures after and every value's
 * {@link octaveBucket} (the whale curve's). A function of its own so the engine optimises this
 * loop alone, with its arrays' types fixed.
 */
function changePass(
  from: Float64Array,
  a: HeldActivity,
  cost: Float64Array,
  after: Float64Array,
  buckets: OctaveCounter | null,
): PassSums {
  const { pos, minute, direct, old } = a;
  const n = after.length;
  const rows = pos.length;
  let newSum = 0;
  let rowsAbs = 0;
  if (!buckets) {
    for (let i = 0, k = 0; i < n; i++) {
      let x = from[i]! + old[i]!;
      for (; k < rows && pos[k] === i; k++) {
        const c = cost[minute[k]!]! + direct[k]!;
        newSum += c;
        rowsAbs += Math.abs(c);
        x -= c;
      }
      after[i] = x;
    }
    return { newSum, rowsAbs, total: 0, losers: 0, lost: 0, abs: 0, bucketed: false };
  }
  const { counts, sums, mins } = buckets;
  const words = octaveWords(after);
  let total = 0;
  let abs = 0;
  let lost = 0;
  let losers = 0;
  let bucketed = true;
  for (let i = 0, k = 0; i < n; i++) {
    let x = from[i]! + old[i]!;
    for (; k < rows && pos[k] === i; k++) {
      const c = cost[minute[k]!]! + direct[k]!;
      newSum += c;
      rowsAbs += Math.abs(c);
      x -= c;
    }
    after[i] = x;
    total += x;
    abs += Math.abs(x);
    if (x < 0) {
      losers++;
      lost += x;
    }
    const b = octaveBucket(words[2 * i + OCTAVE_HIGH]!);
    if (b < 0) bucketed = false;
    else {
      counts[b]!++;
      sums[b]! += x;
      if (x < mins[b]!) mins[b] = x;
    }
  }
  return { newSum, rowsAbs, total, losers, lost, abs, bucketed };
}

/** Whole cents as money text. */
const money = (c: number): MoneyString => normaliseMoney(fromScaled(BigInt(c)));

function figuresOf(contribution: Float64Array, cts: Float64Array): WhatIfFigures {
  let total = 0;
  let costs = 0;
  let losers = 0;
  let lost = 0;
  for (let k = 0; k < contribution.length; k++) {
    const c = contribution[k]!;
    total += c;
    costs += cts[k]!;
    if (c < 0) {
      losers++;
      lost += c;
    }
  }
  return {
    contribution: money(total),
    costToServe: money(costs),
    lossMakers: losers,
    lossMakersContribution: money(lost),
  };
}

function curveOf(values: Float64Array, n: number, step: number): WhatIfWhalePoint[] {
  const ranks = curveRanks(n, step);
  return curvePoints(ranks, topSums(values, n, ranks));
}

/** A whale curve's points from its ranks and running sums (cents). */
function curvePoints(ranks: number[], sums: number[]): WhatIfWhalePoint[] {
  return [
    { customers: 0, cumulative: '0.00' },
    ...ranks.map((rk, i) => ({ customers: rk, cumulative: money(sums[i]!) })),
  ];
}

const E5 = 100_000;
const E10 = 10_000_000_000;

/**
 * round(m x r / 10^10) half away from zero, exactly, for |m| < 2^36 (minutes x 10^6) and a rate
 * r x 10^6 given as r1 x 10^5 + r0 with |m| x r1 < 2^53: the product in two exact parts.
 */
function roundedCents(m: number, r1: number, r0: number): number {
  const am = Math.abs(m);
  const a = am * r1; // exact
  const ra = a % E5;
  const qa = (a - ra) / E5;
  const b = ra * E5 + am * r0; // < 10^10 + 2^36 x 10^5: exact
  const rb = b % E10;
  const c = qa + (b - rb) / E10 + (rb >= E10 / 2 ? 1 : 0);
  return m < 0 ? -c : c;
}

/** The same with BigInt, for a rate too large for the fast product. */
function roundedCentsBig(m: number, rate: bigint): number {
  const p = BigInt(m) * rate;
  const a = p < 0n ? -p : p;
  const c = (a + 5_000_000_000n) / 10_000_000_000n;
  return Number(p < 0n ? -c : c);
}

/**
 * The run with the given rates from the held figures; null when a sum would pass 2^53 cents
 * (the SQL path answers). A change naming an activity that is not time-driven is a `WorthError`.
 */
export function heldWhatIf(held: HeldWhatIf, changes: RateChange[]): WhatIf | null {
  checkedChanges([...held.activities.keys()], changes);
  const n = held.customers;
  if (scratchAfter.length < n) scratchAfter = new Float64Array(n);
  const after = scratchAfter.subarray(0, n);
  const buckets = octaveCounter();
  const activities = [];
  let moved = 0; // cost to serve after minus before
  let total = 0;
  let losers = 0;
  let lost = 0;
  let abs = 0;
  let bucketed = false;
  for (const [j, c] of changes.entries()) {
    const a = held.activities.get(c.activityId)!;
    const rate = toScaled(c.ratePerMinute, 6);
    const r1 = Number(rate / BigInt(E5));
    const r0 = Number(rate % BigInt(E5));
    const fast = a.maxMicro * r1 < SAFE;
    const cost = a.minutes.map((m) => (fast ? roundedCents(m, r1, r0) : roundedCentsBig(m, rate)));
    // One pass over the customers and, beside them, the activity's rows (in customer order); on
    // the last change the figures after and the whale curve's buckets in the same pass.
    const last = j === changes.length - 1;
    if (last) buckets.reset();
    const pass = changePass(j === 0 ? held.contribution : after, a, cost, after, last ? buckets : null);
    const { newSum, rowsAbs } = pass;
    ({ total, losers, lost, abs, bucketed } = pass);
    if (rowsAbs >= SAFE) return null;
    moved += newSum - a.oldSum;
    activities.push({
      activityId: c.activityId,
      rateBefore: a.rate,
      rateAfter: c.ratePerMinute,
      assignedBefore: a.assigned,
      assignedAfter: fromScaled(toScaled(a.assigned) + BigInt(newSum - a.oldSum)),
    });
  }
  if (abs >= SAFE) return null;
  const step = Math.max(1, Math.ceil(n / WHAT_IF_CURVE_POINTS));
  const ranks = curveRanks(n, step);
  const sums = bucketed && n > 0 ? buckets.topSums(after, ranks) : topSums(after, n, ranks);
  return {
    customers: n,
    activities,
    before: held.before,
    after: {
      contribution: money(total),
      costToServe: normaliseMoney(fromScaled(toScaled(held.before.costToServe) + BigInt(moved))),
      lossMakers: losers,
      lossMakersContribution: money(lost),
    },
    whale: { before: held.whaleBefore, after: curvePoints(ranks, sums) },
  };
}
