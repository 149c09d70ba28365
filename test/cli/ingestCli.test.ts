import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoTotals } from '../../src/demo/index.ts';
import { queryDb } from '../ingest/helpers.ts';

const BIN = path.resolve('bin/worth.js');

function worth(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
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
      tables: Record<string, { rowsRead: number; rowsLoaded: number; rowsRejected: number; amounts: Record<string, { read: string; loaded: string; rejected: string }> }>;
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
      for (const [col, total] of Object.entries(tt.amounts)) expect(report.tables[table]!.amounts[col]!.loaded, `${table}.${col}`).toBe(total);
    }
  });

  it('a killed load leaves the previous database intact, and the next run cleans up', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-kill-')), 'demo');
    expect(worth(['demo', dir, '--customers', '200', '--seed', '1']).status).toBe(0);
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    const before = await queryDb(dir, 'SELECT count(*) AS n, sum(gross_amount)::VARCHAR AS g FROM order_lines');
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
    expect(await queryDb(dir, 'SELECT count(*) AS n, sum(gross_amount)::VARCHAR AS g FROM order_lines')).toEqual(before);
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
      queryDb(dir, "SELECT 'ol' AS t, count(*) AS n, sum(hash(order_id || line_no || customer_id || order_date || gross_amount || cogs_amount)) AS h FROM order_lines UNION ALL SELECT 'c', count(*), sum(hash(customer_id || coalesce(segment, ''))) FROM customers ORDER BY t");
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    const first = await sig();
    expect(worth(['ingest', dir, '--json']).status).toBe(0);
    expect(await sig()).toEqual(first);
  });

  it('prints a clear error and exits 1 for a workspace without worth.yaml', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-empty-'));
    const r = worth(['ingest', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`worth: ${path.join(dir, 'worth.yaml')}: not found (run \`worth init ${dir}\` to write a template)\n`);
  });

  it('init writes a template that loads', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-init-')), 'ws');
    expect(worth(['init', dir]).status).toBe(0);
    const again = worth(['init', dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists; not overwritten/);
    // The template names files that do not exist yet: ingest says which one.
    const r = worth(['ingest', dir]);
    expect(r.stderr).toMatch(/^worth: data\/customers\.csv: not found/m);
  });
});
