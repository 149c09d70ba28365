/**
 * In a real headless Chromium: where cost of goods is estimated, the dashboard marks gross
 * margin on the Overview, captions the waterfall, and marks a customer whose cost of goods is
 * estimated (C1) but not one with its own (C2); in Dutch and in English. The workspace is the
 * hand-built company of test/profit/fixture.ts with margins assumed (figures worked out there):
 * 1,135.18 of 1,165.18 cost of goods estimated = 97.4%, for 2 customers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { ESTIMATED_COGS, ESTIMATED_FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  const dir = await ingested({ 'worth.yaml': yaml(undefined, ESTIMATED_COGS), ...ESTIMATED_FILES });
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

describe('the estimated mark in the dashboard', () => {
  it('captions the Overview in Dutch, then in English', async () => {
    await page.goto(server.url);
    await page.getByTestId('cogs-estimated').waitFor();
    expect(await text('cogs-estimated')).toBe(
      '* Geschat: 97,4% van de inkoopwaarde (regels van klanten, na wat retouren terugnemen) berust op een aangenomen marge of kostprijs, voor 2 klanten; brutomarge en winstbijdrage berusten daarop. Retouren nemen die terug tegen het tarief van hun verkoop.',
    );
    expect(await page.getByText('97,4% van de inkoopwaarde geschat').count()).toBe(1);
    await page.getByTestId('lang-switch').click();
    await page.getByText('Whale curve: who earns the profit').waitFor();
    expect(await text('cogs-estimated')).toBe(
      "* Estimated: 97.4% of the cost of goods (customers' lines, net of what returns take back) rests on an assumed margin or product cost, for 2 customers; gross margin and contribution rest on it. Returns take it back at the rate of their sale.",
    );
    expect(await page.getByText('97.4% of cost of goods estimated').count()).toBe(1);
  });

  it('marks a customer whose cost of goods is estimated, and not one with its own', async () => {
    await page.goto(`${server.url}#/customers/C1`);
    await page.getByTestId('customer-contribution').waitFor();
    expect(await text('customer-cogs-estimated')).toBe(
      '* Cost of goods estimated (assumed margin or product cost): this customer’s gross margin and contribution are estimates.',
    );
    await page.goto(`${server.url}#/customers/C2`);
    await page.getByTestId('customer-title').getByText('C2').waitFor();
    await page.getByTestId('customer-contribution').waitFor();
    expect(await page.getByTestId('customer-cogs-estimated').count()).toBe(0);
  });
});
