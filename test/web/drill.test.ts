/**
 * Drill to the source on the hand-built company of test/profit: the API gives the source rows
 * behind a waterfall bar with file and line, summing to the bar; in a real headless Chromium a
 * click on a customer's bar shows those rows, and their amounts add up to the bar to the cent.
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads arbitrary JSON bodies
async function get(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(new URL(url, server.url));
  return { status: res.status, body: await res.json() };
}

const sum = (values: string[]) => fromScaled(values.reduce((a, v) => a + toScaled(v), 0n));

describe('GET /api/customers/:id/drill', () => {
  it('gives the order lines behind C3’s cost of goods, with file and line, summing to the bar', async () => {
    const { status, body } = await get('/api/customers/C3/drill?line=cogs');
    expect(status).toBe(200);
    // O3's three lines are lines 5-7 of order_lines.csv (header on line 1): 500 + 250 + 250 = 1000.00, C3's cost of goods.
    expect(
      body.items.map((r: { file: string; line: number; amount: string }) => [r.file, r.line, r.amount]),
    ).toEqual([
      ['data/order_lines.csv', 5, '500.00'],
      ['data/order_lines.csv', 6, '250.00'],
      ['data/order_lines.csv', 7, '250.00'],
    ]);
    expect(body.total).toBe('1000.00');
  });

  it('takes a return’s cost of goods recovered off the cost of goods', async () => {
    const { body } = await get('/api/customers/C1/drill?line=cogs');
    // O1: 50.00 (line 2) + 20.00 (line 3); R1 (returns.csv line 2) recovered 15.00: 55.00, C1's cost of goods.
    expect(
      body.items.map((r: { file: string; line: number; amount: string }) => [r.file, r.line, r.amount]),
    ).toEqual([
      ['data/order_lines.csv', 2, '50.00'],
      ['data/order_lines.csv', 3, '20.00'],
      ['data/returns.csv', 2, '-15.00'],
    ]);
    expect(body.total).toBe('55.00');
  });

  it('drills rebates and discounts too', async () => {
    expect((await get('/api/customers/C3/drill?line=rebates')).body.items).toMatchObject([
      { file: 'data/rebates.csv', line: 2, amount: '100.00', reference: 'rebate 2024-12-31' },
    ]);
    // 100 + 50 + 50 on O3's lines.
    expect((await get('/api/customers/C3/drill?line=discounts')).body.total).toBe('200.00');
  });

  it('gives a bar without rows as zero, and a page past the last with the count and total of all', async () => {
    // C2 has no rebate: no rows, 0.00 (a known customer: 200, not 404).
    const none = await get('/api/customers/C2/drill?line=rebates');
    expect([none.status, none.body.rows, none.body.total, none.body.items]).toEqual([200, 0, '0.00', []]);
    // C3's three order lines fit on page 1; page 2 is empty but still says 3 rows of 2,000.00 (1000 + 500 + 500).
    const past = (await get('/api/customers/C3/drill?line=gross_sales&page=2')).body;
    expect([past.rows, past.total, past.items]).toEqual([3, '2000.00', []]);
    expect((await get('/api/customers/NOPE/drill?line=rebates')).status).toBe(404);
  });

  it('refuses a line it cannot drill, naming it, and an unknown customer', async () => {
    // A cost line drills to its events now (test/server/costDrill.test.ts); net sales is a total, not drilled.
    // The refusal follows the reader's language (lang, Accept-Language, then worth.yaml's: Dutch here).
    const bad = await get('/api/customers/C3/drill?line=net_sales&lang=en');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'line: "net_sales" is not valid (expected one of gross_sales, discounts, returns, rebates, cogs, or a cost line cost_<activity>)',
    );
    const nl = await get('/api/customers/C3/drill?line=net_sales');
    expect(nl.body.error.message).toBe(
      'line: "net_sales" is niet geldig (verwacht een van gross_sales, discounts, returns, rebates, cogs, of een kostenregel cost_<activiteit>)',
    );
    expect((await get('/api/customers/NOPE/drill?line=cogs')).status).toBe(404);
  });
});

/**
 * Clicks the visible bar number `index` of `customer`'s waterfall (found by its place on the category
 * axis), once that customer's chart is drawn: after a change of the address's hash only, the chart of the
 * customer before stays in the page until the new one is drawn.
 */
async function clickBar(customer: string, index: number, bars: number): Promise<void> {
  const box = page.locator(`[data-testid=customer-waterfall][data-drawn-for="${customer}"]`);
  await page.waitForFunction(
    (c) =>
      document.querySelectorAll(`[data-testid=customer-waterfall][data-drawn-for="${c}"] svg path`).length >
      10,
    customer,
  );
  const at = await box.evaluate(
    (el, [i, n]) => {
      const r = el.getBoundingClientRect();
      // The waterfall's grid: 80 px left, 20 px right (src/charts/waterfall.ts).
      const x = r.left + 80 + ((i! + 0.5) * (r.width - 100)) / n!;
      let best: DOMRect | null = null;
      for (const p of el.querySelectorAll('svg path')) {
        const fill = p.getAttribute('fill') ?? '';
        if (!fill.startsWith('#') && !fill.startsWith('rgb')) continue;
        const b = p.getBoundingClientRect();
        if (b.left <= x && b.right >= x && b.width > 4 && b.height > 2 && (!best || b.height > best.height))
          best = b;
      }
      return best ? { x, y: best.top + best.height / 2 } : null;
    },
    [index, bars],
  );
  expect(at, `bar ${index}`).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
}

describe("a customer's waterfall in headless Chromium", () => {
  it('shows the source lines behind a clicked bar, adding up to the bar to the cent', async () => {
    await page.goto(`${server.url}/#/customers/C3`);
    // Bars: gross sales, discounts, returns, rebates, net sales, cost of goods (5), gross margin, six activities, contribution.
    await clickBar('C3', 5, 14);
    const drill = page.getByTestId('drill');
    await page.locator('[data-testid=drill][data-line=cogs][data-total="1000.00"]').waitFor();
    const rows = page.getByTestId('drill-row');
    const amounts = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') ?? ''));
    const lines = await rows.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-file')}:${e.getAttribute('data-line')}`),
    );
    expect(lines).toEqual(['data/order_lines.csv:5', 'data/order_lines.csv:6', 'data/order_lines.csv:7']);
    // The bar: C3's cost of goods, 1000.00 (test/profit/pnl.test.ts).
    expect(sum(amounts)).toBe('1000.00');
    expect(await drill.getAttribute('data-total')).toBe('1000.00');
    await expect(page.getByTestId('drill-total').textContent()).resolves.toContain('3');
    // On the Dutch page the "Wat" column is Dutch too (it read "order O3 line 1").
    expect(await rows.evaluateAll((els) => els.map((e) => e.children[2]?.textContent ?? ''))).toEqual([
      'order O3 regel 1',
      'order O3 regel 2',
      'order O3 regel 3',
    ]);
    await clickBar('C3', 0, 14);
    await page.locator('[data-testid=drill][data-line=gross_sales][data-total="2000.00"]').waitFor();
    expect(
      sum(
        await page
          .getByTestId('drill-row')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') ?? '')),
      ),
    ).toBe('2000.00');
  });
});

describe("a customer's cost-to-serve bar in headless Chromium", () => {
  it('shows the events behind a clicked cost bar, adding up to the bar to the cent', async () => {
    await page.goto(`${server.url}/#/customers/C2`);
    // Bars: gross sales, discounts, returns, rebates, net sales, cost of goods, gross margin,
    // order handling (7), picking, delivery (9), phone (10), account management, credit, contribution.
    await clickBar('C2', 10, 14);
    await page.locator('[data-testid=cost-drill][data-line=cost_phone][data-total="50.00"]').waitFor();
    const rows = page.getByTestId('cost-drill-row');
    const read = (attr: string) =>
      rows.evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);
    // K1 11 minutes and K2 6 minutes at 50.00 / 17 a minute (17 minutes used of a capacity of 10):
    // 32.3529 -> 32.35 and 17.6471 -> 17.65 (test/server/costDrill.test.ts).
    expect(await read('data-file')).toEqual(['data/service_contacts.csv', 'data/service_contacts.csv']);
    expect(await read('data-line')).toEqual(['2', '3']);
    expect(await read('data-minutes')).toEqual(['11', '6']);
    expect(await read('data-amount')).toEqual(['32.35', '17.65']);
    expect(sum(await read('data-amount'))).toBe('50.00');
    // Dutch words: the event and the rate (2,9412 a minute).
    expect(await rows.evaluateAll((els) => els.map((e) => e.children[2]?.textContent ?? ''))).toEqual([
      'contact K1',
      'contact K2',
    ]);
    await expect(page.getByTestId('cost-drill-rate').textContent()).resolves.toContain('2,9412 per minuut');
    // Delivery: one shipment, 7 minutes x 3.00 + 20.00 freight passed on.
    await clickBar('C2', 9, 14);
    await page.locator('[data-testid=cost-drill][data-line=cost_delivery][data-total="41.00"]').waitFor();
    expect(await page.getByTestId('cost-drill-row').getAttribute('data-amount')).toBe('41.00');
  });
});

describe('product group x customer margin on the customer page', () => {
  it("bridges C1's product groups to its gross margin and lists a group's customers, in Dutch", async () => {
    await page.goto(`${server.url}/#/customers/C1`);
    const table = page.getByTestId('product-margin');
    // The page before was C2's (a change of the address's hash only): wait for C1's figures.
    await page.locator('[data-testid=product-margin-total][data-margin="55.00"]').waitFor();
    // A 40.00, B 30.00, returns -15.00, rebates 0.00; 55.00 = C1's gross margin (test/server/productMargin.test.ts).
    const margins = await table
      .getByTestId('product-margin-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-margin') ?? ''));
    expect(margins).toEqual(['40.00', '30.00', '-15.00', '0.00']);
    expect(sum(margins)).toBe('55.00');
    expect(await table.getByTestId('product-margin-total').getAttribute('data-margin')).toBe('55.00');
    await expect(table.textContent()).resolves.toContain('Retouren (niet per product)');
    await table.getByRole('button', { name: 'A', exact: true }).click();
    await page.locator('[data-testid=product-customers][data-group=A][data-total="450.00"]').waitFor();
    const rows = await page
      .getByTestId('product-customer-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-margin') ?? ''));
    // C3 400.00, C1 40.00, C2 10.00: 450.00, group A's margin.
    expect(rows).toEqual(['400.00', '40.00', '10.00']);
    expect(sum(rows)).toBe('450.00');
  });

  it("narrows C3's product groups to the period in the address (its rebate of 31 December alone), kept on reload", async () => {
    await page.goto(`${server.url}/?from=2024-12#/customers/C3`);
    const table = page.getByTestId('product-margin');
    await page.locator('[data-testid=product-margin-total][data-margin="-100.00"]').waitFor();
    const margins = await table
      .getByTestId('product-margin-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-margin') ?? ''));
    // No order line in December: returns 0.00, the rebate -100.00 (test/server/productMargin.test.ts).
    expect(margins).toEqual(['0.00', '-100.00']);
    await expect(table.getByTestId('product-margin-period').textContent()).resolves.toContain('2024-12');
    await page.reload();
    await page.locator('[data-testid=product-margin-total][data-margin="-100.00"]').waitFor();
    expect(new URL(page.url()).search).toBe('?from=2024-12');
  });
});
