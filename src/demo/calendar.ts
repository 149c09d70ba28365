/**
 * Days as integers counted from the period start (day 0 = 1 January of the first year),
 * with every date string precomputed once so rows never format a Date.
 */

const DAY_MS = 86_400_000;

/** How far before the period start dates are tabulated (acquisition dates of old customers). */
export const DAYS_BEFORE = 12 * 366;
/** How far after the period end dates are tabulated (due dates of the last invoices). */
export const DAYS_AFTER = 400;

/** The analysis period and its date strings in both written formats. */
export interface Calendar {
  /** First year of the period. */
  firstYear: number;
  /** Number of days in the period (day indexes 0 .. days - 1). */
  days: number;
  /** Day index of 1 January of each year of the period, plus the day after the period. */
  yearStarts: number[];
  /** `yyyy-mm-dd` for a day index (valid from -DAYS_BEFORE to days + DAYS_AFTER). */
  iso(day: number): string;
  /** `dd-mm-yyyy` for a day index. */
  dutch(day: number): string;
  /** Day of the week, 0 = Monday .. 6 = Sunday. */
  weekday(day: number): number;
  /** Number of tabulated days, from day -DAYS_BEFORE on. */
  tabulated: number;
}

/** The calendar of `years` whole years ending on 31 December of `lastYear`. */
export function makeCalendar(lastYear: number, years: number): Calendar {
  const firstYear = lastYear - years + 1;
  const start = Date.UTC(firstYear, 0, 1);
  const days = Math.round((Date.UTC(lastYear + 1, 0, 1) - start) / DAY_MS);
  const size = DAYS_BEFORE + days + DAYS_AFTER;
  const iso: string[] = new Array<string>(size);
  const dutch: string[] = new Array<string>(size);
  const weekday = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const d = new Date(start + (i - DAYS_BEFORE) * DAY_MS);
    const y = String(d.getUTCFullYear());
    const m = String(d.getUTCMonth() + 1).padStart(2, '0');
    const dd = String(d.getUTCDate()).padStart(2, '0');
    iso[i] = `${y}-${m}-${dd}`;
    dutch[i] = `${dd}-${m}-${y}`;
    weekday[i] = (d.getUTCDay() + 6) % 7;
  }
  const yearStarts: number[] = [];
  for (let y = firstYear; y <= lastYear + 1; y++)
    yearStarts.push(Math.round((Date.UTC(y, 0, 1) - start) / DAY_MS));
  return {
    firstYear,
    days,
    yearStarts,
    iso: (day) => iso[day + DAYS_BEFORE]!,
    dutch: (day) => dutch[day + DAYS_BEFORE]!,
    weekday: (day) => weekday[day + DAYS_BEFORE]!,
    tabulated: size,
  };
}
