/** The shape every part of the words catalogue has, and filling a word's placeholders. */
import type { Lang } from './lang.ts';

/** One text in both languages. */
export type Bilingual = Readonly<Record<Lang, string>>;

/** A part of the catalogue: key -> text in both languages (checked with `satisfies`). */
export type Catalogue = Readonly<Record<string, Bilingual>>;

/**
 * `template` with `{name}` placeholders filled from `vars` (a missing one becomes empty, never
 * "undefined"). `{name|one|many}` is a count with its noun: `{n|klant|klanten}` gives `1 klant`,
 * `2 klanten`, `1.234 klanten` (the count as formatted; only exactly "1" takes the singular).
 */
export function fill(template: string, vars: Readonly<Record<string, string>> = {}): string {
  return template.replace(
    /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g,
    (_, k: string, one?: string, many?: string) => {
      const value = vars[k] ?? '';
      if (one === undefined || many === undefined) return value;
      return `${value} ${value.trim() === '1' ? one : many}`;
    },
  );
}
