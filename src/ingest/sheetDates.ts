/**
 * The layout a worksheet shows its date cells in (`d-m-yyyy`, `dd/mm/yyyy hh:mm`), read from the
 * cell's Excel number format, for the reject messages about a sheet's dates: they name what the
 * user sees in the workbook, not the ISO copy it is read from (xlsxToCsv.ts).
 */

/**
 * Excel's built-in short date (format 14): ExcelJS names it `mm-dd-yy`, but Excel shows it in the
 * reader's regional layout, so it names no layout of its own.
 */
const REGIONAL_SHORT_DATE = 'mm-dd-yy';

/** A date layout of day, month and year parts in digits (no month or weekday name), optionally a time after it. */
const PART = '(d{1,2}|m{1,2}|yy|yyyy)';
const DATE_LAYOUT = new RegExp(`^(?=.*d)(?=.*m)(?=.*y)${PART}([-/. ]${PART}){2}( h{1,2}:mm(:ss)?)?$`);

/**
 * The layout `numFmt` shows a date in, in lower case as worth.yaml writes layouts (`d-m-yyyy`);
 * undefined when the format is not a plain date layout (a regional default, text around it, a
 * weekday or a month name: then the reason names the layout worth.yaml reads).
 */
export function shownDateLayout(numFmt: string | undefined): string | undefined {
  if (numFmt === undefined) return undefined;
  // A locale tag (`[$-413]`) and the text section (`;@`) say nothing about the layout; escapes (`\ `) go.
  const first = numFmt.replace(/\[[^\]]*\]/g, '').split(';')[0]!;
  const layout = first.replace(/\\(.)/g, '$1').replace(/"/g, '').trim().toLowerCase();
  if (layout === REGIONAL_SHORT_DATE) return undefined;
  return DATE_LAYOUT.test(layout) ? layout : undefined;
}

/**
 * The date layout a reject of `column`'s dates names: what the user sees in the source (a sheet's
 * own layout, `shownDates`), else worth.yaml's `date_format`.
 */
export function shownDateFormat(
  route: { shownDates?: Record<string, string>; format: { date_format: string } },
  column: string,
): string {
  return route.shownDates?.[column] ?? route.format.date_format;
}
