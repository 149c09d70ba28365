/** Model parameters in the report: significant digits, never `0,000` for a small estimate. */
import { describe, expect, it } from 'vitest';
import { significant } from '../../src/report/valueSections.ts';

describe('significant', () => {
  it('three significant digits in the normal range, scientific with two outside it', () => {
    // Worked by hand: 9.04e-6 -> 9.0e-6; 0.4312 -> 0.431; 45.03 -> 45.0 (trailing zero dropped); 22,600,000 -> 2.3e7.
    expect(significant(9.04e-6, 'nl')).toBe('9,0e-6');
    expect(significant(9.04e-6, 'en')).toBe('9.0e-6');
    expect(significant(0.4312, 'nl')).toBe('0,431');
    expect(significant(45.03, 'en')).toBe('45');
    expect(significant(1234.5, 'nl')).toBe('1.230');
    expect(significant(2.26e7, 'en')).toBe('2.3e7');
    expect(significant(-0.0005, 'en')).toBe('-5.0e-4');
    expect(significant(0, 'nl')).toBe('0');
  });
});
