/**
 * Why a customer's lifetime value is empty (`customer_clv.clv_undetermined`), in both
 * languages: said by the export, the report, the dashboard and the scenario notes alike. Keyed
 * by src/core's `CLV_UNDETERMINED_REASONS` (core checks the keys: words must not import core).
 */
import type { Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';

/** Each stored reason in words. */
export const CLV_UNDETERMINED_WORDS = {
  purchaseFit: {
    en: 'not determined: the purchase model behind it is undetermined',
    nl: 'niet bepaald: het aankoopmodel erachter is onbepaald',
  },
  spendFit: {
    en: 'not determined: the spend model behind it is undetermined',
    nl: 'niet bepaald: het bestedingsmodel erachter is onbepaald',
  },
  noRepeatBuyers: {
    en: 'not determined: its segment has no repeat buyer, so no model can tell how often its customers buy again',
    nl: 'niet bepaald: het segment heeft geen enkele herhaalkoper, dus geen model kan zeggen hoe vaak de klanten opnieuw kopen',
  },
} as const satisfies Catalogue;

/** A stored reason in `lang`; a value that is not a known reason is shown as stored. */
export function clvUndeterminedText(lang: Lang, reason: string): string {
  return Object.hasOwn(CLV_UNDETERMINED_WORDS, reason)
    ? CLV_UNDETERMINED_WORDS[reason as keyof typeof CLV_UNDETERMINED_WORDS][lang]
    : reason;
}
