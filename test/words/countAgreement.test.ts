/**
 * A count's verb agrees with it: the catalogue's `{n|one|many}` carries the verb with the noun
 * where a sentence needs it (the Dutch "1 retour nemen" was written for every count).
 */
import { describe, expect, it } from 'vitest';
import { cliWord } from '../../src/words/index.ts';

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
});
