/** `worth serve` and `worth report` from the command line, in their own processes. */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

const WORTH = path.resolve('bin/worth.js');
let ws: AnalysedWorkspace;

beforeAll(async () => {
  ws = await analysedWorkspace(120);
});
afterAll(() => ws?.remove());

describe('worth serve', () => {
  it('refuses a non-loopback host without a token, before listening', () => {
    const env = { ...process.env };
    delete env.WORTH_TOKEN;
    const r = spawnSync(process.execPath, [WORTH, 'serve', ws.dir, '--host', '0.0.0.0'], {
      encoding: 'utf8',
      env,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--host 0.0.0.0 is not a loopback address');
    expect(r.stderr).toContain('WORTH_TOKEN');
  });

  it('refuses a worth.yaml every other command refuses (a mistyped key), before listening', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-serve-yaml-'));
    try {
      cpSync(ws.dir, dir, { recursive: true });
      appendFileSync(path.join(dir, 'worth.yaml'), '\ncurrencyy: USD\n');
      const r = spawnSync(process.execPath, [WORTH, 'serve', dir, '--port', '0', '--no-build'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('currencyy');
      expect(r.stdout).not.toContain('http://');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the API, prints its address and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [WORTH, 'serve', ws.dir, '--port', '0', '--no-build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(?:at|op) (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const summary = await (await fetch(new URL('/api/summary', url))).json();
    expect(summary).toEqual(ws.result);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});

describe('worth report', () => {
  it('writes the HTML report', () => {
    const out = path.join(ws.dir, 'report.html');
    const r = spawnSync(process.execPath, [WORTH, 'report', ws.dir, '--out', out, '--lang', 'en'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('Customer profitability report');
  });
  it('rejects an unknown language', () => {
    const r = spawnSync(process.execPath, [WORTH, 'report', ws.dir, '--out', '/tmp/x.html', '--lang', 'de'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--lang "de" wordt niet ondersteund (verwacht nl, en)');
  });
  it('export --out without a format extension says the extension is read (not --format "")', () => {
    for (const out of ['-', '/tmp/figures']) {
      const r = spawnSync(process.execPath, [WORTH, 'export', ws.dir, '--out', out], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `--out ${JSON.stringify(out)}: the format is read from the file's extension`,
      );
      expect(r.stderr).not.toContain('--format ""');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
