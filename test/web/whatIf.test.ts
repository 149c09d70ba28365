/**
 * Cost rates you can try, in a real headless Chromium, on the hand-built company of
 * test/profit (minutes in test/costing/costing.test.ts): order handling 3.00 -> 4,50 and
 * delivery 3.00 -> 1 move the contribution by +4.00 (C1 -6.00 + 4.00, C2 -4.50 + 14.00,
 * C3 -7.50 + 4.00), typed the Dutch way with a decimal comma.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { ingested, query, runAnalyze } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let contribution: string;

beforeAll(async () => {
  const dir = await ingested();
  await runAnalyze(dir);
  const [row] = await query(dir, 'SELECT CAST(sum(contribution) AS VARCHAR) AS c FROM customer_pnl');
  contribution = String(row!.c);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the cost model page: try other rates', () => {
  it('shows the change a hand calculation gives, in Dutch, without saving anything', async () => {
    await page.goto(`${server.url}/#/costs`);
    await page.evaluate(() => localStorage.setItem('worth.lang', 'nl'));
    await page.reload();
    const oh = page.getByTestId('rate-order_handling');
    await oh.waitFor();
    expect(await oh.inputValue()).toBe('3,0000');
    await oh.fill('4,50');
    await page.getByTestId('rate-delivery').fill('1');
    await page.getByTestId('what-if-try').click();
    const row = page.getByTestId('what-if-contribution');
    await row.waitFor();
    const cells = await row.locator('td').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    const after = (BigInt(contribution.replace('.', '')) + 400n).toString();
    expect(cells.slice(1)).toEqual([contribution, `${after.slice(0, -2)}.${after.slice(-2)}`, '4.00']);
    await expect(row.textContent()).resolves.toMatch(/€\s4,00/);
    expect(
      await page.getByTestId('what-if-cost-to-serve').locator('td').last().getAttribute('data-value'),
    ).toBe('-4.00');
    await page.getByTestId('what-if-chart').locator('svg, canvas').first().waitFor();
    mkdirSync(path.resolve('test-artifacts/web'), { recursive: true });
    await page.getByTestId('what-if').screenshot({ path: path.resolve('test-artifacts/web/what-if-nl.png') });
    // A bad rate is refused on the page, in Dutch, and nothing is asked.
    await page.getByTestId('rate-order_handling').fill('-1');
    await page.getByTestId('what-if-try').click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Een tarief is een getal');
    // Nothing was saved: the stored run is unchanged.
    const { body } = await (
      await fetch(new URL('/api/activities', server.url))
    )
      .json()
      .then((b) => ({ body: b }));
    expect(
      body.find((a: { activity_id: string }) => a.activity_id === 'order_handling').rate_per_minute,
    ).toBe(3);
  });
});
