/**
 * End to end in a real headless Chromium: the dashboard served by `worth serve` on a small
 * demo workspace shows the analysis' figures, in Dutch and English; the customer table pages
 * and sorts; a customer opens; the Lifetime value page shows what `worth clv` stored; the
 * Scenarios page shows the scenario library's figures and moves with a slider; the browser
 * console stays clean. Screenshots go to test-artifacts/web/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakEvenPhrase, formatCount, formatMoney, formatShare } from '../../src/charts/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { DEMO_COMPANY } from '../../src/demo/index.ts';
import {
  loadInitiative,
  runScenario,
  type Initiative,
  type ScenarioResult,
} from '../../src/scenario/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import type { ClvRunResult } from '../../src/value/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace, withEngine } from '../server/valuedWorkspace.ts';
import { launchChromium } from './browser.ts';

const ARTIFACTS = path.resolve('test-artifacts/web');

let ws: AnalysedWorkspace;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const consoleErrors: string[] = [];
let clv: ClvRunResult;
/** free-returns as the page runs it first (1,000 draws, seed 1), and with the frequency slider moved to 6. */
let freeReturns: ScenarioResult;
let freeReturnsMoved: ScenarioResult;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ws = await analysedWorkspace(300);
  clv = await valueWorkspace(ws.dir);
  await withEngine(ws.dir, async (engine) => {
    const config = loadWorkspace(ws.dir);
    const model = loadCostModel(config, engine.dialect);
    const ini = loadInitiative(path.join(ws.dir, 'scenarios', 'free-returns.yaml'));
    const o = { discountRate: config.config.cost_of_capital, draws: 1000, seed: 1 };
    freeReturns = await runScenario(engine, model, ini, 'free-returns.yaml', o);
    // The slider sets the mean: triangular(0, 4, 8) moved to mean 6 is triangular(2, 6, 10).
    const moved: Initiative = {
      ...ini,
      effects: {
        ...ini.effects,
        frequency: { ...ini.effects.frequency!, value: { triangular: { min: 2, mode: 6, max: 10 } } },
      },
    };
    freeReturnsMoved = await runScenario(engine, model, moved, 'free-returns.yaml', o);
  });
  await ensureDashboardBuilt();
  server = await startServer(ws.dir, { port: 0, webDir: DASHBOARD_DIR, token: 'e2e-token' });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  ws?.remove();
});

const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';
const tableReady = () => page.locator('[data-testid=customer-table][data-state=ready]').waitFor();
const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('the dashboard in headless Chromium', () => {
  it('shows the Overview with the analysis figures in Dutch, then in English', async () => {
    // The token travels in the fragment (never to the server); the page is served under its CSP,
    // and any violation would be a console error (checked at the end).
    const doc = await page.goto(`${server.url}#token=e2e-token`);
    expect(doc?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(page.url()).not.toContain('e2e-token');
    await page.getByTestId('figure-contribution').waitFor();
    await page.locator('[data-testid=whale-chart] svg').waitFor();
    await page.locator('[data-testid=waterfall-chart] svg').waitFor();
    // A tooltip is ECharts markup with style attributes: it must show under the CSP.
    const box = (await page.getByTestId('waterfall-chart').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.6);
    await page
      .locator('[data-testid=waterfall-chart] div[style*="z-index"]')
      .filter({ hasText: /\d/ })
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
    const r = ws.result;
    const check = async (lang: 'nl' | 'en') => {
      expect(await text('figure-contribution')).toBe(formatMoney(r.totals.contribution, lang, 'EUR', 0));
      expect(await text('figure-net-sales')).toBe(formatMoney(r.totals.netSales, lang, 'EUR', 0));
      expect(await text('figure-cost-to-serve')).toBe(formatMoney(r.totals.costToServe, lang, 'EUR', 0));
      expect(await text('figure-value-destroyed')).toBe(formatMoney(r.whale.valueDestroyed, lang, 'EUR', 0));
      expect(await text('figure-loss-makers')).toBe(formatCount(r.lossMakers.customers, lang));
      expect(await text('figure-customers')).toBe(formatCount(r.customers, lang));
    };
    await check('nl');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    // worth.yaml's company in the header (and the title); its language (nl) is the default.
    expect(await text('company')).toBe(DEMO_COMPANY);
    expect(await page.title()).toBe(`${DEMO_COMPANY} · Worth`);
    await shot('overview-nl');
    await page.getByTestId('lang-switch').click();
    await page.getByText('Whale curve: who earns the profit').waitFor();
    await check('en');
    await shot('overview-en');
  });

  it('pages and sorts the customer table and opens a customer', async () => {
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customer-row').first().waitFor();
    await tableReady();
    expect(await page.getByTestId('customer-row').count()).toBe(25);
    expect(await text('page-info')).toBe('page 1 of 12 (300 customers)');
    const firstDesc = await text('cell-contribution');
    await page.getByTestId('page-next').click();
    await page.getByText('page 2 of 12').waitFor();
    await tableReady();
    expect(await text('cell-contribution')).not.toBe(firstDesc);
    await page.getByTestId('sort-contribution').click();
    await page.getByText('page 1 of 12').waitFor();
    await page.getByTestId('sort-contribution').getByText('▲').waitFor();
    await tableReady();
    const lowest = (await page
      .getByTestId('customer-row')
      .first()
      .locator('td')
      .first()
      .textContent())!.trim();
    await shot('customers');
    await page.getByTestId('customer-row').first().click();
    await page.getByTestId('customer-contribution').waitFor();
    expect(await text('customer-title')).toContain(lowest);
    await page.locator('[data-testid=customer-waterfall] svg').waitFor();
    await page.locator('[data-testid=customer-history] svg').waitFor();
    const res = await fetch(new URL(`/api/customers/${lowest}`, server.url), {
      headers: { authorization: 'Bearer e2e-token' },
    });
    const detail = (await res.json()) as { pnl: { contribution: string } };
    expect(await text('customer-contribution')).toBe(formatMoney(detail.pnl.contribution, 'en', 'EUR'));
    await shot('customer');
  });

  it('opens the Segments and Cost model pages', async () => {
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('rollup-table').waitFor();
    await page.getByTestId('voc-table').waitFor();
    await page.locator('[data-testid=voc-chart] svg').waitFor();
    // The matrix's 2x2: the four quadrants in Shapiro's places, each with the table's own count.
    const cells = page.getByTestId('matrix-cell');
    const placed = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-quadrant')));
    expect(placed.slice(0, 4)).toEqual(['passive', 'carriage trade', 'bargain basement', 'aggressive']);
    const tableCounts = await page
      .getByTestId('matrix-table')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('a')?.textContent, tr.children[1]?.textContent]),
      );
    // Every row of the table (a customer without net sales too, below the four) has its cell.
    expect(placed.length).toBe(Math.max(4, tableCounts.length));
    for (const [name, n] of tableCounts) {
      const cell = cells.filter({ has: page.getByText(name!, { exact: true }) });
      expect(await cell.getByTestId('matrix-cell-customers').textContent()).toBe(n);
    }
    expect(tableCounts.length).toBeGreaterThan(0);
    await shot('segments');
    const link = page.getByTestId('voc-table').locator('tbody a').first();
    // The drill keeps the row's segment: the customers are that quadrant's in that segment (the row's own count).
    const n = Number(await link.locator('xpath=ancestor::tr/td[3]').getAttribute('data-value'));
    expect(n).toBeGreaterThan(0);
    await link.click();
    await page.getByTestId('filter-chip').first().waitFor();
    await page.getByText(`(${formatCount(n, 'en')} customers)`).waitFor();
    await tableReady();
    expect(await page.getByTestId('customer-row').count()).toBe(Math.min(25, n));
    await page.getByTestId('nav-costs').click();
    await page.getByTestId('activity-table').waitFor();
    await page.locator('[data-testid=capacity-chart] svg').waitFor();
    expect(await page.getByTestId('activity-table').locator('tbody tr').count()).toBe(
      ws.result.activities.length,
    );
    await shot('cost-model');
  });

  it('opens the Lifetime value page with the figures worth clv stored, in English and Dutch', async () => {
    await page.getByTestId('nav-lifetime-value').click();
    await page.getByTestId('figure-clv-total').waitFor();
    for (const chart of [
      'frequency-chart',
      'tracking-chart',
      'clv-histogram',
      'clv-deciles',
      'p-alive-chart',
    ])
      await page.locator(`[data-testid=${chart}] svg`).waitFor();
    const check = async (lang: 'nl' | 'en') => {
      expect(await text('figure-clv-total')).toBe(formatMoney(clv.totalProfitClv!, lang, 'EUR', 0));
      expect(await text('figure-clv-loss-makers')).toBe(formatCount(clv.lossMakingCustomers!, lang));
      expect(await text('figure-clv-customers')).toBe(formatCount(clv.customers, lang));
    };
    await check('en');
    expect(await text('clv-model-name')).toContain('BG/NBD');
    expect(await page.getByTestId('purchase-params').locator('tbody tr').count()).toBe(
      Object.keys(clv.purchaseFit.params).length,
    );
    // the holdout check per segment, the ones the run found beyond chance for their size marked
    const used = clv.choice.candidates.find((c) => c.model === clv.model)?.holdout;
    expect(used).toBeTruthy();
    if (used && used.groups.length > 1) {
      const list = page.getByTestId('clv-holdout-segments');
      expect(await list.locator('li').count()).toBe(used.groups.length);
      expect(await list.locator('li.warning').count()).toBe(used.groups.filter((g) => g.warn).length);
      // each segment's gap beside what chance gives for its size, and what that limit is
      for (const [k, g] of used.groups.entries())
        expect(await list.locator('li').nth(k).textContent()).toContain(
          `chance alone: up to ±${formatShare(g.warnAbove, 'en', 1)})`,
        );
      expect(await page.getByTestId('clv-holdout-band').textContent()).toContain('2.5 standard deviations');
    }
    // per segment: each total, mean and expected purchases with its own 90% interval, as the run stored them
    if (clv.segments.length) {
      const rows = page.getByTestId('clv-segment-table').locator('tbody tr');
      expect(await rows.count()).toBe(clv.segments.length);
      for (const [k, seg] of clv.segments.entries()) {
        const cells = await rows.nth(k).locator('td').allTextContents();
        expect(cells[0]).toBe(seg.segment ?? '(none)');
        expect(cells[2]).toBe(formatMoney(seg.totalProfitClv!, 'en', 'EUR', 0));
        expect(cells[3]).toBe(formatMoney(seg.totalProfitInterval!.lo, 'en', 'EUR', 0));
        expect(cells[4]).toBe(formatMoney(seg.totalProfitInterval!.hi, 'en', 'EUR', 0));
        expect(cells.join(' ')).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
    // the P&L customers the fit leaves out, per reason, as `worth clv --json` says
    expect(clv.leftOut.total, 'the demo has customers without a purchase day').toBeGreaterThan(0);
    const left = page.getByTestId('clv-left-out');
    expect(await left.textContent()).toContain(
      `${formatCount(clv.leftOut.total, 'en')} of the ${formatCount(clv.leftOut.pnlCustomers, 'en')} customers`,
    );
    expect(await left.locator('li').count()).toBe(clv.leftOut.reasons.length);
    await shot('lifetime-value-en');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Het model' }).waitFor();
    await check('nl');
    await shot('lifetime-value-nl');
  });

  it('runs an initiative on the Scenarios page: the library figures, a slider that moves them, both languages', async () => {
    await page.getByTestId('nav-scenarios').click();
    await page.getByTestId('scenario-select').waitFor();
    await page.getByTestId('scenario-select').selectOption('free-returns');
    const ready = () => page.locator('[data-testid=scenario-result][data-state=ready]').waitFor();
    await expect
      .poll(() => text('figure-npv-mean'), { timeout: 30_000 })
      .toBe(formatMoney(freeReturns.npv.mean, 'nl', 'EUR', 0));
    await ready();
    expect(await text('figure-npv-p5')).toBe(formatMoney(freeReturns.npv.p5, 'nl', 'EUR', 0));
    expect(await text('figure-npv-p95')).toBe(formatMoney(freeReturns.npv.p95, 'nl', 'EUR', 0));
    expect(await text('figure-prob-positive')).toBe(formatShare(freeReturns.probPositive, 'nl', 0));
    await page.locator('[data-testid=jcurve-chart] svg').waitFor();
    await page.locator('[data-testid=tornado-chart] svg').waitFor();
    expect(await text('scenario-notes')).toContain('achterblijvende kosten');
    expect(await text('break-even')).toBe(`Break-even: ${breakEvenPhrase(freeReturns.breakEven, 'nl')}`);
    expect(await text('break-even')).toContain('moet met minstens');
    await shot('scenarios-nl');
    await page.getByTestId('lang-switch').click();
    await page.getByText('What the NPV depends on most').waitFor();
    expect(await text('figure-npv-mean')).toBe(formatMoney(freeReturns.npv.mean, 'en', 'EUR', 0));
    // Move the frequency slider from its mean 4 to 6 (20 steps of 0.1).
    await page.getByTestId('slider-frequency').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    expect(await text('slider-value-frequency')).toBe('6.0');
    await expect
      .poll(() => text('figure-npv-mean'), { timeout: 30_000 })
      .toBe(formatMoney(freeReturnsMoved.npv.mean, 'en', 'EUR', 0));
    await ready();
    expect(freeReturnsMoved.npv.mean).not.toBe(freeReturns.npv.mean);
    expect(await text('figure-prob-positive')).toBe(formatShare(freeReturnsMoved.probPositive, 'en', 0));
    expect(await text('break-even')).toBe(`Break-even: ${breakEvenPhrase(freeReturnsMoved.breakEven, 'en')}`);
    await shot('scenarios-moved-en');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
