/**
 * A customer without a value for an attribute (no segment, no channel): the analyses group
 * such customers under {@link NO_VALUE} (src/profit); every output shows it in the reader's
 * language, and a missing value (null) the same way.
 */
import type { Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';

/** The value the analyses store for "no value" in a roll-up or a segment column. */
export const NO_VALUE = '(none)';

/** "(none)" in both languages. */
export const NO_VALUE_WORDS = {
  none: { en: '(none)', nl: '(geen)' },
} as const satisfies Catalogue;

/** An attribute's value as shown: the value itself, or "(none)"/"(geen)" for null, empty and {@link NO_VALUE}. */
export function shownValue(lang: Lang, value: string | null | undefined): string {
  return value === null || value === undefined || value === '' || value === NO_VALUE
    ? NO_VALUE_WORDS.none[lang]
    : value;
}
