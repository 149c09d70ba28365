import { describe, expect, it } from 'vitest';
import { fromScaled, normaliseMoney, sumMoney, toScaled } from '../../src/core/index.ts';

describe('exact money', () => {
  it('adds decimal strings without float error', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floats.
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['-1.05', '1', '0.05'])).toBe('0.00');
    expect(sumMoney(['99999999999999.99', '0.01'])).toBe('100000000000000.00');
  });
  it('round-trips scaled units', () => {
    expect(toScaled('-0.07')).toBe(-7n);
    expect(fromScaled(-7n)).toBe('-0.07');
    expect(fromScaled(5n, 0)).toBe('5');
    expect(normaliseMoney('3.1')).toBe('3.10');
  });
  it('refuses to lose digits', () => {
    expect(() => toScaled('1.005')).toThrow(/more than 2 decimals/);
    expect(toScaled('1.000')).toBe(100n);
    expect(() => toScaled('1,5')).toThrow(/not an exact decimal/);
  });
});
