/**
 * The cohort table at a laptop's 1366 x 768 in a real headless Chromium, on the demo company
 * (two years of months, so the table is wider than the screen): it scrolls inside its panel,
 * its last column can be reached, the first column stays in view, and no cell's text wraps
 * (an amount or a month on two lines was what a reader met: "-€82,355.06", "2024-/01"); and the
 * overview's waterfall has no label over another at that width.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHeadless, type HeadlessBrowser } from '../../src/browser/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { analysedWorkspace } from '../server/analysedWorkspace.ts';

let server: RunningServer;
let browser: HeadlessBrowser;
let page: Page;

beforeAll(async () => {
  const ws = await analysedWorkspace(300);
  await ensureDashboardBuilt();
  server = await startServer(ws.dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchHeadless({ viewport: { width: 1366, height: 768 } });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each(['nl', 'en'] as const)('the cohort table at 1366 x 768 (%s)', (lang) => {
  it('scrolls inside its panel to the last column, the first column staying in view, nothing wrapped', async () => {
    await page.goto(`${server.url}/#/trends`);
    if (lang === 'en') await page.getByTestId('lang-switch').click();
    await page.getByTestId('cohort-row').first().waitFor();
    const box = page.getByTestId('cohorts-scroll');
    const m = await box.evaluate((el) => {
      const wide = el.scrollWidth > el.clientWidth;
      el.scrollLeft = el.scrollWidth;
      const frame = el.getBoundingClientRect();
      const heads = [...el.querySelectorAll('thead th')];
      const last = heads.at(-1)!.getBoundingClientRect();
      const first = el.querySelector('tbody td')!.getBoundingClientRect();
      // A cell wraps when its text makes more than one line box.
      const wrapped = [...el.querySelectorAll('th, td')]
        .filter((c) => {
          const range = document.createRange();
          range.selectNodeContents(c);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return lines.size > 1;
        })
        .map((c) => c.textContent);
      return {
        wide,
        months: el.querySelectorAll('[data-testid=cohort-month-head]').length,
        frameLeft: frame.left,
        frameRight: frame.right,
        lastLeft: last.left,
        lastRight: last.right,
        firstLeft: first.left,
        wrapped,
        pageWidth: document.documentElement.scrollWidth,
      };
    });
    // The demo's two years: more month columns than 1366 px can hold, so the panel scrolls.
    expect(m.months).toBeGreaterThan(12);
    expect(m.wide).toBe(true);
    // Scrolled to the end: the last column (the total) lies inside the panel.
    expect(m.lastLeft).toBeGreaterThanOrEqual(m.frameLeft);
    expect(m.lastRight).toBeLessThanOrEqual(m.frameRight + 1);
    // The first column (the cohort's month) is still at the panel's left edge.
    expect(Math.abs(m.firstLeft - m.frameLeft)).toBeLessThanOrEqual(1);
    expect(m.wrapped).toEqual([]);
    // The page itself does not scroll sideways: only the panel does.
    expect(m.pageWidth).toBeLessThanOrEqual(1366);
  });
});

describe('the overview waterfall at 1366 x 768', () => {
  it('has no label over another (boxes as Chromium draws them)', async () => {
    await page.goto(`${server.url}/#/`);
    await page.locator('[data-testid=waterfall-chart] svg text').first().waitFor();
    const overlaps = await page.$$eval('[data-testid=waterfall-chart] svg text', (texts) => {
      const boxes = texts
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .filter((t) => {
          const m = (t as SVGGraphicsElement).getCTM();
          return !m || (Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6);
        })
        .map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
      const found: string[] = [];
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) {
          const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (x > 0.5 && y > 0.5) found.push(`"${a.text}" over "${b.text}"`);
        }
      return found;
    });
    expect(overlaps).toEqual([]);
  });
});
