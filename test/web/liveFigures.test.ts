/**
 * An open dashboard follows a new run: with the overview open in a real headless Chromium,
 * `worth ingest` and `worth analyze` run again (child processes) on a changed export; the page
 * says the figures are new and shows the new net sales without a reload.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { FILES, ingested, runAnalyze } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let dir: string;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  dir = await ingested();
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function worth(...args: string[]): void {
  const r = spawnSync(process.execPath, [path.resolve('bin/worth.js'), ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('an open dashboard when the workspace is run again', () => {
  it('says the figures are new and shows the new run without a reload', async () => {
    await page.goto(`${server.url}#/`);
    const netSales = page.getByTestId('figure-net-sales');
    // gross 2,190.00 - discounts 210.00 - returns 30.00 - rebates 100.00 = 1,850.00
    await expect
      .poll(async () => (await netSales.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/1[.,]850\b/);
    expect(await page.getByTestId('figures-updated').count()).toBe(0);
    // O2's line goes from 40.00 to 140.00: net sales 1,950.00.
    writeFileSync(
      path.join(dir, 'data/order_lines.csv'),
      FILES['data/order_lines.csv']!.replace(
        'O2,1,C2,2024-02-01,A,1,40.00,',
        'O2,1,C2,2024-02-01,A,1,140.00,',
      ),
    );
    worth('ingest', dir);
    worth('analyze', dir);
    await expect
      .poll(async () => (await netSales.textContent()) ?? '', { timeout: 60_000, interval: 500 })
      .toMatch(/1[.,]950\b/);
    await expect.poll(() => page.getByTestId('figures-updated').count(), { timeout: 10_000 }).toBe(1);
  }, 240_000);
});
