/**
 * Numbers, money and dates as people read them, in Dutch or English. Money arrives as an
 * exact decimal string and is formatted from the string (no float rounding on the way).
 */
import { locale, SCALE_WORDS, type Lang } from '../words/index.ts';

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

const SCALES = [
  [1e9, 'billions'],
  [1e6, 'millions'],
  [1e3, 'thousands'],
] as const;

/**
 * Money in thousands, millions or billions for chart labels and axes, one format per language:
 * `€ 19,5 mln`, `€ 670K`, `-€ 1,42K` (nl), `€19.5M`, `£1.85K`, `-£970` (en). The minus always
 * stands before the currency sign. `unit` (default: none) is the step the value was rounded to:
 * the label shows just the decimals that step needs (at most 2), so a rounded label shows its
 * rounding exactly; without it, one decimal below 10 of a scale, else none.
 */
export function formatMoneyCompact(value: number, lang: Lang, currency = 'EUR', unit?: number): string {
  const size = Math.abs(value);
  const [scale, word] = SCALES.find(([s]) => size >= s) ?? [1, null];
  const digits =
    unit === undefined
      ? scale > 1 && size / scale < 10 && size % scale !== 0
        ? 1
        : 0
      : Math.min(2, Math.max(0, Math.ceil(Math.log10(scale / unit) - 1e-9)));
  const parts = new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).formatToParts(size / scale);
  const isNumber = (t: string) => t === 'integer' || t === 'group' || t === 'decimal' || t === 'fraction';
  const last = parts.findLastIndex((p) => isNumber(p.type));
  const suffix = word ? SCALE_WORDS[word][lang] : '';
  const text = parts.map((p, i) => (i === last ? p.value + suffix : p.value)).join('');
  // A value that rounds to zero at the shown decimals has no sign.
  const zero = parts.every((p) => !isNumber(p.type) || /^[0.,\s]*$/.test(p.value));
  return value < 0 && !zero ? `-${text}` : text;
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
