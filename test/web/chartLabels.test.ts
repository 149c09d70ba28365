/**
 * Every chart of every dashboard page, in Dutch and in English, as a real headless Chromium draws
 * it on the demo company (analysed and valued): no label over another and none cut off by its
 * chart's edge (a title clipped to "Totaa" was one such). The boxes are the texts' own as the
 * browser lays them out; rotated axis labels are left out (their boxes are not their outlines).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace } from '../server/valuedWorkspace.ts';
import { overlaps, type Box } from '../charts/labelBoxes.ts';
import { launchChromium } from './browser.ts';

/** One chart as drawn: its box and its upright texts' boxes. */
interface DrawnChart {
  testId: string;
  box: Box;
  texts: Box[];
}

let ws: AnalysedWorkspace;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let topCustomer = '';

beforeAll(async () => {
  ws = await analysedWorkspace(300);
  await valueWorkspace(ws.dir);
  await ensureDashboardBuilt();
  server = await startServer(ws.dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
  const list = (await (
    await fetch(new URL('/api/customers?page=1&pageSize=1&sort=contribution&dir=desc', server.url))
  ).json()) as { rows: { customerId: string }[] };
  topCustomer = list.rows[0]!.customerId;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  ws?.remove();
});

/** The charts on the page now. */
function drawn(p: Page): Promise<DrawnChart[]> {
  return p.$$eval('.chart', (charts) =>
    charts
      .filter((c) => c.querySelector('svg'))
      .map((c) => {
        const r = c.getBoundingClientRect();
        const texts = [...c.querySelectorAll('svg text')]
          .filter((t) => (t.textContent ?? '').trim() !== '')
          .filter((t) => {
            const m = (t as SVGTextElement).getCTM();
            return !m || (Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6);
          })
          .map((t) => {
            const b = t.getBoundingClientRect();
            return { text: t.textContent ?? '', left: b.left, right: b.right, top: b.top, bottom: b.bottom };
          });
        return {
          testId:
            c.getAttribute('data-testid') ?? c.closest('.card')?.querySelector('h2')?.textContent ?? '?',
          box: { text: '', left: r.left, right: r.right, top: r.top, bottom: r.bottom },
          texts,
        };
      }),
  );
}

/** The page's charts once they are drawn and stay as drawn for a moment (no chart still laying out). */
async function settled(p: Page, atLeast: number): Promise<DrawnChart[]> {
  let before = '';
  for (let i = 0; i < 60; i++) {
    const now = await drawn(p);
    const key = JSON.stringify(now);
    if (now.length >= atLeast && now.every((c) => c.texts.length > 0) && key === before) return now;
    before = key;
    await p.waitForTimeout(250);
  }
  throw new Error(`the page's charts did not settle (${atLeast} expected)`);
}

/** Pairs of the chart's texts that lie over each other. */
function overlapping(c: DrawnChart): string[] {
  return overlaps(c.texts).map((o) => `${c.testId}: ${o}`);
}

/** Texts that run past their chart's edge by more than a pixel. */
function clipped(c: DrawnChart): string[] {
  return c.texts
    .filter(
      (t) =>
        t.left < c.box.left - 1 ||
        t.right > c.box.right + 1 ||
        t.top < c.box.top - 1 ||
        t.bottom > c.box.bottom + 1,
    )
    .map((t) => `${c.testId}: "${t.text}" runs past the chart's edge`);
}

/** The dashboard's pages with charts, and how many charts each shows at least on the demo. */
const PAGES: [string, () => string, number][] = [
  ['overview', () => '#/', 2],
  ['segments', () => '#/segments', 1],
  ['trends', () => '#/trends', 1],
  ['cost model', () => '#/costs', 1],
  ['lifetime value', () => '#/lifetime-value', 1],
  ['customer', () => `#/customers/${encodeURIComponent(topCustomer)}`, 1],
];

describe.each(['nl', 'en'] as const)('the dashboard in %s, drawn by Chromium', (lang) => {
  it.each(PAGES)('%s: no chart text over another, none cut off', async (_name, hash, atLeast) => {
    await page.addInitScript((l) => localStorage.setItem('worth.lang', l), lang);
    await page.goto(`${server.url}/${hash()}`);
    await page.reload();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    const charts = await settled(page, atLeast);
    expect(charts.flatMap(overlapping)).toEqual([]);
    expect(charts.flatMap(clipped)).toEqual([]);
  });

  it("scenarios: every shipped initiative's J-curve and tornado, no text over another, none cut off", async () => {
    await page.addInitScript((l) => localStorage.setItem('worth.lang', l), lang);
    await page.goto(`${server.url}/#/scenarios`);
    await page.reload();
    const select = page.getByTestId('scenario-select');
    await select.waitFor();
    const ids = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const found: string[] = [];
    for (const id of ids) {
      await select.selectOption(id);
      await page.locator('[data-testid=scenario-result][data-state=ready]').waitFor({ timeout: 60_000 });
      const charts = await settled(page, 1);
      found.push(...charts.flatMap(overlapping).map((f) => `${id}: ${f}`));
      found.push(...charts.flatMap(clipped).map((f) => `${id}: ${f}`));
    }
    expect(found).toEqual([]);
  });
});
