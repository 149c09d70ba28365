/** The words the charts show (from the words catalogue, src/words), and the names of stored values. */
import { clvModelLabel } from '../core/index.ts';
import { formatNumber } from './format.ts';
import {
  ACTIVITY_WORDS,
  BREAK_EVEN_WORDS,
  CHART_WORDS,
  EFFECT_WORDS,
  QUADRANT_WORDS,
  enumWord,
  fill,
  type Lang,
} from '../words/index.ts';

/** A chart word's key. */
export type ChartWord = keyof typeof CHART_WORDS;

/** The chart word `key` in `lang`. */
export function chartWord(key: ChartWord, lang: Lang): string {
  return CHART_WORDS[key][lang];
}

/** A trend's period as people read it: `2024-Q1` -> `2024 Q1` (en) / `2024 K1` (nl); a month (`2024-03`) as it is. */
export function periodLabel(period: string, lang: Lang): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  return m ? fill(CHART_WORDS.quarterOfYear[lang], { year: m[1]!, quarter: m[2]! }) : period;
}

/** An activity's name in `lang`: Dutch names for the standard activities, else the configured name. */
export function activityName(id: string, name: string, lang: Lang): string {
  return lang === 'nl' && Object.hasOwn(ACTIVITY_WORDS, id) ? ACTIVITY_WORDS[id]!.nl : name;
}

/** A P&L line's name in `lang`: `gross_margin`, `cost_<activity id>` (named by `activities`), else the line as stored. */
export function pnlLineName(
  line: string,
  activities: readonly { id: string; name: string }[],
  lang: Lang,
): string {
  const a = activities.find((x) => `cost_${x.id}` === line);
  if (a) return activityName(a.id, a.name, lang);
  return line === 'gross_margin' ? chartWord('grossMargin', lang) : line;
}

/** A profitability-matrix or voice-of-customer quadrant's name in `lang` (stored names are English). */
export function quadrantName(quadrant: string, lang: Lang): string {
  return enumWord(QUADRANT_WORDS, quadrant, lang);
}

/** A scenario effect's name with its unit in `lang` (`retention`, `frequency`, `spend`, `returns`, `contacts`; others as given). */
export function effectName(effect: string, lang: Lang): string {
  return enumWord(EFFECT_WORDS, effect, lang);
}

/** A scenario's break-even as the result gives it: the value, its rule (decided by the scenario library), the mean as entered. */
export interface BreakEvenFigures {
  effect: string | null;
  value: number | null;
  rule: 'mustRise' | 'mayFall' | 'mayRise' | 'mustFall' | null;
  assumed: number | null;
}

/**
 * The break-even in words, by its rule (the side on which the initiative pays, the sign of the value):
 * "Retention (points per year) must rise by at least 1.80 for the expected NPV to be positive
 * (assumed: +2.00; the other effects at their means)". Empty when there is no effect.
 */
export function breakEvenPhrase(b: BreakEvenFigures, lang: Lang): string {
  if (!b.effect) return '';
  const name = effectName(b.effect, lang);
  const num = (x: number) => `${x > 0 ? '+' : ''}${formatNumber(x, lang, 2)}`;
  if (b.value === null || b.rule === null) {
    return lang === 'nl'
      ? `Geen waarde van ${name} binnen bereik maakt de verwachte NCW nul.`
      : `No value of ${name} within range makes the expected NPV zero.`;
  }
  const text = fill(BREAK_EVEN_WORDS[b.rule][lang], { v: formatNumber(Math.abs(b.value), lang, 2) });
  const assumed =
    b.assumed === null
      ? ''
      : lang === 'nl'
        ? `aangenomen: ${num(b.assumed)}; `
        : `assumed: ${num(b.assumed)}; `;
  return lang === 'nl'
    ? `${name} ${text} voor een positieve verwachte NCW (${assumed}de andere effecten op hun gemiddelde).`
    : `${name} ${text} for the expected NPV to be positive (${assumed}the other effects at their means).`;
}

/** When an initiative pays back, in words: "in year 3", "immediately", "not within the horizon". */
export function paybackPhrase(year: number | null, lang: Lang): string {
  if (year === null) return lang === 'nl' ? 'niet binnen de horizon' : 'not within the horizon';
  if (year === 0) return lang === 'nl' ? 'direct' : 'immediately';
  return lang === 'nl' ? `in jaar ${year}` : `in year ${year}`;
}

/** A CLV model's usual name (`bgnbd` -> `BG/NBD`), from its declaration in src/core; unknown ids as given. */
export function modelName(id: string): string {
  return clvModelLabel(id);
}
