/** The shape every part of the words catalogue has, and filling a word's placeholders. */
import type { Lang } from './lang.ts';

/** One text in both languages. */
export type Bilingual = Readonly<Record<Lang, string>>;

/** A part of the catalogue: key -> text in both languages (checked with `satisfies`). */
export type Catalogue = Readonly<Record<string, Bilingual>>;

/** `template` with `{name}` placeholders filled from `vars` (a missing one becomes empty, never "undefined"). */
export function fill(template: string, vars: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
