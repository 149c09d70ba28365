/**
 * Benchmark `worth serve`: p95 latency of the customer-table queries (page, sort, filter,
 * search) and of the overview API under 50 concurrent clients, on the demo company with
 * 1,000,000 customers. The workspace is written, ingested and analysed in a temporary folder
 * (or taken from WORTH_BENCH_SERVE_DIR when it is already analysed); the server runs in its
 * own process (`worth serve --no-build`), the clients here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDemoWorkspace } from '../src/demo/index.ts';
import type { BenchSection } from './report.ts';
import type { Suite } from './suites.ts';

const CUSTOMERS = Number(process.env.WORTH_BENCH_CUSTOMERS ?? 1_000_000);
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 10;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function worth(args: string[]): string {
  const r = spawnSync(process.execPath, [resolve('bin/worth.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`worth ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Starts `worth serve` on a free port; resolves with its base URL and a stop function. */
function serve(dir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [resolve('bin/worth.js'), 'serve', dir, '--port', '0', '--no-build'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) ok({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => fail(new Error(`worth serve exited with ${code}`)));
  });
}

/** A seeded generator (mulberry32) so every run asks the same questions. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs CLIENTS clients, each sending REQUESTS_PER_CLIENT requests from `path(random)`; returns latencies in ms. */
async function load(base: string, path: (r: () => number) => string, seed: number): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const r = rng(seed * 1000 + c);
      for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
        const t0 = performance.now();
        const res = await fetch(new URL(path(r), base));
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path(r)}: HTTP ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

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
    }
    const load1 = loadavg()[0]!;
    const t0 = performance.now();
    const server = await serve(dir);
    const startup = (performance.now() - t0) / 1000;
    try {
      const pages = Math.floor(CUSTOMERS / 50);
      const sorts = ['customerId', 'name', 'segment', 'netSales', 'grossMargin', 'costToServe', 'contribution'];
      const segments = ['Retail', 'Horeca', 'Key accounts', 'Web shop consumers'];
      const terms = ['bakker', 'jan', 'c0001', 'de vries', 'smit', '4242'];
      const scenarios: { what: string; target: number; path: (r: () => number) => string }[] = [
        { what: 'customer table: a random page by contribution', target: 100, path: (r) => `/api/customers?page=${1 + Math.floor(r() * pages)}&pageSize=50` },
        {
          what: 'customer table: another sort (random key and direction, one of the first 20 pages)',
          target: 100,
          path: (r) => `/api/customers?sort=${sorts[Math.floor(r() * sorts.length)]}&dir=${r() < 0.5 ? 'asc' : 'desc'}&page=${1 + Math.floor(r() * 20)}`,
        },
        {
          what: 'customer table: filter (segment, loss-makers)',
          target: 100,
          path: (r) => `/api/customers?segment=${encodeURIComponent(segments[Math.floor(r() * segments.length)]!)}&lossMaking=${r() < 0.5}&page=${1 + Math.floor(r() * 5)}`,
        },
        { what: 'customer table: search (id or name contains)', target: 100, path: (r) => `/api/customers?q=${encodeURIComponent(terms[Math.floor(r() * terms.length)]!)}` },
        { what: 'overview API (summary + whale curve)', target: 300, path: () => '/api/overview' },
      ];
      const rows: BenchSection['rows'] = [{ what: `server start-up (open read-only, build the customer list of ${fmt(CUSTOMERS)})`, figure: `${fmt(startup, 1)} s` }];
      for (const [i, s] of scenarios.entries()) {
        await load(server.url, s.path, 99 + i); // warm-up round, not counted
        const lat = await load(server.url, s.path, i + 1);
        const p95 = quantile(lat, 0.95);
        rows.push({ what: `${s.what}: p95 (p50 ${fmt(quantile(lat, 0.5), 0)} ms)`, figure: `${fmt(p95, 0)} ms`, target: `< ${s.target} ms`, met: p95 < s.target });
      }
      return {
        id: 'serve',
        title: 'HTTP API under load (`worth serve`)',
        rows,
        notes: [
          `Demo company, seed 42, ${fmt(CUSTOMERS)} customers; ${CLIENTS} concurrent clients, ${REQUESTS_PER_CLIENT} requests each (${fmt(CLIENTS * REQUESTS_PER_CLIENT)} per line), after one warm-up round; latency measured by the client (request to last byte) over loopback.`,
          'The server is `worth serve --no-build` in its own process; the clients run in the benchmark process on the same 2 cores.',
          `Load average when the run started: ${load1.toFixed(2)} (other work on the shared machine inflates the queueing figures).`,
        ],
      };
    } finally {
      server.stop();
    }
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

/** The `serve` benchmark suite. */
export const serveSuite: Suite = { name: 'serve', run };
