/**
 * Numbers, money and dates as people read them, in Dutch or English. Money arrives as an
 * exact decimal string and is formatted from the string (no float rounding on the way).
 */
import { locale, type Lang } from '../words/index.ts';

export { LANGS, locale, type Lang } from '../words/index.ts';

type Decimal = `${number}`;

/** Money with a currency sign: `€ 1.234,56` (nl) or `€1,234.56` (en); `digits` 0 or 2 (default 2). */
export function formatMoney(value: string, lang: Lang, currency = 'EUR', digits: 0 | 2 = 2): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value as Decimal);
}

/** Money in thousands or millions for chart labels: `€ 1,2 mln` (nl), `€1.2M` (en). */
export function formatMoneyCompact(value: number, lang: Lang, currency = 'EUR'): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A fraction as a percentage: 0.4533 -> `45,3%` (nl) / `45.3%` (en). */
export function formatShare(x: number, lang: Lang, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

/** A count: 1234567 -> `1.234.567` (nl) / `1,234,567` (en). */
export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(n);
}

/** A plain number with `digits` decimals. */
export function formatNumber(x: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

/** An ISO date (`2026-12-05`) as `5 dec 2026` (nl) or `5 Dec 2026` (en): the month in words, never confused with the day. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}
