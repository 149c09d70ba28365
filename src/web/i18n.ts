/** The dashboard's words (from the words catalogue, src/words) and the language context. */
import { createContext, useContext } from 'react';
import { ATTRIBUTE_WORDS, DASHBOARD_WORDS, enumWord, fill, type Lang } from '../words/index.ts';

export { shownValue } from '../words/index.ts';

/** A key of the dashboard's words. */
export type TextKey = keyof typeof DASHBOARD_WORDS;

/** The word `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function text(lang: Lang, key: TextKey, vars: Record<string, string> = {}): string {
  return fill(DASHBOARD_WORDS[key][lang], vars);
}

/** A customer attribute's name in `lang` (`channel` -> `kanaal`); a column of the user's own as it is. */
export function attributeName(lang: Lang, attribute: string): string {
  return enumWord(ATTRIBUTE_WORDS, attribute, lang);
}

/** The current language (provided by the app). */
export const LangContext = createContext<Lang>('nl');

/** The current language and a translator for it. */
export function useLang(): { lang: Lang; t: (key: TextKey, vars?: Record<string, string>) => string } {
  const lang = useContext(LangContext);
  return { lang, t: (key, vars) => text(lang, key, vars) };
}
