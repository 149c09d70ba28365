/**
 * The everyday case: the dashboard stays open (`worth serve`, a real child process) while the
 * analyst reloads the month with `worth ingest`, `analyze`, `clv` and `scenario run` (child
 * processes too), and requests keep hitting the API the whole time.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { WRITER_LOCK_FILE } from '../../src/warehouse/index.ts';

const BIN = path.resolve('bin/worth.js');
const env = { ...process.env, TZ: 'UTC' };
let server: ChildProcessWithoutNullStreams | undefined;

function worth(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A command in a child process; resolves with its exit code and output when it ends. */
function worthAsync(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  done: Promise<{ status: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  return { child, done: new Promise((resolve) => child.on('exit', (status) => resolve({ status, stderr }))) };
}

/** Sum of a money column of a CSV file in cents, worked out from the file itself. */
function sumCents(file: string, column: string): bigint {
  const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
  let total = 0n;
  for (const r of rows) {
    const [whole, frac = ''] = r[column]!.replace('-', '').split('.');
    const cents = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
    total += r[column]!.startsWith('-') ? -cents : cents;
  }
  return total;
}

const toCents = (s: string) => BigInt(s.replace('.', ''));

afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
});

describe('worth serve while commands write the workspace', () => {
  it('every command exits 0, no request fails, and the API serves the new figures afterwards', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-live-')), 'ws');
    for (const args of [
      ['demo', dir, '--customers', '300', '--seed', '5'],
      ['ingest', dir],
      ['analyze', dir],
      ['clv', dir],
    ]) {
      const r = worth(args);
      expect(r.status, `${args[0]}: ${r.stderr}`).toBe(0);
    }
    const orderLines = path.join(dir, 'data', 'order_lines.csv');
    const before = sumCents(orderLines, 'gross_amount');

    server = spawn(process.execPath, [BIN, 'serve', dir, '--port', '0', '--no-build'], {
      env,
      stdio: 'pipe',
    });
    let told = '';
    server.stderr.on('data', (b: Buffer) => (told += b.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(?:at|op) (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      server!.on('exit', (code) => reject(new Error(`worth serve exited with ${code}`)));
    });
    const get = async (p: string) => {
      const res = await fetch(`${base}${p}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const first = await get('/api/health');
    expect(first.status).toBe(200);
    const g0 = first.body.generation as number;
    expect(g0).toBe(3); // ingest, analyze, clv
    expect(toCents(((await get('/api/summary')).body.totals as { grossSales: string }).grossSales)).toBe(
      before,
    );

    // Requests in a loop, over every kind of read, until the commands are done.
    const paths = [
      '/api/health',
      '/api/summary',
      '/api/customers?page=1&pageSize=50&sort=contribution',
      '/api/deciles',
      '/api/lifetime-value',
      '/api/scenarios/free-returns?draws=50',
    ];
    const failures: string[] = [];
    const refusals = new Set<string>();
    let requests = 0;
    let stop = false;
    const loop = (async () => {
      for (let i = 0; !stop; i++) {
        const p = paths[i % paths.length]!;
        try {
          const res = await fetch(`${base}${p}`);
          const text = await res.text();
          if (res.status >= 500) failures.push(`${p}: ${res.status} ${text}`);
          else if (res.status !== 200)
            refusals.add(
              `${p.replace(/\?.*/, '')}: ${res.status} ${(JSON.parse(text) as { error: { message: string } }).error.message}`,
            );
        } catch (e) {
          // The cause (ECONNRESET, ECONNREFUSED, ...) says which side dropped the connection.
          failures.push(
            `${p}: ${(e as Error).message} (${String((e as { cause?: unknown }).cause ?? 'no cause')})`,
          );
        }
        requests++;
        // A steady stream rather than a flood: the commands need the same two cores.
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    // The month is reloaded with fewer order lines: the last 400 lines go.
    const lines = readFileSync(orderLines, 'utf8').trimEnd().split('\n');
    writeFileSync(orderLines, `${lines.slice(0, -400).join('\n')}\n`);
    const after = sumCents(orderLines, 'gross_amount');
    expect(after).toBeLessThan(before);

    // ingest and analyze at the same time: analyze starts once ingest holds the writer lock, waits for it, and analyses the new load.
    const ingest = worthAsync(['ingest', dir]);
    while (!existsSync(path.join(dir, WRITER_LOCK_FILE)) && ingest.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 5));
    const analyze = worthAsync(['analyze', dir, '--json']);
    const [ri, ra] = [await ingest.done, await analyze.done];
    expect(ri.status, ri.stderr).toBe(0);
    expect(ra.status, ra.stderr).toBe(0);
    const clv = worthAsync(['clv', dir]);
    const rc = await clv.done;
    expect(rc.status, rc.stderr).toBe(0);
    // scenario run (a reader) while analyze (a writer) runs again.
    const scenario = worthAsync([
      'scenario',
      'run',
      path.join(dir, 'scenarios', 'free-returns.yaml'),
      dir,
      '--draws',
      '200',
    ]);
    const again = worthAsync(['analyze', dir]);
    const [rs, rg] = [await scenario.done, await again.done];
    expect(rs.status, rs.stderr).toBe(0);
    expect(rg.status, rg.stderr).toBe(0);

    // The server switches once the new generation is open (a few polls); bounded wait, no timing asserted.
    let health = (await get('/api/health')).body;
    for (let i = 0; i < 600 && health.generation !== g0 + 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = (await get('/api/health')).body;
    }
    stop = true;
    await loop;
    expect(health).toMatchObject({ ok: true, generation: g0 + 4, latest: g0 + 4 });
    // the switch is told in the workspace's language (the demo's worth.yaml is Dutch)
    expect(told).toContain(`toont nu generatie ${g0 + 4} van `);
    expect(toCents(((await get('/api/summary')).body.totals as { grossSales: string }).grossSales)).toBe(
      after,
    );
    expect(failures).toEqual([]);
    // Between analyze and clv the served generation has no lifetime values yet: pricing an
    // initiative says so (409); nothing else may be refused.
    for (const r of refusals)
      expect(r).toMatch(/^\/api\/scenarios\/free-returns: 409 the workspace has no lifetime values yet/);
    expect(requests).toBeGreaterThan(paths.length);
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }, 400_000);
});
