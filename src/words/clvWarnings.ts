/**
 * The warnings of a workspace's lifetime-value run, in Dutch and English. The key is the stable
 * code `worth clv --json` writes beside the sentence (tools read it); the sentence is in the
 * workspace's language.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { significant, textNumbers } from './textNumbers.ts';

/** Every CLV run warning; the key is its code. */
export const CLV_WARNING_WORDS = {
  edge: {
    en: '{param} = {value} is at the edge of the parameter space: the data do not identify this model well (too few customers or purchases?)',
    nl: '{param} = {value} ligt aan de rand van de parameterruimte: de data bepalen dit model slecht (te weinig klanten of aankopen?)',
  },
  noStandardError: {
    en: 'no standard error for {param}: the log-likelihood is flat or not concave there',
    nl: 'geen standaardfout voor {param}: de log-aannemelijkheid is daar vlak of niet concaaf',
  },
  standardErrorLarge: {
    en: 'the standard error of {param} ({se}) is larger than the estimate ({value}): the data hardly pin it down',
    nl: 'de standaardfout van {param} ({se}) is groter dan de schatting ({value}): de data leggen haar nauwelijks vast',
  },
  notConverged: {
    en: 'the optimiser did not converge ({why})',
    nl: 'de optimalisatie is niet geconvergeerd ({why})',
  },
  stopIterationLimit: { en: 'iteration limit reached', nl: 'maximum aantal iteraties bereikt' },
  stopLineSearch: {
    en: 'the line search found no lower point',
    nl: 'de lijnzoektocht vond geen lager punt',
  },
  stopGradient: { en: 'gradient below tolerance', nl: 'gradiënt onder de tolerantie' },
  stopFunctionChange: {
    en: 'function change below tolerance',
    nl: 'verandering van de functie onder de tolerantie',
  },
  fewRepeatBuyers: {
    en: 'only {repeat} of {customers} customers ({share}) bought more than once: too few repeat buyers to pin down the purchase model (at least {min} and {minShare} wanted)',
    nl: 'maar {repeat} van {customers} klanten ({share}) kochten meer dan eens: te weinig terugkerende kopers om het aankoopmodel vast te leggen (minstens {min} en {minShare} nodig)',
  },
  holdoutMiss: {
    en: "the model expected {expected} repeat purchases in the {weeks} held-out weeks and {actual} happened ({error}, beyond ±{limit}, more than chance gives for a group of its size): do not act on this group's lifetime values alone ({customers} customers in the check)",
    nl: 'het model verwachtte {expected} herhaalaankopen in de {weeks} achtergehouden weken en er gebeurden er {actual} ({error}, buiten ±{limit}, meer dan toeval geeft bij een groep van deze omvang): handel niet alleen op de klantwaarde van deze groep ({customers} klanten in de controle)',
  },
  groupFallback: {
    en: 'its own fit fails (no maximum inside the parameter space), so the pooled fit stands in',
    nl: 'een eigen schatting lukt niet (geen maximum binnen de parameterruimte), dus de gepoolde schatting vervangt haar',
  },
  // what a warning is about
  aboutPurchase: { en: 'purchase model {model}', nl: 'aankoopmodel {model}' },
  aboutSpend: { en: 'spend model {model}', nl: 'bestedingsmodel {model}' },
  aboutGroup: { en: '{model} for {column} {group}', nl: '{model} voor {column} {group}' },
  aboutNoValue: {
    en: '{model} for customers without a {column}',
    nl: '{model} voor klanten zonder {column}',
  },
  warningLine: { en: 'warning ({about}): {text}', nl: 'waarschuwing ({about}): {text}' },
  subjectLine: { en: '{about}: {text}', nl: '{about}: {text}' },
} as const satisfies Catalogue;

/** A key of the CLV warning words. */
export type ClvWarningWord = keyof typeof CLV_WARNING_WORDS;

/** The CLV warning word `key` in `lang`, placeholders filled from `vars`. */
export function clvWarningWord(
  lang: Lang,
  key: ClvWarningWord,
  vars: Readonly<Record<string, string>> = {},
): string {
  return fill(CLV_WARNING_WORDS[key][lang], vars);
}

/** Why the optimiser stopped (`notConverged`), as a stable code. */
export type ClvOptimiserStop = 'iterationLimit' | 'lineSearch' | 'gradient' | 'functionChange';

/**
 * A CLV warning as data: its stable code and the values its sentence is made of (numbers as
 * numbers, no words), so any reader can say it in its own language (stored in `clv_fit`,
 * carried by the API, rendered by the dashboard, the report and the CLI).
 */
export type ClvWarningData =
  | { code: 'edge'; vars: { param: string; value: number } }
  | { code: 'noStandardError'; vars: { param: string } }
  | { code: 'standardErrorLarge'; vars: { param: string; value: number; standardError: number } }
  | { code: 'notConverged'; vars: { stop: ClvOptimiserStop } }
  | { code: 'fewRepeatBuyers'; vars: { repeat: number; customers: number; min: number; minShare: number } }
  | {
      code: 'holdoutMiss';
      vars: {
        expected: number;
        weeks: number;
        actual: number;
        error: number;
        limit: number;
        customers: number;
      };
    }
  | { code: 'groupFallback'; vars: Record<string, never> };

/** What a CLV warning is about: the pooled purchase model, the spend model, or one group's purchase fit. */
export interface ClvWarningSubject {
  about: 'purchase' | 'spend' | 'group';
  /** Model id (`mbgnbd`, `gamma-gamma`). */
  model: string;
  /** The grouping column (about a group). */
  column?: string;
  /** The group's value (about a group; '' for customers without one). */
  group?: string;
}

/** One stored CLV warning: its subject and its data. */
export type StoredClvWarning = ClvWarningSubject & ClvWarningData;

/** A number of a stored warning (JSON turns a non-finite number into null): NaN then, which reads "n/a". */
function num(v: number | null | undefined): number {
  return typeof v === 'number' ? v : NaN;
}

function stopText(lang: Lang, stop: ClvOptimiserStop): string {
  switch (stop) {
    case 'iterationLimit':
      return clvWarningWord(lang, 'stopIterationLimit');
    case 'lineSearch':
      return clvWarningWord(lang, 'stopLineSearch');
    case 'gradient':
      return clvWarningWord(lang, 'stopGradient');
    case 'functionChange':
      return clvWarningWord(lang, 'stopFunctionChange');
    default: {
      const never: never = stop;
      return String(never);
    }
  }
}

/** The sentence of a CLV warning in `lang`, from its code and values. */
export function clvWarningText(lang: Lang, w: ClvWarningData): string {
  const n = textNumbers(lang);
  switch (w.code) {
    case 'edge':
      return clvWarningWord(lang, 'edge', {
        param: w.vars.param,
        value: significant(num(w.vars.value), lang),
      });
    case 'noStandardError':
      return clvWarningWord(lang, 'noStandardError', { param: w.vars.param });
    case 'standardErrorLarge':
      return clvWarningWord(lang, 'standardErrorLarge', {
        param: w.vars.param,
        se: significant(num(w.vars.standardError), lang),
        value: significant(num(w.vars.value), lang),
      });
    case 'notConverged':
      return clvWarningWord(lang, 'notConverged', { why: stopText(lang, w.vars.stop) });
    case 'fewRepeatBuyers':
      return clvWarningWord(lang, 'fewRepeatBuyers', {
        repeat: n.int(w.vars.repeat),
        customers: n.int(w.vars.customers),
        share: w.vars.customers > 0 ? n.pct(w.vars.repeat / w.vars.customers) : n.pct(0),
        min: n.int(w.vars.min),
        minShare: n.pct(w.vars.minShare, 0),
      });
    case 'holdoutMiss':
      return clvWarningWord(lang, 'holdoutMiss', {
        expected: n.int(w.vars.expected),
        weeks: n.int(w.vars.weeks),
        actual: n.int(w.vars.actual),
        error: `${w.vars.error > 0 ? '+' : ''}${n.pct(w.vars.error)}`,
        limit: n.pct(w.vars.limit, 0),
        customers: n.int(w.vars.customers),
      });
    case 'groupFallback':
      return clvWarningWord(lang, 'groupFallback');
    default: {
      const never: never = w;
      return String(never);
    }
  }
}

/** What a warning is about, in `lang` (`aankoopmodel mbgnbd`, `mbgnbd for segment Retail`). */
export function clvWarningSubject(lang: Lang, s: ClvWarningSubject): string {
  switch (s.about) {
    case 'purchase':
      return clvWarningWord(lang, 'aboutPurchase', { model: s.model });
    case 'spend':
      return clvWarningWord(lang, 'aboutSpend', { model: s.model });
    case 'group':
      return s.group === '' || s.group === undefined
        ? clvWarningWord(lang, 'aboutNoValue', { model: s.model, column: s.column ?? '' })
        : clvWarningWord(lang, 'aboutGroup', { model: s.model, column: s.column ?? '', group: s.group });
    default: {
      const never: never = s.about;
      return String(never);
    }
  }
}

/**
 * A stored warning as shown under its fit in `lang`: a group's holdout miss (kept with the
 * pooled fit) names its group first; the fit's own problems need no subject there.
 */
export function storedClvWarningText(lang: Lang, w: StoredClvWarning): string {
  const text = clvWarningText(lang, w);
  return w.code === 'holdoutMiss'
    ? clvWarningWord(lang, 'subjectLine', { about: clvWarningSubject(lang, w), text })
    : text;
}
