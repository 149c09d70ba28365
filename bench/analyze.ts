/**
 * Benchmark `worth analyze`: the demo company with 1,000,000 customers (about 10,000,000
 * order lines) and its cost model is written to a temporary folder with the demo library,
 * ingested by the CLI, then analyzed by the CLI in its own process (WORTH_BENCH_RUNS times,
 * default 2), timed end to end with its peak memory from /usr/bin/time. The monthly step (the
 * customer P&L by month, its check, its roll-ups) is then timed on its own, in this process,
 * on the analysed workspace (it rewrites the same tables).
 *
 * WORTH_BENCH_ANALYZE_BASELINE=path/to/bin/worth.js (another checkout, e.g. `git archive` of an
 * earlier commit with this node_modules linked) runs that build's `worth analyze` too, before
 * each run of this one, on the same ingested database: CPU and peak memory side by side, and
 * every table of the two results compared (row count and a hash over every column).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCostModel } from '../src/costing/index.ts';
import { writeDemoWorkspace } from '../src/demo/index.ts';
import { buildMonthlyPnl } from '../src/profit/index.ts';
import { DATABASE_FILE, DuckDBEngine } from '../src/warehouse/index.ts';
import { loadWorkspace } from '../src/workspace/index.ts';
import type { BenchSection } from './report.ts';
import type { Suite } from './suites.ts';

const CUSTOMERS = Number(process.env.WORTH_BENCH_CUSTOMERS ?? 1_000_000);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Runs a `worth` sub-command under /usr/bin/time; returns wall and CPU seconds, the CPU share, peak RSS (MiB) and stdout. */
function timed(
  args: string[],
  bin = resolve('bin/worth.js'),
  env: Record<string, string> = {},
): {
  seconds: number;
  cpuSeconds: number;
  cpuShare: string;
  peakMiB: number;
  stdout: string;
} {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`worth ${args.join(' ')} failed: ${r.stderr}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const cpu = (what: string) =>
    Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpuShare = /Percent of CPU this job got: (\d+%)/.exec(r.stderr)?.[1] ?? '?';
  return { seconds, cpuSeconds: cpu('User') + cpu('System'), cpuShare, peakMiB: kb / 1024, stdout: r.stdout };
}

/** Times the monthly step alone on an analysed workspace: wall and CPU seconds (DuckDB's threads included), and pnl_monthly's rows. */
async function monthlyStep(dir: string): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const engine = await DuckDBEngine.open(join(dir, DATABASE_FILE));
  try {
    const model = loadCostModel(loadWorkspace(dir), engine.dialect);
    const hasSegment = (await engine.columns('customers')).includes('segment');
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await engine.transaction(() => buildMonthlyPnl(engine, model, hasSegment));
    const c = process.cpuUsage(c0);
    const seconds = (performance.now() - t0) / 1000;
    const [n] = await engine.query('SELECT count(*) AS n FROM pnl_monthly');
    return { seconds, cpuSeconds: (c.user + c.system) / 1e6, rows: Number(n?.n ?? 0) };
  } finally {
    await engine.close();
  }
}

/** Per table of an analysed database: its row count and the sum over rows of a hash of every column. */
async function fingerprints(dir: string): Promise<Map<string, string>> {
  const engine = await DuckDBEngine.open(join(dir, DATABASE_FILE), { readOnly: true });
  try {
    const out = new Map<string, string>();
    const tables = await engine.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1",
    );
    for (const { t } of tables) {
      const cols = (await engine.columns(String(t))).map(engine.dialect.quoteIdent);
      const [r] = await engine.query(
        `SELECT count(*) AS n, CAST(sum(${engine.dialect.hashOf(cols)}) AS VARCHAR) AS h FROM ${engine.dialect.quoteIdent(String(t))}`,
      );
      out.set(String(t), `${String(r?.n)} ${String(r?.h)}`);
    }
    return out;
  } finally {
    await engine.close();
  }
}

/**
 * The `n` statements that took the most CPU in a WORTH_SQL_TIMING file (`[sql W ms, cpu C ms]
 * SQL`, one line a statement), each as its CPU and wall seconds and the start of its SQL.
 */
function topStatements(file: string, n = 10): string[] {
  if (!existsSync(file)) return [];
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const m = /^\[sql (\d+) ms, cpu (\d+) ms\] (.*)$/.exec(line);
      return m ? [{ wall: Number(m[1]), cpu: Number(m[2]), sql: m[3]! }] : [];
    });
  const total = rows.reduce((s, r) => s + r.cpu, 0);
  return [
    `${fmt(rows.length)} statements, ${fmt(total / 1000, 1)} s CPU in all`,
    ...rows
      .sort((a, b) => b.cpu - a.cpu)
      .slice(0, n)
      .map(
        (r) =>
          `${fmt(r.cpu / 1000, 1)} s CPU (${fmt(r.wall / 1000, 1)} s wall): \`${r.sql.slice(0, 90)}...\``,
      ),
  ];
}

/** How many times `worth analyze` runs on the same workspace (the machine is shared: the best run and every run are reported). */
const RUNS = Number(process.env.WORTH_BENCH_RUNS ?? 2);

async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'worth-bench-analyze-'));
  try {
    const summary = await writeDemoWorkspace(dir, { customers: CUSTOMERS });
    timed(['ingest', dir, '--json']);
    const ingested = join(dir, 'ingested.duckdb');
    const baseline = process.env.WORTH_BENCH_ANALYZE_BASELINE;
    if (baseline) copyFileSync(join(dir, DATABASE_FILE), ingested);
    type Run = ReturnType<typeof timed> & { loadBefore: number; loadAfter: number };
    const runs: Run[] = [];
    const before: Run[] = [];
    let sameTables: string | undefined;
    let sameJson = true;
    // Every statement of this build's runs timed (the last run's kept): the top ten go in the notes.
    const profile = join(dir, 'sql-timing.log');
    for (let i = 0; i < Math.max(RUNS, 1); i++) {
      if (baseline) {
        // Both builds analyse the same ingested database, one after the other.
        copyFileSync(ingested, join(dir, DATABASE_FILE));
        const loadBefore = os.loadavg()[0]!;
        before.push({
          ...timed(['analyze', dir, '--json'], resolve(baseline)),
          loadBefore,
          loadAfter: os.loadavg()[0]!,
        });
        const theirs = await fingerprints(dir);
        copyFileSync(ingested, join(dir, DATABASE_FILE));
        const loadAfter = os.loadavg()[0]!;
        rmSync(profile, { force: true });
        runs.push({
          ...timed(['analyze', dir, '--json'], undefined, { WORTH_SQL_TIMING: profile }),
          loadBefore: loadAfter,
          loadAfter: os.loadavg()[0]!,
        });
        sameJson = before.every((b, j) => b.stdout === runs[j]!.stdout);
        const ours = await fingerprints(dir);
        const differ = [...new Set([...theirs.keys(), ...ours.keys()])].filter(
          (t) => theirs.get(t) !== ours.get(t),
        );
        sameTables = differ.length
          ? `${differ.length} of ${ours.size} tables differ: ${differ.join(', ')}`
          : `all ${ours.size} tables the same (row count and a hash over every column)`;
        continue;
      }
      const loadBefore = os.loadavg()[0]!;
      rmSync(profile, { force: true });
      runs.push({
        ...timed(['analyze', dir, '--json'], undefined, { WORTH_SQL_TIMING: profile }),
        loadBefore,
        loadAfter: os.loadavg()[0]!,
      });
    }
    const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const { seconds, cpuSeconds, cpuShare, peakMiB, stdout } = best;
    const startUp = timed(['version']);
    const monthly = await monthlyStep(dir);
    const r = JSON.parse(stdout);
    const lines = summary.totals.order_lines.rows;
    return {
      id: 'analyze',
      title: 'Cost to serve and customer P&L (`worth analyze`)',
      rows: [
        {
          what: `analyze ${fmt(CUSTOMERS)} customers, ${fmt(lines)} order lines, ${r.activities.length} activities (best of ${runs.length})`,
          figure: `${fmt(seconds, 1)} s`,
          target: '< 20 s',
          met: seconds < 20,
        },
        {
          what: 'CPU time (user + system)',
          figure: `${fmt(cpuSeconds, 1)} s (the process got ${cpuShare} of one core)`,
        },
        {
          what: 'of which CLI start-up (`worth version` alone)',
          figure: `${fmt(startUp.seconds, 1)} s wall, ${fmt(startUp.cpuSeconds, 1)} s CPU`,
        },
        {
          what: `of which the monthly step alone (pnl_monthly: ${fmt(monthly.rows)} customer-months, its check, pnl_monthly_segment, cohort_monthly), timed once after the runs`,
          figure: `${fmt(monthly.seconds, 1)} s wall, ${fmt(monthly.cpuSeconds, 1)} s CPU`,
        },
        {
          what: 'peak memory (RSS)',
          figure: `${fmt(peakMiB)} MiB`,
          target: '< 4,096 MiB',
          met: peakMiB < 4096,
        },
        ...(baseline
          ? [
              {
                what: `before (${baseline}): CPU time (user + system), the same runs alternating`,
                figure: `${before.map((x) => `${fmt(x.cpuSeconds, 1)} s`).join(', ')} (after / before: ${runs.map((x, i) => (x.cpuSeconds / before[i]!.cpuSeconds).toFixed(2)).join(', ')})`,
              },
              {
                what: 'before: peak memory (RSS)',
                figure: `${before.map((x) => `${fmt(x.peakMiB)} MiB`).join(', ')} (after / before: ${runs.map((x, i) => (x.peakMiB / before[i]!.peakMiB).toFixed(2)).join(', ')})`,
              },
              { what: 'before and after: the analysed tables', figure: sameTables ?? '' },
              {
                what: 'before and after: `worth analyze --json`',
                figure: sameJson ? 'byte for byte the same' : 'DIFFERENT',
              },
            ]
          : []),
        {
          what: 'cost identity: pools - customers - unattributed - unused',
          figure: r.reconciliation.difference,
        },
        {
          what: 'net sales: company - customers - unattributed',
          figure: r.reconciliation.netSales.difference,
        },
      ],
      notes: [
        `Demo company, seed 42, 3 years, standard format; the demo's cost model (${r.activities.map((a: { id: string }) => a.id).join(', ')}).`,
        `Whale curve: peak ${(r.whale.peak * 100).toFixed(1)}% of total contribution with ${(r.whale.peakCustomerShare * 100).toFixed(1)}% of customers; ${(r.whale.lossMakingShare * 100).toFixed(1)}% lose money.`,
        ...(baseline
          ? [
              `Before, every run: ${before.map((x) => `${fmt(x.seconds, 1)} s wall, ${fmt(x.cpuSeconds, 1)} s CPU, load average ${x.loadBefore.toFixed(1)} before / ${x.loadAfter.toFixed(1)} after`).join('; ')}.`,
            ]
          : []),
        `Every run: ${runs.map((x) => `${fmt(x.seconds, 1)} s wall, ${fmt(x.cpuSeconds, 1)} s CPU, load average ${x.loadBefore.toFixed(1)} before / ${x.loadAfter.toFixed(1)} after`).join('; ')} (${os.cpus().length} cores; other work on the machine shares them, so compare CPU time between runs).`,
        'Time is the whole CLI process (start-up, config and formula compilation, costing, P&L, every analysis table, one transaction, commit), measured after `worth ingest` in a separate process.',
        `The statements that took the most CPU in the last run (WORTH_SQL_TIMING=file: each statement's wall time and the process's CPU, DuckDB's threads included): ${topStatements(profile).join('; ')}.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `analyze` benchmark suite. */
export const analyzeSuite: Suite = { name: 'analyze', run };
