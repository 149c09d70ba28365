/**
 * The data-quality page of a workspace made from one export (customers and order lines only, no
 * shipments, contacts, invoices, rebates or feedback), in headless Chromium: it lists the tables
 * that were read, as the report's data page does; the five tables the workspace has no file for
 * showed as rows of zeros with an empty file column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { FILES, ingested, runAnalyze } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  const yaml = [
    'company: Test B.V.',
    'language: en',
    'period: { start: 2024-01-01, end: 2024-12-31 }',
    'sources:',
    '  customers:',
    '    file: data/customers.csv',
    '  order_lines:',
    '    file: data/order_lines.csv',
    '',
  ].join('\n');
  const dir = await ingested({
    'worth.yaml': yaml,
    'data/customers.csv': FILES['data/customers.csv']!,
    'data/order_lines.csv': FILES['data/order_lines.csv']!,
  });
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the data-quality page of a workspace with two sources', () => {
  it('lists the tables that were read, not the ones the workspace has no file for', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}#/data-quality`);
    await page.getByTestId('dq-source-order_lines').waitFor();
    const rows = await page
      .locator('[data-testid^="dq-source-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rows.filter((r) => r !== 'dq-sources-table')).toEqual([
      'dq-source-customers',
      'dq-source-order_lines',
    ]);
  });
});
