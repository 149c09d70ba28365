/**
 * A text a user or a template writes in worth's YAML files: one plain string (shown in every
 * language) or both languages (`{nl: ..., en: ...}`), as the shipped scenario templates do.
 */
import type { Bilingual } from './catalogue.ts';
import type { Lang } from './lang.ts';

/** A text as written: plain, or in both languages. */
export type LocalText = string | Bilingual;

/** `text` in `lang`: the plain string as written, or that language's side. */
export function localText(text: LocalText, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}
