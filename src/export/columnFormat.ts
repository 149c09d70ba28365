/**
 * Number formats for spreadsheet columns, from the column's SQL type and name: money with
 * two decimals and thousands separators, shares as percentages, counts as whole numbers.
 */

/** How a column is shown in a spreadsheet. */
export type ColumnStyle = 'money' | 'share' | 'number' | 'integer' | 'text';

/** The Excel number format of each style (text has none). */
export const NUMBER_FORMATS: Record<ColumnStyle, string | undefined> = {
  money: '#,##0.00;[Red]-#,##0.00',
  share: '0.0%',
  number: '#,##0.00',
  integer: '#,##0',
  text: undefined,
};

/** Shares are fractions named `*_share` or `net_price_realisation`; DECIMAL(.., 2) is money. */
export function columnStyle(name: string, sqlType: string): ColumnStyle {
  const t = sqlType.toUpperCase();
  if (t.startsWith('DECIMAL') && /,\s*2\)$/.test(t)) return 'money';
  if (
    /(^|_)share$/.test(name) ||
    name === 'net_price_realisation' ||
    name === 'satisfaction' ||
    name === 'mean_satisfaction'
  )
    return 'share';
  // counts of customers, whole even where stored as DOUBLE (clv_segments)
  if (/INT/.test(t) || name === 'customers' || name === 'valued') return 'integer';
  if (/DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC/.test(t)) return 'number';
  return 'text';
}
