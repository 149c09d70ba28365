/**
 * The cost-to-serve drill through the API, on the hand-built company (test/profit/fixture.ts;
 * its costs are worked out in test/profit/pnl.test.ts and test/costing/costing.test.ts). Each
 * event's minutes, rate and money below are worked out by hand from the cost model and the files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { requests } from './requests.ts';

let dir: string;
let worth: WorthApp;
beforeAll(async () => {
  dir = await ingested();
  await runAnalyze(dir);
  worth = await createApp(dir, { pollMs: 0, scenarioThreads: 0 });
});
afterAll(async () => {
  await worth?.close();
});

const { get, expect400 } = requests(() => worth);

interface Item {
  file: string | null;
  line: number | null;
  ref: string;
  refLine: number | null;
  minutes: string;
  direct: string;
  amount: string;
}
const rows = (items: Item[]) => items.map((r) => [r.file, r.line, r.ref, r.minutes, r.direct, r.amount]);

describe('GET /api/customers/:id/drill?line=cost_<activity>', () => {
  it("picking: C3's three order lines at 100.00 / 30 minutes a minute, settled to the bar's 33.33", async () => {
    const { status, body } = await get('/api/customers/C3/drill?line=cost_picking');
    expect(status).toBe(200);
    // 0.5 x quantity: 10 -> 5 minutes, 5 -> 2.5, 5 -> 2.5; 12 minutes used of 30, so the rate is 100 / 30.
    // 5 x 3.3333 = 16.6667 -> 16.67; 2.5 x 3.3333 = 8.3333 -> 8.33 twice; 16.67 + 8.33 + 8.33 = 33.33.
    expect(rows(body.items)).toEqual([
      ['data/order_lines.csv', 5, 'O3', '5', '0', '16.67'],
      ['data/order_lines.csv', 6, 'O3', '2.5', '0', '8.33'],
      ['data/order_lines.csv', 7, 'O3', '2.5', '0', '8.33'],
    ]);
    expect(body.items.map((r: Item) => r.refLine)).toEqual([1, 2, 3]);
    expect(body.total).toBe('33.33');
    expect(body.minutes).toBe('10');
    expect(body.ratePerMinute).toBeCloseTo(100 / 30, 10);
  });

  it('phone over capacity: 17 minutes used of 10, charged at 50.00 / 17, the two calls add up to 50.00', async () => {
    const { body } = await get('/api/customers/C2/drill?line=cost_phone');
    // K1 10 + 1 = 11 minutes, K2 5 + 1 = 6; 11 x 50 / 17 = 32.3529 -> 32.35; 6 x 50 / 17 = 17.6471 -> 17.65.
    expect(rows(body.items)).toEqual([
      ['data/service_contacts.csv', 2, 'K1', '11', '0', '32.35'],
      ['data/service_contacts.csv', 3, 'K2', '6', '0', '17.65'],
    ]);
    expect(body.total).toBe('50.00');
    expect(body.ratePerMinute).toBeCloseTo(50 / 17, 10);
  });

  it('delivery with freight passed on: 7 minutes x 3.00 + 20.00', async () => {
    const { body } = await get('/api/customers/C2/drill?line=cost_delivery');
    // S2 is express: 2 + 5 = 7 minutes; 11 minutes used of 20, so 60 / 20 = 3.00 a minute; 21.00 + 20.00 freight.
    expect(rows(body.items)).toEqual([['data/shipments.csv', 3, 'S2', '7', '20', '41.00']]);
    expect(body.total).toBe('41.00');
  });

  it('order handling: an order is found at its first line, 2 + 1 x 3 lines = 5 minutes x 3.00', async () => {
    const { body } = await get('/api/customers/C3/drill?line=cost_order_handling');
    expect(rows(body.items)).toEqual([['data/order_lines.csv', 5, 'O3', '5', '0', '15.00']]);
  });

  it('the cost of credit: I3 open 275 days after its due date, 1,800.00 x 275 x 8% / 365', async () => {
    const { body } = await get('/api/customers/C3/drill?line=cost_credit');
    // 1800 x 275 x 0.08 / 365 = 39,600 / 365 = 108.49315..., kept to 4 decimals as costing keeps it: 108.4932.
    expect(rows(body.items)).toEqual([['data/invoices.csv', 4, 'I3', '0', '108.4932', '108.49']]);
  });

  it('a fixed fee has no source row: one line of 300.00 a year', async () => {
    const { body } = await get('/api/customers/C3/drill?line=cost_account_management');
    expect(rows(body.items)).toEqual([[null, null, '', '0', '300', '300.00']]);
    expect(body.total).toBe('300.00');
    // C1 is not a key account: nothing behind its 0.00.
    const c1 = (await get('/api/customers/C1/drill?line=cost_account_management')).body;
    expect([c1.rows, c1.total]).toEqual([0, '0.00']);
  });

  it('refuses a cost line the model does not have, and an unknown customer', async () => {
    await expect400(
      '/api/customers/C3/drill?line=cost_nope',
      'line: "cost_nope" is not valid (expected a cost line of the cost model: cost_order_handling, cost_picking',
    );
    expect((await get('/api/customers/NOPE/drill?line=cost_picking')).status).toBe(404);
  });
});

describe('a cost model changed since the run', () => {
  it('is said (409), not drilled with other minutes', async () => {
    const yaml = path.join(dir, 'worth.yaml');
    const before = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, before.replace('minutes: 0.5 * quantity', 'minutes: 1 * quantity'));
    const other = await createApp(dir, { pollMs: 0, scenarioThreads: 0 });
    try {
      const res = await other.app.request('/api/customers/C3/drill?line=cost_picking', {
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toContain('has changed since the last `worth analyze`');
      // In the workspace's language (Dutch by default) when the request names none.
      const nl = await other.app.request('/api/customers/C3/drill?line=cost_picking');
      expect(((await nl.json()) as { error: { message: string } }).error.message).toContain(
        'is veranderd sinds de laatste `worth analyze`',
      );
    } finally {
      await other.close();
      writeFileSync(yaml, before);
    }
  });
});
