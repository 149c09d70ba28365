/**
 * The counts in `worth analyze`'s closing lines (voice of the customer, profitability matrix,
 * the most over-served segment) are written as every other count on the terminal: `1.159` in
 * Dutch, `1,159` in English (the demo's 2,000 customers printed `geen feedback 1159` beside
 * `verliesgevend: 1.157`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAnalysis, type AnalysisResult } from '../../src/profit/index.ts';
import { ingested, runAnalyze } from './fixture.ts';

let result: AnalysisResult;

beforeAll(async () => {
  result = await runAnalyze(await ingested());
}, 120_000);

/** The result with every quadrant's count (and the over-served segment's) in the thousands. */
function thousands(r: AnalysisResult): AnalysisResult {
  const big = (q: Record<string, number>) => Object.fromEntries(Object.keys(q).map((k, i) => [k, 1159 + i]));
  return {
    ...r,
    voiceOfCustomer: {
      ...r.voiceOfCustomer,
      quadrants: big(r.voiceOfCustomer.quadrants),
      mostOverServedSegment: { segment: 'Horeca', customers: 2024, share: 0.3 },
    },
    matrix: { ...r.matrix, quadrants: big(r.matrix.quadrants) },
  } as AnalysisResult;
}

describe("analyze's closing lines", () => {
  it('group the thousands of their counts as the language does', () => {
    const r = thousands(result);
    const nl = formatAnalysis(r, 'EUR', 'nl').split('\n');
    const voice = nl.find((l) => l.startsWith('stem van de klant:'))!;
    const matrix = nl.find((l) => l.startsWith('winstgevendheidsmatrix:'))!;
    const overServed = nl.find((l) => l.startsWith('meest overbediende segment:'))!;
    for (const line of [voice, matrix]) {
      expect(line, line).toMatch(/ 1\.159\b/);
      expect(line, line).not.toMatch(/\d{4}/);
    }
    expect(overServed).toContain('2.024');
    const en = formatAnalysis(r, 'EUR', 'en').split('\n');
    expect(en.find((l) => l.startsWith('voice of customer:'))).toMatch(/ 1,159\b/);
    expect(en.find((l) => l.startsWith('profitability matrix:'))).toMatch(/ 1,159\b/);
  });
});
