/**
 * Dates written as numbers (`20250105`, an ERP's yyyymmdd): the sniffer reads such a column as
 * numbers, since a column of plain numbers is a date only when nothing else says so. A column
 * recognised by its name as the order date (`Factuurdatum`, `InvoiceDate`) whose values read as
 * dates under one layout is that date.
 */
import { initText } from '../words/index.ts';
import type { Recognised } from './recognise.ts';
import type { ColumnProfile, ExportProfile } from './sniffExport.ts';

/** The profile and roles with a number-valued date column read as a date; unchanged when there is none. */
export function numberDates(
  p: ExportProfile,
  r: Recognised,
): { profile: ExportProfile; recognised: Recognised } {
  const col = r.columns.order_date;
  if (!col || col.kind === 'date' || !col.alsoDate) return { profile: p, recognised: r };
  const { alsoDate, ...rest } = col;
  const dated: ColumnProfile = {
    ...rest,
    kind: 'date',
    unreadable: col.present - alsoDate.hits,
    dateLayout: alsoDate.layout,
    dateFormats: alsoDate.formats,
  };
  return {
    profile: {
      ...p,
      // First among the columns: worth.yaml's date_format is the first date column's layout.
      columns: [dated, ...p.columns.filter((c) => c.name !== col.name)],
      reasons: [
        ...p.reasons,
        initText('numberDates', {
          column: col.name,
          layout: alsoDate.layout,
          hits: String(alsoDate.hits),
          present: String(col.present),
        }),
      ],
    },
    recognised: { ...r, columns: { ...r.columns, order_date: dated } },
  };
}
