/** The languages Worth speaks. */

/** Languages of the CLI, the dashboard and the report. */
export const LANGS = ['nl', 'en'] as const;

/** A language of the CLI, the dashboard and the report. */
export type Lang = (typeof LANGS)[number];

/** The locale used for a language's number and date formats. */
export function locale(lang: Lang): string {
  return lang === 'nl' ? 'nl-NL' : 'en-GB';
}
