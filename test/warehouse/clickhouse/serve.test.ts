/**
 * `worth serve` on ClickHouse (issue 16, item 4): the same demo company (300 customers, seed 11)
 * run through `worth ingest`, `worth analyze` and `worth clv` as a user runs them, on DuckDB,
 * on one ClickHouse node and on two shards; then the server app over each workspace answers
 * every request the dashboard makes (every route of createApp.ts, see serveEndpoints.ts) with
 * the same status and the same JSON as over the DuckDB workspace, to the cent. What is not on
 * this engine yet answers one sentence saying so (no SQL, no stack), listed in NOT_YET. Then
 * the server is stopped while serving: the figures read stay served, and what needs the server
 * says in one sentence that it does not answer.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../../src/demo/index.ts';
import { createApp, type WorthApp } from '../../../src/server/index.ts';
import { openEngine } from '../../../src/warehouse/index.ts';
import {
  describeWithClickHouse,
  startClickHouse,
  startClickHouseCluster,
  type ClickHouseCluster,
  type ClickHouseServer,
} from './server.ts';
import { answer, requestsOf, ROUTES, type Request } from './serveEndpoints.ts';

const BIN = path.resolve('bin/worth.js');
const CUSTOMERS = 300;
const ENV = { one: 'WORTH_TEST_CH_SERVE_ONE', two: 'WORTH_TEST_CH_SERVE_TWO' } as const;

/**
 * What does not answer on ClickHouse yet, each saying so in one sentence (409): the reads of the
 * monthly P&L, which `worth analyze` does not write there yet (18.16 has no window functions):
 * the trends, the cohorts and a period filter (but on the line roll-ups, which the lines cube answers);
 * and an initiative's run (its baseline reads the targeted customers' order lines).
 */
function notYet(r: Request): boolean {
  return (
    ['/api/trend', '/api/cohorts', '/api/customers/:id/trend', '/api/scenarios/:id'].includes(r.route) ||
    (r.route !== '/api/lines' && /[?&]from=/.test(r.url))
  );
}

function worth(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

function engineSection(url: string, user: string, env: string, cluster?: string): string {
  return [
    '',
    'engine:',
    '  kind: clickhouse',
    `  url: ${url}`,
    '  database: worth_serve',
    `  user: ${user}`,
    `  password_env: ${env}`,
    ...(cluster ? [`  cluster: ${cluster}`] : []),
    '',
  ].join('\n');
}

/** The run's warning that the monthly P&L was not written (ClickHouse 18.16: no window functions). */
const MONTHLY_WARNING = /pnl_monthly.*(not written|niet geschreven)/;

/**
 * An answer without what differs by construction: the count of published runs (DuckDB counts
 * ingest too), and in the stored summary the run's warning that the monthly P&L was not written.
 */
function comparable(url: string, body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  if (url === '/api/health') {
    const { generation: _g, latest: _l, ...rest } = body as Record<string, unknown>;
    return rest;
  }
  const withoutMonthly = (summary: { warnings?: string[] }) => ({
    ...summary,
    warnings: (summary.warnings ?? []).filter((w) => !MONTHLY_WARNING.test(w)),
  });
  if (url === '/api/summary') return withoutMonthly(body as { warnings?: string[] });
  const { summary } = body as { summary?: { warnings?: string[] } };
  return summary ? { ...body, summary: withoutMonthly(summary) } : body;
}

/**
 * Where two answers differ (path: got vs expected). Money is text (exact decimals) and must be
 * equal; a JSON number (a ratio, a share, a fitted value) within {@link RELATIVE} of the other:
 * the engines average and add doubles in their own order (ClickHouse keeps an average of a
 * decimal satisfaction score at 12 decimals where DuckDB gives the double).
 */
function differences(got: unknown, expected: unknown, at = ''): string[] {
  if (Object.is(got, expected)) return [];
  if (typeof got === 'number' && typeof expected === 'number') {
    const scale = Math.max(Math.abs(got), Math.abs(expected), 1e-300);
    return Math.abs(got - expected) / scale <= RELATIVE ? [] : [`${at}: ${got} vs ${expected}`];
  }
  if (got && expected && typeof got === 'object' && typeof expected === 'object') {
    if (Array.isArray(got) !== Array.isArray(expected)) return [`${at}: array vs object`];
    const keys = new Set([...Object.keys(got), ...Object.keys(expected)]);
    return [...keys].flatMap((k) =>
      differences(
        (got as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${at}.${k}`,
      ),
    );
  }
  return [`${at}: ${JSON.stringify(got)?.slice(0, 200)} vs ${JSON.stringify(expected)?.slice(0, 200)}`];
}

/** Relative tolerance of a JSON number (never of money, which is exact text). */
const RELATIVE = 1e-9;

describeWithClickHouse('worth serve on ClickHouse: every endpoint as on DuckDB', () => {
  let single: ClickHouseServer;
  let cluster: ClickHouseCluster;
  let root: string;
  const dirs = { duckdb: '', one: '', two: '' };
  const apps: Partial<Record<keyof typeof dirs, WorthApp>> = {};
  let requests: Request[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'worth-ch-serve-'));
    // The same folder name in each (the dashboard shows it): shop/ under one parent per engine.
    for (const k of Object.keys(dirs) as (keyof typeof dirs)[]) {
      mkdirSync(path.join(root, k));
      dirs[k] = path.join(root, k, 'shop');
    }
    [single, cluster] = await Promise.all([startClickHouse(), startClickHouseCluster()]);
    process.env[ENV.one] = single.password;
    process.env[ENV.two] = cluster.password;
    for (const [url, user, password] of [
      [single.url, single.user, single.password],
      ...cluster.shards.map((s) => [s.url, s.user, s.password]),
    ] as [string, string, string][]) {
      const admin = await openEngine({
        kind: 'clickhouse',
        connection: { url, database: 'default', user, password },
      });
      await admin.run('CREATE DATABASE worth_serve');
      await admin.close();
    }
    for (const dir of Object.values(dirs)) await writeDemoWorkspace(dir, { customers: CUSTOMERS, seed: 11 });
    appendFileSync(path.join(dirs.one, 'worth.yaml'), engineSection(single.url, single.user, ENV.one));
    appendFileSync(
      path.join(dirs.two, 'worth.yaml'),
      engineSection(cluster.url, cluster.user, ENV.two, cluster.cluster),
    );
    for (const [kind, dir] of Object.entries(dirs))
      for (const command of ['ingest', 'analyze', 'clv']) {
        const ran = await worth([command, dir]);
        const log = path.join(dir, 'worth-error.log');
        expect(
          ran.code,
          `${kind} ${command}: ${ran.stderr}${existsSync(log) ? readFileSync(log, 'utf8') : ''}`,
        ).toBe(0);
      }
    for (const [kind, dir] of Object.entries(dirs) as [keyof typeof dirs, string][]) {
      const app = await createApp(dir, { pollMs: 0, scenarioThreads: 0 });
      apps[kind] = app;
      await app.reader.holdPages();
    }
    requests = await requestsOf(apps.duckdb!);
  }, 1_200_000);

  afterAll(async () => {
    for (const app of Object.values(apps)) await app?.close();
    await single?.stop();
    await cluster?.stop();
    delete process.env[ENV.one];
    delete process.env[ENV.two];
    if (root) rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('asks every route of the API (the list in serveEndpoints.ts covers createApp.ts)', () => {
    expect(new Set(requests.map((r) => r.route))).toEqual(new Set(ROUTES));
    expect(requests.length).toBeGreaterThan(100);
  });

  for (const engine of ['one', 'two'] as const) {
    it(`answers every request as DuckDB does, to the cent (${engine === 'one' ? 'one node' : 'two shards'})`, async () => {
      const differ: string[] = [];
      const notAnswered: string[] = [];
      for (const { route, url } of requests) {
        const expected = await answer(apps.duckdb!, url);
        const got = await answer(apps[engine]!, url);
        if (notYet({ route, url }) && expected.status === 200) {
          notAnswered.push(url);
          const message = (got.body as { error?: { message?: string } }).error?.message ?? '';
          if (got.status !== 409 || !/not available on this engine yet/.test(message))
            differ.push(
              `${url} ${got.status} ${JSON.stringify(got.body).slice(0, 300)} expected 409, not available yet`,
            );
          expect(message, url).not.toMatch(/SELECT|FROM|\n\s+at |undefined|NaN/);
          continue;
        }
        if (got.status !== expected.status)
          differ.push(
            `${url}: status ${got.status} ${JSON.stringify(got.body).slice(0, 300)}, expected ${expected.status}`,
          );
        else {
          const where = differences(comparable(url, got.body), comparable(url, expected.body));
          if (where.length) differ.push(`${url}: ${where.slice(0, 3).join('; ')}`);
        }
      }
      expect(differ).toEqual([]);
      // Asked, and answered on DuckDB: what is missing on ClickHouse is only these.
      expect(notAnswered.length).toBeGreaterThan(0);
    }, 900_000);
  }

  it('keeps serving what it read when the server stops, and says in one sentence what needs the server', async () => {
    const app = apps.one!;
    const overview = await answer(app, '/api/overview');
    const customers = await answer(app, '/api/customers?pageSize=5');
    const id = (customers.body as { rows: { customerId: string }[] }).rows[0]!.customerId;
    await single.stop();
    // The figures read at start: as before. Looking for a newer run finds no server: kept serving.
    await app.live.check();
    expect(await answer(app, '/api/overview')).toEqual(overview);
    expect(await answer(app, '/api/customers?pageSize=5')).toEqual(customers);
    expect((await answer(app, '/api/health')).status).toBe(200);
    // A drill reads the customer's lines from the server: one sentence naming it, nothing else.
    for (const url of [
      `/api/customers/${encodeURIComponent(id)}/drill?line=gross_sales`,
      `/api/customers/${encodeURIComponent(id)}/products`,
    ]) {
      const got = await answer(app, url);
      expect(got.status, url).toBe(503);
      const message = (got.body as { error: { message: string } }).error.message;
      expect(message, url).toContain(single.url);
      expect(message, url).toMatch(/does not answer/);
      expect(message.split('\n'), url).toHaveLength(1);
      expect(message, url).not.toMatch(/SELECT|FROM|\.ts:|\n\s+at |undefined|NaN|Infinity/);
      expect(message, url).not.toContain(single.password);
    }
  });
});
