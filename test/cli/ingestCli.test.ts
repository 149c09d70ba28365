import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoTotals } from '../../src/demo/index.ts';
import { CUSTOMERS, makeWorkspace, queryDb, yamlFor } from '../ingest/helpers.ts';

const BIN = path.resolve('bin/worth.js');

function worth(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('worth demo + worth ingest --json', () => {
  it('loads the demo company and every table reconciles, to the cent of what the generator wrote', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-cli-')), 'demo');
    const demo = worth(['demo', dir, '--customers', '300', '--seed', '7']);
    expect(demo.status, demo.stderr).toBe(0);
    const run = worth(['ingest', dir, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      tables: Record<
        string,
        {
          rowsRead: number;
          rowsLoaded: number;
          rowsRejected: number;
          amounts: Record<string, { read: string; loaded: string; rejected: string }>;
        }
      >;
      rejectsFile: string;
    };
    expect(report.rejectsFile).toBe(path.join(dir, 'rejects.csv'));
    const expected = await demoTotals({ customers: 300, seed: 7 });
    for (const [table, t] of Object.entries(report.tables)) {
      expect(t.rowsRead, table).toBe(t.rowsLoaded + t.rowsRejected);
      expect(t.rowsRejected, table).toBe(0);
      for (const [col, a] of Object.entries(t.amounts)) {
        const sum = (BigInt(a.loaded.replace('.', '')) + BigInt(a.rejected.replace('.', ''))).toString();
        expect(sum, `${table}.${col}`).toBe(BigInt(a.read.replace('.', '')).toString());
      }
    }
    for (const [table, tt] of Object.entries(expected)) {
      expect(report.tables[table]!.rowsLoaded, table).toBe(tt.rows);
      for (const [col, total] of Object.entries(tt.amounts))
        expect(report.tables[table]!.amounts[col]!.loaded, `${table}.${col}`).toBe(total);
    }
  });

  it('a killed load leaves the previous database intact, and the next run cleans up', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-kill-')), 'demo');
    expect(worth(['demo', dir, '--customers', '200', '--seed', '1']).status).toBe(0);
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    const before = await queryDb(
      dir,
      'SELECT count(*) AS n, sum(gross_amount)::VARCHAR AS g FROM order_lines',
    );
    // A bigger company replaces the files; its load is killed half way.
    expect(worth(['demo', `${dir}-big`, '--customers', '10000', '--seed', '2']).status).toBe(0);
    const { cpSync } = await import('node:fs');
    cpSync(path.join(`${dir}-big`, 'data'), path.join(dir, 'data'), { recursive: true });
    const child = spawn(process.execPath, [BIN, 'ingest', dir, '--json'], { stdio: 'ignore' });
    const tmpSeen = await new Promise<boolean>((resolve) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const tmp = readdirSync(dir).some((f) => f.startsWith('.worth-tmp') && f.endsWith('.duckdb'));
        if (tmp || Date.now() - started > 60_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(tmp);
        }
      }, 5);
    });
    await new Promise((r) => child.on('exit', r));
    expect(tmpSeen).toBe(true);
    expect(
      await queryDb(dir, 'SELECT count(*) AS n, sum(gross_amount)::VARCHAR AS g FROM order_lines'),
    ).toEqual(before);
    // The next run finishes and removes what the killed run left.
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('.worth-tmp'))).toEqual([]);
    const after = await queryDb(dir, 'SELECT count(*) AS n FROM order_lines');
    expect(after[0]!.n).toBe((await demoTotals({ customers: 10000, seed: 2 })).order_lines.rows);
    expect(existsSync(path.join(dir, 'rejects.csv'))).toBe(true);
  });

  it('re-running on the same input gives the same state', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-rerun-')), 'demo');
    expect(worth(['demo', dir, '--customers', '150']).status).toBe(0);
    const sig = async () =>
      queryDb(
        dir,
        "SELECT 'ol' AS t, count(*) AS n, sum(hash(order_id || line_no || customer_id || order_date || gross_amount || cogs_amount)) AS h FROM order_lines UNION ALL SELECT 'c', count(*), sum(hash(customer_id || coalesce(segment, ''))) FROM customers ORDER BY t",
      );
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    const first = await sig();
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    expect(await sig()).toEqual(first);
  });

  it('prints a clear error and exits 1 for a workspace without worth.yaml', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-empty-'));
    const r = worth(['ingest', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `worth: ${path.join(dir, 'worth.yaml')}: not found (run \`worth init ${dir}\` to write a template)\n`,
    );
  });

  it('init writes a template that loads', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-init-')), 'ws');
    expect(worth(['init', dir]).status).toBe(0);
    const again = worth(['init', dir]);
    expect(again.status).toBe(1);
    // The template is Dutch (language: nl): so are the messages about it.
    expect(again.stderr).toMatch(/bestaat al; niet overschreven/);
    // The template names files that do not exist yet: ingest says which one.
    const r = worth(['ingest', dir]);
    expect(r.stderr).toMatch(/^worth: data\/customers\.csv: niet gevonden/m);
  });
});

describe('worth ingest: the guards at the command line', () => {
  const header = 'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount';
  const good = (n: number) =>
    Array.from({ length: n }, (_, i) => `O${i},C${(i % 3) + 1},2024-01-05,1,10.00,5.00`);

  it('over the budget: exit 1, the summary on stdout (text and --json), one paragraph on stderr, the previous load kept', async () => {
    const dir = makeWorkspace({
      // No floor: 100 lines are under the floor's 500, where 2 rejects would pass.
      'worth.yaml': yamlFor(['customers', 'order_lines'], 'reject_floor: 0\n').replace(
        'language: en',
        'language: nl',
      ),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${[header, ...good(100)].join('\n')}\n`,
    });
    expect(worth(['ingest', dir]).status).toBe(0);
    // 2 of 100 lines (2%) name customer C7.
    const lines = [header, ...good(100)];
    lines[50] = 'O49,C7,2024-01-05,1,10.00,5.00';
    lines[70] = 'O69,C7,2024-01-05,1,10.00,5.00';
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${lines.join('\n')}\n`);
    const run = worth(['ingest', dir]);
    expect(run.status).toBe(1);
    // In worth.yaml's language: words, reasons and decimal comma.
    expect(run.stdout).toContain('Afgewezen regels per reden:');
    expect(run.stdout).toMatch(
      /order_lines\s+customer_id\s+onbekende klant \(niet in customers\)\s+2\s+20,00 gross_amount\s+data\/order_lines\.csv regel 51: "C7"/,
    );
    // stderr: the progress lines, then the error as one paragraph, no stack frames.
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(
      // 2 of 100 lines = 2,0%; money 2 x 10,00 = 20,00 of 100 x 10,00 = 1.000,00 = 2,0%.
      'worth: lading geweigerd, de vorige lading blijft staan. order_lines: 2 van 100 regels afgewezen (2,0%) en 2,0% van gross_amount (20,00 van 1.000,00), boven het afwijsbudget van 1% (max_rejected_share in worth.yaml); de redenen staan hierboven en elke afgewezen regel staat in rejects.failed.csv.',
    );
    const json = worth(['ingest', dir, '--json']);
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout) as {
      refused: string[];
      rejectSummary: { exceeded: boolean; reasons: { rows: number; example: { line: number } }[] };
    };
    expect(out.refused).toHaveLength(1);
    expect(out.rejectSummary.exceeded).toBe(true);
    expect(out.rejectSummary.reasons.map((r) => [r.rows, r.example.line])).toEqual([[2, 51]]);
    expect(await queryDb(dir, 'SELECT count(*) AS n FROM order_lines')).toEqual([{ n: 100 }]);
  });

  it("a previous load that cannot be read skips the shrink check with a warning in worth.yaml's language", async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']).replace('language: en', 'language: nl'),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${[header, ...good(10)].join('\n')}\n`,
    });
    // A previous database that is not one (cut short, overwritten): the load itself is good.
    writeFileSync(path.join(dir, 'worth.duckdb'), 'not a database');
    const run = worth(['ingest', dir]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('kon niet worden gelezen om de tabelgroottes te vergelijken');
    expect(run.stderr).not.toContain('shrink check');
    expect(await queryDb(dir, 'SELECT count(*) AS n FROM order_lines')).toEqual([{ n: 10 }]);
  });

  it('--accept-shrink lets a halved table replace the previous load', async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${[header, ...good(40)].join('\n')}\n`,
    });
    expect(worth(['ingest', dir]).status).toBe(0);
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${[header, ...good(20)].join('\n')}\n`);
    const refused = worth(['ingest', dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'order_lines: 20 rows against 40 in the previous load (50.0% fewer); if that is right, run `worth ingest --accept-shrink`.',
    );
    expect(worth(['ingest', dir, '--accept-shrink']).status).toBe(0);
    expect(await queryDb(dir, 'SELECT count(*) AS n FROM order_lines')).toEqual([{ n: 20 }]);
  });
});
