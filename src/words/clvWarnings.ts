/**
 * The warnings of a workspace's lifetime-value run, in Dutch and English. The key is the stable
 * code `worth clv --json` writes beside the sentence (tools read it); the sentence is in the
 * workspace's language.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';

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
    en: "the model expected {expected} repeat purchases in the {weeks} held-out weeks and {actual} happened ({error}, beyond ±{limit}): do not act on this group's lifetime values alone ({customers} customers in the check)",
    nl: 'het model verwachtte {expected} herhaalaankopen in de {weeks} achtergehouden weken en er gebeurden er {actual} ({error}, buiten ±{limit}): handel niet alleen op de klantwaarde van deze groep ({customers} klanten in de controle)',
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
