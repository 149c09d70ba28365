/**
 * A day's use of one server in real browsers (issue 12, third round; tried but never answered
 * in the second): two browsers in different languages at once each see their own language
 * throughout (the pages, the API's refusals shown on them, an initiative's name), and on every
 * page back, forward and reload bring the same view, its state read from the address.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_WORDS } from '../../src/words/index.ts';
import { launchChromium, useLanguage } from '../web/browser.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';
import { valueWorkspace, withEngine } from './valuedWorkspace.ts';

let ws: AnalysedWorkspace;
let server: RunningServer;
let dutchBrowser: Awaited<ReturnType<typeof launchChromium>>;
let englishBrowser: Awaited<ReturnType<typeof launchChromium>>;
let nl: Page;
let en: Page;
let firstId: string;
const pageErrors: string[] = [];

/** The sections of the dashboard (the nav's test ids), each with a route and its nav word. */
const SECTIONS = [
  ['overview', '#/', 'overview'],
  ['customers', '#/customers', 'customers'],
  ['segments', '#/segments', 'segments'],
  ['trends', '#/trends', 'trends'],
  ['costs', '#/costs', 'costModel'],
  ['lifetime-value', '#/lifetime-value', 'lifetimeValue'],
  ['scenarios', '#/scenarios', 'scenarios'],
  ['data-quality', '#/data-quality', 'dataQuality'],
] as const;

beforeAll(async () => {
  ws = await analysedWorkspace(120, 8); // worth.yaml names no language: Dutch
  await valueWorkspace(ws.dir);
  firstId = await withEngine(ws.dir, async (e) =>
    String((await e.query('SELECT min(customer_id) AS id FROM customer_pnl'))[0]!.id),
  );
  await ensureDashboardBuilt();
  server = await startServer(ws.dir, { port: 0, webDir: DASHBOARD_DIR });
  // Two browsers, each with its own profile (so its own remembered language).
  dutchBrowser = await launchChromium();
  englishBrowser = await launchChromium();
  nl = await dutchBrowser.context.newPage();
  en = await englishBrowser.context.newPage();
  for (const p of [nl, en]) p.on('pageerror', (e) => pageErrors.push(e.message));
  await nl.goto(`${server.url}#/`);
  await en.goto(`${server.url}#/`);
  await useLanguage(nl, 'nl');
  await useLanguage(en, 'en');
}, 300_000);

afterAll(async () => {
  await dutchBrowser?.close();
  await englishBrowser?.close();
  await server?.close();
  ws?.remove();
});

/** Waits until `page` shows `section` (its nav link marked active) with its content read, and returns the nav's texts. */
async function shows(page: Page, section: string): Promise<string[]> {
  await page.locator(`[data-testid=nav-${section}].active`).waitFor();
  await page.locator('main').getByText(/\S/).first().waitFor();
  return page.locator('nav a').allTextContents();
}

describe('two browsers in different languages on one server', () => {
  it('each sees its own language on every page, visited in turn', async () => {
    for (const [id, route] of SECTIONS) {
      await nl.goto(`${server.url}${route}`);
      await en.goto(`${server.url}${route}`);
      expect(await shows(nl, id)).toEqual(SECTIONS.map(([, , w]) => DASHBOARD_WORDS[w].nl));
      expect(await shows(en, id)).toEqual(SECTIONS.map(([, , w]) => DASHBOARD_WORDS[w].en));
      expect(await nl.locator('html').getAttribute('lang')).toBe('nl');
      expect(await en.locator('html').getAttribute('lang')).toBe('en');
    }
  });

  it("each gets the API's refusals in its own language (an unknown customer)", async () => {
    await nl.goto(`${server.url}#/customers/ONBEKEND`);
    await en.goto(`${server.url}#/customers/UNKNOWN`);
    await expect
      .poll(() => nl.locator('[role=alert]').first().textContent())
      .toContain('klant "ONBEKEND" staat niet in de klantwinstrekening');
    await expect
      .poll(() => en.locator('[role=alert]').first().textContent())
      .toContain('customer "UNKNOWN" is not in the customer P&L');
  });

  it("each gets an initiative's name in its own language", async () => {
    await nl.goto(`${server.url}#/scenarios`);
    await en.goto(`${server.url}#/scenarios`);
    const chosen = async (p: Page) => {
      const select = p.getByTestId('scenario-select');
      await select.waitFor();
      await select.selectOption('free-returns');
      return select.locator('option:checked').textContent();
    };
    expect(await chosen(nl)).toContain('Gratis retourneren voor retail');
    expect(await chosen(en)).toContain('Free returns for retail');
  });
});

describe('back, forward and reload on every page', () => {
  /** Every page, some with state in the address. */
  const visits = (): [string, string][] => [
    ['overview', '#/'],
    ['customers', '#/customers?sort=name&dir=asc&page=2'],
    ['customers', `#/customers/${encodeURIComponent(firstId)}`],
    ['segments', '#/segments'],
    ['trends', '#/trends?grain=quarter'],
    ['costs', '#/costs'],
    ['lifetime-value', '#/lifetime-value'],
    ['scenarios', '#/scenarios'],
    ['data-quality', '#/data-quality'],
  ];

  /** What identifies the view: the section, the address and, for the customer list, the first row shown. */
  async function view(page: Page, section: string): Promise<string> {
    await shows(page, section);
    const hash = await page.evaluate(() => location.hash);
    if (hash.startsWith('#/customers?')) {
      await page.getByTestId('customer-row').first().waitFor();
      return `${hash} ${(await page.getByTestId('customer-row').first().textContent()) ?? ''}`;
    }
    if (hash.startsWith('#/customers/')) {
      return `${hash} ${(await page.getByTestId('customer-title').textContent()) ?? ''}`;
    }
    return hash;
  }

  it('a reload of every address shows the same view; back and forward step through them all', async () => {
    const page = nl;
    const seen: string[] = [];
    for (const [section, route] of visits()) {
      await page.goto(`${server.url}${route}`);
      const before = await view(page, section);
      await page.reload();
      expect(await view(page, section)).toBe(before);
      seen.push(before);
    }
    // The customer list's second page (25 a page) sorted by name is the API's (the state came from the address).
    const res = await fetch(new URL('/api/customers?sort=name&dir=asc&page=2&pageSize=25', server.url));
    const second = ((await res.json()) as { rows: { name: string }[] }).rows[0]!.name;
    expect(seen[1]).toContain(second);
    const list = visits();
    for (let i = list.length - 2; i >= 0; i--) {
      await page.goBack();
      expect(await view(page, list[i]![0])).toBe(seen[i]);
    }
    for (let i = 1; i < list.length; i++) {
      await page.goForward();
      expect(await view(page, list[i]![0])).toBe(seen[i]);
    }
    expect(pageErrors).toEqual([]);
  });
});
