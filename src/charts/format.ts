/**
 * Numbers, money and dates as people read them, in Dutch or English. Money arrives as an
 * exact decimal string and is formatted from the string (no float rounding on the way).
 */

/** Languages of the dashboard and the report. */
export const LANGS = ['nl', 'en'] as const;

/** A language of the dashboard and the report. */
export type Lang = (typeof LANGS)[number];

/** The locale used for a language's number and date formats. */
export function locale(lang: Lang): string {
  return lang === 'nl' ? 'nl-NL' : 'en-GB';
}

type Decimal = `${number}`;

/** Money with a currency sign: `€ 1.234,56` (nl) or `€1,234.56` (en); `digits` 0 or 2 (default 2). */
export function formatMoney(value: string, lang: Lang, currency = 'EUR', digits: 0 | 2 = 2): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value as Decimal,
  );
}

/** Money in thousands or millions for chart labels: `€ 1,2 mln` (nl), `€1.2M` (en). */
export function formatMoneyCompact(value: number, lang: Lang, currency = 'EUR'): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A fraction as a percentage: 0.4533 -> `45,3%` (nl) / `45.3%` (en). */
export function formatShare(x: number, lang: Lang, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A count: 1234567 -> `1.234.567` (nl) / `1,234,567` (en). */
export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(n);
}

/** A plain number with `digits` decimals. */
export function formatNumber(x: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** An ISO date (`2024-01-31`) as `31-01-2024` (nl) or `31 Jan 2024` (en). */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions =
    lang === 'nl' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(lang), opts).format(d);
}
