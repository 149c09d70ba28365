/**
 * In a real headless Chromium: a customer whose lifetime value rests on an undetermined fit
 * shows no CLV figure on its page, only a dash and the reason in the page's language (Dutch and
 * English), and no P(alive); the Lifetime value page shows no figure. The run is real
 * (test/value/undeterminedWorkspace.ts: 12 repeat buyers, so the purchase fit is degenerate).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { withEngine } from '../server/valuedWorkspace.ts';
import { undeterminedWorkspace } from '../value/undeterminedWorkspace.ts';
import { openDashboard, useLanguage, type OpenDashboard } from './browser.ts';

let ws: AnalysedWorkspace;
let dashboard: OpenDashboard;
let server: OpenDashboard['server'];
let page: Page;
let id: string;
let consoleErrors: string[] = [];

beforeAll(async () => {
  ({ ws } = await undeterminedWorkspace());
  id = await withEngine(ws.dir, async (e) =>
    String((await e.query('SELECT min(customer_id) AS id FROM customer_clv'))[0]!.id),
  );
  dashboard = await openDashboard(ws.dir);
  ({ server, page, consoleErrors } = dashboard);
}, 180_000);
afterAll(async () => {
  await dashboard?.close();
  ws?.remove();
});

describe('an undetermined lifetime value on the dashboard', () => {
  it('the customer page: a dash and the reason, no amount, no P(alive), in Dutch and English', async () => {
    await page.goto(`${server.url}/#/customers/${encodeURIComponent(id)}`);
    await page.getByTestId('customer-clv').waitFor();
    await useLanguage(page, 'nl');
    await page.getByTestId('customer-clv-undetermined').filter({ hasText: 'aankoopmodel' }).waitFor();
    expect((await page.getByTestId('customer-clv').textContent())?.trim()).toBe('–');
    expect(await page.getByTestId('customer-clv-undetermined').textContent()).toBe(
      'niet bepaald: het aankoopmodel erachter is onbepaald',
    );
    expect(await page.getByTestId('customer-clv-interval').count()).toBe(0);
    expect(await page.getByText('Kans nog klant', { exact: true }).count()).toBe(0);
    await useLanguage(page, 'en');
    await page.getByTestId('customer-clv-undetermined').filter({ hasText: 'purchase model' }).waitFor();
    expect(await page.getByTestId('customer-clv-undetermined').textContent()).toBe(
      'not determined: the purchase model behind it is undetermined',
    );
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('the Lifetime value page: not determined, no figure', async () => {
    await page.goto(`${server.url}/#/lifetime-value`);
    await page.getByTestId('clv-undetermined').waitFor();
    for (const tid of ['figure-clv-total', 'figure-clv-mean', 'clv-histogram', 'clv-decile-table'])
      expect(await page.getByTestId(tid).count(), tid).toBe(0);
    expect((await page.locator('body').textContent()) ?? '').not.toMatch(/NaN|undefined|Infinity/);
    expect(consoleErrors).toEqual([]);
  });
});
