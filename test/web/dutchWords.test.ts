/**
 * The words a stranger met on Dutch pages, in a real headless Chromium on the demo company
 * (before `worth clv`): a count of one takes the singular ("1 klant", never "1 klanten"), the
 * roll-up's attributes are named in Dutch (kanaal, regio), and the lifetime-value page names
 * the workspace's own folder in the command to run, not "DIR".
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHeadless, type HeadlessBrowser } from '../../src/browser/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let server: RunningServer;
let browser: HeadlessBrowser;
let page: Page;
let oneCustomer = '';
let attributes: string[] = [];

beforeAll(async () => {
  ws = await analysedWorkspace(300);
  await ensureDashboardBuilt();
  server = await startServer(ws.dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchHeadless({ viewport: { width: 1366, height: 900 } });
  page = await browser.context.newPage();
  // A customer whose id finds only itself (an id can be part of another's).
  const get = async (url: string) =>
    (await fetch(new URL(url, server.url))).json() as Promise<{
      total: number;
      rows: { customerId: string }[];
    }>;
  for (const r of (await get('/api/customers?page=1&pageSize=50&sort=contribution&dir=desc')).rows) {
    if ((await get(`/api/customers?page=1&pageSize=2&q=${encodeURIComponent(r.customerId)}`)).total === 1) {
      oneCustomer = r.customerId;
      break;
    }
  }
  attributes = (await (await fetch(new URL('/api/attributes', server.url))).json()) as string[];
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Dutch pages speak Dutch, counts agree with their nouns', () => {
  it('says "1 klant" for a search with one customer, and "klanten" for more', async () => {
    expect(oneCustomer).not.toBe('');
    await page.goto(`${server.url}/#/customers`);
    await page.waitForFunction(() =>
      /\(300 klanten\)$/.test(document.querySelector('[data-testid=page-info]')?.textContent ?? ''),
    );
    await page.getByTestId('customer-search').fill(oneCustomer);
    await page.waitForFunction(() =>
      /\(1 klant\)$/.test(document.querySelector('[data-testid=page-info]')?.textContent ?? ''),
    );
    expect(await page.getByTestId('customer-row').count()).toBe(1);
  });

  it('names the roll-up attributes in Dutch', async () => {
    await page.goto(`${server.url}/#/segments`);
    expect(attributes).toEqual(expect.arrayContaining(['channel', 'region', 'segment']));
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=rollup-attribute] option').length === n,
      attributes.length,
    );
    const options = await page
      .getByTestId('rollup-attribute')
      .locator('option')
      .evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent]));
    expect(options).toContainEqual(['channel', 'kanaal']);
    expect(options).toContainEqual(['region', 'regio']);
    expect(options).toContainEqual(['segment', 'segment']);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('(none)');
  });

  it('gives the command with the workspace folder on the lifetime-value page', async () => {
    await page.goto(`${server.url}/#/lifetime-value`);
    await expect(page.getByTestId('clv-command').textContent()).resolves.toBe(
      `worth clv ${path.basename(ws.dir)}`,
    );
    expect((await page.locator('body').textContent()) ?? '').not.toContain('DIR');
  });
});
