/**
 * Product group x customer margin through the API, on the hand-built company
 * (test/profit/fixture.ts; gross margins in test/profit/pnl.test.ts: C1 55.00, C3 700.00).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { requests } from './requests.ts';

let worth: WorthApp;
beforeAll(async () => {
  const dir = await ingested();
  await runAnalyze(dir);
  worth = await createApp(dir, { pollMs: 0, scenarioThreads: 0 });
});
afterAll(async () => {
  await worth?.close();
});

const { get, expect400 } = requests(() => worth);

const cents = (s: string) => Math.round(Number(s) * 100);

describe("a customer's margin by product group", () => {
  it('C1: A 100 - 10 - 50 = 40.00, B 50 - 20 = 30.00, the return -30 + 15 = -15.00: 55.00, its gross margin', async () => {
    const { status, body } = await get('/api/customers/C1/products');
    expect(status).toBe(200);
    expect(
      body.groups.map((g: { productGroup: string; lines: number; invoicedSales: string; margin: string }) => [
        g.productGroup,
        g.lines,
        g.invoicedSales,
        g.margin,
      ]),
    ).toEqual([
      ['A', 1, '90.00', '40.00'],
      ['B', 1, '50.00', '30.00'],
    ]);
    expect([body.returnsMargin, body.rebatesMargin, body.grossMargin]).toEqual(['-15.00', '0.00', '55.00']);
    const sum = body.groups.reduce((s: number, g: { margin: string }) => s + cents(g.margin), 0);
    expect(sum + cents(body.returnsMargin) + cents(body.rebatesMargin)).toBe(cents(body.grossMargin));
  });

  it('C3: A 1,000 - 100 - 500 = 400.00, B 2 x (500 - 50 - 250) = 400.00, the rebate -100.00: 700.00', async () => {
    const { body } = await get('/api/customers/C3/products');
    expect(
      body.groups.map((g: { productGroup: string; margin: string }) => [g.productGroup, g.margin]),
    ).toEqual([
      ['A', '400.00'],
      ['B', '400.00'],
    ]);
    expect([body.returnsMargin, body.rebatesMargin, body.grossMargin]).toEqual(['0.00', '-100.00', '700.00']);
  });

  it('answers 404 for a customer that is not there', async () => {
    expect((await get('/api/customers/NOPE/products')).status).toBe(404);
  });

  it("narrows to the global filters' period: C3's lines of March without its rebate of 31 December, and the rebate alone", async () => {
    const spring = await get('/api/customers/C3/products?from=2024-03&to=2024-11');
    expect(spring.status).toBe(200);
    expect(spring.body.period).toEqual({ from: '2024-03', to: '2024-11' });
    expect(
      spring.body.groups.map((g: { productGroup: string; margin: string }) => [g.productGroup, g.margin]),
    ).toEqual([
      ['A', '400.00'],
      ['B', '400.00'],
    ]);
    expect([spring.body.returnsMargin, spring.body.rebatesMargin, spring.body.grossMargin]).toEqual([
      '0.00',
      '0.00',
      '800.00',
    ]);
    const december = await get('/api/customers/C3/products?period=2024-12');
    expect(december.body.groups).toEqual([]);
    expect([december.body.rebatesMargin, december.body.grossMargin]).toEqual(['-100.00', '-100.00']);
    // C1's lines of 10 January and its return of 20 January: both in January, neither in February.
    const january = await get('/api/customers/C1/products?to=2024-01');
    expect([january.body.returnsMargin, january.body.grossMargin]).toEqual(['-15.00', '55.00']);
    const after = await get('/api/customers/C1/products?from=2024-02');
    expect([after.body.groups, after.body.returnsMargin, after.body.grossMargin]).toEqual([
      [],
      '0.00',
      '0.00',
    ]);
    expect((await get('/api/customers/C1/products')).body.period).toBeNull();
  });

  it("refuses a bad period on a customer's products, naming it", async () => {
    await expect400('/api/customers/C1/products?from=2024-13', '2024-13');
  });
});

describe("a product group's customers by margin", () => {
  it('A: C3 400.00, C1 40.00, C2 40 - 30 = 10.00; 450.00 in all', async () => {
    const { body } = await get('/api/product-groups/A/customers');
    expect(
      body.customers.map((c: { customerId: string; name: string; margin: string }) => [
        c.customerId,
        c.name,
        c.margin,
      ]),
    ).toEqual([
      ['C3', 'Gamma', '400.00'],
      ['C1', 'Alpha', '40.00'],
      ['C2', 'Beta', '10.00'],
    ]);
    expect(body.others).toEqual({ customers: 0, margin: '0.00' });
    expect([body.unattributed, body.total]).toEqual(['0.00', '450.00']);
  });

  it('refuses a group without lines, naming it', async () => {
    await expect400(
      '/api/product-groups/Z/customers',
      'productGroup: "Z" is not valid (expected a product group of the order lines)',
    );
  });
});

describe("the line roll-ups and a group's customers under the global filters", () => {
  it('/api/lines in Zuid, February to March: A 40 - 30 + 900 - 500 = 410.00, B 2 x (450 - 250) = 400.00', async () => {
    const { status, body } = await get('/api/lines?region=Zuid&from=2024-02&to=2024-03');
    expect(status).toBe(200);
    expect(
      body.productGroups.map((r: { product_group: string; order_lines: number; invoiced_margin: string }) => [
        r.product_group,
        Number(r.order_lines),
        String(r.invoiced_margin),
      ]),
    ).toEqual([
      ['A', 2, '410.00'],
      ['B', 2, '400.00'],
    ]);
    // Unfiltered: A 450.00 (C3 400 + C1 40 + C2 10), B 50 - 20 + 2 x 200 = 430.00.
    const whole = await get('/api/lines');
    expect(
      whole.body.productGroups.map((r: { invoiced_margin: string }) => String(r.invoiced_margin)),
    ).toEqual(['450.00', '430.00']);
  });

  it("/api/product-groups/A/customers in the web shop channel: C1's 40.00 alone", async () => {
    const { body } = await get('/api/product-groups/A/customers?channel=web+shop');
    expect(
      body.customers.map((c: { customerId: string; margin: string }) => [c.customerId, c.margin]),
    ).toEqual([['C1', '40.00']]);
    expect(body.total).toBe('40.00');
  });

  it('refuses a bad filter, naming it', async () => {
    await expect400('/api/lines?from=2024-13', '2024-13');
    await expect400('/api/product-groups/A/customers?period=2024', '2024');
  });
});
