/**
 * Numbers in plain text (the CLI's tables and messages), in Dutch (1.234.567,89 and 12,5%) or
 * English (1,234,567.89 and 12.5%). Money arrives as an exact decimal string and is grouped as
 * text, never turned into a float.
 */
import { locale, type Lang } from './lang.ts';

/** Number formats for plain text in one language. */
export interface TextNumbers {
  /** A whole number, grouped: 1234567 -> `1.234.567` / `1,234,567`. */
  int(n: number): string;
  /** An exact decimal string (`-1234.5`, `12`), grouped, its own decimals kept. */
  money(s: string): string;
  /** A share as a percentage with `digits` decimals (default 1); `null` -> n.v.t. / n/a. */
  pct(x: number | null, digits?: number): string;
  /** A number with exactly `digits` decimals. */
  fixed(x: number, digits: number): string;
}

/** The plain-text number formats of `lang`. */
export function textNumbers(lang: Lang): TextNumbers {
  const [group, point] = lang === 'nl' ? ['.', ','] : [',', '.'];
  const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fixed = (x: number, digits: number) => {
    const [i, f] = Math.abs(x).toFixed(digits).split('.');
    return `${x < 0 && Number(x.toFixed(digits)) !== 0 ? '-' : ''}${grouped(i!)}${f ? point + f : ''}`;
  };
  return {
    int: (n) => fixed(Math.round(n), 0),
    money: (s) => {
      const [i, f] = s.replace('-', '').split('.');
      return `${s.startsWith('-') ? '-' : ''}${grouped(i!)}${f === undefined ? '' : point + f}`;
    },
    pct: (x, digits = 1) => (x === null ? (lang === 'nl' ? 'n.v.t.' : 'n/a') : `${fixed(x * 100, digits)}%`),
    fixed,
  };
}

/**
 * A model parameter with three significant digits (0,431; 45; 1.230), or in scientific notation
 * with two (9,0e-6; 2,6e27) where fixed decimals would show 0,000 or a long run of digits.
 */
export function significant(x: number, lang: Lang): string {
  if (!Number.isFinite(x)) return lang === 'nl' ? 'n.v.t.' : 'n/a';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const fmt =
    a >= 1e-3 && a < 1e6
      ? new Intl.NumberFormat(locale(lang), { maximumSignificantDigits: 3 })
      : new Intl.NumberFormat(locale(lang), {
          notation: 'scientific',
          minimumSignificantDigits: 2,
          maximumSignificantDigits: 2,
        });
  return fmt.format(x).replace('E', 'e');
}
