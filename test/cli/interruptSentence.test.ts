/**
 * Ctrl-C (issue 12, third round): `worth clv` interrupted at several points kept the previous
 * results, but ended without a word, so the user could not tell whether the
 * workspace was half-written. Now one sentence in worth.yaml's language says nothing was
 * written and the previous results are as they were. An export interrupted while writing left
 * its temporary file beside the user's (`.worth-part-<pid>-...`, no `finally` runs on a signal);
 * now it is removed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace } from '../server/valuedWorkspace.ts';

const BIN = path.resolve('bin/worth.js');
let ws: AnalysedWorkspace;

beforeAll(async () => {
  ws = await analysedWorkspace(1000, 6);
  await valueWorkspace(ws.dir);
  appendFileSync(path.join(ws.dir, 'worth.yaml'), '\nlanguage: nl\n');
}, 240_000);
afterAll(() => ws?.remove());

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Starts `worth ARGS` and sends SIGINT once `ready(stderr)` holds (checked on every line it
 * prints and every 20 ms), then resolves with how it ended.
 */
function interrupt(args: string[], ready: (stderr: string) => boolean) {
  return new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: 'UTC' } });
    let stderr = '';
    const check = () => {
      if (ready(stderr)) {
        clearInterval(timer);
        child.kill('SIGINT');
      }
    };
    const timer = setInterval(check, 20);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      check();
    });
    child.stdout.resume();
    child.on('close', (_, signal) => {
      clearInterval(timer);
      resolve({ signal, stderr });
    });
  });
}

/** Whether `dir` holds a file whose name starts with `prefix`. */
const holds = (dir: string, prefix: string) => readdirSync(dir).some((n) => n.startsWith(prefix));

describe('Ctrl-C', () => {
  it.each([
    ['once its copy of the database is made', () => holds(ws.dir, '.worth-tmp-')],
    ['after the summaries', (e: string) => e.split('\n').length > 1],
    ['while fitting', (e: string) => e.split('\n').length > 2],
  ])('during `worth clv`, %s: the database as it was, one Dutch sentence', async (_, ready) => {
    const db = path.join(ws.dir, 'worth.duckdb');
    const before = digest(db);
    const r = await interrupt(['clv', ws.dir], ready);
    expect(r.signal).toBe('SIGINT');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      `worth: onderbroken: niets van deze run is weggeschreven; de vorige resultaten en bestanden zijn zoals ze waren (${ws.dir})`,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(digest(db)).toBe(before);
  });

  it('during `worth export`: the previous file as it was, no temporary file beside it', async () => {
    const out = path.join(ws.dir, 'out', 'pnl.xlsx');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, 'previous export');
    // Interrupted once the workbook is being written beside its place.
    const r = await interrupt(['export', ws.dir, '--format', 'xlsx', '--out', out], () =>
      holds(path.dirname(out), '.worth-part-'),
    );
    expect(r.signal).toBe('SIGINT');
    expect(readFileSync(out, 'utf8')).toBe('previous export');
    expect(readdirSync(path.dirname(out))).toEqual(['pnl.xlsx']);
    expect(r.stderr).toMatch(/^worth: onderbroken: niets van deze run is weggeschreven/m);
  });
});
