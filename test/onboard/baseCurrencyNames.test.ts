/** Which column names say an amount is in the base currency (currency.ts `baseName`), worked out by hand. */
import { describe, expect, it } from 'vitest';
import { baseName } from '../../src/onboard/currency.ts';

describe('base-currency amount names', () => {
  it('reads a code among the file’s currencies, base/functional words, a reporting-currency mark', () => {
    const codes = ['GBP', 'USD', 'EUR'];
    expect(baseName('Net (GBP)', codes)).toEqual({ stripped: 'Net', code: 'GBP' });
    expect(baseName('Line Amount USD', codes)).toEqual({ stripped: 'Line Amount', code: 'USD' });
    expect(baseName('Amount (base currency)', codes)).toEqual({ stripped: 'Amount' });
    expect(baseName('Functional Amount', codes)).toEqual({ stripped: 'Amount' });
    expect(baseName('BASECURRENCYTOTAL', codes)).toEqual({ stripped: 'TOTAL' });
    expect(baseName('Net (RC)', codes)).toEqual({ stripped: 'Net' });
    // A code the file does not use, or a plain amount, says nothing about the base currency.
    expect(baseName('Net (CHF)', codes)).toBeUndefined();
    expect(baseName('Net', codes)).toBeUndefined();
    expect(baseName('Unit Price', codes)).toBeUndefined();
  });
});
