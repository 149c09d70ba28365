/**
 * A dashboard left open while `worth serve` is stopped and started again (as the README asks
 * after an edit of worth.yaml), in a real headless Chromium: while the server is gone a page
 * says so in the dashboard's language (it said the browser's "Failed to fetch"), and once the
 * server is back every page asks again by itself and shows the figures, without a reload (it
 * kept "Failed to fetch" until the user moved to another page).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { launchChromium, useLanguage } from './browser.ts';

let dir: string;
let server: RunningServer | null = null;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = await ingested();
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const mainText = async () => (await page.locator('main').textContent()) ?? '';

describe('an open dashboard while `worth serve` is restarted', () => {
  it('says the server is gone in its language, then shows the figures again by itself', async () => {
    const { url, port } = server!;
    await page.goto(`${url}#/`);
    await useLanguage(page, 'nl');
    const netSales = page.getByTestId('figure-net-sales');
    await expect
      .poll(async () => (await netSales.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/1\.850\b/);

    await server!.close();
    server = null;
    // The user moves on while the server is down: the page asks and gets no answer.
    await page.evaluate(() => {
      window.location.hash = '#/customers';
    });
    const alert = page.getByRole('alert').first();
    await expect
      .poll(async () => (await alert.count()) > 0 && ((await alert.textContent()) ?? ''), { timeout: 30_000 })
      .toContain('De server van Worth antwoordt niet');
    expect(await mainText()).not.toMatch(/Failed to fetch|undefined|NaN/);

    // The same address again, as `worth serve` started again gives it.
    server = await startServer(dir, { port, webDir: DASHBOARD_DIR });
    const rows = page.getByTestId('customer-row');
    // The page asks again every 3 s while the server does not answer; the customers then come without a reload.
    await expect.poll(async () => rows.count(), { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await mainText()).not.toMatch(/antwoordt niet|Failed to fetch|undefined|NaN/);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
