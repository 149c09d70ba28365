/**
 * A foot total without a word (SAP's list total): the last record with its first field empty,
 * three quarters of its fields or more empty and the others numbers or a currency code. A data
 * line that only lacks its first value, and a line with a date, are not totals.
 */
import { describe, expect, it } from 'vitest';
import { isFootTotal } from '../../src/ingest/recordLines.ts';
import type { SourceFormat } from '../../src/workspace/index.ts';

const csv = { delimiter: ',', quote: '"' } as SourceFormat;

describe('isFootTotal', () => {
  it('takes a sum row with a quoted thousands amount and a currency code', () => {
    expect(isFootTotal(',,,,,,,,,,"1,298,901.95",,,GBP,,', csv)).toBe(true);
    expect(isFootTotal(',,,,,,,,"12,345.67-",,,,', csv)).toBe(true);
    expect(isFootTotal(';;;;;;€ 1.234,56;;', { delimiter: ';', quote: '"' } as SourceFormat)).toBe(true);
  });
  it('leaves data lines alone: a first value, text, too many values, a date, no number', () => {
    expect(isFootTotal('90004001,,,,,,,,,,"1,298.95",,,GBP,,', csv)).toBe(false);
    expect(isFootTotal(',,,,,,,,,,"1,298.95",,,GBP,,Leeds', csv)).toBe(false);
    expect(isFootTotal(',10,F2,05.03.2025,100017,,,,4,EA,"1,298.95",,', csv)).toBe(false);
    expect(isFootTotal(',,,05.03.2025,,,,,,,"1,298.95",,,,,', csv)).toBe(false);
    expect(isFootTotal(',,,,,,,,,,,,,GBP,,', csv)).toBe(false);
    expect(isFootTotal(',12.5', csv)).toBe(false);
  });
});
