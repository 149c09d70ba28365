/**
 * `worth <command> | head -1`: a reader that goes away before the command has written is not a
 * failure. Real child processes whose stdout pipe is closed before they write a byte: each must
 * finish its work, exit 0 and print nothing on stderr (before: "internal error", exit 70).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { withEngine } from '../server/valuedWorkspace.ts';

const BIN = path.resolve('bin/worth.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-pipe-'));
const dir = path.join(root, 'ws');

/** Runs `worth args` with its stdout pipe closed at once (the reader gone); resolves with exit code and stderr. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('close', (code) => ok({ code, stderr }));
  });
}

describe('output to a closed pipe', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ends quietly with the normal exit code and the work done: demo, ingest, analyze', async () => {
    const demo = await withClosedStdout(['demo', dir, '--customers', '40', '--seed', '7']);
    expect(demo.stderr).not.toMatch(/internal error|EPIPE|at .*\.ts:\d+/);
    expect(demo.code).toBe(0);
    expect(existsSync(path.join(dir, 'worth.yaml'))).toBe(true);

    const ingest = await withClosedStdout(['ingest', dir]);
    expect(ingest.stderr).not.toMatch(/internal error|EPIPE|at .*\.ts:\d+/);
    expect(ingest.code).toBe(0);

    const analyze = await withClosedStdout(['analyze', dir]);
    expect(analyze.stderr).not.toMatch(/internal error|EPIPE|at .*\.ts:\d+/);
    expect(analyze.code).toBe(0);
    // The run was not cut short: the customer P&L is there, one row per demo customer with orders.
    const [r] = await withEngine(dir, (e) => e.query('SELECT count(*) AS n FROM customer_pnl'));
    expect(Number(r?.n)).toBeGreaterThan(30);
    expect(existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
  }, 240_000);

  it('as in a shell: `worth analyze DIR | head -1` prints one line and the pipeline succeeds', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" analyze "${dir}" --json | head -c 1; echo " \${PIPESTATUS[0]}"`],
      { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 120_000 },
    );
    expect(r.stdout).toBe('{ 0\n');
    expect(r.stderr).toBe('');
  }, 240_000);
});
