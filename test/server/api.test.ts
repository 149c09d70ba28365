import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { requests } from './requests.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let worth: WorthApp;

beforeAll(async () => {
  ws = await analysedWorkspace(300);
  worth = await createApp(ws.dir);
});
afterAll(async () => {
  await worth?.close();
  ws?.remove();
});

const { get, expect400 } = requests(() => worth);

describe('GET /api/summary', () => {
  it('returns the same figures as worth analyze --json', async () => {
    const { status, body } = await get('/api/summary');
    expect(status).toBe(200);
    expect(body).toEqual(ws.result);
  });
});

describe('GET /api/overview and /api/whale', () => {
  it('sends the summary and the whale curve from (0,0) to (1,1)', async () => {
    const { body } = await get('/api/overview?points=50');
    expect(body.summary.totals.contribution).toBe(ws.result.totals.contribution);
    const w = body.whale as { customerShare: number; contributionShare: number }[];
    expect(w[0]).toEqual({ customerShare: 0, contributionShare: 0 });
    expect(w.at(-1)!.customerShare).toBeCloseTo(1, 12);
    expect(w.at(-1)!.contributionShare).toBeCloseTo(1, 9);
    expect(w.length).toBeLessThanOrEqual(52);
    const peak = Math.max(...w.map((p) => p.contributionShare));
    expect(peak).toBeLessThanOrEqual(ws.result.whale.peak! + 1e-6);
  });
  it('rejects a bad number of points', async () => {
    await expect400('/api/whale?points=1', 'points: "1"');
    await expect400('/api/whale?points=abc', 'points');
    await expect400('/api/overview?points=99999', 'points');
  });
});

describe('GET /api/customers', () => {
  it('pages through every customer, sorted by contribution', async () => {
    const { body } = await get('/api/customers?pageSize=100&page=3');
    expect(body.total).toBe(300);
    expect(body.rows).toHaveLength(100);
    const all = [];
    for (let page = 1; page <= 3; page++)
      all.push(...(await get(`/api/customers?pageSize=100&page=${page}`)).body.rows);
    expect(new Set(all.map((r: { customerId: string }) => r.customerId)).size).toBe(300);
    const c = all.map((r: { contribution: string }) => Number(r.contribution));
    expect(c).toEqual([...c].sort((a, b) => b - a));
    expect(all[0].contribution).toMatch(/^-?\d+\.\d\d$/);
  });
  it('reads the same order by contribution both ways, with and without a filter', async () => {
    const asc = (await get('/api/customers?sort=contribution&dir=asc&pageSize=7&page=2')).body.rows;
    const desc = (await get('/api/customers?sort=contribution&dir=desc&pageSize=300')).body.rows;
    expect(asc).toEqual(desc.slice(-14, -7).reverse());
    const filtered = (await get('/api/customers?sort=contribution&dir=desc&pageSize=300&lossMaking=true'))
      .body.rows;
    expect(filtered).toEqual(desc.filter((r: { contribution: string }) => Number(r.contribution) < 0));
    const bySales = (await get('/api/customers?sort=netSales&dir=desc&pageSize=300')).body.rows.map(
      (r: { netSales: string }) => Number(r.netSales),
    );
    expect(bySales).toEqual([...bySales].sort((a, b) => b - a));
  });
  it('sorts ascending by name and filters loss-makers', async () => {
    const names = (await get('/api/customers?sort=name&dir=asc&pageSize=20')).body.rows.map(
      (r: { name: string }) => r.name,
    );
    expect(names).toEqual([...names].sort());
    const loss = (await get('/api/customers?lossMaking=true&pageSize=500')).body;
    expect(loss.total).toBe(ws.result.lossMakers.customers);
    expect(loss.rows.every((r: { contribution: string }) => Number(r.contribution) < 0)).toBe(true);
  });
  it('searches ids and names, filters by segment and quadrant', async () => {
    const first = (await get('/api/customers?pageSize=1')).body.rows[0];
    const found = (await get(`/api/customers?q=${encodeURIComponent(first.customerId.toLowerCase())}`)).body;
    expect(found.rows.map((r: { customerId: string }) => r.customerId)).toContain(first.customerId);
    const seg = (await get(`/api/customers?segment=${encodeURIComponent(first.segment)}&pageSize=500`)).body;
    expect(seg.rows.every((r: { segment: string }) => r.segment === first.segment)).toBe(true);
    const q = Object.entries(ws.result.voiceOfCustomer.quadrants).find(([, n]) => n > 0)!;
    const voc = (await get(`/api/customers?vocQuadrant=${encodeURIComponent(q[0])}`)).body;
    expect(voc.total).toBe(q[1]);
    const m = Object.entries(ws.result.matrix.quadrants).find(([, n]) => n > 0)!;
    expect((await get(`/api/customers?matrixQuadrant=${encodeURIComponent(m[0])}`)).body.total).toBe(m[1]);
    const none = (await get('/api/customers?q=%27%3B%20DROP%20TABLE%20customers%3B--')).body;
    expect(none.total).toBe(0);
  });
  it('rejects bad parameters with a 400 naming them', async () => {
    await expect400('/api/customers?page=0', 'page: "0"');
    await expect400('/api/customers?pageSize=501', 'pageSize');
    await expect400('/api/customers?sort=contribution;drop', 'sort: "contribution;drop"');
    await expect400('/api/customers?dir=up', 'dir');
    await expect400('/api/customers?lossMaking=yes', 'lossMaking');
    await expect400('/api/customers?vocQuadrant=happy', 'vocQuadrant');
    await expect400('/api/customers?matrixQuadrant=x', 'matrixQuadrant');
    await expect400(`/api/customers?q=${'x'.repeat(101)}`, 'q');
  });
});

describe('GET /api/customers/:id', () => {
  it('returns the customer page', async () => {
    const id = (await get('/api/customers?lossMaking=true&pageSize=1&sort=contribution&dir=asc')).body.rows[0]
      .customerId;
    const { status, body } = await get(`/api/customers/${id}`);
    expect(status).toBe(200);
    expect(body.pnl.customer_id).toBe(id);
    expect(Number(body.pnl.contribution)).toBeLessThan(0);
    expect(body.customer.segment).toBeTruthy();
    expect(body.segmentMedians.segment).toBe(body.customer.segment);
    expect(body.lossExplanations.length).toBeGreaterThan(0);
    expect(body.activities.map((a: { id: string }) => a.id)).toEqual(ws.result.activities.map((a) => a.id));
    const months = body.history as { month: string; orders: number; sales: string }[];
    expect(months.length).toBeGreaterThan(0);
    expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
    const cents = months.reduce((s, m) => s + Math.round(Number(m.sales) * 100), 0);
    expect(cents).toBe(Math.round((Number(body.pnl.gross_sales) - Number(body.pnl.discounts)) * 100));
  });
  it('404s an unknown customer', async () => {
    const { status, body } = await get('/api/customers/NOPE');
    expect(status).toBe(404);
    expect(body.error.message).toContain('"NOPE"');
  });
});

describe('analysis routes', () => {
  it('deciles, attributes, roll-ups, lines, matrix, voice of customer, activities', async () => {
    const deciles = (await get('/api/deciles')).body;
    expect(deciles.map((d: { decile: number }) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const attributes = (await get('/api/attributes')).body;
    expect(attributes).toContain('segment');
    const rollup = (await get('/api/rollups?attribute=segment')).body;
    expect(rollup.reduce((s: number, r: { customers: number }) => s + r.customers, 0)).toBe(300);
    const lines = (await get('/api/lines')).body;
    expect(lines.productGroups.length).toBeGreaterThan(0);
    const matrix = (await get('/api/matrix')).body;
    expect(matrix.thresholds).toEqual(ws.result.matrix.thresholds);
    expect(matrix.quadrants.reduce((s: number, r: { customers: number }) => s + r.customers, 0)).toBe(300);
    const voc = (await get('/api/voice-of-customer')).body;
    expect(voc.reduce((s: number, r: { customers: number }) => s + r.customers, 0)).toBe(300);
    const acts = (await get('/api/activities')).body;
    expect(acts.map((a: { activity_id: string }) => a.activity_id)).toEqual(
      ws.result.activities.map((a) => a.id),
    );
  });
  it('rejects an unknown or malformed attribute', async () => {
    await expect400('/api/rollups?attribute=colour', 'attribute: "colour" has no roll-up');
    await expect400('/api/rollups?attribute=Robert%27)%3B', 'attribute');
  });
  it('404s unknown API routes as JSON', async () => {
    const { status, body } = await get('/api/nothing');
    expect(status).toBe(404);
    expect(body.error.message).toContain('/api/nothing');
  });
});

describe('the token rule', () => {
  it('401s every API request without the token, accepts it only in the Authorization header (scheme in any case)', async () => {
    const guarded = await createApp(ws.dir, { token: 's3cret' });
    try {
      for (const url of [
        '/api/summary',
        '/api/meta',
        '/api/customers',
        '/api/customers/C000001',
        '/api/deciles',
        '/api/nothing',
      ]) {
        const res = await guarded.app.request(url);
        expect(res.status, url).toBe(401);
        expect(((await res.json()) as { error: { message: string } }).error.message).toContain('token');
      }
      expect(
        (await guarded.app.request('/api/summary', { headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      expect(
        (await guarded.app.request('/api/summary', { headers: { authorization: 'Bearer s3cret' } })).status,
      ).toBe(200);
      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        expect(
          (await guarded.app.request('/api/summary', { headers: { authorization: `${scheme} s3cret` } }))
            .status,
          scheme,
        ).toBe(200);
      }
      // Never from the query string (it ends up in history, logs and Referer headers), nor another scheme.
      expect((await guarded.app.request('/api/summary?token=s3cret')).status).toBe(401);
      expect(
        (await guarded.app.request('/api/summary', { headers: { authorization: 'Basic s3cret' } })).status,
      ).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});

describe('GET /api/meta', () => {
  it('sends the currency from worth.yaml', async () => {
    expect((await get('/api/meta')).body.currency).toBe('EUR');
  });
});

describe('the dashboard files', () => {
  it('serves files from the web folder, index.html for client routes, never outside it', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const web = mkdtempSync(path.join(tmpdir(), 'worth-web-'));
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(web, 'assets', 'a.js'), 'console.log(1)');
    const site = await createApp(ws.dir, { webDir: web });
    try {
      const js = await site.app.request('/assets/a.js');
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect(await js.text()).toBe('console.log(1)');
      for (const p of ['/', '/customers/C1', '/..%2F..%2Fetc%2Fpasswd', '/%E0%A4%A']) {
        const res = await site.app.request(p);
        expect(res.status, p).toBe(200);
        expect(await res.text(), p).toContain('<title>x</title>');
      }
    } finally {
      await site.close();
    }
  });
});
