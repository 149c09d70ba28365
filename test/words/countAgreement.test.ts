/**
 * A count's verb agrees with it: the catalogue's `{n|one|many}` carries the verb with the noun
 * where a sentence needs it (the Dutch "1 retour nemen" was written for every count).
 */
import { describe, expect, it } from 'vitest';
import { cliWord, DASHBOARD_WORDS, fill } from '../../src/words/index.ts';

describe('a count and its verb', () => {
  it('one return takes, three returns take (Dutch and English)', () => {
    expect(cliWord('nl', 'estimatedReturns', { n: '1' })).toMatch(/^1 retour neemt een geschatte/);
    expect(cliWord('nl', 'estimatedReturns', { n: '3' })).toMatch(/^3 retouren nemen een geschatte/);
    expect(cliWord('en', 'estimatedReturns', { n: '1' })).toMatch(/^1 return takes back/);
    expect(cliWord('en', 'estimatedReturns', { n: '3' })).toMatch(/^3 returns take back/);
  });
  it('one order line has, two order lines have', () => {
    expect(cliWord('nl', 'estimatedLines', { n: '1' })).toMatch(/^1 orderregel heeft een geschatte/);
    expect(cliWord('nl', 'estimatedLines', { n: '2' })).toMatch(/^2 orderregels hebben een geschatte/);
    expect(cliWord('en', 'estimatedLines', { n: '1' })).toMatch(/^1 order line has an estimated/);
    expect(cliWord('en', 'estimatedLines', { n: '2' })).toMatch(/^2 order lines have an estimated/);
  });
  it('no "hun verkoop" after one return: the sale is named without a possessive', () => {
    expect(cliWord('nl', 'estimatedReturns', { n: '1' })).toBe(
      '1 retour neemt een geschatte inkoopwaarde terug, tegen het tarief van de teruggenomen verkoop.',
    );
    expect(cliWord('en', 'estimatedReturns', { n: '1' })).toBe(
      '1 return takes back an estimated cost of goods, at the rate of the sale it returns.',
    );
  });
  it('the init preview: one line would load, two lines would load', () => {
    const vars = { table: 'order_lines', read: '1', loaded: '1', unattributed: '', rejected: '0' };
    expect(cliWord('nl', 'wouldLoad', vars)).toBe('order_lines: 1 regel gelezen, 1 zou laden, 0 afgewezen');
    expect(cliWord('nl', 'wouldLoad', { ...vars, read: '2', loaded: '2' })).toBe(
      'order_lines: 2 regels gelezen, 2 zouden laden, 0 afgewezen',
    );
    expect(cliWord('en', 'wouldLoad', vars)).toBe('order_lines: 1 line read, 1 would load, 0 rejected');
  });
  it("the dashboard's loss drivers: (1 klant), (2 klanten)", () => {
    const vars = { line: 'Brutomarge', gap: '€ 20', n: '1' };
    expect(fill(DASHBOARD_WORDS.lossDriver.nl, vars)).toBe('Brutomarge: € 20 (1 klant)');
    expect(fill(DASHBOARD_WORDS.lossDriver.nl, { ...vars, n: '2' })).toBe('Brutomarge: € 20 (2 klanten)');
    expect(fill(DASHBOARD_WORDS.lossDriver.en, { ...vars, line: 'Gross margin', n: '1' })).toBe(
      'Gross margin: € 20 (1 customer)',
    );
  });
  it('a covariate level with one customer, a CLV group of one', () => {
    const level = { column: 'country', level: 'BE', n: '1', reference: 'NL' };
    expect(cliWord('nl', 'clvCovariateFolded', level)).toContain('heeft 1 klant, te weinig');
    expect(cliWord('en', 'clvCovariateFolded', level)).toContain('has 1 customer, too few');
    expect(cliWord('nl', 'clvSegmentUndetermined', { name: 'BE', customers: '1' })).toBe(
      '  BE: 1 klant, geen klantwaarde bepaald',
    );
  });
});
