import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { requests } from './requests.ts';

// The hand-built company of test/profit (its months are worked out in test/profit/monthly.test.ts):
//   C1 (Retail)        January 20.00
//   C2 (Retail)        February -91.93
//   C3 (Key accounts)  -25.00 every month but March (562.18) and December (rebate: -125.00)
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

describe('GET /api/trend', () => {
  it('sums the company by quarter, adding up to the year', async () => {
    const { status, body } = await get('/api/trend?grain=quarter');
    expect(status).toBe(200);
    // Q1: 20 - 91.93 + (-25 - 25 + 562.18) = 440.25; Q2 and Q3: 3 x -25 = -75; Q4: -25 - 25 - 125 = -175.
    expect(
      body.trend.periods.map((p: { period: string; contribution: string }) => [p.period, p.contribution]),
    ).toEqual([
      ['2024-Q1', '440.25'],
      ['2024-Q2', '-75.00'],
      ['2024-Q3', '-75.00'],
      ['2024-Q4', '-175.00'],
    ]);
    // 440.25 - 75 - 75 - 175 = 115.25, the customer P&L's total contribution.
    expect(body.trend.total.contribution).toBe('115.25');
    expect(body.trend.total.net_sales).toBe('1850.00');
    expect(body.segments).toEqual(['Key accounts', 'Retail']);
  });

  it('gives one segment by month', async () => {
    const { body } = await get('/api/trend?segment=Retail');
    expect(body.trend.segment).toBe('Retail');
    expect(
      body.trend.periods.map((p: { period: string; contribution: string }) => [p.period, p.contribution]),
    ).toEqual([
      ['2024-01', '20.00'],
      ['2024-02', '-91.93'],
    ]);
    expect(body.trend.total.contribution).toBe('-71.93');
  });

  it('refuses a grain it does not know, naming the value', async () => {
    await expect400('/api/trend?grain=week', 'grain: "week" is not valid (expected one of month, quarter)');
  });
});

describe('GET /api/customers/:id/trend', () => {
  it("gives a customer's quarters", async () => {
    const { body } = await get('/api/customers/C3/trend?grain=quarter');
    // Q1 -25 - 25 + 562.18 = 512.18; Q2, Q3 -75; Q4 -175; the year 187.18.
    expect(body.periods.map((p: { contribution: string }) => p.contribution)).toEqual([
      '512.18',
      '-75.00',
      '-75.00',
      '-175.00',
    ]);
    expect(body.total.contribution).toBe('187.18');
    expect(body.total.cost_to_serve).toBe('512.82');
  });

  it('shows every month of the period, zero where the customer had nothing', async () => {
    // C1 ordered, returned, called and was invoiced in January only; worth.yaml's period is 2024.
    const { body } = await get('/api/customers/C1/trend');
    const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual(months);
    expect(body.periods.map((p: { contribution: string }) => p.contribution)).toEqual([
      '20.00',
      ...Array<string>(11).fill('0.00'),
    ]);
    expect(body.periods[5].net_sales).toBe('0.00');
    expect(body.total.contribution).toBe('20.00');
    const quarters = await get('/api/customers/C1/trend?grain=quarter');
    expect(
      quarters.body.periods.map((p: { period: string; contribution: string }) => [p.period, p.contribution]),
    ).toEqual([
      ['2024-Q1', '20.00'],
      ['2024-Q2', '0.00'],
      ['2024-Q3', '0.00'],
      ['2024-Q4', '0.00'],
    ]);
  });

  it('answers 404 for a customer that is not there', async () => {
    const { status, body } = await get('/api/customers/NOPE/trend');
    expect(status).toBe(404);
    expect(body.error.message).toContain('"NOPE"');
  });
});

describe('GET /api/cohorts', () => {
  it('gives each first-order month its customers and contribution', async () => {
    const { body } = await get('/api/cohorts');
    expect(
      body.cohorts.map((c: { cohort: string; customers: number; contribution: string }) => [
        c.cohort,
        c.customers,
        c.contribution,
      ]),
    ).toEqual([
      ['2024-01', 1, '20.00'],
      ['2024-02', 1, '-91.93'],
      ['2024-03', 1, '187.18'],
    ]);
  });
});
