/**
 * How values are written in the two supported file formats: standard (`,` separator,
 * decimal point, ISO dates) and Dutch (`;` separator, decimal comma, `dd-mm-yyyy`).
 */
import type { Calendar } from './calendar.ts';

/** The written formats: `standard` or `dutch`. */
export type DemoFormat = 'standard' | 'dutch';

/** The value writers for one format. */
export interface CsvFormat {
  /** Field separator. */
  delimiter: string;
  /** Decimal mark. */
  decimal: string;
  /** Date pattern as declared in worth.yaml. */
  datePattern: string;
  /** A day index as a date string. */
  date(day: number): string;
  /** Integer cents as money with exactly two decimals. */
  money(cents: number): string;
  /** Integer tenths as a number with one decimal (e.g. weights in kg). */
  tenths(value: number): string;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Formats integer cents with two decimals and the given decimal mark, without toFixed. */
export function formatCents(cents: number, mark: string): string {
  if (cents < 0) return `-${formatCents(-cents, mark)}`;
  const whole = Math.floor(cents / 100);
  return `${whole}${mark}${TWO_DIGITS[cents - whole * 100]!}`;
}

/** Formats integer tenths with one decimal and the given decimal mark. */
export function formatTenths(tenths: number, mark: string): string {
  if (tenths < 0) return `-${formatTenths(-tenths, mark)}`;
  const whole = Math.floor(tenths / 10);
  return `${whole}${mark}${tenths - whole * 10}`;
}

/** The value writers for a format on a calendar. */
export function csvFormat(format: DemoFormat, calendar: Calendar): CsvFormat {
  if (format === 'dutch') {
    return {
      delimiter: ';',
      decimal: ',',
      datePattern: 'dd-mm-yyyy',
      date: calendar.dutch,
      money: (c) => formatCents(c, ','),
      tenths: (t) => formatTenths(t, ','),
    };
  }
  return {
    delimiter: ',',
    decimal: '.',
    datePattern: 'yyyy-mm-dd',
    date: calendar.iso,
    money: (c) => formatCents(c, '.'),
    tenths: (t) => formatTenths(t, '.'),
  };
}
