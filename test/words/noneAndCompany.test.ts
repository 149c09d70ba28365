/**
 * A customer without a segment is "(geen)" in a Dutch report and "(none)" in an English one;
 * a worth.yaml without `company` shows no company name (never the folder's name).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';

let dir: string;
let reader: WorkspaceReader;
beforeAll(async () => {
  // C3 has no segment; the worth.yaml names no company.
  dir = await ingested({
    'worth.yaml': yaml().replace('company: Test B.V.\n', ''),
    'data/customers.csv': FILES['data/customers.csv']!.replace('C3,Gamma,Key accounts,', 'C3,Gamma,,'),
  });
  await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
});
afterAll(async () => {
  await reader?.close();
});

/** The segment table's first cells (the rows of the report's "segments" section). */
function segmentCells(html: string, heading: string): string[] {
  const start = html.indexOf(`<h2>${heading}</h2>`);
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/<tr><td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!);
}

describe('a customer without a segment, and no company', () => {
  it('the Dutch report says "(geen)", the English "(none)"', async () => {
    const nl = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
    });
    const en = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(segmentCells(nl, 'Segmenten').sort()).toEqual(['(geen)', 'Retail']);
    expect(segmentCells(en, 'Segments').sort()).toEqual(['(none)', 'Retail']);
    expect(nl).not.toContain('(none)');
  });

  it("no company in worth.yaml: none in the settings, the title is the report's own", async () => {
    expect(loadWorkspace(dir).config.company).toBeUndefined();
    const html = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(html).toContain('<title>Rapport klantwinstgevendheid</title>');
    expect(html).not.toContain(path.basename(dir));
  });
});
