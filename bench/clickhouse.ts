/**
 * Benchmark: the demo company (WORTH_BENCH_CUSTOMERS customers, default 1,000,000: about ten
 * order lines each) through ingest and analyze on DuckDB and on two local ClickHouse shards,
 * side by side in one run (issue 16). DuckDB: `worth ingest` and `worth analyze` by the CLI,
 * each under /usr/bin/time. ClickHouse: a cluster of two shards the bench starts
 * (test/warehouse/clickhouse/server.ts, in the temporary folder: set TMPDIR), the ingested
 * canonical tables loaded by `loadTablesInto` by both routes (each shard sent its own customers
 * straight, and all rows through a Distributed table), then `analyze` on the cluster.
 * Per stage: wall time, CPU (this process's, and the servers' from /proc), the bytes that move
 * between machines (the rows the client sends each host; from system.query_log: what a shard
 * receives from another, what the shards send the host that asked, what comes back to Worth)
 * and the disk used (the DuckDB file; the shards' parts). Peak memory: /usr/bin/time's for the
 * CLI, each server's high-water mark (VmHWM) over the whole run.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TABLE_NAMES } from '../src/core/index.ts';
import { loadCostModel } from '../src/costing/index.ts';
import { writeDemoWorkspace } from '../src/demo/index.ts';
import { analyze } from '../src/profit/index.ts';
import { clvSettings, runWorkspaceClv } from '../src/value/index.ts';
import { DATABASE_FILE, loadTablesInto, openEngine, type ClickHouseEngine } from '../src/warehouse/index.ts';
import { loadWorkspace } from '../src/workspace/index.ts';
import { startClickHouseCluster, type ClickHouseCluster } from '../test/warehouse/clickhouse/server.ts';
import type { BenchRow, BenchSection } from './report.ts';
import type { Suite } from './suites.ts';

const CUSTOMERS = Number(process.env.WORTH_BENCH_CUSTOMERS ?? 1_000_000);
/**
 * A demo workspace already written (`worth demo DIR --customers N`; its worth.yaml and data/),
 * used instead of writing one: read only, its files linked into the bench's own folder.
 */
const DATA_FROM = process.env.WORTH_BENCH_CH_WORKSPACE;
/** The load routes measured (`direct,distributed` by default); the last one is analysed. */
/**
 * The most one query may use on a server, in bytes (the test servers' profile allows 2 GB;
 * 18.16's own default is 10 GB): set for the bench's sessions, their settings going with each
 * query to the other shard.
 */
const QUERY_MEMORY = Number(process.env.WORTH_BENCH_CH_QUERY_MEMORY ?? 6_000_000_000);
const ROUTES = (process.env.WORTH_BENCH_CH_ROUTES ?? 'distributed,direct').split(',').map((r) => {
  if (r !== 'direct' && r !== 'distributed') throw new Error(`WORTH_BENCH_CH_ROUTES: unknown route ${r}`);
  return r;
});

/**
 * The workspace at `from` as a new one at `dir`: worth.yaml and scenarios copied, every source
 * file linked (never written: ingest writes worth.duckdb and rejects.csv in `dir`).
 */
function linkWorkspace(from: string, dir: string): void {
  mkdirSync(join(dir, 'data'), { recursive: true });
  copyFileSync(join(from, 'worth.yaml'), join(dir, 'worth.yaml'));
  if (existsSync(join(from, 'scenarios')))
    cpSync(join(from, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  for (const f of readdirSync(join(from, 'data'))) symlinkSync(join(from, 'data', f), join(dir, 'data', f));
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number) =>
  bytes < 2 ** 20 ? `${fmt(bytes / 2 ** 10, 1)} KiB` : `${fmt(bytes / 2 ** 20, 1)} MiB`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** A `worth` command under /usr/bin/time: wall and CPU seconds and peak memory (MiB). */
function timed(args: string[]): { seconds: number; cpuSeconds: number; peakMiB: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, resolve('bin/worth.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`worth ${args.join(' ')} failed: ${r.stderr}`);
  const cpu = (what: string) =>
    Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, cpuSeconds: cpu('User') + cpu('System'), peakMiB: kb / 1024 };
}

/** The process ids of the cluster's servers: the clickhouse-server whose config has a shard's port and address. */
export function serverPids(cluster: ClickHouseCluster): number[] {
  const wanted = cluster.shards.map((s) => new URL(s.url));
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('clickhouse-server')) continue;
      const config = readFileSync(`/proc/${entry}/cwd/config.xml`, 'utf8');
      if (
        wanted.some(
          (u) =>
            config.includes(`<http_port>${u.port}</http_port>`) &&
            config.includes(`<listen_host>${u.hostname}</listen_host>`),
        )
      )
        pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** CPU seconds the processes have used so far (user + system, from /proc/PID/stat). */
export function cpuOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
  return ticks / hz;
}

/** Each server's peak resident memory so far (VmHWM), in MiB. */
function peaksOf(pids: number[]): number[] {
  return pids.map((pid) => {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? NaN) / 1024;
  });
}

/** One stage's measure: wall, this process's CPU, the servers' CPU. */
async function stage<T>(
  pids: number[],
  fn: () => Promise<T>,
): Promise<{ seconds: number; cpu: number; serverCpu: number; load: string; value: T }> {
  const s0 = cpuOf(pids);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, serverCpu: cpuOf(pids) - s0, load: load(), value };
}

/** What system.query_log says moved since `since` (on every host). */
async function logged(
  engine: ClickHouseEngine,
  since: string,
): Promise<{ forwarded: number; shardResults: number; toWorth: number; written: number }> {
  let forwarded = 0;
  let shardResults = 0;
  let toWorth = 0;
  let written = 0;
  for (const host of engine.clusterHosts) {
    await engine.onHost(host, 'SYSTEM FLUSH LOGS');
    // A host that has logged nothing yet has no query_log (the direct route alone logs nothing on shard 2).
    const [log] = await engine.queryOnHost(host, 'EXISTS TABLE system.query_log');
    if (!log || Object.values(log)[0] !== true) continue;
    // Only this bench's queries run on these servers: everything since `since` is its stage.
    const [r] = await engine.queryOnHost(
      host,
      // interface 1 is the native protocol (a Distributed table's insert into the other shard
      // is an initial query there), 2 is HTTP (Worth's); a shard's part of another's query is
      // not initial. The sizes are of uncompressed blocks.
      `SELECT toInt64(sumIf(written_bytes, interface = 1 AND kind = 'insert')) AS forwarded,
              toInt64(sumIf(result_bytes, is_initial_query = 0)) AS shard_results,
              toInt64(sumIf(result_bytes, interface = 2 AND kind = 'select')) AS to_worth,
              toInt64(sumIf(written_bytes, interface = 2)) AS written
       FROM (SELECT interface, is_initial_query, written_bytes, result_bytes, lower(substring(query, 1, 6)) AS kind
             FROM system.query_log WHERE type = 2 AND event_time >= toDateTime('${since}'))`,
    );
    forwarded += Number(r?.forwarded ?? 0);
    shardResults += Number(r?.shard_results ?? 0);
    if (host.shard === 1) {
      toWorth += Number(r?.to_worth ?? 0);
      written += Number(r?.written ?? 0);
    }
  }
  return { forwarded, shardResults, toWorth, written };
}

/** The shards' active parts on disk, in bytes, for the database. */
async function partsBytes(engine: ClickHouseEngine, database: string): Promise<number> {
  let bytes = 0;
  for (const host of engine.clusterHosts) {
    const [r] = await engine.queryOnHost(
      host,
      `SELECT toInt64(sum(bytes_on_disk)) AS b FROM system.parts WHERE active AND database = '${database}'`,
    );
    bytes += Number(r?.b ?? 0);
  }
  return bytes;
}

/** The server's clock now, as query_log's event_time compares. */
async function serverNow(engine: ClickHouseEngine): Promise<string> {
  const [r] = await engine.query('SELECT toString(now()) AS t');
  return String(r?.t);
}

/** The options `worth clv` runs with (src/cli/clvWorkspaceCommand.ts's `runClv`, default model, 5 years). */
function clvOptions(dir: string) {
  const ws = loadWorkspace(dir, 'clv');
  return {
    ws,
    options: {
      settings: clvSettings(ws),
      horizonYears: 5,
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
      language: ws.config.language,
    },
  };
}

async function run(): Promise<BenchSection> {
  const base = mkdtempSync(join(tmpdir(), 'worth-bench-ch-'));
  const dir = join(base, 'shop');
  // Each figure is printed as it is measured too: a run cut short still says what it got.
  const rows: BenchRow[] = [];
  const push = rows.push.bind(rows);
  rows.push = (...more: BenchRow[]) => {
    for (const r of more) process.stdout.write(`  (${new Date().toISOString()}) ${r.what}: ${r.figure}\n`);
    return push(...more);
  };
  const notes: string[] = [];
  let cluster: ClickHouseCluster | undefined;
  try {
    if (DATA_FROM !== undefined) linkWorkspace(resolve(DATA_FROM), dir);
    else await writeDemoWorkspace(dir, { customers: CUSTOMERS, seed: 42 });
    // DuckDB, on this machine: the CLI as a user runs it.
    const duckIngest = timed(['ingest', dir]);
    const ingestLoad = load();
    const duckAnalyze = timed(['analyze', dir]);
    const analyzeLoad = load();
    const duckClv = timed(['clv', dir]);
    const clvLoad = load();
    const duckDisk = statSync(join(dir, DATABASE_FILE)).size;
    const source = await openEngine({ path: join(dir, DATABASE_FILE), readOnly: true });
    const [n] = await source.query(
      'SELECT (SELECT count(*) FROM order_lines) AS n, (SELECT count(*) FROM customers) AS c',
    );
    const lines = Number(n?.n ?? 0);
    const customers = Number(n?.c ?? 0);
    const what = `${fmt(customers)} customers, ${fmt(lines)} order lines`;
    rows.push(
      {
        what: `DuckDB: worth ingest, ${what}`,
        figure: `${fmt(duckIngest.seconds, 1)} s wall, ${fmt(duckIngest.cpuSeconds, 1)} CPU-s, peak ${fmt(duckIngest.peakMiB)} MiB (load ${ingestLoad})`,
      },
      {
        what: 'DuckDB: worth analyze',
        figure: `${fmt(duckAnalyze.seconds, 1)} s wall, ${fmt(duckAnalyze.cpuSeconds, 1)} CPU-s, peak ${fmt(duckAnalyze.peakMiB)} MiB (load ${analyzeLoad})`,
      },
      {
        what: 'DuckDB: worth clv',
        figure: `${fmt(duckClv.seconds, 1)} s wall, ${fmt(duckClv.cpuSeconds, 1)} CPU-s, peak ${fmt(duckClv.peakMiB)} MiB, worth.duckdb ${mib(duckDisk)} (load ${clvLoad})`,
      },
    );

    cluster = await startClickHouseCluster();
    for (const shard of cluster.shards) {
      const admin = await openEngine({
        kind: 'clickhouse',
        connection: { url: shard.url, database: 'default', user: cluster.user, password: cluster.password },
      });
      for (const db of ROUTES) await admin.run(`CREATE DATABASE ${db}`);
      await admin.close();
    }
    const pids = serverPids(cluster);
    if (pids.length !== cluster.shards.length)
      notes.push(
        `Found ${pids.length} server processes of ${cluster.shards.length}: server CPU and memory are partial.`,
      );
    const openOn = (database: string) =>
      openEngine({
        kind: 'clickhouse',
        connection: {
          url: cluster!.url,
          database,
          user: cluster!.user,
          password: cluster!.password,
          cluster: cluster!.cluster,
        },
      }) as Promise<ClickHouseEngine>;
    const loads: Record<string, number> = {};
    for (const route of ROUTES) {
      const engine = await openOn(route);
      try {
        // Logged for this session's queries; the settings go with a query to the other shard.
        await engine.run('SET log_queries = 1');
        await engine.run(`SET max_memory_usage = ${QUERY_MEMORY}`);
        const since = await serverNow(engine);
        const sent = new Map<string, number>();
        const s = await stage(pids, () =>
          loadTablesInto(source, engine, TABLE_NAMES, { route, sent, tempDir: base }),
        );
        loads[route] = s.seconds;
        const moved = await logged(engine, since);
        const bytes = engine.clusterHosts
          .map(
            (h) =>
              `shard ${h.shard} ${mib(h.shard === 1 ? (sent.get('url') ?? 0) + (sent.get(h.url) ?? 0) : (sent.get(h.url) ?? 0))}`,
          )
          .join(', ');
        rows.push({
          what: `ClickHouse 2 shards: load (${route === 'direct' ? 'each shard its own customers' : 'through the Distributed table'})`,
          figure: `${fmt(s.seconds, 1)} s wall, ${fmt(s.cpu, 1)} CPU-s Worth + ${fmt(s.serverCpu, 1)} CPU-s servers; sent ${bytes}${route === 'distributed' ? `, shard 1 forwards ${mib(moved.forwarded)} (uncompressed blocks)` : ''}; parts on disk ${mib(await partsBytes(engine, route))} (load ${s.load})`,
        });
      } finally {
        await engine.close();
      }
    }
    if (loads.direct !== undefined && loads.distributed !== undefined)
      rows.push({
        what: 'ClickHouse load: direct / through the Distributed table',
        figure: `${fmt(loads.direct / loads.distributed, 2)}x the wall time (faster: ${loads.direct <= loads.distributed ? 'direct' : 'distributed'})`,
      });
    const engine = await openOn(ROUTES[ROUTES.length - 1]!);
    try {
      await engine.run('SET log_queries = 1');
      await engine.run(`SET max_memory_usage = ${QUERY_MEMORY}`);
      let since = await serverNow(engine);
      const model = loadCostModel(loadWorkspace(dir), engine.dialect);
      const a = await stage(pids, () => analyze(engine, model));
      const analyzed = await logged(engine, since);
      rows.push({
        what: 'ClickHouse 2 shards: analyze',
        figure: `${fmt(a.seconds, 1)} s wall (${fmt(a.seconds / duckAnalyze.seconds, 2)}x DuckDB's), ${fmt(a.cpu, 1)} CPU-s Worth + ${fmt(a.serverCpu, 1)} CPU-s servers; shard 2 sends shard 1 ${mib(analyzed.shardResults)} of partial results, ${mib(analyzed.toWorth)} comes back to Worth, ${mib(analyzed.written)} of result tables written on shard 1 (load ${a.load})`,
      });
      // query_log's event_time is in whole seconds: the next stage starts on a new one.
      await new Promise((r) => setTimeout(r, 1100));
      since = await serverNow(engine);
      const clv = clvOptions(dir);
      const c = await stage(pids, () =>
        runWorkspaceClv(engine, loadCostModel(clv.ws, engine.dialect), clv.options),
      );
      const valued = await logged(engine, since);
      rows.push({
        what: 'ClickHouse 2 shards: clv',
        figure: `${fmt(c.seconds, 1)} s wall (${fmt(c.seconds / duckClv.seconds, 2)}x DuckDB's), ${fmt(c.cpu, 1)} CPU-s Worth + ${fmt(c.serverCpu, 1)} CPU-s servers; shard 2 sends shard 1 ${mib(valued.shardResults)} of partial results, ${mib(valued.toWorth)} comes back to Worth (the per-customer summary the models are fitted on), ${mib(valued.written)} written on shard 1 (load ${c.load})`,
      });
      rows.push({
        what: 'ClickHouse servers: peak memory over the run',
        figure: peaksOf(pids)
          .map((p, i) => `shard ${i + 1} ${fmt(p)} MiB`)
          .join(', '),
      });
    } finally {
      await engine.close();
      await source.close();
    }
    notes.push(
      `One run: the demo (seed 42${DATA_FROM !== undefined ? ', written beforehand by `worth demo`' : ''}) through ingest, analyze and clv by the CLI on DuckDB, then its canonical tables loaded into two local shards (127.0.0.1 and 127.0.0.2, one clickhouse-server 18.16 each, the same 2 cores) by ${ROUTES.length === 2 ? 'both routes' : `the ${ROUTES[0]} route`}, and analyze and clv run there from this process; WORTH_BENCH_CUSTOMERS=${CUSTOMERS}${DATA_FROM !== undefined ? ` (not used: WORTH_BENCH_CH_WORKSPACE=${DATA_FROM})` : ''}, WORTH_BENCH_CH_ROUTES=${ROUTES.join(',')}, max_memory_usage ${fmt(QUERY_MEMORY)} bytes a query (WORTH_BENCH_CH_QUERY_MEMORY).`,
      'Bytes: "sent" is the TabSeparated text Worth streams to each host (counted at the client); the rest is from system.query_log (log_queries on for the session, its settings going with each query to the other shard): "forwards" is what the Distributed table writes into the other shard (written_bytes of its inserts there, uncompressed), "partial results" the result_bytes of the queries the other shard ran for shard 1, "comes back" the result_bytes of the queries Worth asked, "written" the written_bytes of those on shard 1. Uncompressed sizes: the native protocol compresses (LZ4) what actually crosses the wire.',
    );
    return {
      id: 'clickhouse',
      title: `ClickHouse: ${what} through ingest, analyze and clv on two local shards, beside DuckDB`,
      rows,
      notes,
    };
  } finally {
    await cluster?.stop();
    rmSync(base, { recursive: true, force: true });
  }
}

export const clickhouseSuite: Suite = { name: 'clickhouse', run };
