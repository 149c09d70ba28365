/**
 * Order lines dated outside the period worth.yaml sets load (ingest rejects only those more
 * than a year after its end) and count in every total, so analyze and the report say so, by
 * count and money (the stranger's reload added July lines after a period ending in June and
 * nothing said so). The hand-built company of test/profit with its period cut at 15 February:
 * O3's three lines of 1 March fall outside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import type { AnalysisResult } from '../../src/profit/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { ingested, runAnalyze, yaml } from '../profit/fixture.ts';

let inside: AnalysisResult;
let cut: AnalysisResult;
let reader: WorkspaceReader;

beforeAll(async () => {
  inside = await runAnalyze(await ingested());
  const dir = await ingested({ 'worth.yaml': yaml().replace('end: 2024-12-31', 'end: 2024-02-15') });
  cut = await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
});
afterAll(async () => {
  await reader?.close();
});

describe('order lines outside the period worth.yaml sets', () => {
  it('are none when the data lies inside it, and the data period is its first and last order date', () => {
    expect(inside.dataPeriod).toEqual({ start: '2024-01-10', end: '2024-03-01', outside: null });
    expect(inside.warnings.join(' ')).not.toContain('outside the period');
  });

  it('are counted with their net sales and dates, and warned about', () => {
    // O3: 1000 - 100 + 500 - 50 + 500 - 50 = 1800.00 net, all on 2024-03-01.
    expect(cut.dataPeriod?.outside).toEqual({
      lines: 3,
      netSales: '1800.00',
      first: '2024-03-01',
      last: '2024-03-01',
    });
    expect(cut.warnings.some((w) => w.startsWith('3 order lines (1800.00 net sales) dated 2024-03-01'))).toBe(
      true,
    );
  });

  it('are named in the report, in the language of the report', async () => {
    const nl = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(nl).toContain(
      `3 orderregels (${formatMoney('1800.00', 'nl', 'EUR', 0)} netto) van 1 mrt 2024 tot 1 mrt 2024 vallen erbuiten`,
    );
    const en = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(en).toContain(
      `3 order lines (${formatMoney('1800.00', 'en', 'EUR', 0)} net) dated 1 Mar 2024 to 1 Mar 2024 fall outside it`,
    );
  });
});
