/**
 * Everyday faults a stranger ran into (issue 12, second round), each through the real CLI in a
 * child process: a full disk while the report is written, a database file cut short, worth.yaml
 * saved as UTF-16 or indented with tabs, `worth --version`.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { writeValuedDemo } from '../server/valuedWorkspace.ts';

const BIN = path.resolve('bin/worth.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-everyday-'));
const base = path.join(root, 'base');
const isRoot = process.getuid?.() === 0;
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function worth(args: string[], prefix: string[] = []): SpawnSyncReturns<string> {
  const [cmd, ...pre] = prefix.length ? prefix : [process.execPath];
  return spawnSync(cmd!, [...pre, ...(prefix.length ? [process.execPath] : []), BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    timeout: 180_000,
  });
}

/** A fresh copy of the analysed demo workspace. */
function copy(name: string): string {
  const dir = path.join(root, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}

/** One `worth: ...` sentence on stderr, no stack frames, a non-zero exit, with each fragment in it. */
function expectOneSentence(r: SpawnSyncReturns<string>, ...fragments: (string | RegExp)[]): string {
  expect(r.status, r.stderr).not.toBe(0);
  expect(r.stderr, 'stack frames').not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/undefined|NaN|Infinity|node:internal|internal error|\\u0000/);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('worth: '));
  expect(lines, r.stderr).toHaveLength(1);
  for (const f of fragments) expect(lines[0]).toMatch(f);
  return lines[0]!;
}

beforeAll(async () => {
  await writeValuedDemo(base, 150, 11);
  const yaml = path.join(base, 'worth.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^currency: (\w+)/m, 'currency: $1\nlanguage: en'));
}, 180_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('everyday faults, through the CLI', () => {
  it.skipIf(!isRoot || !has('unshare'))(
    'a disk that fills while the report is written keeps the previous report whole (tmpfs via unshare -m; needs root)',
    () => {
      const mnt = path.join(root, 'full-report');
      mkdirSync(mnt);
      const previous = '<!doctype html><p>the report of last month</p>\n';
      const files = ['data', 'worth.yaml', DATABASE_FILE].map((f) => path.join(base, f)).join(' ');
      // Room for the workspace and 40 KiB more: the new report (over 60 KiB of HTML) does not fit.
      const kib = spawnSync('sh', ['-c', `du -skc ${files} | tail -n 1`], { encoding: 'utf8' }).stdout;
      const size = Number(kib.split('\t')[0]) + 40;
      const script = [
        `mount -t tmpfs -o size=${size}k tmpfs ${mnt}`,
        `cp -r ${files} ${mnt}/`,
        `printf '%s' '${previous}' > ${mnt}/report.html`,
        `"$@"; rc=$?`,
        `cat ${mnt}/report.html > ${root}/report-after.html`,
        `ls -a ${mnt} > ${root}/full-report-files.txt`,
        'exit $rc',
      ].join('; ');
      const r = worth(
        ['report', mnt, '--out', path.join(mnt, 'report.html')],
        ['unshare', '-m', 'sh', '-c', script, 'sh'],
      );
      expectOneSentence(r, /the disk is full/);
      expect(readFileSync(path.join(root, 'report-after.html'), 'utf8')).toBe(previous);
      // and no half-written file is left behind under another name
      expect(readFileSync(path.join(root, 'full-report-files.txt'), 'utf8')).not.toMatch(/part/);
    },
  );

  it('a database file cut short (a copy that stopped halfway) is named as damaged by writers and readers alike', () => {
    const dir = copy('cut-short');
    const db = path.join(dir, DATABASE_FILE);
    truncateSync(db, Math.floor(statSync(db).size / 2));
    for (const args of [
      ['analyze', dir],
      ['clv', dir],
      ['export', dir, '--table', 'customer_pnl', '--out', path.join(root, 'cut.csv')],
    ])
      expectOneSentence(worth(args), new RegExp(`${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`));
  });

  /** worth.yaml rewritten as an editor on Windows might save it. */
  function savedAs(name: string, encode: (text: string) => Buffer): string {
    const dir = copy(name);
    const yaml = path.join(dir, 'worth.yaml');
    writeFileSync(yaml, encode(readFileSync(yaml, 'utf8')));
    return dir;
  }
  const utf16be = (t: string) => Buffer.from(t, 'utf16le').swap16();

  it('worth.yaml saved as UTF-16 (Notepad, Excel "Unicode text"), with or without a byte order mark, CRLF: read as written', () => {
    const reference = worth(['analyze', base, '--json']);
    expect(reference.status, reference.stderr).toBe(0);
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    for (const dir of [
      savedAs('utf16le-bom', (t) =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf(t), 'utf16le')]),
      ),
      savedAs('utf16be-bom', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(crlf(t))])),
      savedAs('utf16le', (t) => Buffer.from(t, 'utf16le')),
      savedAs('utf8-bom-crlf', (t) => Buffer.from(`\ufeff${crlf(t)}`, 'utf8')),
    ]) {
      const r = worth(['analyze', dir, '--json']);
      expect(r.status, `${dir}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(reference.stdout));
    }
  });

  it('an initiative saved as UTF-16 runs as the same file in UTF-8 does', () => {
    const dir = copy('utf16-initiative');
    const template = path.join(dir, 'scenarios', 'free-returns.yaml');
    const utf16 = path.join(dir, 'scenarios', 'free-returns-utf16.yaml');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(template, 'utf8'), 'utf16le')]),
    );
    const a = worth(['scenario', 'run', template, dir, '--json', '--draws', '200', '--seed', '3']);
    const b = worth(['scenario', 'run', utf16, dir, '--json', '--draws', '200', '--seed', '3']);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });

  it('a tab at the start of a line in worth.yaml: one short paragraph naming that line, in the workspace language', () => {
    const dir = copy('tabs');
    const yaml = path.join(dir, 'worth.yaml');
    const lines = readFileSync(yaml, 'utf8').split('\n');
    const at = lines.findIndex((l) => /^ {4}\S/.test(l));
    // From the first line indented by four spaces on, every such indentation is a tab (as an editor set to tabs writes).
    writeFileSync(yaml, lines.map((l, i) => (i >= at ? l.replace(/^ {4}/, '\t') : l)).join('\n'));
    const r = worth(['analyze', dir]);
    expectOneSentence(r, /worth\.yaml is not valid YAML/);
    const rest = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(rest, r.stderr).toEqual([
      'worth: worth.yaml is not valid YAML:',
      expect.stringMatching(
        new RegExp(`^  - worth\\.yaml line ${at + 1}: starts with a tab \\(YAML indents with spaces only`),
      ),
    ]);
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('language: en', 'language: nl'));
    expect(worth(['analyze', dir]).stderr).toMatch(/regel \d+: begint met een tab/);
  });

  it.skipIf(!isRoot || !has('unshare'))(
    'a read-only workspace folder: writers name the folder (not a lock file of Worth), readers still work (needs root)',
    () => {
      const dir = copy('read-only');
      const ro = (args: string[]) =>
        worth(args, [
          'unshare',
          '-m',
          'sh',
          '-c',
          `mount --bind ${dir} ${dir} && mount -o remount,bind,ro ${dir} && exec "$@"`,
          'sh',
        ]);
      const line = expectOneSentence(ro(['analyze', dir]), /is on a read-only file system/);
      expect(line).toBe(`worth: ${dir} is on a read-only file system (expected a folder Worth may write to)`);
      const exported = ro(['export', dir, '--table', 'customer_pnl', '--out', path.join(root, 'ro.csv')]);
      expect(exported.status, exported.stderr).toBe(0);
    },
  );

  it('`worth --version` and `-V` print the version; a mistyped option or command is a `worth:` sentence with where to look', () => {
    for (const flag of ['--version', '-V']) {
      const r = worth([flag]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(worth(['version']).stdout);
      expect(r.stdout).toMatch(/^worth \d+\.\d+\.\d+\n$/);
    }
    const bogus = worth(['analyze', base, '--bogus']);
    expectOneSentence(bogus, /^worth: unknown option '--bogus'$/);
    expect(bogus.stderr).toMatch(/worth COMMAND --help/);
    expectOneSentence(worth(['anlyze', base]), /^worth: unknown command 'anlyze'$/);
  });

  it('Ctrl-C during `worth analyze` removes its copy of the database and its lock; the published one stays as it was', async () => {
    const dir = copy('ctrl-c');
    const published = readFileSync(path.join(dir, DATABASE_FILE));
    const child = spawn(process.execPath, [BIN, 'analyze', dir], { env: { ...process.env, TZ: 'UTC' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<string | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const work = () => readdirSync(dir).filter((n) => n.startsWith('.worth-'));
    const deadline = Date.now() + 60_000;
    // Pressed once the run is at work on its copy (its first progress line; the copy is open).
    while (!(work().some((n) => n.endsWith('.duckdb')) && stderr.trim() !== '') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(
      work().some((n) => n.endsWith('.duckdb')),
      'the run made its copy',
    ).toBe(true);
    child.kill('SIGINT');
    // ended by the signal, as without Worth's handler (a shell shows exit status 130)
    expect(await exited).toBe('SIGINT');
    expect(work()).toEqual([]);
    expect(readFileSync(path.join(dir, DATABASE_FILE)).equals(published)).toBe(true);
    expect(stderr).not.toMatch(/^\s+at /m);
    // and the next run works
    const next = worth(['analyze', dir]);
    expect(next.status, next.stderr).toBe(0);
  });
});
