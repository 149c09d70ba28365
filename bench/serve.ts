/**
 * Benchmark `worth serve`: p95 latency of the customer-table queries (page, sort, filter,
 * search) and of the overview API under 200 concurrent clients (WORTH_BENCH_CLIENTS), and of
 * `/api/health` while twenty 5,000-draw scenario runs compute, on the demo company with
 * 1,000,000 customers. The workspace is written, ingested and analysed in a temporary folder
 * (or taken from WORTH_BENCH_SERVE_DIR when it is already analysed and valued); the server runs in its
 * own process (`worth serve --no-build`), the clients here.
 *
 * WORTH_BENCH_SERVE_BASELINE=path/to/bin/worth.js (another checkout, e.g. `git archive` of an
 * earlier commit) first measures that build's start-up and holding of the customer pages on the
 * same workspace, for a before/after in one run; WORTH_BENCH_SERVE_HOLD_ONLY=1 stops after the
 * start-up and memory lines (no load). WORTH_BENCH_SERVE_HOLD=never,always (any of auto, always,
 * never) instead starts one server per `--hold-pages` setting, one after the other on the same
 * workspace, and measures each one's start-up, memory and a customer-page line, then stops.
 * WORTH_BENCH_SERVE_LINES=filters measures only the floor and the global filters' and drills'
 * lines (section `serve-filters`); with WORTH_BENCH_SERVE_BASELINE as well, each line on the
 * baseline build and then on this one, side by side. WORTH_BENCH_SERVE_LINES=lists measures issue
 * 12's goal alone: every line before the global filters' (the customer table, page and months,
 * overview, trends, cohorts) and `/api/health` beside the scenario runs, in section `serve-lists`.
 * WORTH_BENCH_SERVE_ONLY=<starts of lines' names, separated by |> with `filters` measures the floor
 * and those lines only (with a baseline, each side by side).
 * WORTH_BENCH_SERVE_FROM=<the start of a line's name> with `filters` measures the floor and then
 * that line and the ones after it (a run resumed after a line that did not finish).
 */
import { spawn, spawnSync } from 'node:child_process';
import { Agent, get } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDemoWorkspace } from '../src/demo/index.ts';
import type { BenchSection } from './report.ts';
import type { Suite } from './suites.ts';
import { Random } from '../src/clv/index.ts';

const CUSTOMERS = Number(process.env.WORTH_BENCH_CUSTOMERS ?? 1_000_000);
const CLIENTS = Number(process.env.WORTH_BENCH_CLIENTS ?? 200);
const REQUESTS_PER_CLIENT = Number(process.env.WORTH_BENCH_REQUESTS ?? 10);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function worth(args: string[]): string {
  const r = spawnSync(process.execPath, [resolve('bin/worth.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`worth ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Starts `worth serve` (of `bin`, default this checkout's) on a free port; resolves with its base URL, its process id and a stop function. */
function serve(
  dir: string,
  bin = resolve('bin/worth.js'),
  extra: string[] = [],
): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, [bin, 'serve', dir, '--port', '0', '--no-build', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      // the start-up line in worth.yaml's language: `at http://...` or `op http://...`
      const m = /(http:\/\/[^\s#]+)/.exec(out);
      if (m) ok({ url: m[1]!, pid: child.pid!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => fail(new Error(`worth serve exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Resident and peak resident memory of a process in MiB, from /proc (Linux). */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Waits until a server's background start-up work is done (after holding the pages it reads the
 * global filters' cube): its CPU under a tenth of a core over two seconds, at most ten minutes.
 * Without this wait the first lines (the floor above all) carried that work: a server started
 * without holding pages gave the floor 0.38, 0.33, then 0.19 ms of CPU a request in its first
 * rounds (the cube's read in its profile), 0.07-0.12 ms once settled (BENCHMARKS.md, 2026-12-07).
 */
async function settled(pid: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < 600_000) {
    const c0 = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 2000));
    if (cpuSeconds(pid) - c0 < 0.2) break;
  }
  return (performance.now() - t0) / 1000;
}

/** A seeded uniform generator (mulberry32, the CLV library's): the same seed gives the same data. */
function rng(seed: number): () => number {
  const r = new Random(seed);
  return () => r.uniform();
}

/** Keep-alive connections, one per client: node:http costs the load generator (on the same 2 cores as the server) less CPU per request than fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

/**
 * GETs `url` and reads the whole body; resolves with the status. A kept-alive socket that the
 * server closed as idle (its keep-alive timeout, while other lines ran) resets under the next
 * request: that request is sent again on a new socket, as Node's documentation advises
 * (`reusedSocket`); any other error fails the run.
 */
function request(url: URL): Promise<number> {
  return new Promise((ok, fail) => {
    const req = get(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => ok(res.statusCode ?? 0));
      res.on('error', fail);
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (req.reusedSocket && e.code === 'ECONNRESET') request(url).then(ok, fail);
      else fail(e);
    });
  });
}

/** GETs `url` and parses the JSON body. */
function getJson(url: URL): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    get(url, { agent }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => ok(JSON.parse(body) as Record<string, unknown>));
      res.on('error', fail);
    }).on('error', fail);
  });
}

/** Runs CLIENTS clients, each sending REQUESTS_PER_CLIENT requests from `path(random)`; returns latencies in ms. */
async function load(base: string, path: (r: () => number) => string, seed: number): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const r = rng(seed * 1000 + c);
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const url = new URL(path(r), base);
        const t0 = performance.now();
        const status = await request(url);
        if (status !== 200) throw new Error(`${url.pathname}${url.search}: HTTP ${status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

/** The demo's id of customer `n` (1-based): `C` and at least six digits, as src/demo writes it. */
const customerId = (n: number) => `C${String(n).padStart(Math.max(6, String(CUSTOMERS).length), '0')}`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function run(): Promise<BenchSection> {
  const given = process.env.WORTH_BENCH_SERVE_DIR;
  const dir = given ?? mkdtempSync(join(tmpdir(), 'worth-bench-serve-'));
  try {
    if (!given || !existsSync(join(dir, 'worth.duckdb'))) {
      await writeDemoWorkspace(dir, { customers: CUSTOMERS });
      worth(['ingest', dir, '--json']);
      worth(['analyze', dir, '--json']);
      worth(['clv', dir, '--json']);
    }
    const load1 = loadavg()[0]!;
    const baseline = process.env.WORTH_BENCH_SERVE_BASELINE;
    // The hold-only run holds the pages whatever the size (`auto` would not beyond its limit).
    const holdOnly = process.env.WORTH_BENCH_SERVE_HOLD_ONLY === '1';
    const holdFlags = holdOnly ? ['--hold-pages', 'always'] : [];
    const rows: BenchSection['rows'] = [];
    if (baseline && process.env.WORTH_BENCH_SERVE_LINES !== 'filters') {
      const t0 = performance.now();
      const before = await serve(dir, resolve(baseline), holdFlags);
      try {
        rows.push(...holdingRows(await holdPages(before, t0), ` (before: ${baseline})`));
      } finally {
        before.stop();
        await new Promise((r) => setTimeout(r, 2000)); // its memory back before the next server starts
      }
    }
    const settings = (process.env.WORTH_BENCH_SERVE_HOLD ?? '').split(',').filter(Boolean);
    if (settings.length) {
      for (const setting of settings) rows.push(...(await holdSetting(dir, setting)));
      // its own section: the full load run's figures stay as they were
      return {
        ...section(rows, given, load1),
        id: 'serve-hold',
        title: 'Holding the customer pages or not (`worth serve --hold-pages`)',
      };
    }
    const t0 = performance.now();
    const server = await serve(dir, undefined, holdFlags);
    try {
      rows.push(...holdingRows(await holdPages(server, t0), ''));
      process.stderr.write(
        `server settled (background start-up work done) after ${fmt(await settled(server.pid))} s more\n`,
      );
      // its own section too: the full load run's figures stay as they were
      if (holdOnly)
        return {
          ...section(rows, given, load1),
          id: 'serve-hold-peak',
          title: 'Holding the customer pages, before and after, one run (`worth serve`)',
        };
      const pages = Math.floor(CUSTOMERS / 50);
      const sorts = [
        'customerId',
        'name',
        'segment',
        'netSales',
        'grossMargin',
        'costToServe',
        'contribution',
      ];
      const segments = ['Retail', 'Horeca', 'Key accounts', 'Web shop consumers'];
      const terms = ['bakker', 'jan', 'c0001', 'de vries', 'smit', '4242'];
      const letters = [...'abcdefghijklmnopqrstuvwxyz'];
      const quadrants = ['champions', 'at risk', 'over-served', 'rest', 'no feedback'];
      const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      const scenarios: { what: string; target: number; path: (r: () => number) => string }[] = [
        {
          what: 'floor: /api/health under the same load (the fixed cost of a request: HTTP, middleware, JSON)',
          target: 100,
          path: () => '/api/health',
        },
        {
          what: 'customer table: a random page by contribution',
          target: 100,
          path: (r) => `/api/customers?page=${1 + Math.floor(r() * pages)}&pageSize=50`,
        },
        {
          what: 'customer table: another sort (random key and direction, one of the first 20 pages)',
          target: 100,
          path: (r) =>
            `/api/customers?sort=${sorts[Math.floor(r() * sorts.length)]}&dir=${r() < 0.5 ? 'asc' : 'desc'}&page=${1 + Math.floor(r() * 20)}`,
        },
        {
          what: 'customer table: filter (segment, loss-makers)',
          target: 100,
          path: (r) =>
            `/api/customers?segment=${encodeURIComponent(segments[Math.floor(r() * segments.length)]!)}&lossMaking=${r() < 0.5}&page=${1 + Math.floor(r() * 5)}`,
        },
        {
          what: 'customer table: search (id or name contains)',
          target: 100,
          path: (r) => `/api/customers?q=${encodeURIComponent(terms[Math.floor(r() * terms.length)]!)}`,
        },
        {
          what: 'customer table: filter + sort, random combination (segment, loss-makers, quadrant, key, direction: mostly not cached)',
          target: 100,
          path: (r) =>
            `/api/customers?segment=${encodeURIComponent(pick(r, segments))}&lossMaking=${r() < 0.5}&vocQuadrant=${encodeURIComponent(pick(r, quadrants))}` +
            `&sort=${pick(r, sorts)}&dir=${r() < 0.5 ? 'asc' : 'desc'}&page=${1 + Math.floor(r() * 3)}`,
        },
        {
          what: 'customer table: search, a new term each request (3 random letters: not cached)',
          target: 100,
          path: (r) =>
            `/api/customers?q=${pick(r, letters)}${pick(r, letters)}${pick(r, letters)}&sort=${pick(r, sorts)}`,
        },
        { what: 'overview API (summary + whale curve)', target: 300, path: () => '/api/overview' },
        {
          what: 'trend: total or one segment, by month or quarter',
          target: 100,
          path: (r) =>
            `/api/trend?grain=${r() < 0.5 ? 'month' : 'quarter'}${r() < 0.5 ? '' : `&segment=${encodeURIComponent(pick(r, segments))}`}`,
        },
        {
          what: "customer page: a random customer's page (P&L, attributes, medians, loss reasons, matrix, voice, lifetime value, feedback, contacts, history)",
          target: 100,
          path: (r) => `/api/customers/${customerId(1 + Math.floor(r() * CUSTOMERS))}`,
        },
        {
          what: "trend: a random customer's months",
          target: 100,
          path: (r) => `/api/customers/${customerId(1 + Math.floor(r() * CUSTOMERS))}/trend`,
        },
        { what: 'cohort table', target: 100, path: () => '/api/cohorts' },
        ...filteredLines(await getJson(new URL('/api/summary', server.url)), pick),
      ];
      // WORTH_BENCH_SERVE_LINES=filters: the floor and the global filters' and drills' lines only, in a section of their own.
      const filtersOnly = process.env.WORTH_BENCH_SERVE_LINES === 'filters';
      const firstFiltered = scenarios.findIndex((x) => x.what.startsWith('filtered overview'));
      // WORTH_BENCH_SERVE_LINES=lists: issue 12's lines only (none of the global filters'), then the health line.
      const listsOnly = process.env.WORTH_BENCH_SERVE_LINES === 'lists';
      // WORTH_BENCH_SERVE_FROM=<start of a line's name>: with `filters`, the floor and then that line and the ones after it (a run resumed).
      const from = process.env.WORTH_BENCH_SERVE_FROM;
      const resumeAt = from
        ? Math.max(
            0,
            scenarios.findIndex((x) => x.what.startsWith(from)),
          )
        : 0;
      // WORTH_BENCH_SERVE_ONLY=<starts of lines' names, separated by |>: with `filters`, the floor and those lines only.
      const only = (process.env.WORTH_BENCH_SERVE_ONLY ?? '').split('|').filter(Boolean);
      // With a baseline build, the filter lines run on both servers, line by line (before, then this build).
      const before =
        filtersOnly && baseline ? { server: await serve(dir, resolve(baseline)), label: ' [before]' } : null;
      if (before) {
        await holdPages(before.server, performance.now());
        await settled(before.server.pid);
      }
      try {
        for (const [i, s] of scenarios.entries()) {
          if (filtersOnly && i !== 0 && i < firstFiltered) continue;
          if (filtersOnly && i !== 0 && i < resumeAt) continue;
          if (filtersOnly && i !== 0 && only.length > 0 && !only.some((o) => s.what.startsWith(o))) continue;
          if (listsOnly && i >= firstFiltered) continue;
          for (const { server: srv, label } of [...(before ? [before] : []), { server, label: '' }]) {
            await load(srv.url, s.path, 99 + i); // warm-up round, not counted
            const cpu0 = cpuSeconds(srv.pid);
            const lat = await load(srv.url, s.path, i + 1);
            const cpu = ((cpuSeconds(srv.pid) - cpu0) * 1000) / lat.length;
            const p95 = quantile(lat, 0.95);
            // Each line as it is measured, so a run that stops early still leaves its figures.
            process.stderr.write(
              `${s.what}${label}: p95 ${fmt(p95)} ms, p50 ${fmt(quantile(lat, 0.5))} ms, CPU ${fmt(cpu, 2)} ms/request, load ${loadavg()[0]!.toFixed(1)}\n`,
            );
            rows.push({
              what: `${s.what}${label}: p95 (p50 ${fmt(quantile(lat, 0.5), 0)} ms; server CPU ${fmt(cpu, 2)} ms per request)`,
              figure: `${fmt(p95, 0)} ms`,
              target: `< ${s.target} ms`,
              met: p95 < s.target,
            });
          }
        }
      } finally {
        before?.server.stop();
      }
      if (filtersOnly) {
        // What the held figures (filter cube, what-if) cost: the server's memory once every line has run.
        const end = memoryMiB(server.pid);
        process.stderr.write(
          `server memory after the filter lines: RSS ${fmt(end.rss)} MiB, peak ${fmt(end.peak)} MiB\n`,
        );
        rows.push({
          what: `server memory after the filter lines (RSS; peak ${fmt(end.peak)} MiB): the customer pages, the filter cube and the what-if's figures held`,
          figure: `${fmt(end.rss)} MiB`,
        });
        const base = section(rows, given, load1);
        return {
          ...base,
          notes: [
            ...base.notes,
            "The filtered reads' answers are kept per generation (the 512 asked most recently), as are the data-quality page's and each product group's customers: lines whose requests repeat (about 150 distinct whole-period filters, one data-quality page, five product groups) are mostly kept answers after the warm-up round; the period lines (about 100,000 possible filters), the drills (a random customer) and the what-if (a new rate) are fresh work on nearly every request.",
          ],
          // At 1,000,000 customers its own section (the 100,000-customer before/after stays).
          id: CUSTOMERS >= 1_000_000 ? 'serve-filters-1m' : 'serve-filters',
          title: 'Global filters and drills under load (`worth serve`, issue 14)',
        };
      }
      // /api/health, one request after another, alone and while 20 scenario runs of 5,000 draws compute (worker threads).
      const health = async (into: number[]) => {
        const t = performance.now();
        const status = await request(new URL('/api/health', server.url));
        if (status !== 200) throw new Error(`/api/health: HTTP ${status}`);
        into.push(performance.now() - t);
      };
      await request(new URL('/api/scenarios/free-returns?draws=10', server.url)); // reads the baseline once
      const idle: number[] = [];
      for (let i = 0; i < 200; i++) await health(idle);
      let running = true;
      const runs = Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(new URL(`/api/scenarios/free-returns?draws=5000&seed=${i + 1}`, server.url)),
        ),
      ).finally(() => (running = false));
      const busy: number[] = [];
      while (running) await health(busy);
      const statuses = await runs;
      if (statuses.some((st) => st !== 200)) throw new Error(`scenario runs: HTTP ${statuses.join(', ')}`);
      rows.push({
        what: `/api/health while 20 scenario runs of 5,000 draws compute: p95 (p50 ${fmt(quantile(busy, 0.5), 1)} ms, ${fmt(busy.length)} requests; alone: p95 ${fmt(quantile(idle, 0.95), 1)} ms, p50 ${fmt(quantile(idle, 0.5), 1)} ms)`,
        figure: `${fmt(quantile(busy, 0.95), 1)} ms`,
      });
      const end = memoryMiB(server.pid);
      rows.push({
        what: `server memory after the load (RSS; peak ${fmt(end.peak)} MiB)`,
        figure: `${fmt(end.rss)} MiB`,
      });
      if (listsOnly)
        return {
          ...section(rows, given, load1),
          id: 'serve-lists',
          title:
            "HTTP API under load, issue 12's lines: the customer table and page, and health beside scenario runs (`worth serve`)",
        };
      return section(rows, given, load1);
    } finally {
      agent.destroy();
      server.stop();
    }
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo's order channels and regions (src/demo/segments.ts), the global filters' values. */
const CHANNELS = ['field sales', 'phone', 'web shop', 'EDI'];
const REGIONS = ['Noord', 'Oost', 'Zuid', 'West', 'Randstad'];
const SEGMENTS = ['Retail', 'Horeca', 'Key accounts', 'Web shop consumers'];

/**
 * The global filters (issue 14): a random combination of segment, channel, region (each set half
 * the time) and, on the period lines, a random range of the analysed months; and the drills to the
 * source (a random customer's order lines, and its order-handling cost line).
 */
function filteredLines(
  summary: Record<string, unknown>,
  pick: <T>(r: () => number, xs: readonly T[]) => T,
): { what: string; target: number; path: (r: () => number) => string }[] {
  const period = summary.period as { start: string; end: string };
  const months: string[] = [];
  for (let m = period.start.slice(0, 7); m <= period.end.slice(0, 7);) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  const attrs = (r: () => number) => {
    const q = new URLSearchParams();
    if (r() < 0.5) q.set('segment', pick(r, SEGMENTS));
    if (r() < 0.5) q.set('channel', pick(r, CHANNELS));
    if (r() < 0.5 || q.size === 0) q.set('region', pick(r, REGIONS));
    return q;
  };
  const withPeriod = (r: () => number) => {
    const q = attrs(r);
    const a = Math.floor(r() * months.length);
    const b = Math.floor(r() * months.length);
    q.set('from', months[Math.min(a, b)]!);
    q.set('to', months[Math.max(a, b)]!);
    return q;
  };
  const customer = (r: () => number) => customerId(1 + Math.floor(r() * CUSTOMERS));
  return [
    {
      what: 'filtered overview: segment / channel / region, the whole period',
      target: 100,
      path: (r) => `/api/overview?${attrs(r)}`,
    },
    {
      what: 'filtered overview: segment / channel / region and a period',
      target: 100,
      path: (r) => `/api/overview?${withPeriod(r)}`,
    },
    {
      what: 'filtered segments page: roll-up by segment, segment / channel / region, the whole period',
      target: 100,
      path: (r) => `/api/rollups?attribute=segment&${attrs(r)}`,
    },
    {
      what: 'filtered segments page: roll-up by segment, with a period',
      target: 100,
      path: (r) => `/api/rollups?attribute=segment&${withPeriod(r)}`,
    },
    {
      what: 'filtered deciles, segment / channel / region, the whole period',
      target: 100,
      path: (r) => `/api/deciles?${attrs(r)}`,
    },
    {
      what: 'filtered deciles, with a period',
      target: 100,
      path: (r) => `/api/deciles?${withPeriod(r)}`,
    },
    {
      what: 'filtered customer list (channel or region), the whole period',
      target: 100,
      path: (r) => `/api/customers?${attrs(r)}&page=${1 + Math.floor(r() * 3)}`,
    },
    {
      what: 'filtered customer list, with a period',
      target: 100,
      path: (r) => `/api/customers?${withPeriod(r)}&page=${1 + Math.floor(r() * 3)}`,
    },
    {
      what: 'filtered trend by month, with a period',
      target: 100,
      path: (r) => `/api/trend?grain=month&${withPeriod(r)}`,
    },
    {
      what: "drill: a random customer's gross-sales bar to its order lines",
      target: 300,
      path: (r) => `/api/customers/${customer(r)}/drill?line=gross_sales`,
    },
    {
      what: "drill: a random customer's order-handling cost to its orders",
      target: 300,
      path: (r) => `/api/customers/${customer(r)}/drill?line=cost_order_handling`,
    },
    {
      what: 'filtered product group and order channel margins (/api/lines), segment / channel / region and a period',
      target: 100,
      path: (r) => `/api/lines?${withPeriod(r)}`,
    },
    {
      what: "filtered product group's customers, segment / channel / region and a period",
      target: 100,
      path: (r) =>
        `/api/product-groups/${encodeURIComponent(pick(r, PRODUCT_GROUPS))}/customers?${withPeriod(r)}`,
    },
    ...newLines(summary, pick, customer),
  ];
}

/** The demo's product groups (src/demo/catalog.ts). */
const PRODUCT_GROUPS = ['Dranken', 'Zuivel', 'Droogwaren', 'Non-food', 'Vers'];

/**
 * Issue 14's other endpoints: the drill from every other bar (sales lines and every activity's
 * cost), the data-quality page, the what-if of a changed rate, product group x customer margin,
 * the roll-ups and deciles without a filter, and a customer's quarters.
 */
function newLines(
  summary: Record<string, unknown>,
  pick: <T>(r: () => number, xs: readonly T[]) => T,
  customer: (r: () => number) => string,
): { what: string; target: number; path: (r: () => number) => string }[] {
  const activities =
    (summary.activities as { id: string; kind: string; ratePerMinute?: string | null }[]) ?? [];
  const timed = activities.filter((a) => a.kind === 'time').map((a) => a.id);
  const costLines = activities.map((a) => `cost_${a.id}`);
  return [
    {
      what: "drill: a random customer's discounts, returns, rebates or cost-of-goods bar to its source rows",
      target: 300,
      path: (r) =>
        `/api/customers/${customer(r)}/drill?line=${pick(r, ['discounts', 'returns', 'rebates', 'cogs'])}`,
    },
    {
      what: `drill: a random customer's cost line (any of ${costLines.length} activities) to its events`,
      target: 300,
      path: (r) => `/api/customers/${customer(r)}/drill?line=${pick(r, costLines)}`,
    },
    {
      what: "drill: a segment's figure (net sales, a sales line or cost of goods) to its source rows, page 1 or 2, no other filter (48 distinct: kept after the warm-up)",
      target: 300,
      path: (r) =>
        `/api/segment-drill?segment=${encodeURIComponent(pick(r, SEGMENTS))}&line=${pick(r, ['net_sales', 'gross_sales', 'discounts', 'returns', 'rebates', 'cogs'])}&page=${1 + Math.floor(r() * 2)}`,
    },
    { what: 'data-quality page', target: 100, path: () => '/api/data-quality' },
    {
      what: 'what-if: one time-driven activity at a random rate (not cached: a new rate each request)',
      target: 100,
      path: (r) => `/api/what-if?rates=${pick(r, timed)}:${(0.2 + r() * 2).toFixed(4)}`,
    },
    {
      what: "product margin: a random customer's product groups",
      target: 100,
      path: (r) => `/api/customers/${customer(r)}/products`,
    },
    {
      what: "product margin: a product group's customers (top 20, the rest)",
      target: 100,
      path: (r) => `/api/product-groups/${encodeURIComponent(pick(r, PRODUCT_GROUPS))}/customers`,
    },
    {
      what: 'roll-up by segment, channel or region, no filter',
      target: 100,
      path: (r) => `/api/rollups?attribute=${pick(r, ['segment', 'channel', 'region'])}`,
    },
    { what: 'deciles, no filter', target: 100, path: () => '/api/deciles' },
    {
      what: "trend: a random customer's quarters",
      target: 100,
      path: (r) => `/api/customers/${customer(r)}/trend?grain=quarter`,
    },
  ];
}

/** One server with `--hold-pages setting`: start-up, memory once it holds what it will, and random customers' pages under load. */
async function holdSetting(dir: string, setting: string): Promise<BenchSection['rows']> {
  const t0 = performance.now();
  const server = await serve(dir, resolve('bin/worth.js'), ['--hold-pages', setting]);
  try {
    const rows = holdingRows(await holdPages(server, t0), ` (hold_pages: ${setting})`);
    const page = (r: () => number) => `/api/customers/${customerId(1 + Math.floor(r() * CUSTOMERS))}`;
    await load(server.url, page, 7); // warm-up
    const cpu0 = cpuSeconds(server.pid);
    const latencies = await load(server.url, page, 8);
    const perRequest = ((cpuSeconds(server.pid) - cpu0) / latencies.length) * 1000;
    rows.push({
      what: `customer page (hold_pages: ${setting}): a random customer's page at ${CLIENTS} clients: p95 (p50 ${fmt(quantile(latencies, 0.5))} ms; server CPU ${fmt(perRequest, 2)} ms per request)`,
      figure: `${fmt(quantile(latencies, 0.95))} ms`,
    });
    rows.push({
      what: `server memory after the pages' load (hold_pages: ${setting}; RSS, peak ${fmt(memoryMiB(server.pid).peak)} MiB)`,
      figure: `${fmt(memoryMiB(server.pid).rss)} MiB`,
    });
    return rows;
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 2000)); // its memory back before the next server starts
  }
}

/** Start-up (from `started`, before `serve`), holding of the customer pages and memory of a server just started. */
async function holdPages(server: { url: string; pid: number }, started: number) {
  const startup = (performance.now() - started) / 1000;
  const startupCpu = cpuSeconds(server.pid);
  const startupMemory = memoryMiB(server.pid);
  // The customer pages are read into memory in the background after start-up: wait for them.
  const h0 = performance.now();
  for (;;) {
    // A kept-alive socket the server closed as idle can reset under a request: ask again while the server lives.
    const health = await getJson(new URL('/api/health', server.url)).catch((e: unknown) => {
      process.kill(server.pid, 0);
      if ((e as { code?: unknown }).code !== 'ECONNRESET') throw e;
      return { pagesHeld: false } as Record<string, unknown>;
    });
    // held, or not holding (hold_pages never, auto beyond its size, or a part that cannot be held)
    if (health.pagesHeld === true || health.pagesHolding === false) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    startupCpu,
    startupMemory,
    holding: (performance.now() - h0) / 1000,
    heldCpu: cpuSeconds(server.pid) - startupCpu,
    heldMemory: memoryMiB(server.pid),
    startup,
  };
}

function holdingRows(h: Awaited<ReturnType<typeof holdPages>>, which: string): BenchSection['rows'] {
  return [
    {
      what: `server start-up${which} (open read-only, read the customer table of ${fmt(CUSTOMERS)} into memory; wall ${fmt(h.startup, 1)} s)`,
      figure: `${fmt(h.startupCpu, 1)} s CPU`,
    },
    { what: `server memory after start-up${which} (RSS)`, figure: `${fmt(h.startupMemory.rss)} MiB` },
    {
      what: `customer pages read into memory after start-up${which}, in the background (wall ${fmt(h.holding, 1)} s; pages were answered from the database meanwhile)`,
      figure: `${fmt(h.heldCpu, 1)} s CPU`,
    },
    {
      what: `server memory with the customer pages held${which} (RSS; peak ${fmt(h.heldMemory.peak)} MiB)`,
      figure: `${fmt(h.heldMemory.rss)} MiB`,
    },
  ];
}

function section(rows: BenchSection['rows'], given: string | undefined, load1: number): BenchSection {
  // Another number of clients is its own section: the 200-client figures stay as they were.
  return {
    id: CLIENTS === 200 ? 'serve' : `serve-${CLIENTS}`,
    title: `HTTP API under load (\`worth serve\`${CLIENTS === 200 ? '' : `, ${CLIENTS} clients`})`,
    rows,
    notes: [
      `Demo company, ${given ? `from WORTH_BENCH_SERVE_DIR (${given})` : 'seed 42'}, ${fmt(CUSTOMERS)} customers; ${CLIENTS} concurrent clients, ${REQUESTS_PER_CLIENT} requests each (${fmt(CLIENTS * REQUESTS_PER_CLIENT)} per line), after one warm-up round; latency measured by the client (request to last byte) over loopback.`,
      `The server is \`worth serve --no-build\` in its own process; the clients (node:http, keep-alive) run in the benchmark process on the same 2 cores. Server CPU per request is its user + system time over the measured round / ${fmt(CLIENTS * REQUESTS_PER_CLIENT)}, which does not depend on the machine's load the way latency does.`,
      'Start-up CPU is the whole `worth serve` process: about 1 s of it is the CLI loading what serving needs (tsx compiling the TypeScript), the rest opening the workspace and building the in-memory customer table.',
      `Load average when the run started: ${load1.toFixed(2)}, when it ended: ${loadavg()[0]!.toFixed(2)} (other work on the shared machine inflates the queueing figures).`,
      'Scenario runs compute on worker threads (the cores but one: 1 here); the health line sends one request after another for as long as the 20 runs take, against 200 alone before them.',
      "The floor line is `/api/health` through the same server, HTTP stack and middleware at the same concurrency: what any request costs before it reads anything. A line's server CPU over the floor's is the work of the request itself; on a shared machine the ratio holds where the latencies do not. Latency at 200 clients is queueing: one server thread answers all of them, so p50 is about clients x CPU per request.",
      "A customer's page and months are answered from memory once the pages are held (every per-customer table in typed arrays by customer position; src/readmodel/customerPages.ts): a page read from the database took 10 queries, about 95 ms of CPU at 1,000,000 customers (each lookup scans at least one row group).",
      'The customer table is answered from memory (typed arrays built at start-up); the last 256 pages and 64 MiB of match lists are cached, which is why the lines with few distinct requests (filter, search) are mostly cache hits after the warm-up round; the two "not cached" lines measure fresh work.',
    ],
  };
}

/** The `serve` benchmark suite. */
export const serveSuite: Suite = { name: 'serve', run };
