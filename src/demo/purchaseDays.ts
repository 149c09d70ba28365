/**
 * When a customer orders: a buy-till-you-die process. While alive the customer orders as a
 * Poisson process with its own rate; after each order it drops out with its own
 * probability (as in the BG/NBD model). New customers place their first order on the day
 * they are acquired; customers from before the period are alive at its start.
 */
import type { Calendar } from './calendar.ts';
import type { CustomerProfile } from './customerProfile.ts';
import type { Rng } from './rng.ts';

/** Fills `out` with the customer's order days inside the period, ascending; returns the count. */
export function purchaseDays(rng: Rng, c: CustomerProfile, calendar: Calendar, out: number[]): number {
  const last = calendar.days;
  const weekdaysOnly = c.profile.weekdaysOnly;
  out.length = 0;
  let t = c.preExisting ? 0 : c.acquired;
  if (!c.preExisting) {
    out.push(c.acquired);
    if (rng.chance(c.dropout)) return out.length;
  }
  for (;;) {
    t += rng.exponential(c.ratePerDay);
    let day = Math.floor(t);
    if (weekdaysOnly) {
      const wd = calendar.weekday(day);
      if (wd >= 5) day += 7 - wd;
    }
    if (day >= last) return out.length;
    out.push(day);
    if (rng.chance(c.dropout)) return out.length;
  }
}

/** The first working day on or after `day` (B2B customers are acquired on working days). */
export function nextWorkingDay(calendar: Calendar, day: number): number {
  const wd = calendar.weekday(day);
  return wd >= 5 ? day + 7 - wd : day;
}
