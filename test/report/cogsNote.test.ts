/**
 * The report's note on an estimated cost of goods has the scope of the figure it marks: the
 * P&L's cost of goods (customers' lines, net of what returns take back), never more. Figures
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
  it("has the P&L's scope: customers' lines net of returns, the figure it marks", async () => {
    // Estimated on customers' lines: 67.50 + 25.00 + 675.00 + 225.00 + 225.00 = 1,217.50 sold,
    // less 19.82 + 62.50 = 82.32 recovered on returns: 1,135.18 (O4, no customer, is not in the P&L).
    // The P&L's cost of goods: 1,217.50 + 30.00 (O2, its own) - 82.32 = 1,165.18;
    // 1,135.18 / 1,165.18 = 97.43%, shown as 97.4%.
    const summary = await reader.summary();
    expect(summary.totals.cogs).toBe('1165.18');
    expect(summary.cogsEstimate?.amount).toBe('1135.18');
    const nl = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(nl).toContain(
      `Geschat: 97,4% van de inkoopwaarde in de winst-en-verliesrekening (${formatMoney('1135.18', 'nl', 'EUR', 0)}: regels van klanten, na wat retouren terugnemen)`,
    );
    const en = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(en).toContain(
      `Estimated: 97.4% of the cost of goods in the P&L (${formatMoney('1135.18', 'en', 'EUR', 0)}: customers' lines, net of what returns take back)`,
    );
  });
});
