/**
 * The purchase models with covariates against the same models without them (worth.yaml
 * `clv.covariates`), said in the reader's language from the stored comparison, so the dashboard
 * and the report give the same sentence: the fit, the verdict and every coefficient with its
 * standard error.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { significant, textNumbers } from './textNumbers.ts';

/** The words of the sentence. */
export const COVARIATE_WORDS = {
  sentence: {
    en: '{model} with covariates ({names}; levels against {reference}): BIC {bicWith} against {bicWithout} without; held out, group by group off by {gapWith} against {gapWithout} without; {verdict}. Coefficients: {coefficients}.',
    nl: '{model} met covariaten ({names}; niveaus tegen {reference}): BIC {bicWith} tegen {bicWithout} zonder; achtergehouden, per groep {gapWith} ernaast tegen {gapWithout} zonder; {verdict}. Coëfficiënten: {coefficients}.',
  },
  better: { en: 'the covariates fit better', nl: 'met covariaten past beter' },
  notBetter: {
    en: 'the model without them fits as well or better',
    nl: 'het model zonder past even goed of beter',
  },
  degenerate: {
    en: 'the fit with covariates is degenerate',
    nl: 'de schatting met covariaten is gedegenereerd',
  },
  purchase: { en: 'purchase rate', nl: 'aankooptempo' },
  dropout: { en: 'drop-out', nl: 'uitval' },
  coefficient: { en: '{process} {name} {value} (SE {se})', nl: '{process} {name} {value} (sf {se})' },
  none: { en: 'none', nl: 'geen' },
  valuesOnSegments: {
    en: 'The lifetime values use {inUse}’s per-segment fits (held out, group by group off by {gapInUse}): a segment’s own fit lets all its parameters differ, where a covariate moves two.',
    nl: 'De klantwaarden gebruiken de schattingen per segment van {inUse} (achtergehouden, per groep {gapInUse} ernaast): een eigen schatting per segment laat al zijn parameters verschillen, waar een covariaat er twee verschuift.',
  },
  valuesNotOnCloser: {
    en: 'The fit with covariates is closer on the held-out weeks group by group ({gapWith} against {gapInUse} for {inUse}’s per-segment fits), yet the lifetime values stay on the per-segment fits: Worth does not compute lifetime values and their intervals from a covariate fit yet, so use this comparison as a signal, not as the value.',
    nl: 'De schatting met covariaten zit per groep dichter bij de achtergehouden weken ({gapWith} tegen {gapInUse} voor de schattingen per segment van {inUse}), toch blijven de klantwaarden op de schattingen per segment: Worth berekent nog geen klantwaarden en intervallen uit een schatting met covariaten, dus lees deze vergelijking als signaal, niet als de waarde.',
  },
} satisfies Catalogue;

/** A stored comparison as the sentence needs it (`clv_model_choice.covariates`). */
export interface CovariateFacts {
  model: string;
  names: readonly string[];
  reference: Readonly<Record<string, string>>;
  params: Readonly<Record<string, number>>;
  standardErrors: Readonly<Record<string, number | null>>;
  better: string;
  with: { bic: number; holdoutGroupGap: number | null; degenerate: boolean };
  without: { bic: number; holdoutGroupGap: number | null };
  /** The model whose per-segment fits give the lifetime values, and its held-out group gap (absent in runs stored before it was kept). */
  inUse?: { model: string; holdoutGroupGap: number | null };
}

/**
 * Which fits the lifetime values rest on, said beside the comparison: always the chosen model's
 * per-segment fits; when the covariate fit wins and is closer group by group held out, that it
 * is not used and why. '' for a run stored before the model in use was kept.
 */
export function covariateValuesText(lang: Lang, c: CovariateFacts, name: (id: string) => string): string {
  if (!c.inUse) return '';
  const share = (v: number | null) =>
    v === null || !Number.isFinite(v) ? 'n/a' : `${significant(Math.round(v * 1000) / 10, lang)}%`;
  const vars = {
    inUse: name(c.inUse.model),
    gapInUse: share(c.inUse.holdoutGroupGap),
    gapWith: share(c.with.holdoutGroupGap),
  };
  const closer =
    c.better === 'covariates' &&
    c.with.holdoutGroupGap !== null &&
    c.inUse.holdoutGroupGap !== null &&
    c.with.holdoutGroupGap < c.inUse.holdoutGroupGap;
  return fill(COVARIATE_WORDS[closer ? 'valuesNotOnCloser' : 'valuesOnSegments'][lang], vars);
}

/** One sentence per model; `name` gives a model's usual name. Never NaN: a missing figure is `n/a`. */
export function covariateComparisonText(lang: Lang, c: CovariateFacts, name: (id: string) => string): string {
  const w = (key: keyof typeof COVARIATE_WORDS, vars: Record<string, string> = {}) =>
    fill(COVARIATE_WORDS[key][lang], vars);
  const num = (v: number | null | undefined) =>
    typeof v === 'number' && Number.isFinite(v) ? significant(v, lang) : 'n/a';
  // BIC to one decimal: two BICs apart by hundreds look the same with three significant digits
  const bic = (v: number) => (Number.isFinite(v) ? textNumbers(lang).fixed(v, 1) : 'n/a');
  const share = (v: number | null) =>
    v === null || !Number.isFinite(v) ? 'n/a' : `${significant(Math.round(v * 1000) / 10, lang)}%`;
  const coefficients = Object.keys(c.params).flatMap((key) => {
    const m = /^(trans|life):(.*)$/.exec(key);
    if (!m) return [];
    return [
      w('coefficient', {
        process: w(m[1] === 'trans' ? 'purchase' : 'dropout'),
        name: m[2]!,
        value: num(c.params[key]),
        se: num(c.standardErrors[key]),
      }),
    ];
  });
  return (
    w('sentence', {
      model: name(c.model),
      names: c.names.join(', '),
      reference:
        Object.entries(c.reference)
          .map(([k, v]) => `${k} = ${v}`)
          .join(', ') || w('none'),
      bicWith: bic(c.with.bic),
      bicWithout: bic(c.without.bic),
      gapWith: share(c.with.holdoutGroupGap),
      gapWithout: share(c.without.holdoutGroupGap),
      verdict: w(c.with.degenerate ? 'degenerate' : c.better === 'covariates' ? 'better' : 'notBetter'),
      coefficients: coefficients.join(', ') || w('none'),
    }) + (c.inUse ? ` ${covariateValuesText(lang, c, name)}` : '')
  );
}
