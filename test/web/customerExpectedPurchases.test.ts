/**
 * In a real headless Chromium: the customer page shows the customer's expected purchases over the
 * horizon with their 90% interval (issue 13, point 5), in Dutch and English, the figures those
 * stored by a real `worth clv` run on the demo company, written out here with the browser's own
 * number format (two decimals), not read back from the page's code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEngine, writeValuedDemo } from '../server/valuedWorkspace.ts';
import { openDashboard, useLanguage, type OpenDashboard } from './browser.ts';

let root: string;
let dashboard: OpenDashboard;
let page: Page;
let stored: { id: string; q: number; lo: number; hi: number };

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'worth-customer-purchases-'));
  const dir = path.join(root, 'demo');
  await writeValuedDemo(dir, 300, 5);
  const [r] = await withEngine(dir, (e) =>
    e.query(
      'SELECT customer_id, expected_purchases, expected_purchases_lo, expected_purchases_hi FROM customer_clv WHERE expected_purchases_lo IS NOT NULL ORDER BY expected_purchases DESC, customer_id LIMIT 1',
    ),
  );
  stored = {
    id: String(r!.customer_id),
    q: Number(r!.expected_purchases),
    lo: Number(r!.expected_purchases_lo),
    hi: Number(r!.expected_purchases_hi),
  };
  dashboard = await openDashboard(dir);
  page = dashboard.page;
}, 300_000);
afterAll(async () => {
  await dashboard?.close();
  rmSync(root, { recursive: true, force: true });
});

const two = (x: number, locale: string) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);

describe('the customer page: expected purchases with their 90% interval', () => {
  it('shows the stored figure and interval, in Dutch and in English', async () => {
    expect(stored.lo).toBeLessThan(stored.q);
    expect(stored.q).toBeLessThan(stored.hi);
    await page.goto(`${dashboard.server.url}/#/customers/${encodeURIComponent(stored.id)}`);
    await page.getByTestId('customer-expected-purchases').waitFor();
    await useLanguage(page, 'nl');
    await page.getByText('Verwachte aankopen over de horizon', { exact: true }).waitFor();
    expect(await page.getByTestId('customer-expected-purchases').textContent()).toBe(two(stored.q, 'nl-NL'));
    expect(await page.getByTestId('customer-expected-purchases-interval').textContent()).toBe(
      `90%-interval ${two(stored.lo, 'nl-NL')} tot ${two(stored.hi, 'nl-NL')} (onzekerheid van het model)`,
    );
    await useLanguage(page, 'en');
    await page.getByText('Expected purchases over the horizon', { exact: true }).waitFor();
    expect(await page.getByTestId('customer-expected-purchases').textContent()).toBe(two(stored.q, 'en-GB'));
    expect(await page.getByTestId('customer-expected-purchases-interval').textContent()).toBe(
      `90% interval ${two(stored.lo, 'en-GB')} to ${two(stored.hi, 'en-GB')} (model uncertainty)`,
    );
    expect((await page.locator('body').textContent()) ?? '').not.toMatch(/NaN|undefined|Infinity/);
    expect(dashboard.consoleErrors).toEqual([]);
  });
});
