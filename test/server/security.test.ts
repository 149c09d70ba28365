/**
 * A server that is safe on a laptop: a real server on a loopback port answers only its own
 * Host names (DNS rebinding), sends the security headers on every response, bounds request
 * sizes, and never prints the access token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedHosts,
  bearerToken,
  maskToken,
  MAX_BODY_BYTES,
  MAX_QUERY_LENGTH,
  startServer,
  type RunningServer,
} from '../../src/server/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let server: RunningServer;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: node's http client lets a test set the Host header as a browser under DNS rebinding would. */
function request(p: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: p, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const own = () => ({ host: `127.0.0.1:${server.port}` });

beforeAll(async () => {
  ws = await analysedWorkspace(200);
  // A stand-in dashboard folder: the static files get the same headers as the API.
  const web = mkdtempSync(path.join(os.tmpdir(), 'worth-web-'));
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(web, 'app.js'), 'console.log(1)');
  server = await startServer(ws.dir, { port: 0, webDir: web });
}, 120_000);

afterAll(async () => {
  await server?.close();
  ws?.remove();
});

describe('Host check (DNS rebinding)', () => {
  it('answers the address it serves on and the localhost names, with the port', async () => {
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `LOCALHOST:${server.port}`,
      `[::1]:${server.port}`,
    ]) {
      expect((await request('/api/health', { host })).status, host).toBe(200);
    }
  });

  it('refuses a foreign Host with 421, also without a port or on another port', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.1.evil.example:${server.port}`,
    ]) {
      const r = await request('/api/summary', { host });
      expect(r.status, host).toBe(421);
      expect(JSON.parse(r.body).error.message, host).toContain('antwoordt niet voor Host'); // worth.yaml's language (Dutch)
      // Not a byte of the P&L.
      expect(r.body).not.toContain('contribution');
    }
    expect((await request('/', { host: 'evil.example' })).status).toBe(421);
  });

  it('the rule itself: the bound address, localhost names, port 80 may be implied; every interface means the names of the machine', () => {
    expect([...allowedHosts('127.0.0.1', 4173, { addresses: [], hostname: 'box' })].sort()).toEqual([
      '127.0.0.1:4173',
      '[::1]:4173',
      'localhost:4173',
    ]);
    expect(allowedHosts('192.168.1.5', 80, { addresses: [], hostname: 'box' }).has('192.168.1.5')).toBe(true);
    const all = allowedHosts('0.0.0.0', 8080, { addresses: ['10.0.0.2', 'fe80::1'], hostname: 'Box' });
    expect(['10.0.0.2:8080', '[fe80::1]:8080', 'box:8080', 'localhost:8080'].every((h) => all.has(h))).toBe(
      true,
    );
    expect(all.has('evil.example:8080')).toBe(false);
  });
});

describe('security headers on every response', () => {
  const cases: [string, string, number][] = [
    ['API', '/api/health', 200],
    ['API error 400', '/api/customers?page=0', 400],
    ['API 404', '/api/nothing', 404],
    ['static file', '/app.js', 200],
    ['page (client route)', '/customers', 200],
  ];
  for (const [what, p, status] of cases) {
    it(`${what}: ${p}`, async () => {
      const r = await request(p, own());
      expect(r.status).toBe(status);
      expectSecurityHeaders(r);
    });
  }
  it('on a refused Host too', async () => {
    const r = await request('/api/health', { host: 'evil.example' });
    expect(r.status).toBe(421);
    expectSecurityHeaders(r);
  });
});

describe('the same headers whichever way an API answer is built', () => {
  // The frequent answers are built with their headers in one plain object; the others are given
  // them afterwards by a middleware. Both must send the same set.
  const shown = (r: Answer) =>
    Object.entries(r.headers)
      .filter(([k]) => !['content-length', 'date', 'connection', 'keep-alive'].includes(k))
      .sort(([a], [b]) => a.localeCompare(b));
  it('health, the customer list, page and months, trend, cohorts and overview as the summary, meta and an error', async () => {
    const list = await request('/api/customers?page=2', own());
    const id = (JSON.parse(list.body) as { rows: { customerId: string }[] }).rows[0]!.customerId;
    const reference = await request('/api/summary', own());
    expect(reference.status).toBe(200);
    expect(reference.headers['cache-control']).toBe('no-store');
    expect(reference.headers['content-type']).toBe('application/json');
    expectSecurityHeaders(reference);
    for (const p of [
      '/api/health',
      '/api/customers?page=2',
      '/api/customers?sort=name&dir=asc',
      `/api/customers/${encodeURIComponent(id)}`,
      `/api/customers/${encodeURIComponent(id)}/trend`,
      '/api/cohorts',
      '/api/trend?grain=quarter',
      '/api/overview',
      '/api/meta',
      '/api/customers?page=0',
      '/api/customers/nobody',
    ]) {
      const r = await request(p, own());
      expect(shown(r), p).toEqual(shown(reference));
    }
  });
});

function expectSecurityHeaders(r: Answer): void {
  const csp = String(r.headers['content-security-policy']);
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `));
  expect(directive('default-src')).toBe("default-src 'self'");
  expect(directive('script-src')).toBe("script-src 'self'");
  expect(directive('style-src')).toBe("style-src 'self'");
  expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['x-frame-options']).toBe('DENY');
  expect(r.headers['referrer-policy']).toBe('no-referrer');
}

describe('request sizes', () => {
  it(`a query string longer than ${MAX_QUERY_LENGTH} characters gets 414`, async () => {
    const r = await request(`/api/customers?q=${'x'.repeat(MAX_QUERY_LENGTH)}`, own());
    expect(r.status).toBe(414);
    expect((await request(`/api/customers?q=${'x'.repeat(100)}`, own())).status).toBe(200);
  });
  it(`a body larger than ${MAX_BODY_BYTES} bytes gets 413`, async () => {
    const body = 'x'.repeat(MAX_BODY_BYTES + 1);
    const r = await request(
      '/api/health',
      { ...own(), 'content-type': 'text/plain', 'content-length': String(body.length) },
      'POST',
      body,
    );
    expect(r.status).toBe(413);
  });
});

describe('the access token', () => {
  it('is read from the Authorization header only, the scheme in any case', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('BeArEr   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('is never printed in full: the masked form shows at most its first three characters', () => {
    expect(maskToken('abcdefghijklmnop')).toBe('abc****** (16 characters)');
    expect(maskToken('short')).toBe('****** (5 characters)');
  });

  it('worth serve prints the address without the token and the token masked', async () => {
    const token = 'tok-0123456789-secret';
    const child = spawn(
      process.execPath,
      [path.resolve('bin/worth.js'), 'serve', ws.dir, '--port', '0', '--no-build', '--token', token],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (out += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('toegangstoken')) resolve();
      });
      child.on('exit', () => reject(new Error(`worth serve ended: ${out}`)));
    });
    child.kill('SIGTERM');
    // the workspace is Dutch (worth.yaml's default), and so is what serve prints
    expect(out).toMatch(/^Worth toont .+ op http:\/\/127\.0\.0\.1:\d+\/\n/m);
    expect(out).toContain('toegangstoken tok****** (21 characters)');
    expect(out).not.toContain('0123456789');
  }, 60_000);
});
