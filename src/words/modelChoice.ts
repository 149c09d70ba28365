/**
 * Why a lifetime-value run chose its purchase model, said in the reader's language from the
 * stored choice (its basis and every candidate's figures), so the CLI, the dashboard and the
 * report give the same sentence in Dutch or English. The run also stores the English sentence
 * (`reason`) for `--json` and older readers.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { textNumbers } from './textNumbers.ts';

/** The words of the sentence. */
export const MODEL_CHOICE_WORDS = {
  option: {
    en: 'as asked with --model (holdout error {error}, BIC {bic})',
    nl: 'zoals gevraagd met --model (afwijking op de achtergehouden weken {error}, BIC {bic})',
  },
  holdout: {
    en: 'closest to the {weeks} held-out weeks (expected {expected} repeat purchases, {actual} happened, {error}){others}{tie}',
    nl: 'het dichtst bij de {weeks} achtergehouden weken (verwacht {expected} herhaalaankopen, er waren er {actual}, {error}){others}{tie}',
  },
  others: { en: '; {list}', nl: '; {list}' },
  degenerate: { en: ' (degenerate)', nl: ' (onbepaald)' },
  tie: {
    en: '; tied within {points} points with {models}, lower BIC',
    nl: '; gelijk binnen {points} procentpunt met {models}, lagere BIC',
  },
  bic: {
    en: 'lowest BIC ({bic}); the period is too short for a holdout check',
    nl: 'laagste BIC ({bic}); de periode is te kort voor een toets op achtergehouden weken',
  },
} satisfies Catalogue;

/** A stored choice as the sentence needs it. */
export interface ModelChoiceFacts {
  model: string;
  basis: string;
  candidates: readonly {
    model: string;
    bic: number;
    degenerate: boolean;
    holdout: { weeks: number; expected: number; actual: number; error: number | null } | null;
  }[];
}

/**
 * Why the model was chosen, in one sentence without the model's own name (the caller says
 * which model: "Why MBG/NBD: closest to ..."); `name` gives a model's usual name (BG/NBD), `tie` the holdout
 * errors (as shares) that count as equal. Null for a basis this version does not know.
 */
export function modelChoiceText(
  lang: Lang,
  c: ModelChoiceFacts,
  name: (id: string) => string,
  tie: number,
): string | null {
  const n = textNumbers(lang);
  const w = (key: keyof typeof MODEL_CHOICE_WORDS, vars: Record<string, string> = {}) =>
    fill(MODEL_CHOICE_WORDS[key][lang], vars);
  const signed = (e: number | null) => (e === null ? n.pct(null) : `${e > 0 ? '+' : ''}${n.pct(e)}`);
  const pick = c.candidates.find((k) => k.model === c.model);
  if (!pick) return null;
  const bic = n.fixed(pick.bic, 1);
  switch (c.basis) {
    case 'option':
      return w('option', { error: signed(pick.holdout?.error ?? null), bic });
    case 'bic':
      return w('bic', { bic });
    case 'holdout': {
      const h = pick.holdout;
      if (!h) return null;
      const others = c.candidates
        .filter((k) => k !== pick)
        .map(
          (k) => `${name(k.model)} ${signed(k.holdout?.error ?? null)}${k.degenerate ? w('degenerate') : ''}`,
        );
      const tied =
        h.error === null
          ? []
          : c.candidates.filter(
              (k) =>
                k !== pick &&
                !k.degenerate &&
                k.holdout?.error != null &&
                Math.abs(k.holdout.error) <= Math.abs(h.error!) + tie,
            );
      return w('holdout', {
        weeks: n.int(Math.round(h.weeks)),
        expected: n.int(Math.round(h.expected)),
        actual: n.int(Math.round(h.actual)),
        error: signed(h.error),
        others: others.length ? w('others', { list: others.join(', ') }) : '',
        tie: tied.length
          ? w('tie', { points: n.fixed(tie * 100, 1), models: tied.map((k) => name(k.model)).join(', ') })
          : '',
      });
    }
    default:
      return null;
  }
}
