/**
 * Global filters (period, segment, channel, region) through the API, on the hand-built company
 * (test/profit/fixture.ts; its months are worked out in test/profit/monthly.test.ts):
 *   C1 Retail, web shop, Noord: January  net 110.00, margin 55.00, cost to serve 35.00, contribution 20.00
 *   C2 Retail, phone, Zuid:     February net 40.00, margin 10.00, cost to serve 101.93, contribution -91.93
 *   C3 Key accounts, EDI, Zuid: March net 1,800.00, margin 800.00, cost to serve 237.82, contribution 562.18;
 *                               25.00 of account management in every month; December the rebate 100.00.
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

/** Cents of a money string, to sum rows exactly in the test. */
const cents = (s: string) => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not money: ${s}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
};

interface Row {
  customerId: string;
  netSales: string;
  grossMargin: string;
  costToServe: string;
  contribution: string;
}

describe('February to March in the region Zuid (C2 and C3)', () => {
  const f = 'from=2024-02&to=2024-03&region=Zuid';

  it('gives the overview totals a hand calculation gives', async () => {
    const { status, body } = await get(`/api/overview?${f}`);
    expect(status).toBe(200);
    const t = body.filtered.totals;
    expect(t.customers).toBe(2);
    // Net sales 40.00 + 1,800.00; margin 10.00 + 800.00; cost to serve 101.93 + 25.00 (C3 February) + 237.82.
    expect(t.totals.net_sales).toBe('1840.00');
    expect(t.totals.gross_margin).toBe('810.00');
    expect(t.totals.cost_to_serve).toBe('364.75');
    // -91.93 + (-25.00 + 562.18) = 445.25
    expect(t.totals.contribution).toBe('445.25');
    expect(t.lossMakers).toEqual({ customers: 1, contribution: '-91.93' });
    expect(t.whale.valueDestroyed).toBe('91.93');
    // The peak is C3's 537.18 of 445.25; one customer of two makes it.
    expect(t.whale.peak).toBeCloseTo(537.18 / 445.25, 6);
    expect(t.whale.peakCustomerShare).toBe(0.5);
    expect(body.filtered.whale).toEqual([
      { customerShare: 0, contributionShare: 0 },
      { customerShare: 0.5, contributionShare: 537.18 / 445.25 },
      { customerShare: 1, contributionShare: 1 },
    ]);
    // The stored, unfiltered figures are still there for what a filter cannot narrow.
    expect(body.summary.totals.contribution).toBe('115.25');
  });

  it('lists the same customers, whose rows add up to the overview to the cent', async () => {
    const overview = (await get(`/api/overview?${f}`)).body.filtered.totals.totals;
    const { body } = await get(`/api/customers?${f}`);
    expect(body.total).toBe(2);
    const rows = body.rows as Row[];
    expect(rows.map((r) => [r.customerId, r.contribution])).toEqual([
      ['C3', '537.18'],
      ['C2', '-91.93'],
    ]);
    const sum = (k: keyof Row) => rows.reduce((s, r) => s + cents(r[k]), 0);
    expect(sum('netSales')).toBe(cents(overview.net_sales));
    expect(sum('grossMargin')).toBe(cents(overview.gross_margin));
    expect(sum('costToServe')).toBe(cents(overview.cost_to_serve));
    expect(sum('contribution')).toBe(cents(overview.contribution));
  });

  it("keeps the list's own sort, search and loss-maker filter", async () => {
    const asc = (await get(`/api/customers?${f}&sort=netSales&dir=asc`)).body.rows as Row[];
    expect(asc.map((r) => r.customerId)).toEqual(['C2', 'C3']);
    const found = (await get(`/api/customers?${f}&q=gam`)).body;
    expect(found.rows.map((r: Row) => r.customerId)).toEqual(['C3']);
    const losers = (await get(`/api/customers?${f}&lossMaking=true`)).body;
    expect(losers.rows.map((r: Row) => r.customerId)).toEqual(['C2']);
  });

  it('rolls up by segment and by decile from the same figures', async () => {
    const { body } = await get(`/api/rollups?attribute=segment&${f}`);
    expect(
      body.map((r: Record<string, unknown>) => [
        r.value,
        r.customers,
        r.loss_making_customers,
        r.contribution,
      ]),
    ).toEqual([
      ['Key accounts', 1, 0, '537.18'],
      ['Retail', 1, 1, '-91.93'],
    ]);
    // Two customers: ranks 1 and 2 fall in deciles ceil(1 x 10 / 2) = 5 and 10.
    const deciles = (await get(`/api/deciles?${f}`)).body;
    expect(deciles.map((r: Record<string, unknown>) => [r.decile, r.customers, r.contribution])).toEqual([
      [5, 1, '537.18'],
      [10, 1, '-91.93'],
    ]);
  });

  it('trends only the months of the period and the customers of the region', async () => {
    const { body } = await get(`/api/trend?${f}`);
    expect(
      body.trend.periods.map((p: { period: string; contribution: string }) => [p.period, p.contribution]),
    ).toEqual([
      ['2024-02', '-116.93'], // C2 -91.93, C3 -25.00
      ['2024-03', '562.18'],
    ]);
    expect(body.trend.total.contribution).toBe('445.25');
  });
});

describe('other filters', () => {
  it('takes period=from..to as from and to (the parser the CLI shares), and says a bad one', async () => {
    const period = (await get('/api/overview?period=2024-02..2024-03&region=Zuid')).body.filtered;
    const fromTo = (await get('/api/overview?from=2024-02&to=2024-03&region=Zuid')).body.filtered;
    expect(period.totals.totals.contribution).toBe('445.25');
    expect(period).toEqual(fromTo);
    expect((await get('/api/overview?period=2024-12')).body.filtered.filters).toEqual({
      from: '2024-12',
      to: '2024-12',
    });
    await expect400('/api/overview?period=2024-02..2024-13', 'period');
    await expect400('/api/overview?period=2024-02&from=2024-01', 'period');
  });

  it('from April on: every customer counts, only C3 has figures (nine months of 25.00 and the rebate)', async () => {
    const t = (await get('/api/overview?from=2024-04')).body.filtered.totals;
    expect(t.customers).toBe(3);
    expect(t.totals.net_sales).toBe('-100.00');
    // 9 x -25.00 - 100.00 = -325.00
    expect(t.totals.contribution).toBe('-325.00');
    expect(t.lossMakers).toEqual({ customers: 1, contribution: '-325.00' });
    const list = (await get('/api/customers?from=2024-04')).body;
    expect(list.total).toBe(3);
    expect(list.rows.map((r: Row) => [r.customerId, r.contribution])).toEqual([
      ['C2', '0.00'],
      ['C1', '0.00'],
      ['C3', '-325.00'],
    ]);
  });

  it('a channel without a period: the year of the web-shop customer C1', async () => {
    const t = (await get('/api/overview?channel=web%20shop')).body.filtered.totals;
    expect([t.customers, t.totals.net_sales, t.totals.contribution]).toEqual([1, '110.00', '20.00']);
    const list = (await get('/api/customers?channel=web%20shop')).body;
    expect(list.rows.map((r: Row) => r.customerId)).toEqual(['C1']);
    // By quarter: everything of C1 is in January.
    const trend = (await get('/api/trend?channel=web%20shop&grain=quarter')).body.trend;
    expect(
      trend.periods.map((p: { period: string; contribution: string }) => [p.period, p.contribution]),
    ).toEqual([['2024-Q1', '20.00']]);
  });

  it('the whole year unfiltered equals the stored figures', async () => {
    const t = (await get('/api/overview?from=2024-01&to=2024-12')).body.filtered.totals;
    expect(t.totals.contribution).toBe('115.25');
    expect(t.totals.net_sales).toBe('1850.00');
  });

  it('refuses a bad filter, naming it', async () => {
    await expect400('/api/overview?from=2024-13', 'from "2024-13" is not a month (expected YYYY-MM');
    await expect400('/api/customers?from=2024-05&to=2024-02', 'to "2024-02" is before from "2024-05"');
    await expect400('/api/overview?region=' + 'x'.repeat(201), 'region "xxx');
  });
});
