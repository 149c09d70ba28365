/**
 * `worth clv fit --out FILE` and `worth clv predict --out FILE` on a disk that is full (a tmpfs
 * of two pages, filled, in a private mount namespace: root only): one sentence, the previous
 * file as it was, and no temporary file left beside it (it used to stay as `FILE.tmp-<pid>`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/worth.js');
const SUMMARY = path.resolve('test/fixtures/clv/cdnow_customers_summary.csv');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-clv-out-'));
const isRoot = process.getuid?.() === 0;
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Runs `worth ARGS` with a full 8 KiB tmpfs at `mnt` holding `old.json` (a previous output, 10
 * bytes) and a filler to the last byte; prints the folder's listing and old.json after the run.
 */
function onFullDisk(mnt: string, args: string[]) {
  mkdirSync(mnt);
  const script = [
    `mount -t tmpfs -o size=8k tmpfs ${mnt}`,
    `printf '"previous"' > ${mnt}/old.json`,
    `(head -c 8192 /dev/zero > ${mnt}/filler 2>/dev/null || true)`,
    `"$@"; code=$?`,
    `echo "--listing--"; ls -A ${mnt}; echo "--old--"; cat ${mnt}/old.json; exit $code`,
  ].join('; ');
  return spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    timeout: 120_000,
  });
}

function expectKept(r: ReturnType<typeof onFullDisk>) {
  expect(r.status, r.stderr).toBe(3);
  expect(r.stderr).toMatch(/^worth: .*the disk is full/m);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  const listing = r.stdout.split('--listing--\n')[1]!.split('--old--')[0]!.trim().split('\n');
  expect(listing.sort()).toEqual(['filler', 'old.json']);
  expect(r.stdout.split('--old--\n')[1]).toBe('"previous"');
}

describe.skipIf(!isRoot || !has('unshare'))('--out on a full disk (tmpfs via unshare -m; needs root)', () => {
  it('worth clv fit --out keeps the previous file and leaves no temporary file', () => {
    const mnt = path.join(root, 'fit');
    expectKept(
      onFullDisk(mnt, ['clv', 'fit', '--model', 'bgnbd', '--summary', SUMMARY, '--out', `${mnt}/old.json`]),
    );
  });

  it('worth clv predict --out likewise', () => {
    const fitFile = path.join(root, 'bgnbd.json');
    const fit = spawnSync(
      process.execPath,
      [BIN, 'clv', 'fit', '--model', 'bgnbd', '--summary', SUMMARY, '--out', fitFile],
      { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
    );
    expect(fit.status, fit.stderr).toBe(0);
    expect(readdirSync(root).filter((f) => f.includes('tmp') || f.startsWith('.worth-part'))).toEqual([]);
    expect(JSON.parse(readFileSync(fitFile, 'utf8'))).toHaveProperty('params');
    const mnt = path.join(root, 'predict');
    expectKept(
      onFullDisk(mnt, ['clv', 'predict', '--fit', fitFile, '--summary', SUMMARY, '--out', `${mnt}/old.json`]),
    );
  });
});
