// A lifetime-value warning stored as data ({code, vars}) is said in the reader's language: each
// sentence below is written out by hand (numbers in each language's own notation), so a wrong
// placeholder, a missing Dutch text or an English number format in Dutch fails here.
import { describe, expect, it } from 'vitest';
import {
  clvWarningText,
  storedClvWarningText,
  type ClvWarningData,
  type StoredClvWarning,
} from '../../src/words/index.ts';

const cases: { data: ClvWarningData; en: string; nl: string }[] = [
  {
    data: { code: 'edge', vars: { param: 'b', value: 2e5 } },
    en: 'b = 200,000 is at the edge of the parameter space: the data do not identify this model well (too few customers or purchases?)',
    nl: 'b = 200.000 ligt aan de rand van de parameterruimte: de data bepalen dit model slecht (te weinig klanten of aankopen?)',
  },
  {
    data: { code: 'noStandardError', vars: { param: 'alpha' } },
    en: 'no standard error for alpha: the log-likelihood is flat or not concave there',
    nl: 'geen standaardfout voor alpha: de log-aannemelijkheid is daar vlak of niet concaaf',
  },
  {
    data: { code: 'standardErrorLarge', vars: { param: 'a', value: 0.512, standardError: 1.25 } },
    en: 'the standard error of a (1.25) is larger than the estimate (0.512): the data hardly pin it down',
    nl: 'de standaardfout van a (1,25) is groter dan de schatting (0,512): de data leggen haar nauwelijks vast',
  },
  {
    data: { code: 'notConverged', vars: { stop: 'lineSearch' } },
    en: 'the optimiser did not converge (the line search found no lower point)',
    nl: 'de optimalisatie is niet geconvergeerd (de lijnzoektocht vond geen lager punt)',
  },
  {
    data: { code: 'fewRepeatBuyers', vars: { repeat: 3, customers: 1000, min: 10, minShare: 0.01 } },
    en: 'only 3 of 1,000 customers (0.3%) bought more than once: too few repeat buyers to pin down the purchase model (at least 10 and 1% wanted)',
    nl: 'maar 3 van 1.000 klanten (0,3%) kochten meer dan eens: te weinig terugkerende kopers om het aankoopmodel vast te leggen (minstens 10 en 1% nodig)',
  },
  {
    // 134.6 expected against 161: (134.6 − 161) / 161 = −16.4%
    data: {
      code: 'holdoutMiss',
      vars: {
        expected: 134.6,
        weeks: 52,
        actual: 161,
        error: (134.6 - 161) / 161,
        limit: 0.15,
        customers: 9,
      },
    },
    en: "the model expected 135 repeat purchases in the 52 held-out weeks and 161 happened (-16.4%, beyond ±15%, more than chance gives for a group of its size): do not act on this group's lifetime values alone (9 customers in the check)",
    nl: 'het model verwachtte 135 herhaalaankopen in de 52 achtergehouden weken en er gebeurden er 161 (-16,4%, buiten ±15%, meer dan toeval geeft bij een groep van deze omvang): handel niet alleen op de klantwaarde van deze groep (9 klanten in de controle)',
  },
  {
    data: { code: 'groupFallback', vars: {} },
    en: 'its own fit fails (no maximum inside the parameter space), so the pooled fit stands in',
    nl: 'een eigen schatting lukt niet (geen maximum binnen de parameterruimte), dus de gepoolde schatting vervangt haar',
  },
];

describe('a CLV warning said from its code and values', () => {
  for (const c of cases)
    it(`${c.data.code}, in English and Dutch`, () => {
      expect(clvWarningText('en', c.data)).toBe(c.en);
      expect(clvWarningText('nl', c.data)).toBe(c.nl);
    });

  it('a value that was not finite (stored as null by JSON) reads "n/a", never NaN or Infinity', () => {
    const stored = JSON.parse(
      JSON.stringify({ code: 'edge', vars: { param: 'r', value: Infinity } }),
    ) as ClvWarningData;
    expect(clvWarningText('en', stored)).toMatch(/^r = n\/a is at the edge/);
    expect(clvWarningText('nl', stored)).toMatch(/^r = n\.v\.t\. ligt aan de rand/);
  });

  it("a group's holdout miss, shown with the pooled fit, names its group first; a fit's own problem does not", () => {
    const miss: StoredClvWarning = {
      about: 'group',
      model: 'mbgnbd',
      column: 'segment',
      group: 'Key accounts',
      ...cases[5]!.data,
    };
    expect(storedClvWarningText('nl', miss)).toBe(`mbgnbd voor segment Key accounts: ${cases[5]!.nl}`);
    expect(storedClvWarningText('en', miss)).toBe(`mbgnbd for segment Key accounts: ${cases[5]!.en}`);
    const edge: StoredClvWarning = { about: 'purchase', model: 'bgnbd', ...cases[0]!.data };
    expect(storedClvWarningText('nl', edge)).toBe(cases[0]!.nl);
  });
});
