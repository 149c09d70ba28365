/**
 * A segment's figure down to its source rows through the API: on the hand-built company
 * (test/profit/fixture.ts) every row and total worked out by hand from its files; on a demo
 * company every page read, the pages' rows distinct and adding up to the total, and the total
 * the roll-up's figure under the same filters, to the cent.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromScaled, toScaled } from '../../src/core/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { parseSegmentDrillRequest, readSegmentDrill } from '../../src/readmodel/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';
import { requests } from './requests.ts';

let worth: WorthApp;
let demo: WorthApp;
let demoWs: AnalysedWorkspace;
beforeAll(async () => {
  const dir = await ingested();
  await runAnalyze(dir);
  worth = await createApp(dir, { pollMs: 0, scenarioThreads: 0 });
  demoWs = await analysedWorkspace(300, 5);
  demo = await createApp(demoWs.dir, { pollMs: 0, scenarioThreads: 0 });
});
afterAll(async () => {
  await worth?.close();
  await demo?.close();
  demoWs?.remove();
});

const { get, expect400 } = requests(() => worth);
const onDemo = requests(() => demo);

interface Item {
  customerId: string;
  file: string;
  line: number;
  table: string;
  date: string;
  amount: string;
}
const rows = (items: Item[]) => items.map((r) => [r.customerId, r.file, r.line, r.date, r.amount]);
const sum = (values: string[]) => fromScaled(values.reduce((a, v) => a + toScaled(v), 0n));

describe('GET /api/segment-drill on the hand-built company', () => {
  it("gives Retail's net sales as its order lines less discount, its return and its rebates, summing to 150.00", async () => {
    const { status, body } = await get('/api/segment-drill?segment=Retail&line=net_sales');
    expect(status).toBe(200);
    // C1 and C2 are Retail: O1/1 100.00 - 10.00, O1/2 50.00, R1 -30.00 (C1), O2/1 40.00 (C2); no rebates.
    expect(rows(body.items)).toEqual([
      ['C1', 'data/order_lines.csv', 2, '2024-01-10', '90.00'],
      ['C1', 'data/order_lines.csv', 3, '2024-01-10', '50.00'],
      ['C1', 'data/returns.csv', 2, '2024-01-20', '-30.00'],
      ['C2', 'data/order_lines.csv', 4, '2024-02-01', '40.00'],
    ]);
    expect(body.total).toBe('150.00');
    expect(body.rows).toBe(4);
    expect(body.filters).toEqual({ segment: 'Retail' });
  });

  it('drills Key accounts, the other lines, a period and the other attributes', async () => {
    // C3: O3's lines 1000 - 100, 500 - 50, 500 - 50, and its rebate of 100.00: 1,700.00.
    const key = (await get('/api/segment-drill?segment=Key%20accounts')).body;
    expect(key.line).toBe('net_sales');
    expect(key.total).toBe('1700.00');
    expect(rows(key.items).map((r) => r[4])).toEqual(['900.00', '450.00', '450.00', '-100.00']);
    // Retail's gross sales 100 + 50 + 40; its discounts only O1/1's 10.00; its cost of goods 50 + 20 + 30 - 15 recovered on R1.
    expect((await get('/api/segment-drill?segment=Retail&line=gross_sales')).body.total).toBe('190.00');
    const discounts = (await get('/api/segment-drill?segment=Retail&line=discounts')).body;
    expect([discounts.total, discounts.rows]).toEqual(['10.00', 1]);
    expect((await get('/api/segment-drill?segment=Retail&line=cogs')).body.total).toBe('85.00');
    expect((await get('/api/segment-drill?segment=Retail&line=returns')).body.total).toBe('30.00');
    expect((await get('/api/segment-drill?segment=Key%20accounts&line=rebates')).body.total).toBe('100.00');
    // January only: O1's two lines and R1 (20 January): 90 + 50 - 30.
    const january = (await get('/api/segment-drill?segment=Retail&from=2024-01&to=2024-01')).body;
    expect([january.total, january.rows]).toEqual(['110.00', 3]);
    // From February: O2 only. December: C3's rebate (period end 2024-12-31) alone.
    expect((await get('/api/segment-drill?segment=Retail&from=2024-02')).body.total).toBe('40.00');
    expect((await get('/api/segment-drill?segment=Key%20accounts&period=2024-12')).body.total).toBe(
      '-100.00',
    );
    // Channel phone, or region Zuid, within Retail: C2 alone, 40.00.
    expect((await get('/api/segment-drill?segment=Retail&channel=phone')).body.total).toBe('40.00');
    expect((await get('/api/segment-drill?segment=Retail&region=Zuid')).body.total).toBe('40.00');
    // A segment nobody is in: no rows, zero.
    const none = (await get('/api/segment-drill?segment=Nobody')).body;
    expect([none.total, none.rows, none.items]).toEqual(['0.00', 0, []]);
  });

  it('equals the roll-up by segment under the same filters', async () => {
    for (const filter of ['', '&from=2024-01&to=2024-02', '&region=Zuid']) {
      const rollup = (await get(`/api/rollups?attribute=segment${filter}`)).body as Record<string, unknown>[];
      for (const r of rollup) {
        const segment = String(r.value);
        const drill = (await get(`/api/segment-drill?segment=${encodeURIComponent(segment)}${filter}`)).body;
        expect(drill.total, `${segment}${filter}`).toBe(String(r.net_sales));
      }
    }
  });

  it('refuses a missing segment, a line it cannot drill and a bad page, naming each', async () => {
    await expect400('/api/segment-drill?line=net_sales', 'segment is missing');
    await expect400(
      '/api/segment-drill?segment=Retail&line=cost_phone',
      'line "cost_phone" cannot be drilled',
    );
    await expect400('/api/segment-drill?segment=Retail&page=0', 'page');
    await expect400('/api/segment-drill?segment=Retail&from=2024-13', 'from');
    // In Dutch too.
    const nl = await get('/api/segment-drill?line=net_sales', { headers: { 'accept-language': 'nl' } });
    expect(nl.body.error.message).toContain('segment ontbreekt');
    // The page's refusal is the customer drill's one check, in Dutch as well (it had no Dutch words here).
    const page = await get('/api/segment-drill?segment=Retail&page=0', {
      headers: { 'accept-language': 'nl' },
    });
    expect(page.body.error.message).toContain('verwacht een geheel getal van 1 tot en met 1000000');
  });
});

describe('GET /api/segment-drill on a demo company, page by page', () => {
  it('reads every page of each segment: distinct rows adding up to the roll-up’s figure', async () => {
    for (const filter of ['', '&from=2024-04&to=2024-09']) {
      const rollup = (await onDemo.get(`/api/rollups?attribute=segment${filter}`)).body as Record<
        string,
        unknown
      >[];
      expect(rollup.length).toBeGreaterThan(1);
      for (const r of rollup) {
        const segment = encodeURIComponent(String(r.value));
        for (const line of ['net_sales', 'cogs'] as const) {
          const first = (await onDemo.get(`/api/segment-drill?segment=${segment}&line=${line}${filter}`))
            .body;
          const items: Item[] = [...first.items];
          const pages = Math.ceil(first.rows / first.pageSize);
          for (let p = 2; p <= pages; p++)
            items.push(
              ...(await onDemo.get(`/api/segment-drill?segment=${segment}&line=${line}&page=${p}${filter}`))
                .body.items,
            );
          expect(items.length).toBe(first.rows);
          expect(new Set(items.map((i) => `${i.file}:${i.line}`)).size).toBe(first.rows);
          expect(sum(items.map((i) => i.amount))).toBe(first.total);
          expect(first.total, `${String(r.value)} ${line}${filter}`).toBe(String(r[line]));
        }
      }
    }
  });

  it('answers the same, page by page, where the engine has no window aggregates (the page joined to a second read of the rows)', async () => {
    const engine = await DuckDBEngine.open(path.join(demoWs.dir, DATABASE_FILE), { readOnly: true });
    try {
      // The same engine seen through a dialect without window functions (as ClickHouse's says).
      const windowless = Object.create(engine, {
        dialect: { value: { ...engine.dialect, supportsWindowFunctions: false } },
      }) as DuckDBEngine;
      const segments = (await engine.query('SELECT DISTINCT segment FROM customers ORDER BY segment')).map(
        (r) => String(r.segment),
      );
      expect(segments.length).toBeGreaterThan(1);
      let rows = 0;
      let pastLast = 0;
      for (const segment of segments)
        for (const filter of [{}, { from: '2024-04', to: '2024-09' }, { region: 'Zuid' }])
          for (const line of ['net_sales', 'gross_sales', 'returns', 'rebates', 'cogs'])
            // The first pages, and one past the last (its count and total asked apart).
            for (const page of [1, 2, 3, 1000]) {
              const request = parseSegmentDrillRequest({ segment, line, page: String(page), ...filter });
              const a = await readSegmentDrill(engine, request);
              const label = `${segment} ${line} ${JSON.stringify(filter)} page ${page}`;
              expect(await readSegmentDrill(windowless, request), label).toEqual(a);
              // A later page with the count and total kept from the first: its rows alone.
              expect(
                await readSegmentDrill(engine, request, { rows: a.rows, total: a.total }),
                label,
              ).toEqual(a);
              if (page === 1000) {
                expect(a.items, label).toEqual([]);
                pastLast += a.rows > 0 ? 1 : 0;
              }
              rows += a.items.length;
            }
      expect(rows).toBeGreaterThan(segments.length * 100);
      expect(pastLast).toBeGreaterThan(segments.length);
    } finally {
      await engine.close();
    }
  }, 300_000);
});
