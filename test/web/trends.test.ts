/**
 * End to end in a real headless Chromium on the hand-built company of test/profit: the Trends
 * page and a customer's trend show the months and quarters worked out by hand in
 * test/profit/monthly.test.ts, and their totals equal the year's customer P&L to the cent.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { toScaled, fromScaled } from '../../src/core/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

const ARTIFACTS = path.resolve('test-artifacts/web');

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = await ingested();
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The `data-contribution` of each shown period row, and of the total row. */
async function shown(prefix: string): Promise<{ rows: string[]; total: string }> {
  await page.getByTestId(`${prefix}-total`).waitFor();
  const rows = await page
    .getByTestId(`${prefix}-row`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-contribution') ?? ''));
  const total = (await page.getByTestId(`${prefix}-total`).getAttribute('data-contribution')) ?? '';
  return { rows, total };
}

const sum = (values: string[]) => fromScaled(values.reduce((a, v) => a + toScaled(v), 0n));

describe('the Trends page in headless Chromium', () => {
  it('shows the company by quarter, adding up to the year to the cent', async () => {
    await page.goto(`${server.url}/#/trends?grain=quarter`);
    const { rows, total } = await shown('trend');
    // Q1: C1 20.00 + C2 -91.93 + C3 (-25 - 25 + 562.18) = 440.25; Q2, Q3: C3 3 x -25; Q4: -25 - 25 - 125 (rebate).
    expect(rows).toEqual(['440.25', '-75.00', '-75.00', '-175.00']);
    expect(sum(rows)).toBe(total);
    // The year's contribution of the customer P&L (test/profit/pnl.test.ts): 20 - 91.93 + 187.18.
    expect(total).toBe('115.25');
    await expect(page.getByTestId('trend-total').textContent()).resolves.toContain(
      formatMoney('115.25', 'nl', 'EUR'),
    );
    await expect(page.getByTestId('trend-grain-quarter').textContent()).resolves.toBe('Per kwartaal');
    await page.screenshot({ path: path.join(ARTIFACTS, 'trends-nl.png'), fullPage: true });
  });

  it('switches to months and to one segment, keeping the view in the address', async () => {
    await page.getByTestId('trend-grain-month').click();
    await page.locator('[data-testid=trend-row]').nth(11).waitFor();
    const months = await shown('trend');
    expect(months.rows).toHaveLength(12);
    expect(months.rows[0]).toBe('-5.00'); // January: C1 20.00 and C3 -25.00
    expect(months.total).toBe('115.25');
    await page.getByTestId('trend-segment').selectOption('Retail');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=trend-row]').length === 2);
    const retail = await shown('trend');
    expect(retail.rows).toEqual(['20.00', '-91.93']);
    expect(retail.total).toBe('-71.93');
    expect(page.url()).toContain('#/trends?segment=Retail');
  });

  it('shows the cohort table of contribution', async () => {
    const rows = page.getByTestId('cohort-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    // C3's cohort (first order in March): month 0 holds January, February and March: -25 - 25 + 562.18.
    await expect(rows.nth(2).textContent()).resolves.toContain(formatMoney('512.18', 'nl', 'EUR'));
  });

  it("shows a customer's trend on the customer page, its total equal to the waterfall's contribution", async () => {
    await page.goto(`${server.url}/#/customers/C3`);
    const months = await shown('customer-trend');
    expect(months.rows).toHaveLength(12);
    expect(months.total).toBe('187.18');
    expect(sum(months.rows)).toBe('187.18');
    await expect(page.getByTestId('customer-contribution').textContent()).resolves.toBe(
      formatMoney('187.18', 'nl', 'EUR'),
    );
    await page.getByTestId('customer-trend-grain-quarter').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=customer-trend-row]').length === 4,
    );
    expect((await shown('customer-trend')).rows).toEqual(['512.18', '-75.00', '-75.00', '-175.00']);
  });

  it('speaks English after the switch, and the console stays clean', async () => {
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('customer-trend-grain-quarter').textContent()).resolves.toBe('By quarter');
    await page.goto(`${server.url}/#/trends`);
    await page.getByTestId('trend-total').waitFor();
    await expect(page.getByTestId('nav-trends').textContent()).resolves.toBe('Trends');
    await page.screenshot({ path: path.join(ARTIFACTS, 'trends-en.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
