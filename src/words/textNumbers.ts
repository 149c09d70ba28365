/**
 * Numbers in plain text (the CLI's tables and messages), in Dutch (1.234.567,89 and 12,5%) or
 * English (1,234,567.89 and 12.5%). Money arrives as an exact decimal string and is grouped as
 * text, never turned into a float.
 */
import type { Lang } from './lang.ts';

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
