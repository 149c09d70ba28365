/**
 * Global filters in a real headless Chromium, on the hand-built company of test/profit (its
 * months in test/profit/monthly.test.ts): set a period and a region in the filter bar, move
 * between pages, reload the address, step back; the filters hold, the overview and the
 * customer list agree, and pages the filters cannot narrow say so, in Dutch and in English.
 *   February to March in Zuid: C2 -91.93 (February); C3 -25.00 (February) + 562.18 (March) = 537.18;
 *   together 445.25 of contribution.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { DASHBOARD_WORDS } from '../../src/words/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  const dir = await ingested();
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The customer ids and contributions the list shows, once it has loaded. */
async function listed(): Promise<string[]> {
  await page.locator('[data-testid=customer-table][data-state=ready]').waitFor();
  return page
    .getByTestId('customer-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
}

const contribution = () => page.getByTestId('figure-contribution').textContent();

describe('filters in the address', () => {
  it('hold across pages, through a reload and back, in Dutch', async () => {
    await page.goto(`${server.url}/#/`);
    // worth.yaml names no language: Dutch.
    await page.getByText(DASHBOARD_WORDS.filterFrom.nl).waitFor();
    const whole = formatMoney('115.25', 'nl', 'EUR', 0);
    await page.locator(`[data-testid=figure-contribution]:has-text("${whole}")`).waitFor();
    await page.getByTestId('filter-region').selectOption('Zuid');
    await page.getByTestId('filter-from').fill('2024-02');
    await page.getByTestId('filter-to').fill('2024-03');
    const filtered = formatMoney('445.25', 'nl', 'EUR', 0);
    await page.locator(`[data-testid=figure-contribution]:has-text("${filtered}")`).waitFor();
    expect(await contribution()).toBe(filtered);
    expect(await page.getByTestId('figure-customers').textContent()).toBe('2');
    expect(new URL(page.url()).search).toBe('?from=2024-02&to=2024-03&region=Zuid');
    await expect(page.getByTestId('filtered-by').textContent()).resolves.toContain('Zuid');

    // To the customer list by the menu: the filters go along.
    await page.getByTestId('nav-customers').click();
    await page.waitForURL(/#\/customers/);
    expect(new URL(page.url()).searchParams.get('region')).toBe('Zuid');
    expect(await listed()).toEqual(['C3', 'C2']);
    const cells = await page
      .getByTestId('cell-contribution')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(cells).toEqual([formatMoney('537.18', 'nl', 'EUR'), formatMoney('-91.93', 'nl', 'EUR')]);

    // A reload of the address brings the same view.
    await page.reload();
    expect(await listed()).toEqual(['C3', 'C2']);
    expect(await page.getByTestId('filter-region').inputValue()).toBe('Zuid');
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2024-02');

    // A page the filters cannot narrow says so.
    await page.getByTestId('nav-costs').click();
    await page.getByTestId('not-filtered').waitFor();
    expect(await page.getByTestId('not-filtered').textContent()).toContain('gelden niet voor deze pagina');

    // Back to the list, back to the overview: still filtered.
    await page.goBack();
    expect(await listed()).toEqual(['C3', 'C2']);
    await page.goBack();
    await page.locator(`[data-testid=figure-contribution]:has-text("${filtered}")`).waitFor();
    // Back over the filter changes: first the last month goes, then the first, then the region.
    await page.goBack();
    expect(new URL(page.url()).searchParams.get('to')).toBeNull();
    await page.goBack();
    await page.goBack();
    await page.locator(`[data-testid=figure-contribution]:has-text("${whole}")`).waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  it('holds in English, from a shared link', async () => {
    await page.goto(`${server.url}/?channel=web+shop#/customers`);
    await page.getByTestId('lang-switch').click();
    await page.getByText(DASHBOARD_WORDS.filterFrom.en).waitFor();
    expect(await listed()).toEqual(['C1']);
    expect(await page.getByTestId('filter-channel').inputValue()).toBe('web shop');
    await page.getByTestId('nav-overview').click();
    await page
      .locator(`[data-testid=figure-contribution]:has-text("${formatMoney('20.00', 'en', 'EUR', 0)}")`)
      .waitFor();
    await page.getByTestId('nav-data-quality').click();
    await page.getByTestId('not-filtered').waitFor();
    expect(await page.getByTestId('not-filtered').textContent()).toContain('do not apply to this page');
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('not-filtered').waitFor({ state: 'detached' });
    expect(new URL(page.url()).search).toBe('');
    expect(consoleErrors).toEqual([]);
  });
});
