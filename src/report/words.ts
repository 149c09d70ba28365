/** The report's words (from the words catalogue, src/words). */
import { REPORT_WORDS, fill, type Lang } from '../words/index.ts';

export { shownValue } from '../words/index.ts';

/** A key of the report's words. */
export type ReportWord = keyof typeof REPORT_WORDS;

/** The word `key` in `lang`, `{name}` placeholders filled from `vars` (already escaped HTML). */
export function word(lang: Lang, key: ReportWord, vars: Record<string, string> = {}): string {
  return fill(REPORT_WORDS[key][lang], vars);
}
