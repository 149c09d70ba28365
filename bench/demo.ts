/**
 * Benchmark `worth demo`: writes 1,000,000 customers (about 10,000,000 order lines and the
 * other tables in proportion) into a temporary folder, measures seconds, lines per second,
 * bytes and peak memory, then deletes the folder.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TABLES, writeDemoWorkspace } from '../src/demo/index.ts';
import { peakRssMiB, type BenchSection } from './report.ts';
import type { Suite } from './suites.ts';

/** Customers in the benchmark workspace. */
const CUSTOMERS = 1_000_000;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'worth-bench-demo-'));
  const load = loadavg()[0]!;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await writeDemoWorkspace(dir, { customers: CUSTOMERS });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const peak = peakRssMiB();
    const dataDir = join(dir, 'data');
    const bytes = readdirSync(dataDir).reduce((s, f) => s + statSync(join(dataDir, f)).size, 0);
    const lines = summary.totals.order_lines.rows;
    const rows = DEMO_TABLES.reduce((s, t) => s + summary.totals[t].rows, 0);
    const perTable = DEMO_TABLES.map((t) => `${t} ${fmt(summary.totals[t].rows)}`).join(', ');
    return {
      id: 'demo',
      title: 'Demo company generation (`worth demo`)',
      rows: [
        {
          what: `write ${fmt(CUSTOMERS)} customers, ${fmt(lines)} order lines (${fmt(rows)} rows in 8 tables)`,
          figure: `${fmt(seconds, 1)} s`,
        },
        {
          what: 'order lines per second',
          figure: `${fmt(lines / seconds)} lines/s`,
          target: '> 500,000',
          met: lines / seconds > 500_000,
        },
        { what: 'rows per second, all tables', figure: `${fmt(rows / seconds)} rows/s` },
        {
          what: 'CPU time of the process (user + system)',
          figure: `${fmt(cpuSeconds, 1)} s (${fmt(lines / cpuSeconds)} order lines per CPU second)`,
        },
        {
          what: 'bytes written',
          figure: `${fmt(bytes / 2 ** 20)} MiB (${fmt(bytes / seconds / 2 ** 20)} MiB/s)`,
        },
        { what: 'peak memory (RSS)', figure: `${fmt(peak)} MiB`, target: '< 4,096 MiB', met: peak < 4096 },
      ],
      notes: [
        `Standard format (\`,\`, decimal point, ISO dates), seed 42, 3 years; rows per table: ${perTable}.`,
        'One thread: customers are drawn one at a time, in blocks of 8,192 that each have their own seeded stream, and their rows are formatted straight into 64 KB byte chunks (integer cents, precomputed dates), written through file streams with backpressure; memory does not grow with the number of customers.',
        'The folder is deleted afterwards; the time includes writing to disk (the page cache) and closing the files.',
        `Load average when the run started: ${load.toFixed(2)} (other work on the machine slows this single-threaded run; \`--threads 2\` gives the same files).`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `demo` benchmark suite. */
export const demoSuite: Suite = { name: 'demo', run };
