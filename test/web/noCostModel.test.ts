/**
 * The dashboard before a cost model, in headless Chromium: worth.yaml's language (en) is the
 * default, its company is in the header, and the Overview says the figures stop at gross
 * margin (the hand-built company of test/profit/fixture.ts, without its cost_model).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  const dir = await ingested({ 'worth.yaml': yaml('', 'language: en\n'), ...FILES });
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard without a cost model', () => {
  it('opens in English with the company and a note that figures stop at gross margin', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    const note = page.getByTestId('no-cost-model');
    await note.waitFor();
    expect(await note.textContent()).toContain('No cost model yet: every figure stops at gross margin');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('company').textContent()).toBe('Test B.V.');
    // Contribution equals gross margin: 765.00 by hand (test/profit/noCostModel.test.ts).
    expect(await page.getByTestId('figure-contribution').first().textContent()).toBe(
      await page.getByTestId('figure-gross-margin').first().textContent(),
    );
  });
});
