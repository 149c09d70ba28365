// Why a purchase model was chosen, said from the stored choice in Dutch and English: the
// sentences are written out by hand here, from the figures below.
import { describe, expect, it } from 'vitest';
import { clvModelLabel, HOLDOUT_TIE } from '../../src/core/index.ts';
import { modelChoiceText, type ModelChoiceFacts } from '../../src/words/index.ts';

const holdout = (expected: number, actual: number) => ({
  weeks: 52,
  expected,
  actual,
  error: (expected - actual) / actual,
});

const byHoldout: ModelChoiceFacts = {
  model: 'mbgnbd',
  basis: 'holdout',
  candidates: [
    { model: 'bgnbd', bic: 10234.56, degenerate: false, holdout: holdout(1070, 1000) },
    { model: 'mbgnbd', bic: 10230.04, degenerate: false, holdout: holdout(1024, 1000) },
    { model: 'pareto-nbd', bic: 10250, degenerate: true, holdout: holdout(1027, 1000) },
  ],
};

describe('the model choice, in words', () => {
  it('by the holdout check: the figures, the other candidates, a degenerate one marked', () => {
    expect(modelChoiceText('en', byHoldout, clvModelLabel, HOLDOUT_TIE)).toBe(
      'closest to the 52 held-out weeks (expected 1,024 repeat purchases, 1,000 happened, +2.4%); BG/NBD +7.0%, Pareto/NBD +2.7% (degenerate)',
    );
    expect(modelChoiceText('nl', byHoldout, clvModelLabel, HOLDOUT_TIE)).toBe(
      'het dichtst bij de 52 achtergehouden weken (verwacht 1.024 herhaalaankopen, er waren er 1.000, +2,4%); BG/NBD +7,0%, Pareto/NBD +2,7% (onbepaald)',
    );
  });

  it('names a tie within half a point (a degenerate candidate never ties)', () => {
    const tied: ModelChoiceFacts = {
      ...byHoldout,
      candidates: byHoldout.candidates.map((c) =>
        c.model === 'bgnbd' ? { ...c, holdout: holdout(980, 1000) } : c,
      ),
    };
    expect(modelChoiceText('en', tied, clvModelLabel, HOLDOUT_TIE)).toBe(
      'closest to the 52 held-out weeks (expected 1,024 repeat purchases, 1,000 happened, +2.4%); BG/NBD -2.0%, Pareto/NBD +2.7% (degenerate); tied within 0.5 points with BG/NBD, lower BIC',
    );
  });

  it('by BIC when the period is too short, and as asked with --model', () => {
    const bic: ModelChoiceFacts = {
      model: 'bgnbd',
      basis: 'bic',
      candidates: [{ model: 'bgnbd', bic: 1234.5, degenerate: false, holdout: null }],
    };
    expect(modelChoiceText('nl', bic, clvModelLabel, HOLDOUT_TIE)).toBe(
      'laagste BIC (1.234,5); de periode is te kort voor een toets op achtergehouden weken',
    );
    const forced: ModelChoiceFacts = { ...byHoldout, model: 'pareto-nbd', basis: 'option' };
    expect(modelChoiceText('en', forced, clvModelLabel, HOLDOUT_TIE)).toBe(
      'as asked with --model (holdout error +2.7%, BIC 10,250.0)',
    );
  });

  it('says nothing for a basis it does not know, so the caller keeps the stored sentence', () => {
    expect(modelChoiceText('en', { ...byHoldout, basis: 'later' }, clvModelLabel, HOLDOUT_TIE)).toBeNull();
  });
});
