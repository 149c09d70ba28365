/**
 * The API's refusals in the reader's language (issue 12, second round): a Dutch workspace's
 * dashboard got "the workspace has no lifetime values yet" and "no analysis" in English. The
 * server says them in the request's language (`lang` in the query, else `Accept-Language`, as
 * the dashboard sends), else in worth.yaml's. Expected sentences are written out by hand.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let analysed: AnalysedWorkspace;
let loadedDir: string;
let worth: WorthApp;
let loadedOnly: WorthApp;

beforeAll(async () => {
  analysed = await analysedWorkspace(60, 5);
  appendFileSync(path.join(analysed.dir, 'worth.yaml'), '\nlanguage: nl\n');
  worth = await createApp(analysed.dir, { pollMs: 0, scenarioThreads: 0 });
  loadedDir = mkdtempSync(path.join(tmpdir(), 'worth-lang-'));
  await writeDemoWorkspace(loadedDir, { customers: 40, seed: 3 });
  appendFileSync(path.join(loadedDir, 'worth.yaml'), '\nlanguage: nl\n');
  await ingestWorkspace(loadWorkspace(loadedDir));
  loadedOnly = await createApp(loadedDir, { pollMs: 0, scenarioThreads: 0 });
});
afterAll(async () => {
  await worth?.close();
  await loadedOnly?.close();
  analysed?.remove();
  if (loadedDir) rmSync(loadedDir, { recursive: true, force: true });
});

async function message(app: WorthApp, url: string, headers: Record<string, string> = {}) {
  const res = await app.app.request(url, { headers });
  const body = (await res.json()) as { error: { status: number; message: string } };
  return { status: res.status, message: body.error.message };
}

describe('a Dutch workspace', () => {
  it('says "no lifetime values yet" (a scenario run, 409) in Dutch, and in English when the request asks', async () => {
    const dir = path.resolve(analysed.dir);
    expect(await message(worth, '/api/scenarios/free-returns?draws=10')).toEqual({
      status: 409,
      message: `de werkmap heeft nog geen klantwaarden: draai \`worth clv ${dir}\` (na \`worth analyze\`) voordat u initiatieven doorrekent`,
    });
    expect(await message(worth, '/api/scenarios/free-returns?draws=10', { 'accept-language': 'en' })).toEqual(
      {
        status: 409,
        message: `the workspace has no lifetime values yet: run \`worth clv ${dir}\` (after \`worth analyze\`) before pricing initiatives`,
      },
    );
    // The query's lang (as the Scenarios page sends it) before the header.
    expect(
      (await message(worth, '/api/scenarios/free-returns?draws=10&lang=en', { 'accept-language': 'nl' }))
        .message,
    ).toMatch(/^the workspace has no lifetime values yet/);
    // A browser's own list: the first language the server speaks, by weight.
    expect(
      (
        await message(worth, '/api/scenarios/free-returns', {
          'accept-language': 'fr-FR, en-GB;q=0.8, nl;q=0.5',
        })
      ).message,
    ).toMatch(/^the workspace has no lifetime values yet/);
    expect(
      (await message(worth, '/api/scenarios/free-returns', { 'accept-language': 'nl-BE, en;q=0.9' })).message,
    ).toMatch(/^de werkmap heeft nog geen klantwaarden/);
    // A language the server does not speak: worth.yaml's.
    expect(
      (await message(worth, '/api/scenarios/free-returns', { 'accept-language': 'de' })).message,
    ).toMatch(/^de werkmap heeft nog geen klantwaarden/);
  });

  it('says an unknown initiative, an effect the initiative lacks and an unknown route in Dutch', async () => {
    const unknown = await message(worth, '/api/scenarios/gratis-koffie');
    expect(unknown.status).toBe(404);
    expect(unknown.message).toMatch(
      /^geen initiatief "gratis-koffie" in scenarios\/ \(gevonden: .*free-returns/,
    );
    // free-returns.yaml moves retention, frequency and returns, not spend.
    expect(await message(worth, '/api/scenarios/free-returns?draws=10&spend=2.5')).toEqual({
      status: 400,
      message:
        'spend: 2,5 kan niet worden ingesteld: free-returns.yaml heeft geen effect spend (wel: retention, frequency, returns)',
    });
    const route = await message(worth, '/api/nergens');
    expect(route).toEqual({ status: 404, message: 'geen API-route GET /api/nergens' });
    expect((await message(worth, '/api/nergens', { 'accept-language': 'en' })).message).toBe(
      'no API route GET /api/nergens',
    );
  });

  it('says a refused Host (421) and a missing token (401) in Dutch, in English when asked', async () => {
    const guarded = await createApp(analysed.dir, {
      pollMs: 0,
      scenarioThreads: 0,
      token: 'geheim-token',
      hostAllowed: (host) => host === '127.0.0.1:4173',
    });
    try {
      const at = (host: string, headers: Record<string, string> = {}) =>
        guarded.app.request('http://x/api/health', { headers: { host, ...headers } });
      const foreign = await at('evil.example');
      expect(foreign.status).toBe(421);
      expect(((await foreign.json()) as { error: { message: string } }).error.message).toBe(
        'deze server antwoordt niet voor Host "evil.example" (verwacht het adres waarop hij draait, of localhost)',
      );
      const noToken = await at('127.0.0.1:4173', { 'accept-language': 'en' });
      expect(noToken.status).toBe(401);
      expect(((await noToken.json()) as { error: { message: string } }).error.message).toBe(
        'missing or wrong access token (send the header Authorization: Bearer <token>)',
      );
    } finally {
      await guarded.close();
    }
  });

  it('says "not analysed yet" (409) in Dutch on a workspace that is loaded but not analysed', async () => {
    expect(await message(loadedOnly, '/api/summary')).toEqual({
      status: 409,
      message: 'de werkmap is nog niet geanalyseerd (draai eerst `worth analyze`)',
    });
    expect(await message(loadedOnly, '/api/summary', { 'accept-language': 'en-US,en;q=0.9' })).toEqual({
      status: 409,
      message: 'the workspace has not been analysed yet (run `worth analyze` first)',
    });
  });

  it('says the same "not analysed yet" on every page\'s route before analyze: no table name, no "undefined"', async () => {
    // The routes the dashboard's pages read; a customer id that ingest loaded, for the per-customer ones.
    const id = encodeURIComponent(
      (
        (await (await loadedOnly.app.request('/api/customers?pageSize=1')).json()) as {
          rows?: { customerId: string }[];
        }
      ).rows?.[0]?.customerId ?? 'C1',
    );
    const routes = [
      '/api/overview',
      '/api/customers',
      `/api/customers/${id}`,
      `/api/customers/${id}/drill?line=cogs`,
      `/api/customers/${id}/drill?line=cost_order_handling`,
      `/api/customers/${id}/products`,
      `/api/customers/${id}/trend`,
      '/api/deciles',
      '/api/whale',
      '/api/matrix',
      '/api/lines',
      '/api/rollups',
      '/api/trend',
      '/api/voice-of-customer',
      '/api/lifetime-value',
      '/api/segment-drill?segment=Retail',
      '/api/activities',
      '/api/attributes',
      '/api/scenarios',
    ];
    const said: string[] = [];
    for (const url of routes) {
      const res = await loadedOnly.app.request(url);
      const body = await res.text();
      if (res.status === 409) {
        const m = (JSON.parse(body) as { error: { message: string } }).error.message;
        if (m !== 'de werkmap is nog niet geanalyseerd (draai eerst `worth analyze`)')
          said.push(`${url}: ${m}`);
      } else if (res.status >= 400) said.push(`${url}: ${res.status} ${body}`);
      for (const raw of ['customer_pnl', 'undefined', 'NaN', 'pnl_lines', 'whale_curve'])
        if (body.includes(raw)) said.push(`${url}: ${raw} in ${body.slice(0, 200)}`);
    }
    expect(said).toEqual([]);
  });
});
