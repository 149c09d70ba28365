/**
 * With no loss-makers the report does not say "the rest give part of it back": on the hand-built
 * company without a cost model every customer has a positive gross margin (C1 55.00, C2 10.00,
 * C3 700.00, worked out in test/profit/pnl.test.ts), so one sentence says none loses money.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { ingested, runAnalyze, yaml } from '../profit/fixture.ts';

let reader: WorkspaceReader;
beforeAll(async () => {
  const dir = await ingested({ 'worth.yaml': yaml('') });
  await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
});
afterAll(async () => {
  await reader?.close();
});

describe('a report with no loss-makers', () => {
  it('says every customer contributes, in both languages, and not that the rest give some back', async () => {
    const nl = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(nl).toContain('Geen klant is verliesgevend na de kosten van bediening: alle 3 klanten dragen bij');
    expect(nl).not.toContain('de rest geeft een deel terug');
    const en = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(en).toContain('No customer loses money after the cost of serving it: all 3 customers contribute');
    expect(en).not.toContain('the rest give part of it back');
  });
});
