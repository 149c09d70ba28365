/**
 * The deterministic projection: baseline and initiative side by side, month by month, on a
 * group's summed curves. How effects act (also in ARCHITECTURE.md and `worth scenario --help`):
 * - retention +x points: each month's group survival s = alive(k) / alive(k-1) is read as a
 *   yearly retention s^12; the initiative's monthly survival is min(1, max(0, s^12 + x/100))^(1/12).
 *   Customers already lost today stay lost.
 * - purchases in a month scale with the expected customers alive in it (mean of month start
 *   and end), times (1 + frequency/100); gross margin also times (1 + spend/100).
 * - returns +z%: returned value per purchase rises z%; each extra returned euro loses the
 *   group's margin rate; return-driven activity volume rises z%. contacts +w%: contact volume.
 * - cost lines: volume x cost per unit. Variable activities move with volume. Capacity and
 *   fixed activities keep their cost when volume falls: the freed cost is stranded (reported,
 *   not saved) unless a capacity cut (money per year from a month) takes it out. Increases
 *   of volume on any activity are paid at its rate.
 * Discounting: cash of month k at (1 + cost of capital)^(-k/12); the one-off cost at k = 0.
 */
import type { GroupBaseline } from './baseline.ts';
import type { EffectName, Initiative } from './schema.ts';

/** Effect values of one projection (missing effects are 0). */
export type EffectValues = Partial<Record<EffectName, number>>;

/** One cost line's totals over the horizon (undiscounted, currency). */
export interface LineTotals {
  id: string;
  name: string;
  behaviour: string;
  baseline: number;
  initiative: number;
  /** Cash change: positive is money saved. */
  saved: number;
  /** Cost freed by lower volume that stays in place (capacity, fixed). */
  stranded: number;
  /** Money saved by explicit capacity cuts. */
  cut: number;
}

/** A projection's result (currency units as doubles; formatted at the edges). */
export interface Projection {
  npv: number;
  /** Incremental cash per month (index k - 1), one-off excluded. */
  monthly: Float64Array;
  /** Incremental cash per year, the one-off cost in year 1. */
  yearly: number[];
  /** Cumulative cash at each year end (undiscounted, one-off included). */
  cumulative: number[];
  /** Stranded cost per year. */
  strandedYearly: number[];
  /** Years until the cumulative cash turns >= 0 for good; 0 if never negative; null if never. */
  paybackYear: number | null;
  lines: LineTotals[];
  /** Initiative costs over the horizon (undiscounted). */
  costs: { oneOff: number; perCustomer: number; perOrder: number; perContact: number };
  /** Change of gross margin over the horizon (returns effect included). */
  marginChange: number;
  /** Expected purchases over the horizon: baseline and with the initiative. */
  purchases: { baseline: number; initiative: number };
}

/** Monthly survival scaled by the retention effect; see the file comment. */
function initiativeAlive(b: GroupBaseline, retention: number, exit: boolean): Float64Array {
  if (exit) return new Float64Array(b.months + 1);
  if (retention === 0) return b.alive;
  const out = new Float64Array(b.months + 1);
  out[0] = b.alive[0]!;
  for (let k = 1; k <= b.months; k++) {
    const prev = b.alive[k - 1]!;
    const s = prev > 0 ? b.alive[k]! / prev : 0;
    const q = Math.min(1, Math.max(0, s ** 12 + retention / 100));
    out[k] = out[k - 1]! * q ** (1 / 12);
  }
  return out;
}

/** Projects the initiative with the given effect values against the group's baseline. */
export function project(
  b: GroupBaseline,
  ini: Initiative,
  v: EffectValues,
  discountRate: number,
): Projection {
  const M = b.months;
  const alive2 = initiativeAlive(b, v.retention ?? 0, ini.exit);
  const f = 1 + (v.frequency ?? 0) / 100;
  const sp = 1 + (v.spend ?? 0) / 100;
  const ret = (v.returns ?? 0) / 100;
  const con = (v.contacts ?? 0) / 100;
  const c = ini.costs;
  const changes = new Map(c.activities.map((a) => [a.activity, a]));
  const monthly = new Float64Array(M);
  const stranded = new Float64Array(M);
  const lines: LineTotals[] = b.lines.map((l) => ({
    id: l.id,
    name: l.name,
    behaviour: l.behaviour,
    baseline: 0,
    initiative: 0,
    saved: 0,
    stranded: 0,
    cut: 0,
  }));
  const costs = { oneOff: c.one_off, perCustomer: 0, perOrder: 0, perContact: 0 };
  let marginChange = 0;
  let p1 = 0;
  let p2 = 0;
  for (let k = 1; k <= M; k++) {
    const a1 = b.alive[k - 1]! + b.alive[k]!;
    const a2 = alive2[k - 1]! + alive2[k]!;
    const ratio = a1 > 0 ? a2 / a1 : 0;
    const P = b.purchases[k - 1]!;
    const P2 = P * ratio * f;
    p1 += P;
    p2 += P2;
    let cash = b.margin[k - 1]! * ratio * f * sp - b.margin[k - 1]!;
    cash -= P2 * b.returnsPerPurchase * sp * ret * b.marginRate;
    marginChange += cash;
    for (let i = 0; i < b.lines.length; i++) {
      const l = b.lines[i]!;
      const t = lines[i]!;
      const ch = changes.get(l.id);
      let base: number;
      let next: number;
      if (l.driver === 'customers') {
        base = a1 / 24;
        next = a2 / 24;
      } else {
        base = P;
        next = l.driver === 'returns' ? P2 * (1 + ret) : l.driver === 'contacts' ? P2 * (1 + con) : P2;
      }
      const c1 = l.perUnit * base;
      const c2 = l.perUnit * (1 + (ch?.rate ?? 0) / 100) * (next * (1 + (ch?.volume ?? 0) / 100));
      t.baseline += c1;
      t.initiative += c2;
      const d = c2 - c1;
      let freed = 0;
      if (l.behaviour === 'variable' || d >= 0) cash -= d;
      else freed = -d;
      let cutNow = 0;
      for (const cut of c.capacity_cuts)
        if (cut.activity === l.id && k >= cut.from_month) cutNow += cut.per_year / 12;
      cash += cutNow;
      t.cut += cutNow;
      t.saved += (l.behaviour === 'variable' || d >= 0 ? -d : 0) + cutNow;
      const s = Math.max(0, freed - cutNow);
      t.stranded += s;
      stranded[k - 1] = stranded[k - 1]! + s;
    }
    const perCustomer = (c.per_customer_per_year * a2) / 24;
    const perOrder = c.per_order * P2 * b.ordersPerPurchase;
    const perContact = c.per_contact * P2 * b.contactsPerPurchase * (1 + con);
    costs.perCustomer += perCustomer;
    costs.perOrder += perOrder;
    costs.perContact += perContact;
    monthly[k - 1] = cash - perCustomer - perOrder - perContact;
  }
  return summarise(monthly, stranded, c.one_off, discountRate, {
    lines,
    costs,
    marginChange,
    purchases: { baseline: p1, initiative: p2 },
  });
}

function summarise(
  monthly: Float64Array,
  stranded: Float64Array,
  oneOff: number,
  rate: number,
  rest: Pick<Projection, 'lines' | 'costs' | 'marginChange' | 'purchases'>,
): Projection {
  let npv = -oneOff;
  for (let k = 1; k <= monthly.length; k++) npv += monthly[k - 1]! * (1 + rate) ** (-k / 12);
  const years = monthly.length / 12;
  const yearly: number[] = [];
  const cumulative: number[] = [];
  const strandedYearly: number[] = [];
  let cum = -oneOff;
  for (let y = 0; y < years; y++) {
    let s = y === 0 ? -oneOff : 0;
    let st = 0;
    for (let m = 0; m < 12; m++) {
      s += monthly[y * 12 + m]!;
      st += stranded[y * 12 + m]!;
    }
    cum += y === 0 ? s + oneOff : s;
    yearly.push(s);
    cumulative.push(cum);
    strandedYearly.push(st);
  }
  let paybackYear: number | null = oneOff > 0 || cumulative.some((x) => x < 0) ? null : 0;
  if (paybackYear === null) {
    for (let y = cumulative.length - 1; y >= 0 && cumulative[y]! >= 0; y--) paybackYear = y + 1;
  }
  return { npv, monthly, yearly, cumulative, strandedYearly, paybackYear, ...rest };
}
