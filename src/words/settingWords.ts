/**
 * What a worth.yaml setting must be, said when it is not (`period.start: 0025-01-01: expected a
 * date from 1900 to 2199`), in Dutch and English. The schema (src/workspace) writes the English
 * text as its zod message, so one place holds both; {@link settingExpectation} finds the entry
 * a message came from and its values, so the CLI can say it in the workspace's language.
 */
import type { Catalogue } from './catalogue.ts';

/** Every expectation of a worth.yaml setting; `{name}` placeholders are filled from the message. */
export const SETTING_WORDS = {
  settingIsoDate: { en: 'expected a date as yyyy-mm-dd', nl: 'verwacht een datum als jjjj-mm-dd' },
  settingRealDate: { en: 'expected a real calendar date', nl: 'verwacht een datum die bestaat' },
  settingPeriodDate: {
    en: 'expected a date from 1900 to 2199',
    nl: 'verwacht een datum van 1900 tot en met 2199',
  },
  settingDelimiter: {
    en: 'expected one character, e.g. "," or ";" (use "\\t" for tab)',
    nl: 'verwacht één teken, bijv. "," of ";" (gebruik "\\t" voor een tab)',
  },
  settingFiles: {
    en: 'expected at least one file (a path, or a pattern such as exports/*.csv)',
    nl: 'verwacht minstens één bestand (een pad, of een patroon zoals exports/*.csv)',
  },
  settingCustomersFrom: {
    en: 'expected either file: (a customers file) or from: order_lines (customers derived from the order lines)',
    nl: 'verwacht file: (een klantenbestand) of from: order_lines (klanten afgeleid van de orderregels), een van de twee',
  },
  settingNoSplit: {
    en: 'expected no split with from: order_lines',
    nl: 'verwacht geen split bij from: order_lines',
  },
  settingDerivedColumn: {
    en: "expected one of {columns} (a column of the order lines' file per attribute)",
    nl: 'verwacht een van {columns} (per gegeven een kolom van het bestand met orderregels)',
  },
  settingUrl: {
    en: 'expected an http(s) URL such as http://127.0.0.1:8123',
    nl: 'verwacht een http(s)-URL zoals http://127.0.0.1:8123',
  },
  settingEnvName: {
    en: 'expected the name of an environment variable, such as WORTH_CLICKHOUSE_PASSWORD',
    nl: 'verwacht de naam van een omgevingsvariabele, zoals WORTH_CLICKHOUSE_PASSWORD',
  },
  settingEngineNeeds: {
    en: 'expected {key} for engine kind {kind}',
    nl: 'verwacht {key} bij engine kind {kind}',
  },
  settingCurrency: {
    en: 'expected an ISO 4217 code such as EUR',
    nl: 'verwacht een ISO 4217-code zoals EUR',
  },
  settingPeriodOrder: {
    en: 'expected start on or before end',
    nl: 'verwacht start op of vóór end',
  },
  settingOrderLines: { en: 'expected a source for order_lines', nl: 'verwacht een bron voor order_lines' },
  settingFileStem: {
    en: 'expected a file name without .yaml (letters, digits, . _ -)',
    nl: 'verwacht een bestandsnaam zonder .yaml (letters, cijfers, . _ -)',
  },
  settingAttributeName: {
    en: 'expected an attribute name (lower-case letters, digits and _)',
    nl: 'verwacht de naam van een kenmerk (kleine letters, cijfers en _)',
  },
  settingMinChars: {
    en: 'expected a text of at least {n|character|characters}',
    nl: 'verwacht een tekst van minstens {n|teken|tekens}',
  },
  settingMaxChars: {
    en: 'expected a text of at most {n|character|characters}',
    nl: 'verwacht een tekst van hoogstens {n|teken|tekens}',
  },
  settingMinItems: {
    en: 'expected a list of at least {n|item|items}',
    nl: 'verwacht een lijst van minstens {n|element|elementen}',
  },
  settingAliases: {
    en: 'its aliases (*name) expand to too many copies (expected at most {max} alias expansions; write the values out instead)',
    nl: 'de aliassen (*naam) leveren te veel kopieën op (verwacht hoogstens {max} aliasuitbreidingen; schrijf de waarden uit)',
  },
  settingNotMapping: {
    en: '{value} is not valid (expected a mapping of settings (company, period, sources, ...))',
    nl: '{value} is niet geldig (verwacht een lijst van instellingen (company, period, sources, ...))',
  },
} as const satisfies Catalogue;

/** A key of {@link SETTING_WORDS}. */
export type SettingWord = keyof typeof SETTING_WORDS;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each entry's English as a pattern, its placeholders captured by name. */
const PATTERNS = (Object.keys(SETTING_WORDS) as SettingWord[]).map((key) => {
  const names: string[] = [];
  const source = SETTING_WORDS[key].en
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]!);
      return '(.+?)';
    })
    .join('');
  return { key, names, re: new RegExp(`^${source}$`) };
});

/**
 * The entry whose English is `message` (a schema's zod message), with the values its
 * placeholders had; undefined for a message the catalogue does not hold.
 */
export function settingExpectation(
  message: string,
): { key: SettingWord; vars: Record<string, string> } | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (m) return { key: p.key, vars: Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!])) };
  }
  return undefined;
}
