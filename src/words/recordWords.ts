/**
 * Words of a reject for a whole record (a line with too few or too many fields), in Dutch and
 * English. Reasons are written in English into rejects.csv, like the other reasons; the Dutch
 * side is there for a rejects file in Dutch.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';

/** The words of a record-level reject; `{found}` and `{expected}` are field counts. */
export const RECORD_WORDS = {
  rejectFieldCount: {
    en: 'wrong number of fields: {found} found, {expected} expected (one per column of the header; quote a value that holds the delimiter)',
    nl: 'verkeerd aantal velden: {found} gevonden, {expected} verwacht (een per kolom van de kopregel; zet een waarde met het scheidingsteken tussen aanhalingstekens)',
  },
  rejectFieldCountGroup: {
    en: 'wrong number of fields ({expected} expected: one per column of the header; quote a value that holds the delimiter)',
    nl: 'verkeerd aantal velden ({expected} verwacht: een per kolom van de kopregel; zet een waarde met het scheidingsteken tussen aanhalingstekens)',
  },
  rejectWholeLine: { en: '(whole line)', nl: '(hele regel)' },
  rejectTotalsLine: {
    en: "a totals line (the file's own sum, not an order line; its amount is not counted)",
    nl: 'een totaalregel (de eigen som van het bestand, geen orderregel; het bedrag telt niet mee)',
  },
} as const satisfies Catalogue;

/** A record word that says a reason for several rows together (the reject summary), without one row's count. */
export type RejectGroup = 'rejectFieldCountGroup';

/** The record word `key` in `lang`, placeholders filled from `vars`. */
export function recordWord(
  lang: Lang,
  key: keyof typeof RECORD_WORDS,
  vars: Readonly<Record<string, string>> = {},
): string {
  return fill(RECORD_WORDS[key][lang], vars);
}
