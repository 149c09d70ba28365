/**
 * The report's note on an estimated cost of goods says what it covers: every line, those
 * without a customer included, where the P&L's cost of goods counts customers only. Figures
 * worked out by hand from test/profit/fixture.ts's ESTIMATED_FILES plus one line without a customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { ESTIMATED_COGS, ESTIMATED_FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';

let reader: WorkspaceReader;
beforeAll(async () => {
  const dir = await ingested({
    ...ESTIMATED_FILES,
    'worth.yaml': yaml(undefined, `${ESTIMATED_COGS}unattributed: load\n`),
    // O4: no customer, group B, 100.00 x 0.50 = 50.00 estimated.
    'data/order_lines.csv': `${ESTIMATED_FILES['data/order_lines.csv']}\nO4,1,,2024-03-05,B,1,100.00,0.00,,web shop`,
  });
  await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
});
afterAll(async () => {
  await reader?.close();
});

describe('the estimated cost-of-goods note', () => {
  it('covers every line, and says so; its figure is that scope', async () => {
    // Estimated: 67.50 + 25.00 + 675.00 + 225.00 + 225.00 + 50.00 (O4) = 1,267.50 sold,
    // less 19.82 + 62.50 = 82.32 recovered on returns: 1,185.18.
    // All cost of goods: 1,267.50 + 30.00 (O2, its own) - 82.32 = 1,215.18; 1,185.18 / 1,215.18 = 97.5%.
    // The P&L's cost of goods (customers only) leaves O4 out: 1,215.18 - 50.00 = 1,165.18.
    const summary = await reader.summary();
    expect(summary.totals.cogs).toBe('1165.18');
    const nl = await buildReport(reader, { lang: 'nl', date: '2026-01-15', workspace: 'hand' });
    expect(nl).toContain(
      `Geschat: 97,5% van de inkoopwaarde van alle regels, ook die zonder klant (${formatMoney('1185.18', 'nl', 'EUR', 0)}; de inkoopwaarde in de winst-en-verliesrekening telt alleen klanten)`,
    );
    const en = await buildReport(reader, { lang: 'en', date: '2026-01-15', workspace: 'hand' });
    expect(en).toContain(
      `Estimated: 97.5% of the cost of goods of all lines, those without a customer included (${formatMoney('1185.18', 'en', 'EUR', 0)}; the cost of goods in the P&L counts customers only)`,
    );
  });
});
