/**
 * The CLI in the user's words: a dozen failures fed to `worth` in child processes. Each must
 * end with one `worth: ...` sentence that names the path or value, with no stack frames, no
 * SQL and no "undefined" on stderr, and a non-zero exit code.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_LOG, describeFailure } from '../../src/cli/failure.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { writeValuedDemo } from '../server/valuedWorkspace.ts';

const BIN = path.resolve('bin/worth.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-failures-'));
const base = path.join(root, 'base');
const isRoot = process.getuid?.() === 0;
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const AS_NOBODY = ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups'];
/** Whether user nobody can run Worth from this checkout (a clone in a private 0700 folder it cannot). */
const nobodyCanRun =
  isRoot &&
  has('setpriv') &&
  spawnSync(AS_NOBODY[0]!, [
    ...AS_NOBODY.slice(1),
    process.execPath,
    '-e',
    `require('fs').accessSync(${JSON.stringify(BIN)}, require('fs').constants.R_OK)`,
  ]).status === 0;

/** A fresh copy of the analysed demo workspace, to break in one way. */
function copy(name: string): string {
  const dir = path.join(root, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}

function worth(
  args: string[],
  options: { prefix?: string[]; cwd?: string; env?: Record<string, string> } = {},
): SpawnSyncReturns<string> {
  const [cmd, ...pre] = options.prefix ?? [process.execPath];
  return spawnSync(cmd!, [...pre, ...(options.prefix ? [process.execPath] : []), BIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, TZ: 'UTC', ...options.env },
    timeout: 120_000,
  });
}

/** The checks every failure must pass, plus the fragments its sentence must contain. */
function expectOneSentence(r: SpawnSyncReturns<string>, ...fragments: (string | RegExp)[]): void {
  const err = r.stderr;
  expect(r.status, err).not.toBe(0);
  expect(r.status, err).not.toBeNull();
  expect(err, 'stack frames').not.toMatch(/^\s+at /m);
  expect(err, 'SQL').not.toMatch(/\b(SELECT|INSERT|COPY|CREATE TABLE|while running)\b/);
  expect(err).not.toMatch(/undefined|NaN|Infinity|node:internal|triggerUncaughtException/);
  const lines = err.split('\n').filter((l) => l.startsWith('worth: '));
  expect(lines.length, err).toBe(1);
  for (const f of fragments)
    expect(lines[0]).toMatch(f instanceof RegExp ? f : new RegExp(f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

beforeAll(async () => {
  await writeValuedDemo(base, 250, 5);
  // The sentences below are the English ones: the demo's worth.yaml names no language (Dutch).
  const yaml = path.join(base, 'worth.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^currency: (\w+)/m, 'currency: $1\nlanguage: en'));
}, 180_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("failures in the user's words (child processes)", () => {
  it('a missing workspace', () => {
    expectOneSentence(
      worth(['analyze', path.join(root, 'no-such-workspace')]),
      'no-such-workspace',
      'is not a folder',
    );
  });

  it('a damaged database file', () => {
    const dir = copy('corrupt');
    writeFileSync(path.join(dir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    expectOneSentence(worth(['analyze', dir]), path.join(dir, DATABASE_FILE), 'damaged');
  });

  it('an engine memory limit too small for the analysis: one sentence with the limit, the previous results kept', () => {
    const dir = copy('memory');
    const before = statSync(path.join(dir, DATABASE_FILE));
    const r = worth(['analyze', dir], { env: { WORTH_MEMORY_LIMIT: '4MB' } });
    expectOneSentence(r, 'ran out of memory', /limit of [0-9.]+ MiB/, 'WORTH_MEMORY_LIMIT');
    expect(r.status).toBe(3);
    const after = statSync(path.join(dir, DATABASE_FILE));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  });

  it('a truncated XLSX source', async () => {
    const dir = copy('xlsx');
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    const sheet = wb.addWorksheet('feedback');
    for (const line of readFileSync(path.join(dir, 'data/feedback.csv'), 'utf8').trim().split('\n'))
      sheet.addRow(line.split(','));
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    writeFileSync(path.join(dir, 'data/feedback.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      readFileSync(path.join(dir, 'worth.yaml'), 'utf8').replace('data/feedback.csv', 'data/feedback.xlsx'),
    );
    expectOneSentence(worth(['ingest', dir]), 'data/feedback.xlsx', 'damaged or cut short');
  });

  it.skipIf(!nobodyCanRun)(
    'an unreadable file (run as user nobody through setpriv; needs root and a checkout nobody may read)',
    () => {
      const dir = copy('unreadable');
      chmodSync(root, 0o755);
      spawnSync('chmod', ['-R', 'a+rwX', dir]);
      chmodSync(path.join(dir, 'data/returns.csv'), 0o000);
      const r = worth(['ingest', dir], { prefix: AS_NOBODY });
      expectOneSentence(r, path.join(dir, 'data/returns.csv'), 'permission denied');
    },
  );

  // A full disk: a 2 MB tmpfs in a private mount namespace (unshare -m, root only).
  const fullDisk = (command: string, size: string, withDatabase: boolean) => {
    const mnt = path.join(root, `full-${command}`);
    mkdirSync(mnt);
    const files = ['data', 'worth.yaml', ...(withDatabase ? [DATABASE_FILE] : [])]
      .map((f) => path.join(base, f))
      .join(' ');
    const script = `mount -t tmpfs -o size=${size} tmpfs ${mnt} && cp -r ${files} ${mnt}/ && exec "$@"`;
    return worth([command, mnt], { prefix: ['unshare', '-m', 'sh', '-c', script, 'sh'] });
  };
  it.skipIf(!isRoot || !has('unshare'))(
    'a full disk during ingest (tmpfs via unshare -m; needs root)',
    () => {
      expectOneSentence(fullDisk('ingest', '1500k', false), 'the disk is full', /full-ingest/);
    },
  );
  it.skipIf(!isRoot || !has('unshare'))('a full disk during clv (tmpfs via unshare -m; needs root)', () => {
    // Room for the copied files and a few KiB more: the CLV results do not fit.
    const used = spawnSync(
      'du',
      ['-sk', path.join(base, 'data'), path.join(base, 'worth.yaml'), path.join(base, DATABASE_FILE)],
      { encoding: 'utf8' },
    ).stdout;
    const kib = used
      .split('\n')
      .filter(Boolean)
      .reduce((s, l) => s + Number(l.split('\t')[0]), 0);
    expectOneSentence(fullDisk('clv', `${kib + 40}k`, true), 'the disk is full', /full-clv/);
  });

  it('a port already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await new Promise<SpawnSyncReturns<string>>((resolve) => {
        // Asynchronous: the blocking server must keep answering while worth tries the port.
        const child = spawn(process.execPath, [BIN, 'serve', base, '--port', String(port), '--no-build'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (status) => resolve({ status, stdout, stderr } as SpawnSyncReturns<string>));
      });
      expectOneSentence(r, `port ${port}`, 'already in use');
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('export to a missing folder', () => {
    const out = path.join(root, 'missing-folder', 'pnl.xlsx');
    expectOneSentence(
      worth(['export', base, '--format', 'xlsx', '--out', out]),
      path.join(root, 'missing-folder'),
      'does not exist',
    );
    expectOneSentence(
      worth([
        'export',
        base,
        '--table',
        'customer_pnl',
        '--out',
        path.join(root, 'missing-folder', 'pnl.csv'),
      ]),
      'missing-folder',
      'does not exist',
    );
  });

  it('report to a missing folder', () => {
    expectOneSentence(
      worth(['report', base, '--out', path.join(root, 'nowhere', 'report.html')]),
      path.join(root, 'nowhere'),
      'does not exist',
    );
  });

  it('a YAML alias bomb in worth.yaml', () => {
    const dir = copy('alias-bomb');
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ];
    const text = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const line = lines + 2; // `a:` lands on the next line, `b:` (the first alias) on the one after
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      `${text}${text.endsWith('\n') ? '' : '\n'}${bomb.join('\n')}\n`,
    );
    expectOneSentence(worth(['ingest', dir]), `worth.yaml line ${line}`, 'aliases');
  });

  it('a formula nested 5,000 deep', () => {
    const dir = copy('deep-formula');
    const deep = `${'('.repeat(5000)}gross_amount${')'.repeat(5000)}`;
    const text = readFileSync(path.join(dir, 'worth.yaml'), 'utf8').replace(
      'file: data/order_lines.csv',
      `file: data/order_lines.csv\n    columns:\n      gross_amount: "${deep}"`,
    );
    writeFileSync(path.join(dir, 'worth.yaml'), text);
    expectOneSentence(
      worth(['ingest', dir]),
      'sources.order_lines.columns.gross_amount',
      'characters long (expected at most 4,000)',
    );
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      text.replace(deep, `${'('.repeat(500)}gross_amount${')'.repeat(500)}`),
    );
    expectOneSentence(
      worth(['ingest', dir]),
      'sources.order_lines.columns.gross_amount',
      'nested more than 100 deep',
      'position 101',
    );
  });

  it('a template with a break-even on an effect it does not have', () => {
    const file = path.join(root, 'bad-break-even.yaml');
    writeFileSync(
      file,
      'name: desk\neffects:\n  contacts: { value: 10, basis: judgment }\nbreak_even: frequency\n',
    );
    const r = worth(['scenario', 'run', file, base, '--draws', '10']);
    expect(r.stderr).toContain('bad-break-even.yaml line 4 at break_even');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).not.toBe(0);
  });

  it('a missing initiative file', () => {
    expectOneSentence(
      worth(['scenario', 'run', path.join(root, 'nope.yaml'), base]),
      'nope.yaml',
      'cannot be read',
    );
  });

  it('the database held by another process (a second writer waits or says so in one sentence)', async () => {
    const dir = copy('locked');
    // A holder that keeps the database open for writing for a few seconds.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { DuckDBInstance } from '@duckdb/node-api';
      const db = await DuckDBInstance.create(${JSON.stringify(path.join(dir, DATABASE_FILE))});
      await db.connect();
      process.stdout.write('held\\n');
      setTimeout(() => process.exit(0), 8000);
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const r = await new Promise<SpawnSyncReturns<string>>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'analyze', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (status) => resolve({ status, stdout, stderr } as SpawnSyncReturns<string>));
    });
    holder.kill();
    if (r.status === 0) expect(r.stderr).not.toMatch(/^\s+at /m);
    else expectOneSentence(r, DATABASE_FILE, /in use|busy|another/);
  }, 60_000);
});

describe('a file written whole is named as the user named it', () => {
  it('an export refused in a read-only folder names out.csv and asks for write permission, not the .part file', () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/data/out.csv.1964.part'"), {
      code: 'EACCES',
      syscall: 'open',
      path: '/data/out.csv.1964.part',
    });
    const { text, exitCode } = describeFailure(e, ['export', '/nowhere']);
    expect(text).toBe(
      '/data/out.csv: permission denied (expected a file or folder this user may read and write; check its permissions)',
    );
    expect(exitCode).toBe(3);
  });

  it('a report written beside its place is named as report.html', () => {
    const e = Object.assign(new Error('EACCES'), {
      code: 'EACCES',
      syscall: 'open',
      path: '/data/.worth-part-77-report.html',
    });
    expect(describeFailure(e, ['report', '/nowhere']).text).toBe(
      '/data/report.html: permission denied (expected a file or folder this user may read and write; check its permissions)',
    );
  });

  it('a file Worth only reads keeps the read sentence', () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/data/returns.csv'"), {
      code: 'EACCES',
      syscall: 'open',
      path: '/data/returns.csv',
    });
    expect(describeFailure(e, ['ingest', '/nowhere']).text).toBe(
      '/data/returns.csv: permission denied (expected a file or folder this user may read; check its permissions)',
    );
  });
});

describe('anything else is an internal error with a log file', () => {
  it('writes the details to DIR/worth-error.log and names it; the sentence has no stack', () => {
    const dir = copy('internal');
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const { text, exitCode } = describeFailure(bug, ['analyze', dir]);
    const log = path.join(dir, ERROR_LOG);
    expect(text).toBe(
      `internal error (a fault in Worth, not in your data): the details are in ${log}; run again with --debug to print them here, and send them with a bug report`,
    );
    expect(exitCode).toBe(70);
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, 'utf8')).toContain(
      "TypeError: Cannot read properties of undefined (reading 'x')",
    );
    expect(readFileSync(log, 'utf8')).toMatch(/^\s+at /m);
  });

  it('without a workspace on the command line the log goes to the temp folder', () => {
    const { text } = describeFailure(new Error('boom'), ['clv', 'fit']);
    expect(text).toContain(path.join(os.tmpdir(), ERROR_LOG));
    expect(readdirSync(os.tmpdir())).toContain(ERROR_LOG);
  });

  it('--debug prints the raw error as well, then the same sentence', () => {
    const dir = copy('corrupt-debug');
    writeFileSync(path.join(dir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    const r = worth(['analyze', dir, '--debug']);
    expect(r.status).toBe(3);
    // DuckDB's own words (no JS frames: the error comes from native code), then Worth's.
    expect(r.stderr).toMatch(/^Error: IO Error: .*not a valid DuckDB database file/m);
    expect(r.stderr).toMatch(/worth: .*corrupt-debug.*damaged/);
  });
});
