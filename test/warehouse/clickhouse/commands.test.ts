/**
 * The commands on ClickHouse (issue 16): `worth ingest`, `worth analyze` then `worth clv` on a demo
 * workspace whose worth.yaml names a ClickHouse server the test starts (the password only in
 * the environment), run as a user runs them (bin/worth.js in a child process), beside the same
 * demo on DuckDB. The customer P&L read from ClickHouse is DuckDB's to the cent, every
 * customer's lifetime value and interval and the CLV summary DuckDB's; each command
 * says in one sentence what runs where; a command that does not run on ClickHouse yet refuses
 * in one sentence in the workspace's language; the password is never printed.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toScaled } from '../../../src/core/index.ts';
import { writeDemoWorkspace } from '../../../src/demo/index.ts';
import { DATABASE_FILE, openEngine, readGeneration, type Engine } from '../../../src/warehouse/index.ts';
import { clvDifference, expectClvTablesEqual } from './clvParity.ts';
import { describeWithClickHouse, startClickHouse, type ClickHouseServer } from './server.ts';

const BIN = path.resolve('bin/worth.js');
const CUSTOMERS = 300;
const PASSWORD_ENV = 'WORTH_TEST_CLICKHOUSE_PASSWORD';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `worth args` with the password in the environment only (undefined: the variable unset). */
function worth(args: string[], password: string | undefined): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  if (password === undefined) delete env[PASSWORD_ENV];
  else env[PASSWORD_ENV] = password;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
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

/** worth.yaml's engine section for the server (or another url) and database. */
function engineSection(server: ClickHouseServer, database: string, url = server.url): string {
  return [
    '',
    'engine:',
    '  kind: clickhouse',
    `  url: ${url}`,
    `  database: ${database}`,
    `  user: ${server.user}`,
    `  password_env: ${PASSWORD_ENV}`,
    '',
  ].join('\n');
}

describeWithClickHouse('worth ingest and worth analyze on ClickHouse (demo company)', () => {
  let server: ClickHouseServer;
  let root: string;
  const dirs = { clickhouse: '', duckdb: '' };
  const runs: Ran[] = [];
  const analyses: Record<string, { totals: unknown; reconciliation: unknown; warnings: string[] }> = {};
  const clvs: Record<string, Record<string, unknown>> = {};
  const clvRuns: Record<string, Ran> = {};
  let clickhouse: Engine;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'worth-ch-commands-'));
    dirs.clickhouse = path.join(root, 'on-clickhouse');
    dirs.duckdb = path.join(root, 'on-duckdb');
    server = await startClickHouse();
    const admin = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: server.user, password: server.password },
    });
    await admin.run('CREATE DATABASE worth_demo');
    await admin.close();
    for (const dir of Object.values(dirs)) await writeDemoWorkspace(dir, { customers: CUSTOMERS, seed: 11 });
    appendFileSync(path.join(dirs.clickhouse, 'worth.yaml'), engineSection(server, 'worth_demo'));
    for (const [kind, dir] of Object.entries(dirs)) {
      const ingest = await worth(['ingest', dir], server.password);
      runs.push(ingest);
      expect(ingest.code, `${kind} ingest: ${ingest.stderr}`).toBe(0);
      const analyzed = await worth(['analyze', dir, '--json'], server.password);
      runs.push(analyzed);
      expect(analyzed.code, `${kind} analyze: ${analyzed.stderr}`).toBe(0);
      analyses[kind] = JSON.parse(analyzed.stdout);
      const clv = await worth(['clv', dir, '--json'], server.password);
      runs.push(clv);
      clvRuns[kind] = clv;
      expect(clv.code, `${kind} clv: ${clv.stderr}`).toBe(0);
      clvs[kind] = JSON.parse(clv.stdout);
    }
    clickhouse = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'worth_demo', user: server.user, password: server.password },
    });
  }, 900_000);

  afterAll(async () => {
    await clickhouse?.close();
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it("says in one sentence, in the workspace's language (the demo's Dutch), where ingest, analyze and clv run", () => {
    const [ingest, analyzed] = runs;
    expect(ingest!.stderr).toMatch(
      /^ClickHouse op http:\/\/127\.0\.0\.1:\d+, database worth_demo: de bronnen worden op DuckDB in de werkmap gelezen en gecontroleerd/,
    );
    expect(ingest!.stderr).toMatch(/in ClickHouse geladen: customers 300, order_lines \d+, returns \d+/);
    expect(analyzed!.stderr).toMatch(/nog niet op ClickHouse: de maandcijfers, report en export/);
    expect(clvRuns.clickhouse!.stderr).toMatch(
      /^ClickHouse op http:\/\/127\.0\.0\.1:\d+, database worth_demo: de aankoopsamenvattingen, de holdout-splitsing en de margepercentages worden daar berekend/,
    );
    expect(analyses.clickhouse!.warnings.some((w) => /pnl_monthly.*niet geschreven/.test(w))).toBe(true);
    // DuckDB's runs say none of it.
    expect(`${runs[3]!.stderr}${runs[4]!.stderr}${runs[5]!.stderr}`).not.toMatch(/ClickHouse/);
  });

  it('counts each run published on the server (analyze, then clv) as a generation there, for a server serving the workspace', async () => {
    expect(await readGeneration(clickhouse)).toBe(2);
    const rows = await clickhouse.query(
      'SELECT generation, command FROM worth_generation ORDER BY generation',
    );
    expect(rows.map((r) => [Number(r.generation), r.command])).toEqual([
      [1, 'analyze'],
      [2, 'clv'],
    ]);
  });

  it("gives the totals and the reconciliation (difference 0.00) as DuckDB's", () => {
    expect(analyses.clickhouse!.totals).toEqual(analyses.duckdb!.totals);
    expect(analyses.clickhouse!.reconciliation).toEqual(analyses.duckdb!.reconciliation);
    expect((analyses.clickhouse!.reconciliation as { difference: string }).difference).toBe('0.00');
  });

  it("gives every customer's P&L to the cent as DuckDB's, on the server", async () => {
    const duck = await openEngine({ path: path.join(dirs.duckdb, DATABASE_FILE), readOnly: true });
    try {
      const cols = await duck.columns('customer_pnl');
      const read = (e: Engine) =>
        e.query(
          `SELECT ${cols.map((c) => e.dialect.quoteIdent(c)).join(', ')} FROM customer_pnl ORDER BY customer_id`,
        );
      const expected = await read(duck);
      expect(expected.length).toBe(CUSTOMERS);
      const got = await read(clickhouse);
      expect(got).toEqual(expected);
      const cents = got.reduce((s, r) => s + toScaled(String(r.contribution)), 0n);
      expect(cents).toBe(toScaled((analyses.duckdb!.totals as { contribution: string }).contribution));
    } finally {
      await duck.close();
    }
  });

  it("gives every customer's lifetime value and interval and the CLV summary as DuckDB's, on the server", async () => {
    // the run's result: the same figures (floats within 1e-9 relative: clvParity.ts)
    expect(clvDifference(clvs.clickhouse, clvs.duckdb)).toBeNull();
    expect(clvs.clickhouse!.totalProfitClv).toBe(clvs.duckdb!.totalProfitClv);
    const duck = await openEngine({ path: path.join(dirs.duckdb, DATABASE_FILE), readOnly: true });
    try {
      const tables = await expectClvTablesEqual(clickhouse, duck);
      expect(tables.customer_clv!.length).toBe(clvs.duckdb!.customers);
    } finally {
      await duck.close();
    }
  });

  it('refuses a command not on ClickHouse yet in one sentence, in Dutch and in English', async () => {
    // `worth serve` runs there now (serve.test.ts); the report does not yet.
    const clv = await worth(
      ['report', dirs.clickhouse, '--out', path.join(root, 'report.html')],
      server.password,
    );
    runs.push(clv);
    expect(clv.code).not.toBe(0);
    expect(clv.stderr).toMatch(
      /engine kind clickhouse draait deze opdracht nog niet \(alleen worth ingest, worth analyze, worth clv, worth serve draaien er voorlopig op/,
    );
    const en = path.join(root, 'en');
    await writeDemoWorkspace(en, { customers: 20, seed: 3 });
    const yaml = readFileSync(path.join(en, 'worth.yaml'), 'utf8');
    writeFileSync(
      path.join(en, 'worth.yaml'),
      `language: en\n${yaml.replace(/^language:.*$/m, '')}${engineSection(server, 'worth_demo')}`,
    );
    const serve = await worth(
      ['export', en, '--table', 'customer_pnl', '--out', path.join(root, 'x.csv')],
      server.password,
    );
    runs.push(serve);
    expect(serve.code).not.toBe(0);
    expect(serve.stderr).toMatch(
      /engine kind clickhouse does not run this command yet \(only worth ingest, worth analyze, worth clv, worth serve run on it for now/,
    );
    for (const r of [clv, serve]) {
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at |SELECT |undefined/);
    }
  });

  it('says a refused login, an unset password variable and a server that does not answer in one sentence each, and changes nothing', async () => {
    const read = () =>
      clickhouse.query(
        'SELECT customer_id, CAST(contribution AS VARCHAR) AS c FROM customer_pnl ORDER BY customer_id',
      );
    const before = await read();
    const readClv = () =>
      clickhouse.query('SELECT customer_id, clv_profit FROM customer_clv ORDER BY customer_id');
    const clvBefore = await readClv();
    const wrong = await worth(['analyze', dirs.clickhouse], 'not-the-password');
    const wrongClv = await worth(['clv', dirs.clickhouse], 'not-the-password');
    const unset = await worth(['ingest', dirs.clickhouse], undefined);
    // A port nobody listens on: the server of a closed test (stopped, so its port is free).
    const gone = await startClickHouse();
    const goneUrl = gone.url;
    await gone.stop();
    const down = path.join(root, 'down');
    await writeDemoWorkspace(down, { customers: 20, seed: 5 });
    appendFileSync(path.join(down, 'worth.yaml'), engineSection(server, 'worth_demo', goneUrl));
    const unreachable = await worth(['ingest', down], server.password);
    runs.push(wrong, wrongClv, unset, unreachable);
    expect(wrong.stderr).toMatch(
      /weigerde gebruiker worth \(verwacht het wachtwoord in de omgevingsvariabele WORTH_TEST_CLICKHOUSE_PASSWORD/,
    );
    expect(unset.stderr).toMatch(/de omgevingsvariabele WORTH_TEST_CLICKHOUSE_PASSWORD is niet gezet/);
    expect(unreachable.stderr).toMatch(/de ClickHouse-server op http:\/\/127\.0\.0\.1:\d+ antwoordt niet/);
    expect(wrongClv.stderr).toMatch(/weigerde gebruiker worth/);
    for (const r of [wrong, wrongClv, unset, unreachable]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at |SELECT |undefined|Error:/);
      expect(r.stdout).toBe('');
    }
    // Nothing changed: the server's results as they were, no load in the unreachable one's folder.
    expect(await read()).toEqual(before);
    expect(await readClv()).toEqual(clvBefore);
    expect(existsSync(path.join(down, DATABASE_FILE))).toBe(false);
  }, 300_000);

  it('never prints the password', () => {
    expect(runs.length).toBeGreaterThanOrEqual(9);
    for (const r of runs) expect(`${r.stdout}\n${r.stderr}`).not.toContain(server.password);
  });
});
