/**
 * A capacity overrun is told once, in the reader's language, with its figures: on the hand-built
 * company (test/costing/costing.test.ts) phone used 17 minutes of a capacity of 10, charged at
 * 50 / 17 = 2.9412 a minute instead of 50 / 10 = 5.0000. The stored English sentence stays in
 * the result (--json) for scripts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAnalysis, type AnalysisResult } from '../../src/profit/index.ts';
import { ingested, runAnalyze } from './fixture.ts';

let r: AnalysisResult;
beforeAll(async () => {
  r = await runAnalyze(await ingested());
});

describe('the capacity overrun warning', () => {
  it('is printed once, in Dutch, with the figures worked out by hand', () => {
    const text = formatAnalysis(r, 'EUR', 'nl');
    const lines = text.split('\n').filter((l) => l.includes('phone'));
    expect(lines.filter((l) => l.startsWith('waarschuwing'))).toEqual([
      'waarschuwing: activiteit phone: 17 minuten gebruikt, praktische capaciteit 10 (170,0%); de overschrijding van 7 minuten is doorbelast tegen het werkelijke tarief 2,9412 per minuut (pool / gebruikte minuten) in plaats van 5,0000, dus er is geen onbenutte capaciteit',
    ]);
    expect(text).not.toContain('minutes used');
  });
  it('in English too, and the result keeps the English sentence for --json', () => {
    const text = formatAnalysis(r, 'EUR', 'en');
    expect(text.split('\n').filter((l) => l.startsWith('warning: activity phone'))).toHaveLength(1);
    expect(text).toContain(
      'charged at the actual rate 2.9412 per minute (pool / minutes used) instead of 5.0000',
    );
    expect(r.warnings.some((w) => w.startsWith('activity phone: 17 minutes used'))).toBe(true);
  });
});
