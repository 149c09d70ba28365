/**
 * Drill from a segment's total to its source rows in a real headless Chromium, on the hand-built
 * company of test/profit (its figures worked out by hand in test/server/segmentDrill.test.ts): a
 * click on a segment's net sales in the roll-up shows the order lines, returns and rebates behind
 * it with customer, file and line, adding up to the figure in the table to the cent; another
 * figure, and a period in the address, narrow it as they narrow the roll-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fromScaled, toScaled } from '../../src/core/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  const dir = await ingested();
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

const sum = (values: string[]) => fromScaled(values.reduce((a, v) => a + toScaled(v), 0n));

/** The shown drill's rows: `file:line` and amount each. */
async function shownRows(): Promise<{ at: string[]; amounts: string[] }> {
  const rows = page.getByTestId('segment-drill-row');
  return {
    at: await rows.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-file')}:${e.getAttribute('data-line')}`),
    ),
    amounts: await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') ?? '')),
  };
}

/** The roll-up's net sales cell of `segment` (its exact figure) once the table shows it. */
async function netSalesOf(segment: string): Promise<string> {
  const row = page.getByTestId('rollup-table').locator('tbody tr', { hasText: segment });
  await row.waitFor();
  return (await row.getByTestId('rollup-net-sales').getAttribute('data-value')) ?? '';
}

describe("a segment's net sales in headless Chromium", () => {
  it('shows the source rows behind a clicked segment total, adding up to it to the cent', async () => {
    await page.goto(`${server.url}/#/segments`);
    const figure = await netSalesOf('Retail');
    // C1 and C2: 100 - 10 + 50 - 30 (R1) + 40.
    expect(figure).toBe('150.00');
    await page
      .getByTestId('rollup-table')
      .locator('tbody tr', { hasText: 'Retail' })
      .getByTestId('segment-drill-open')
      .click();
    await page.locator('[data-testid=segment-drill][data-segment=Retail][data-total="150.00"]').waitFor();
    const { at, amounts } = await shownRows();
    expect(at).toEqual([
      'data/order_lines.csv:2',
      'data/order_lines.csv:3',
      'data/returns.csv:2',
      'data/order_lines.csv:4',
    ]);
    expect(sum(amounts)).toBe(figure);
    // Whose each row is, and what it is in Dutch (the workspace's language).
    const cells = await page
      .getByTestId('segment-drill-row')
      .evaluateAll((els) =>
        els.map((e) => [e.children[0]?.textContent ?? '', e.children[3]?.textContent ?? '']),
      );
    expect(cells).toEqual([
      ['C1', 'order O1 regel 1'],
      ['C1', 'order O1 regel 2'],
      ['C1', 'retour R1'],
      ['C2', 'order O2 regel 1'],
    ]);
    await expect(page.getByTestId('segment-drill-total').textContent()).resolves.toContain('4 regels');
    // Another figure of the same segment: its gross sales, 100 + 50 + 40.
    await page.getByTestId('segment-drill-line').selectOption('gross_sales');
    await page.locator('[data-testid=segment-drill][data-line=gross_sales][data-total="190.00"]').waitFor();
    expect(sum((await shownRows()).amounts)).toBe('190.00');
  });

  it('narrows the drill by the period in the address, as the roll-up beside it', async () => {
    await page.goto(`${server.url}/?from=2024-01&to=2024-01#/segments`);
    const figure = await netSalesOf('Retail');
    // January: O1's lines and R1 (20 January): 90 + 50 - 30.
    expect(figure).toBe('110.00');
    await page
      .getByTestId('rollup-table')
      .locator('tbody tr', { hasText: 'Retail' })
      .getByTestId('segment-drill-open')
      .click();
    await page.locator('[data-testid=segment-drill][data-segment=Retail][data-total="110.00"]').waitFor();
    const { at, amounts } = await shownRows();
    expect(at).toEqual(['data/order_lines.csv:2', 'data/order_lines.csv:3', 'data/returns.csv:2']);
    expect(sum(amounts)).toBe(figure);
    await page.getByTestId('segment-drill-close').click();
    await expect(page.getByTestId('segment-drill').count()).resolves.toBe(0);
  });
});

describe('invoiced margin by product group and order channel on the Segments page', () => {
  it('shows each group’s margin a hand calculation gives, and a group’s customers on a click', async () => {
    await page.goto(`${server.url}/#/segments`);
    const margins = async () =>
      page.getByTestId('lines-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-margin') ?? ''));
    await page.getByTestId('lines-row').first().waitFor();
    // A: O1/1 100 - 10 - 50, O2/1 40 - 30, O3/1 1000 - 100 - 500 = 450.00;
    // B: O1/2 50 - 20, O3/2 and O3/3 2 x (500 - 50 - 250) = 430.00.
    expect(await margins()).toEqual(['450.00', '430.00']);
    await page.getByTestId('lines-table').getByRole('button', { name: 'A', exact: true }).click();
    await page.locator('[data-testid=product-customers][data-group=A][data-total="450.00"]').waitFor();
    // By order channel: EDI 400 + 200 + 200, web shop 40 + 30, phone 10.
    await page.getByTestId('lines-by').selectOption('channels');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=lines-row]').length === 3);
    expect(await margins()).toEqual(['800.00', '70.00', '10.00']);
  });
});
