/**
 * How values are written in the two supported file formats: standard (`,` separator,
 * decimal point, ISO dates) and Dutch (`;` separator, decimal comma, `dd-mm-yyyy`).
 */
import { DAYS_BEFORE, type Calendar } from './calendar.ts';

/** The written formats: `standard` or `dutch`. */
export type DemoFormat = 'standard' | 'dutch';

/** Length of a written date in bytes. */
export const DATE_BYTES = 10;

/** One format's separators and its dates as bytes. */
export interface CsvFormat {
  /** Field separator. */
  delimiter: string;
  /** Decimal mark. */
  decimal: string;
  /** Date pattern as declared in worth.yaml. */
  datePattern: string;
  /** Every tabulated day's date text, {@link DATE_BYTES} bytes each. */
  dates: Uint8Array;
  /** Byte offset of day `d` in {@link dates}. */
  dateAt(day: number): number;
}

/** The separators and date table of a format on a calendar. */
export function csvFormat(format: DemoFormat, calendar: Calendar): CsvFormat {
  const dutch = format === 'dutch';
  const dates = new Uint8Array(calendar.tabulated * DATE_BYTES);
  for (let i = 0; i < calendar.tabulated; i++) {
    const day = i - DAYS_BEFORE;
    dates.set(Buffer.from(dutch ? calendar.dutch(day) : calendar.iso(day), 'latin1'), i * DATE_BYTES);
  }
  return {
    delimiter: dutch ? ';' : ',',
    decimal: dutch ? ',' : '.',
    datePattern: dutch ? 'dd-mm-yyyy' : 'yyyy-mm-dd',
    dates,
    dateAt: (day) => (day + DAYS_BEFORE) * DATE_BYTES,
  };
}
