/**
 * Transactions to customer summaries (the BTYD/lifetimes conventions): transactions on the
 * same day are merged into one; frequency x = purchase days after the first, recency t_x =
 * time from the first to the last purchase, T = time from the first purchase to the end of
 * calibration, spend = mean amount of the repeat purchases. Optional holdout: repeat
 * purchases after calibration up to the holdout end.
 */
import { WorthError } from '../core/index.ts';

/** Time units for summaries; a month is 365.25 / 12 days. */
export type TimeUnit = 'days' | 'weeks' | 'months';

/** Days per unit. */
export const UNIT_DAYS: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7, months: 365.25 / 12 };

/** Transactions as columns. */
export interface Transactions {
  /** Customer id per transaction. */
  customer: readonly string[];
  /** Day number per transaction (days since 1970-01-01, UTC), see {@link dayNumber}. */
  day: Int32Array;
  /** Amount per transaction (money unit of the input); optional. */
  amount?: Float64Array;
}

/** Options for {@link summarize}. */
export interface SummarizeOptions {
  /** Last day of calibration (inclusive), as a day number. */
  calibrationEnd: number;
  /** Last day of the holdout period (inclusive); omit for no holdout. */
  holdoutEnd?: number;
  /** Unit of t_x and T. Default weeks. */
  unit?: TimeUnit;
}

/** Per-customer summaries (customers whose first purchase is after calibration are left out). */
export interface Summary {
  /** Customer ids, sorted by first purchase day then id. */
  ids: string[];
  /** Repeat purchase days in calibration. */
  x: Float64Array;
  /** Recency in `unit`. */
  tx: Float64Array;
  /** Age at the end of calibration in `unit`. */
  T: Float64Array;
  /** Mean amount of the repeat purchases in calibration (0 when x = 0 or no amounts). */
  m: Float64Array;
  /** Repeat purchase days in the holdout (null without holdout). */
  xStar: Float64Array | null;
  /** Length of the holdout in `unit` (0 without holdout). */
  holdoutLength: number;
  /** Time unit used. */
  unit: TimeUnit;
}

/** Day number (days since 1970-01-01 UTC) of `YYYYMMDD`, `YYYY-MM-DD` or `YYYY-MM-DD hh:mm:ss`; NaN if not a date. */
export function dayNumber(text: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T].*)?$/.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / 86_400_000;
}

/** Summarises transactions per customer for calibration (and holdout). */
export function summarize(tr: Transactions, options: SummarizeOptions): Summary {
  const unit = options.unit ?? 'weeks';
  const ud = UNIT_DAYS[unit];
  const calEnd = options.calibrationEnd;
  const holdEnd = options.holdoutEnd;
  if (holdEnd !== undefined && !(holdEnd > calEnd)) {
    throw new WorthError(
      'input',
      { path: 'holdoutEnd' },
      holdEnd,
      `a day after the calibration end (${calEnd})`,
    );
  }
  // group transaction indices by customer, then by day
  const byCustomer = new Map<string, number[]>();
  for (let i = 0; i < tr.customer.length; i++) {
    const d = tr.day[i]!;
    if (!Number.isFinite(d))
      throw new WorthError('input', { path: `transactions[${i}].day` }, d, 'a day number');
    const c = tr.customer[i]!;
    let list = byCustomer.get(c);
    if (!list) byCustomer.set(c, (list = []));
    list.push(i);
  }
  const rows: { id: string; first: number; x: number; tx: number; T: number; m: number; xs: number }[] = [];
  for (const [id, list] of byCustomer) {
    list.sort((a, b) => tr.day[a]! - tr.day[b]!);
    const first = tr.day[list[0]!]!;
    if (first > calEnd) continue;
    let x = 0;
    let last = first;
    let xs = 0;
    let spend = 0;
    let dayAmount = 0;
    let prevDay = first;
    const flush = (): void => {
      if (prevDay !== first && prevDay <= calEnd) spend += dayAmount;
    };
    for (const i of list) {
      const d = tr.day[i]!;
      if (d !== prevDay) {
        flush();
        dayAmount = 0;
        prevDay = d;
        if (d <= calEnd) {
          x++;
          last = d;
        } else if (holdEnd !== undefined && d <= holdEnd) xs++;
      }
      dayAmount += tr.amount ? tr.amount[i]! : 0;
    }
    flush();
    rows.push({
      id,
      first,
      x,
      tx: (last - first) / ud,
      T: (calEnd - first) / ud,
      m: x > 0 ? spend / x : 0,
      xs,
    });
  }
  rows.sort((a, b) => a.first - b.first || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = rows.length;
  const out: Summary = {
    ids: rows.map((r) => r.id),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    m: new Float64Array(n),
    xStar: holdEnd === undefined ? null : new Float64Array(n),
    holdoutLength: holdEnd === undefined ? 0 : (holdEnd - calEnd) / ud,
    unit,
  };
  rows.forEach((r, k) => {
    out.x[k] = r.x;
    out.tx[k] = r.tx;
    out.T[k] = r.T;
    out.m[k] = r.m;
    if (out.xStar) out.xStar[k] = r.xs;
  });
  return out;
}

/**
 * Cumulative repeat purchases (same-day merged, first purchase excluded) at the end of each
 * period k = 1..periods, periods of `unit` counted from `start` (a day number).
 */
export function cumulativeRepeatTransactions(
  tr: Transactions,
  start: number,
  periods: number,
  unit: TimeUnit = 'weeks',
): Float64Array {
  const ud = UNIT_DAYS[unit];
  const firstDay = new Map<string, number>();
  const seen = new Set<string>();
  const counts = new Float64Array(periods);
  const order = Array.from({ length: tr.customer.length }, (_, i) => i).sort(
    (a, b) => tr.day[a]! - tr.day[b]!,
  );
  for (const i of order) {
    const c = tr.customer[i]!;
    const d = tr.day[i]!;
    const f = firstDay.get(c);
    if (f === undefined) {
      firstDay.set(c, d);
      seen.add(`${c}|${d}`);
      continue;
    }
    const key = `${c}|${d}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const k = Math.floor((d - start) / ud);
    if (k >= 0 && k < periods) counts[k] = counts[k]! + 1;
  }
  for (let k = 1; k < periods; k++) counts[k] = counts[k]! + counts[k - 1]!;
  return counts;
}
