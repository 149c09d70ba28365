/**
 * The report says what the figures rest on: a finding counts the lines read, rejected and left out
 * by worth.yaml's rules, and the data page at the end gives per table the rows and money read,
 * loaded and rejected, the rule's lines with their money, and each reject reason with its first
 * line, in the report's language. Figures worked out by hand from the file below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { STATUS_ORDERS_CSV, statusOrdersWorkspace, statusOrdersYaml } from '../fixtures/statusOrders.ts';
import { runAnalyze } from '../profit/fixture.ts';

// The export of test/fixtures/statusOrders.ts (lines 2-8) and two broken lines. Kept: A1
// (2 x 10.00 + 1 x 5.50 = 25.50) and A4's credit line (1 x 10.00 returned). Left out by the rule:
// A2 (3 x 7.00 + 1 x 1.00 = 22.00, lines 4-5) and A3 (100.00, line 6) as order lines, 122.00 net;
// A5's credit line (2 x 4.00 = 8.00, line 8) as a return. Rejected: line 9 (quantity "twee") and
// line 10 (date 2024-02-30), both order lines.
const CSV = `${STATUS_ORDERS_CSV}A6,completed,2024-01-07,C1,twee,3.00
A7,completed,2024-02-30,C2,1,3.00
`;
const RULE = "in_list(lower(Status), 'cancelled', 'geannuleerd')";

let reader: WorkspaceReader;
beforeAll(async () => {
  const dir = statusOrdersWorkspace(statusOrdersYaml(RULE, { language: 'nl', maxRejectedShare: 0.5 }), CSV);
  await ingestWorkspace(loadWorkspace(dir));
  await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
});
afterAll(async () => {
  await reader?.close();
});

/** The report's text without tags, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe("the report's data page", () => {
  it('counts the lines rejected and left out in the findings, in Dutch and English', async () => {
    const nl = text(
      await buildReport(reader, { currency: 'EUR', lang: 'nl', date: '2026-01-15', workspace: 'q' }),
    );
    expect(nl).toContain(
      'In geen enkel cijfer van dit rapport: afgekeurde regels: 2; regels uitgesloten door uw regels in worth.yaml: 4',
    );
    const en = text(
      await buildReport(reader, { currency: 'EUR', lang: 'en', date: '2026-01-15', workspace: 'q' }),
    );
    expect(en).toContain(
      'In no figure of this report: lines rejected: 2; lines left out by your rules in worth.yaml: 4',
    );
  });

  it('gives per table what was read, loaded and rejected, the rule with its money, and each reason with its line', async () => {
    const nl = text(
      await buildReport(reader, { currency: 'EUR', lang: 'nl', date: '2026-01-15', workspace: 'q' }),
    );
    const page = nl.slice(nl.lastIndexOf('Datakwaliteit'));
    const m = (v: string) => formatMoney(v, 'nl', 'EUR').replace(/\s+/g, ' ');
    // Order lines: 2 kept + 2 rejected read (the rule's lines are not read into the table).
    expect(page).toMatch(/order_lines orders\.csv 4 2 2 cogs_amount/);
    // Every line has a customer: no column or note for lines without one.
    expect(page).not.toContain('Zonder klant');
    expect(page).toContain(
      `order_lines (orders.csv): 3 regels (${m('122.00')}) uitgesloten door uw regel \`in_list(lower(Status), 'cancelled', 'geannuleerd')\``,
    );
    expect(page).toContain(`returns (orders.csv): 1 regel (${m('8.00')}) uitgesloten`);
    expect(page).toContain('orders.csv regel 9, kolom Qty: “twee”');
    expect(page).toContain('orders.csv regel 10, kolom Date: “2024-02-30”');
    // The amount read is the kept and the rejected lines' gross: 25.50 + line 10's 3.00 (line 9 has none).
    expect(page).toContain(`gross_amount ${m('28.50')} ${m('25.50')} ${m('3.00')}`);
    // Tables without a file or a line (no shipments here) are left out of the page.
    expect(page).not.toContain('shipments');
  });
});
