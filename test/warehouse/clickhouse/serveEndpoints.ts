/**
 * Test helper: every API request the dashboard makes, for the serve parity test (issue 16):
 * the routes of src/server/createApp.ts, each with the parameters the dashboard sends, built
 * from what the workspace itself holds (its customers, segments, activities, product groups,
 * initiatives), never from a fixture's names.
 */
import type { WorthApp } from '../../../src/server/index.ts';

/** One answer: status and parsed body. */
export interface Answer {
  status: number;
  body: unknown;
}

/** `GET url` on the app, in English. */
export async function answer(app: WorthApp, url: string): Promise<Answer> {
  const res = await app.app.request(url, { headers: { 'accept-language': 'en' } });
  return { status: res.status, body: await res.json() };
}

/** The routes of createApp.ts (the list the test checks it covers: a route added without a request here fails it). */
export const ROUTES = [
  '/api/health',
  '/api/meta',
  '/api/summary',
  '/api/overview',
  '/api/whale',
  '/api/customers',
  '/api/customers/:id',
  '/api/customers/:id/trend',
  '/api/customers/:id/drill',
  '/api/segment-drill',
  '/api/customers/:id/products',
  '/api/product-groups/:group/customers',
  '/api/trend',
  '/api/cohorts',
  '/api/data-quality',
  '/api/deciles',
  '/api/attributes',
  '/api/rollups',
  '/api/lines',
  '/api/matrix',
  '/api/voice-of-customer',
  '/api/activities',
  '/api/what-if',
  '/api/lifetime-value',
  '/api/scenarios',
  '/api/scenarios/:id',
] as const;

/** A request and the route it exercises. */
export interface Request {
  route: (typeof ROUTES)[number];
  url: string;
}

const enc = encodeURIComponent;

/**
 * The requests to compare, built from the reference app's answers: a few customers from both
 * ends of the contribution ranking and the middle, every drill line for them, each segment and
 * channel as a filter, a period, each activity's rate doubled, each product group, each initiative.
 */
export async function requestsOf(reference: WorthApp): Promise<Request[]> {
  const body = async (url: string) => (await answer(reference, url)).body as Record<string, unknown>;
  const list = (await body('/api/customers?pageSize=500')) as { rows: { customerId: string }[] };
  const ids = list.rows.map((r) => r.customerId);
  const picked = [...new Set([...ids.slice(0, 3), ids[Math.floor(ids.length / 2)]!, ...ids.slice(-3)])];
  const summary = (await body('/api/summary')) as {
    activities: { id: string; rate?: unknown }[];
    period: { start: string; end: string };
  };
  const activities = summary.activities.map((a) => a.id);
  const attributes = (await answer(reference, '/api/attributes')).body as string[];
  const segments = ((await body('/api/rollups?attribute=segment')) as unknown as { value: string }[]).map(
    (r) => r.value,
  );
  const channelRows = attributes.includes('channel')
    ? ((await answer(reference, '/api/rollups?attribute=channel')).body as { value: string }[])
    : [];
  const channels = channelRows.map((r) => r.value);
  const lines = (await body('/api/lines')) as { productGroups: { product_group: string | null }[] };
  const groups = lines.productGroups.map((g) => g.product_group).filter((g): g is string => !!g);
  const scenarios = (await answer(reference, '/api/scenarios')).body as { id: string }[];
  const from = summary.period.start.slice(0, 7);
  const to = summary.period.end.slice(0, 7);
  const filters = [
    ...segments.slice(0, 2).map((s) => `segment=${enc(s)}`),
    ...channels.slice(0, 1).map((c) => `channel=${enc(c)}`),
    `from=${from}&to=${from}`,
    `from=${from}&to=${to}&segment=${enc(segments[0] ?? '')}`,
  ];
  const r: Request[] = [];
  const add = (route: Request['route'], url: string) => r.push({ route, url });
  add('/api/health', '/api/health');
  add('/api/meta', '/api/meta');
  add('/api/summary', '/api/summary');
  add('/api/overview', '/api/overview');
  add('/api/overview', '/api/overview?points=11');
  for (const f of filters) add('/api/overview', `/api/overview?${f}`);
  add('/api/whale', '/api/whale?points=50');
  for (const sort of ['contribution', 'netSales', 'name', 'segment', 'customerId'])
    for (const dir of ['asc', 'desc'])
      add('/api/customers', `/api/customers?sort=${sort}&dir=${dir}&pageSize=25&page=2`);
  add('/api/customers', `/api/customers?q=${enc(picked[0]!.slice(0, 3))}`);
  add('/api/customers', '/api/customers?lossMaking=true');
  add('/api/customers', `/api/customers?segment=${enc(segments[0] ?? '')}`);
  for (const f of filters) add('/api/customers', `/api/customers?${f}&pageSize=30`);
  for (const id of picked) {
    add('/api/customers/:id', `/api/customers/${enc(id)}`);
    add('/api/customers/:id/trend', `/api/customers/${enc(id)}/trend`);
    add('/api/customers/:id/trend', `/api/customers/${enc(id)}/trend?grain=quarter`);
    for (const line of ['gross_sales', 'discounts', 'returns', 'rebates', 'cogs'])
      add('/api/customers/:id/drill', `/api/customers/${enc(id)}/drill?line=${line}`);
    for (const a of activities)
      add('/api/customers/:id/drill', `/api/customers/${enc(id)}/drill?line=cost_${a}`);
    add('/api/customers/:id/products', `/api/customers/${enc(id)}/products`);
  }
  add('/api/customers/:id', '/api/customers/no-such-customer');
  for (const s of segments.slice(0, 2))
    for (const line of ['net_sales', 'cogs'])
      add('/api/segment-drill', `/api/segment-drill?segment=${enc(s)}&line=${line}`);
  for (const g of groups.slice(0, 3)) {
    add('/api/product-groups/:group/customers', `/api/product-groups/${enc(g)}/customers`);
    add('/api/product-groups/:group/customers', `/api/product-groups/${enc(g)}/customers?${filters[0]}`);
  }
  for (const grain of ['month', 'quarter', 'year']) add('/api/trend', `/api/trend?grain=${grain}`);
  add('/api/trend', `/api/trend?segment=${enc(segments[0] ?? '')}`);
  for (const f of filters) add('/api/trend', `/api/trend?${f}`);
  add('/api/cohorts', '/api/cohorts');
  add('/api/data-quality', '/api/data-quality');
  add('/api/deciles', '/api/deciles');
  for (const f of filters) add('/api/deciles', `/api/deciles?${f}`);
  add('/api/attributes', '/api/attributes');
  for (const a of attributes) add('/api/rollups', `/api/rollups?attribute=${enc(a)}`);
  for (const f of filters) add('/api/rollups', `/api/rollups?attribute=segment&${f}`);
  add('/api/lines', '/api/lines');
  for (const f of filters) add('/api/lines', `/api/lines?${f}`);
  add('/api/matrix', '/api/matrix');
  add('/api/voice-of-customer', '/api/voice-of-customer');
  add('/api/activities', '/api/activities');
  for (const a of activities) add('/api/what-if', `/api/what-if?rates=${enc(`${a}:1.5`)}`);
  add('/api/lifetime-value', '/api/lifetime-value');
  add('/api/scenarios', '/api/scenarios');
  for (const s of scenarios) add('/api/scenarios/:id', `/api/scenarios/${enc(s.id)}?draws=50&seed=7`);
  return r;
}
