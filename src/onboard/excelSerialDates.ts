/**
 * An order date written as Excel's day numbers (46022 for 2025-12-31): a workbook keeps every
 * date so and shows it as a date only in a cell formatted as one, so an export made from a
 * sheet whose date column lost its format (or a CSV saved from it) has whole numbers there.
 * Reading them as dates would be a guess about the workbook's 1900 or 1904 date system; init
 * says what the values are and how to get dates instead, in one paragraph, and writes nothing.
 */
import { WorthError } from '../core/index.ts';
import { initWord, type Lang } from '../words/index.ts';
import type { Recognised } from './recognise.ts';

/** Day numbers of 1954 to 2119 in Excel's 1900 date system. */
const SERIAL_RANGE = [20_000, 80_000] as const;

/** Excel's day 0 in its 1900 date system, as a UTC time. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Throws a WorthError when the recognised order date holds Excel day numbers rather than dates. */
export function refuseExcelSerialDates(r: Recognised, file: string, lang: Lang): void {
  const c = r.columns.order_date;
  if (!c || c.kind !== 'integer' || !c.examples.length) return;
  const days = c.examples.map((v) => Number(v.trim()));
  if (!days.every((n) => Number.isInteger(n) && n >= SERIAL_RANGE[0] && n <= SERIAL_RANGE[1])) return;
  const example = days[0]!;
  const date = new Date(EXCEL_EPOCH + example * 86_400_000).toISOString().slice(0, 10);
  throw new WorthError(
    'input',
    { file, column: c.name },
    String(example),
    'dates',
    initWord(lang, 'excelSerialDates', { column: c.name, example: String(example), date }),
  );
}
