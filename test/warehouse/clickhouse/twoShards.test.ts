/**
 * Two shards for real (issue 16): two ClickHouse servers the test starts as one cluster of two
 * shards (test/warehouse/clickhouse/server.ts), the engine in cluster mode (`cluster:`): each
 * canonical table a local MergeTree table on each shard and a Distributed table over them,
 * sharded by a hash of customer_id, loaded the way `worth ingest` loads them
 * (`loadTablesInto`). The costing tests' hand-built company and the demo company (2,000
 * customers) are costed and analyzed there and on DuckDB: every customer's waterfall to the
 * cent, the reconciliation, the whale curve and the deciles equal, the hand-built costs equal to
 * the figures worked out by hand. Each shard holds only its own customers' rows. `worth clv`'s
 * run on the demo gives every customer's CLV and interval and the CLV summary as DuckDB's
 * (clvParity.ts), and `worth clv` runs from the command line. Last, a shard is stopped:
 * `worth analyze` says so in one sentence in the workspace's language and the previous results
 * stay in place, also when the shard goes away after the run has started (analyze and clv).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TABLE_NAMES, toScaled, WorthError } from '../../../src/core/index.ts';
import { costActivities, loadCostModel } from '../../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../../src/demo/index.ts';
import { ingestWorkspace } from '../../../src/ingest/index.ts';
import { analyze, type AnalysisResult } from '../../../src/profit/index.ts';
import {
  ClickHouseEngine,
  DATABASE_FILE,
  loadTablesInto,
  openEngine,
  type Engine,
} from '../../../src/warehouse/index.ts';
import { clvSettings, runWorkspaceClv, type ClvRunResult } from '../../../src/value/index.ts';
import { loadWorkspace } from '../../../src/workspace/index.ts';
import { ingested } from '../../profit/fixture.ts';
import { clvDifference, expectClvTablesEqual } from './clvParity.ts';
import { copyCanonical } from './copyCanonical.ts';
import { costsByCustomer, readTable } from './parityReads.ts';
import { describeWithClickHouse, startClickHouseCluster, type ClickHouseCluster } from './server.ts';

const DEMO_CUSTOMERS = 2000;
const CLI_CUSTOMERS = 200;
const PASSWORD_ENV = 'WORTH_TEST_CLICKHOUSE_PASSWORD';
const BIN = path.resolve('bin/worth.js');

/** One company on both engines: DuckDB (tables copied as they are) and the two-shard cluster. */
interface Pair {
  dir: string;
  duckdb: Engine;
  clickhouse: ClickHouseEngine;
}

/** `worth args` as a user runs it, the password in the environment only. */
function worth(
  args: string[],
  password: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', [PASSWORD_ENV]: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeWithClickHouse('ClickHouse on two shards: parity with DuckDB, a shard down', () => {
  let cluster: ClickHouseCluster;
  let root: string;
  const pairs: Record<'hand' | 'demo', Pair> = {} as Record<'hand' | 'demo', Pair>;
  const duckResults: Record<string, AnalysisResult> = {};
  const chResults: Record<string, AnalysisResult> = {};

  const openCluster = (database: string) =>
    openEngine({
      kind: 'clickhouse',
      connection: {
        url: cluster.url,
        database,
        user: cluster.user,
        password: cluster.password,
        cluster: cluster.cluster,
      },
    }) as Promise<ClickHouseEngine>;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'worth-ch-shards-'));
    const demoDir = path.join(root, 'demo');
    const cliDir = path.join(root, 'cli');
    const [started, handDir] = await Promise.all([
      startClickHouseCluster(),
      ingested(),
      (async () => {
        await writeDemoWorkspace(demoDir, { customers: DEMO_CUSTOMERS, seed: 42 });
        await ingestWorkspace(loadWorkspace(demoDir));
      })(),
      writeDemoWorkspace(cliDir, { customers: CLI_CUSTOMERS, seed: 11 }),
    ]);
    cluster = started;
    // Every shard has the databases (made on each: no ZooKeeper for ON CLUSTER).
    for (const shard of cluster.shards) {
      const admin = await openEngine({
        kind: 'clickhouse',
        connection: { url: shard.url, database: 'default', user: cluster.user, password: cluster.password },
      });
      for (const db of ['hand', 'demo', 'cli']) await admin.run(`CREATE DATABASE ${db}`);
      await admin.close();
    }
    for (const [name, dir] of [
      ['hand', handDir],
      ['demo', demoDir],
    ] as const) {
      const source = await openEngine({ path: path.join(dir, DATABASE_FILE), readOnly: true });
      try {
        const duckdb = await openEngine();
        await copyCanonical(source, duckdb);
        const clickhouse = await openCluster(name);
        await loadTablesInto(source, clickhouse, TABLE_NAMES);
        pairs[name] = { dir, duckdb, clickhouse };
      } finally {
        await source.close();
      }
      duckResults[name] = await analyze(
        pairs[name].duckdb,
        loadCostModel(loadWorkspace(dir), pairs[name].duckdb.dialect),
      );
    }
    appendFileSync(
      path.join(cliDir, 'worth.yaml'),
      [
        '',
        'engine:',
        '  kind: clickhouse',
        `  url: ${cluster.url}`,
        '  database: cli',
        `  user: ${cluster.user}`,
        `  password_env: ${PASSWORD_ENV}`,
        `  cluster: ${cluster.cluster}`,
        '',
      ].join('\n'),
    );
  }, 900_000);

  afterAll(async () => {
    for (const p of Object.values(pairs)) {
      await p.duckdb.close();
      await p.clickhouse.close();
    }
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 180_000);

  const analyzeOnCluster = async (name: 'hand' | 'demo') => {
    const p = pairs[name];
    chResults[name] ??= await analyze(
      p.clickhouse,
      loadCostModel(loadWorkspace(p.dir), p.clickhouse.dialect),
    );
    return chResults[name];
  };

  it("keeps each customer's rows on one shard, every row on some shard, both shards used", async () => {
    for (const name of ['hand', 'demo'] as const) {
      const { duckdb, clickhouse } = pairs[name];
      const hosts = clickhouse.clusterHosts;
      expect(hosts.map((h) => h.shard)).toEqual([1, 2]);
      for (const table of TABLE_NAMES) {
        if (!(await duckdb.tableExists(table))) continue;
        const perShard = await Promise.all(
          hosts.map((h) =>
            clickhouse.queryOnHost(
              h,
              `SELECT ifNull(customer_id, '') AS c, count() AS n FROM "worth_shard_${table}" GROUP BY c`,
            ),
          ),
        );
        const ids = perShard.map((rows) => new Set(rows.map((r) => String(r.c))));
        const both = [...ids[0]!].filter((c) => ids[1]!.has(c));
        expect(both, `${name}.${table}: customers on both shards`).toEqual([]);
        const rows = perShard.flat().reduce((s, r) => s + Number(r.n), 0);
        const [expected] = await duckdb.query(
          `SELECT count(*) AS n FROM ${duckdb.dialect.quoteIdent(table)}`,
        );
        expect(rows, `${name}.${table}: rows over the shards`).toBe(Number(expected!.n));
        const [through] = await clickhouse.query(
          `SELECT count(*) AS n FROM ${clickhouse.dialect.quoteIdent(table)}`,
        );
        expect(Number(through!.n), `${name}.${table}: rows through the Distributed table`).toBe(rows);
        if (name === 'demo' && table === 'order_lines')
          for (const s of ids) expect(s.size).toBeGreaterThan(DEMO_CUSTOMERS / 4);
      }
    }
  });

  it('holds the demo money to the cent per table as DuckDB does', async () => {
    const { duckdb, clickhouse } = pairs.demo;
    const money = async (e: Engine) =>
      (
        await e.query(
          'SELECT CAST(sum(gross_amount) AS VARCHAR) AS g, CAST(sum(cogs_amount) AS VARCHAR) AS c FROM order_lines',
        )
      )[0];
    expect(await money(clickhouse)).toEqual(await money(duckdb));
  });

  it('costs the hand-built company per customer and activity to the cent, as DuckDB and as by hand', async () => {
    const results: Record<string, Record<string, Record<string, string>>> = {};
    for (const label of ['duckdb', 'clickhouse'] as const) {
      const engine = pairs.hand[label];
      const r = await costActivities(engine, loadCostModel(loadWorkspace(pairs.hand.dir), engine.dialect));
      results[label] = await costsByCustomer(engine, r);
    }
    const ch = results.clickhouse!;
    expect(ch).toEqual(results.duckdb);
    // By hand (test/costing/costing.test.ts), as on one node.
    expect(ch.order_handling).toMatchObject({ C1: '12.00', C2: '9.00', C3: '15.00' });
    expect(ch.picking).toMatchObject({ C1: '5.00', C2: '1.67', C3: '33.33' });
    expect(ch.delivery).toMatchObject({ C1: '18.00', C2: '41.00', C3: '56.00' });
  }, 120_000);

  const clvOn = (e: Engine, dir: string): Promise<ClvRunResult> => {
    const ws = loadWorkspace(dir);
    return runWorkspaceClv(e, loadCostModel(ws, e.dialect), {
      settings: clvSettings(ws),
      horizonYears: 5,
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
      language: ws.config.language,
    });
  };

  for (const name of ['hand', 'demo'] as const) {
    it(`analyzes the ${name === 'hand' ? 'hand-built' : 'demo'} company: totals, reconciliation, whale curve, every waterfall to the cent`, async () => {
      const ch = await analyzeOnCluster(name);
      const duck = duckResults[name]!;
      expect(ch.customers).toBe(duck.customers);
      expect(ch.customers).toBe(name === 'hand' ? 3 : DEMO_CUSTOMERS);
      expect(ch.totals).toEqual(duck.totals);
      expect(ch.reconciliation).toEqual(duck.reconciliation);
      expect(ch.reconciliation.difference).toBe('0.00');
      expect(ch.activities).toEqual(duck.activities);
      expect(ch.whale).toEqual(duck.whale);
      expect(ch.matrix).toEqual(duck.matrix);
      expect(ch.lossMakers).toEqual(duck.lossMakers);
      expect(ch.voiceOfCustomer).toEqual(duck.voiceOfCustomer);
      const { duckdb, clickhouse } = pairs[name];
      for (const [table, key] of [
        ['customer_pnl', 'customer_id'],
        ['whale_curve', 'customer_rank'],
        ['deciles', 'decile'],
        ['rollup_customer_attribute', 'attribute, value'],
        ['profitability_matrix', 'customer_id'],
        ['loss_explanations', 'customer_id, line'],
      ] as const) {
        const rows = await readTable(duckdb, duckdb, table, key);
        expect(rows.length, table).toBeGreaterThan(0);
        expect(await readTable(clickhouse, duckdb, table, key), table).toEqual(rows);
      }
      const pnl = await readTable(clickhouse, duckdb, 'customer_pnl', 'customer_id');
      const cents = pnl.reduce((s, r) => s + toScaled(String(r.contribution)), 0n);
      expect(cents).toBe(toScaled(duck.totals.contribution));
      // Nothing set aside by the run is left behind.
      expect(
        await clickhouse.query(
          "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'worth_undo%'",
        ),
      ).toEqual([]);
    }, 600_000);
  }

  it("values the demo company's customers on the cluster as DuckDB does (CLV, intervals, segments, summary)", async () => {
    await analyzeOnCluster('demo');
    const { dir, duckdb, clickhouse } = pairs.demo;
    const duck = await clvOn(duckdb, dir);
    const ch = await clvOn(clickhouse, dir);
    expect(clvDifference(ch, duck)).toBeNull();
    expect(ch.totalProfitClv).toBe(duck.totalProfitClv);
    expect(ch.customers).toBeGreaterThan(DEMO_CUSTOMERS / 2);
    await expectClvTablesEqual(clickhouse, duckdb);
    expect(
      await clickhouse.query(
        "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'worth_undo%'",
      ),
    ).toEqual([]);
  }, 600_000);

  it('runs worth ingest, worth analyze and worth clv on the cluster from the command line', async () => {
    const dir = path.join(root, 'cli');
    const ingest = await worth(['ingest', dir], cluster.password);
    expect(ingest.code, ingest.stderr).toBe(0);
    const analyzed = await worth(['analyze', dir, '--json'], cluster.password);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    expect(JSON.parse(analyzed.stdout).reconciliation.difference).toBe('0.00');
    const valued = await worth(['clv', dir, '--json'], cluster.password);
    expect(valued.code, valued.stderr).toBe(0);
    expect(JSON.parse(valued.stdout).customers).toBeGreaterThan(CLI_CUSTOMERS / 2);
    const engine = await openCluster('cli');
    try {
      const [n] = await engine.query('SELECT count(*) AS n FROM customer_pnl');
      expect(Number(n!.n)).toBe(CLI_CUSTOMERS);
      const [v] = await engine.query('SELECT count(*) AS n FROM customer_clv');
      expect(Number(v!.n)).toBe(JSON.parse(valued.stdout).customers);
      for (const h of engine.clusterHosts) {
        const [rows] = await engine.queryOnHost(h, 'SELECT count() AS n FROM "worth_shard_order_lines"');
        expect(Number(rows!.n), `shard ${h.shard}`).toBeGreaterThan(0);
      }
    } finally {
      await engine.close();
    }
  }, 600_000);

  it('leaves the previous load readable when an ingest is killed halfway, and the next ingest loads', async () => {
    const dir = path.join(root, 'cli');
    const engine = await openCluster('cli');
    try {
      // One statement at a time: the engine's session takes one.
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const t of ['customers', 'order_lines', 'shipments']) {
          const [r] = await engine.query(`SELECT count(*) AS n FROM ${t}`);
          out[t] = Number(r!.n);
        }
        return out;
      };
      const before = await counts();
      const money = () => engine.query('SELECT CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines');
      const moneyBefore = await money();
      // Other sources in the workspace: a completed load would change every count.
      const other = path.join(root, 'other');
      await writeDemoWorkspace(other, { customers: CLI_CUSTOMERS + 50, seed: 12 });
      cpSync(path.join(other, 'data'), path.join(dir, 'data'), { recursive: true });
      // Killed as soon as the load onto the shards has begun (its first next table exists).
      const child = spawn(process.execPath, [BIN, 'ingest', dir], {
        env: { ...process.env, NO_COLOR: '1', [PASSWORD_ENV]: cluster.password },
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_c, sig) => resolve(sig)),
      );
      let begun = false;
      for (let i = 0; i < 6000 && !begun; i++) {
        const [r] = await engine.query(
          "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'worth\\_next\\_shard\\_%'",
        );
        begun = Number(r!.n) > 0;
        if (!begun) await new Promise((res) => setTimeout(res, 20));
      }
      child.kill('SIGKILL');
      expect(begun, 'the load had begun when the ingest was killed').toBe(true);
      expect(await exited).toBe('SIGKILL');
      expect(await counts()).toEqual(before);
      expect(await money()).toEqual(moneyBefore);
      // The next ingest clears what the killed one left and loads the new sources.
      const again = await worth(['ingest', dir], cluster.password);
      expect(again.code, again.stderr).toBe(0);
      const after = await counts();
      expect(after.customers).toBe(CLI_CUSTOMERS + 50);
      expect(after.order_lines).not.toBe(before.order_lines);
      const [left] = await engine.query(
        "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND (name LIKE 'worth\\_next%' OR name LIKE 'worth\\_load%' OR name LIKE 'worth\\_previous%')",
      );
      expect(Number(left!.n), 'load tables left behind').toBe(0);
    } finally {
      await engine.close();
    }
  }, 300_000);

  it('says a shard that is down in one sentence and keeps the previous results (before and during a run)', async () => {
    await analyzeOnCluster('demo');
    const dir = path.join(root, 'cli');
    const demo = pairs.demo.clickhouse;
    const read = async (e: Engine) =>
      e.query(
        'SELECT customer_id, CAST(contribution AS VARCHAR) AS c FROM customer_pnl ORDER BY customer_id',
      );
    const before = await read(demo);
    // the demo's CLV results too (its run above, or this one)
    if (!(await demo.tableExists('customer_clv'))) await clvOn(demo, pairs.demo.dir);
    const readClv = async () => ({
      clv: await demo.query('SELECT customer_id, clv_profit FROM customer_clv ORDER BY customer_id'),
      summary: await demo.query('SELECT customer_id, x FROM clv_summary ORDER BY customer_id'),
      choice: await demo.query('SELECT model, candidates FROM clv_model_choice'),
    });
    const clvBefore = await readClv();
    const engine = await openCluster('cli');
    const cliBefore = await read(engine);
    expect(cliBefore.length).toBe(CLI_CUSTOMERS);
    await cluster.shards[1]!.stop();
    try {
      // The command: refused when it opens the cluster, before anything is changed.
      const down = await worth(['analyze', dir], cluster.password);
      expect(down.code).not.toBe(0);
      expect(down.stderr.trim().split('\n')).toHaveLength(1);
      expect(down.stderr).toMatch(
        /shard 2 \(127\.0\.0\.2\) van het ClickHouse-cluster worth_two antwoordt niet .*de vorige uitkomsten zijn zoals ze waren/,
      );
      expect(down.stderr).not.toMatch(/\n\s+at |SELECT |undefined|Error:|Code: /);
      expect(down.stdout).toBe('');
      expect(await read(engine)).toEqual(cliBefore);
      // A run that had opened the cluster before the shard went: its first read of the shards
      // fails, the results it had set aside are put back.
      const failed = await analyze(demo, loadCostModel(loadWorkspace(pairs.demo.dir), demo.dialect)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(WorthError);
      expect((failed as WorthError).said?.key).toBe('clickhouseShardDown');
      expect((failed as WorthError).message).toMatch(
        /shard 2 \(127\.0\.0\.2\) of the ClickHouse cluster worth_two does not answer/,
      );
      expect(await read(demo)).toEqual(before);
      expect(await demo.tableExists('whale_curve')).toBe(true);
      // a CLV run likewise: its first read of the shards fails after it set clv_summary aside
      const clvFailed = await clvOn(demo, pairs.demo.dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(clvFailed).toBeInstanceOf(WorthError);
      expect((clvFailed as WorthError).said?.key).toBe('clickhouseShardDown');
      expect(await readClv()).toEqual(clvBefore);
      expect(
        await demo.query(
          "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'worth_undo%'",
        ),
      ).toEqual([]);
    } finally {
      await engine.close();
    }
  }, 300_000);
});
