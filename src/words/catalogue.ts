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
 * `{name:sh}` is the value as one word of a command to copy into a terminal ({@link shellWord}):
 * `worth ingest {dir:sh}` stays one command for a folder named `Mijn Bedrijf`.
 */
export function fill(template: string, vars: Readonly<Record<string, string>> = {}): string {
  return template.replace(
    /\{(\w+)(:sh)?(?:\|([^|{}]*)\|([^|{}]*))?\}/g,
    (_, k: string, sh?: string, one?: string, many?: string) => {
      const value = vars[k] ?? '';
      if (sh) return shellWord(value);
      if (one === undefined || many === undefined) return value;
      return `${value} ${value.trim() === '1' ? one : many}`;
    },
  );
}

/**
 * `text` as one word of a command line to copy (a folder or file name): as it is when a shell
 * reads it so (letters of any script, digits, `_ @ % + = : , . / -`), else in double quotes,
 * which bash, zsh, PowerShell and cmd.exe all read (`"Bakkerij Ĳssel"`), or in single quotes
 * when the text holds a character double quotes leave special in a POSIX shell (`$`, `` ` ``,
 * `\`, `"`, `!`).
 */
export function shellWord(text: string): string {
  if (/^[\p{L}\p{M}\p{N}_@%+=:,./-]+$/u.test(text)) return text;
  if (!/[$`\\"!]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
