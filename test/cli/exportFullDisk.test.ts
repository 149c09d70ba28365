/**
 * `worth export` to a nearly full disk (issue 12, third round). Tried on a 300 KB tmpfs: the
 * spreadsheet CSV came out cut at the disk's size and was renamed into place, exit 0, "2.000
 * rijen geschreven" (Node's `write` wrote part of the page and returned); the XLSX replaced the
 * previous file with a cut one; the machine CSV and Parquet (DuckDB's COPY) left DuckDB's
 * `tmp_` file behind and named it. Now every format keeps the previous file, leaves nothing
 * behind and says so in one sentence.
 *
 * The full disk is real: a small tmpfs mounted in a mount namespace of its own (`unshare
 * --user --map-root-user --mount`, no root needed where user namespaces are allowed; the mount
 * disappears with the process). Where it cannot be made the test is skipped, and says why.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

const BIN = path.resolve('bin/worth.js');

/** Runs `script` (sh) with a 32 KiB tmpfs mounted at `$1`; null when no mount namespace can be made here. */
function onSmallDisk(disk: string, script: string, ...args: string[]) {
  const r = spawnSync(
    'unshare',
    ['-rm', 'sh', '-c', `mount -t tmpfs -o size=32k tmpfs "$1" || exit 99\n${script}`, 'sh', disk, ...args],
    { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, timeout: 120_000 },
  );
  return r.status === 99 || r.error ? null : r;
}

const probe = mkdtempSync(path.join(tmpdir(), 'worth-fulldisk-probe-'));
const canMount = onSmallDisk(probe, 'exit 0')?.status === 0;
rmSync(probe, { recursive: true, force: true });

let ws: AnalysedWorkspace;
let disk: string;
beforeAll(async () => {
  if (!canMount) return;
  ws = await analysedWorkspace(600, 4);
  appendFileSync(path.join(ws.dir, 'worth.yaml'), '\nlanguage: nl\n');
  disk = mkdtempSync(path.join(tmpdir(), 'worth-fulldisk-'));
}, 180_000);
afterAll(() => {
  ws?.remove();
  if (disk) rmSync(disk, { recursive: true, force: true });
});

describe.runIf(canMount)('worth export to a full disk (a 32 KiB tmpfs)', () => {
  it.each([
    ['the spreadsheet CSV', 'p.csv', []],
    ['the machine CSV (--raw)', 'p.csv', ['--raw']],
    ['Parquet', 'p.parquet', []],
    ['XLSX, one table', 'p.xlsx', []],
  ] as [string, string, string[]][])(
    '%s keeps the previous file, leaves nothing behind, and says so in one sentence',
    (_, name, extra) => {
      const out = path.join(disk, name);
      const table = ['--table', 'customer_pnl', ...extra];
      // The previous export, then the export, then what the folder holds (inside the namespace).
      const r = onSmallDisk(
        disk,
        'out="$2"; printf "previous export" > "$out"; shift 2\n' +
          '"$@"; code=$?; printf "\\n--exit %s--\\n" "$code"; cat "$out"; printf "\\n--files--\\n"; ls -A "$(dirname "$out")"',
        out,
        process.execPath,
        BIN,
        'export',
        ws.dir,
        ...table,
        '--out',
        out,
      )!;
      expect(r.stderr).toBe(
        `worth: de schijf is vol: ${out} kon niet worden geschreven (maak ruimte vrij en draai de opdracht opnieuw); het vorige ${out} blijft zoals het was\n`,
      );
      expect(r.stdout).toBe(`\n--exit 3--\nprevious export\n--files--\n${name}\n`);
    },
  );

  it('a file that fits is written as before (the same rows as on a roomy disk)', () => {
    const out = path.join(disk, 'small.csv');
    const r = onSmallDisk(
      disk,
      'out="$2"; shift 2; "$@" > /dev/null && wc -l < "$out"',
      out,
      process.execPath,
      BIN,
      'export',
      ws.dir,
      '--table',
      'deciles',
      '--out',
      out,
    )!;
    expect(r.stderr).toBe('');
    // The header and ten deciles.
    expect(r.stdout.trim().split('\n').at(-1)).toBe('11');
  });
});

describe.skipIf(canMount)('worth export to a full disk', () => {
  it.skip('needs a mount namespace (unshare -rm) to make a small disk: not allowed on this machine', () => {});
});
