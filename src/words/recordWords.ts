/**
 * Words of a reject for a whole record (a line with too few or too many fields), and rejects.csv's
 * own words (its column names and the marker of a reject that concerns the whole line), in Dutch
 * and English: a rejects file is written in the workspace's language, only its `code` column
 * stays the same in both (tools read it).
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
  rejectLookupMissingGroup: {
    en: 'order not in {file} (expected every order number of the lines in the orders file, column {column})',
    nl: 'order staat niet in {file} (verwacht elk ordernummer van de regels in het ordersbestand, kolom {column})',
  },
  rejectLookupRejectedGroup: {
    en: "the order's line in {file} was rejected (its reject in rejects.csv says why)",
    nl: 'de regel van de order in {file} is afgekeurd (de afkeuring in rejects.csv zegt waarom)',
  },
  rejectWholeLine: { en: '(whole line)', nl: '(hele regel)' },
  rejectTotalsLine: {
    en: "a totals line (the file's own sum or a footer under it, not an order line; its amount is not counted)",
    nl: 'een totaalregel (de eigen som van het bestand of een voetregel eronder, geen orderregel; het bedrag telt niet mee)',
  },
} as const satisfies Catalogue;

/** rejects.csv's columns, in order: the key is the English name, the value its words. */
export const REJECTS_COLUMN_WORDS = {
  table: { en: 'table', nl: 'tabel' },
  file: { en: 'file', nl: 'bestand' },
  line: { en: 'line', nl: 'regel' },
  column: { en: 'column', nl: 'kolom' },
  value: { en: 'value', nl: 'waarde' },
  code: { en: 'code', nl: 'code' },
  reason: { en: 'reason', nl: 'reden' },
} as const satisfies Catalogue;

/** A column of rejects.csv (its English name). */
export type RejectsColumn = keyof typeof REJECTS_COLUMN_WORDS;

/** rejects.csv's header in `lang`, by column. */
export function rejectsHeader(lang: Lang): Record<RejectsColumn, string> {
  const out = {} as Record<RejectsColumn, string>;
  for (const k of Object.keys(REJECTS_COLUMN_WORDS) as RejectsColumn[])
    out[k] = REJECTS_COLUMN_WORDS[k][lang];
  return out;
}

/**
 * The `column` of a reject in `lang`: a source column's name stays as the file writes it; the
 * marker of a reject on the whole line (planned once, in English) is said in `lang`.
 */
export function rejectColumnText(lang: Lang, column: string): string {
  return column === RECORD_WORDS.rejectWholeLine.en ? RECORD_WORDS.rejectWholeLine[lang] : column;
}

/** A record word that says a reason for several rows together (the reject summary), without one row's count. */
export type RejectGroup = 'rejectFieldCountGroup' | 'rejectLookupMissingGroup' | 'rejectLookupRejectedGroup';

/** The record word `key` in `lang`, placeholders filled from `vars`. */
export function recordWord(
  lang: Lang,
  key: keyof typeof RECORD_WORDS,
  vars: Readonly<Record<string, string>> = {},
): string {
  return fill(RECORD_WORDS[key][lang], vars);
}
