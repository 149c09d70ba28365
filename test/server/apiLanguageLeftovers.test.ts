/**
 * The API's last English words in a Dutch dashboard (issue 12, third round): a bad query
 * parameter (zod's own "Too small: expected number to be >=1", and "received NaN" for a page
 * that is not a number), the read model's parameters (grain, drill line, what-if rates,
 * product group, roll-up attribute), the 413 body limit, the dashboard that is not built, an
 * internal error (a scenario worker's failure among them), and a scenario run's texts (English unless the
 * query said `lang=nl`). Every one follows `lang`, then `Accept-Language`, then worth.yaml.
 * The expected sentences are written out by hand.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { withEngine, writeValuedDemo } from './valuedWorkspace.ts';

let dir: string;
let worth: WorthApp;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'worth-lang3-'));
  await writeValuedDemo(dir, 60, 5);
  appendFileSync(path.join(dir, 'worth.yaml'), '\nlanguage: nl\n');
  worth = await createApp(dir, { pollMs: 0, scenarioThreads: 1, webDir: path.join(dir, 'no-dashboard') });
}, 240_000);
afterAll(async () => {
  await worth?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function said(url: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const res = await worth.app.request(url, { ...init, headers });
  const body = (await res.json()) as { error: { status: number; message: string } };
  return { status: res.status, message: body.error.message };
}

/** Each bad request with its Dutch and English sentence (worth.yaml says nl). */
const CASES: [string, string, string][] = [
  [
    '/api/customers?page=0',
    'page: "0" is niet geldig (verwacht een getal >= 1)',
    'page: "0" is not valid (expected a number >= 1)',
  ],
  [
    '/api/customers?page=x',
    'page: "x" is niet geldig (verwacht getal)',
    'page: "x" is not valid (expected number)',
  ],
  [
    '/api/customers?page=1.5',
    'page: "1.5" is niet geldig (verwacht een geheel getal)',
    'page: "1.5" is not valid (expected a whole number)',
  ],
  [
    '/api/customers?dir=up',
    'dir: "up" is niet geldig (verwacht een van "asc", "desc")',
    'dir: "up" is not valid (expected one of "asc", "desc")',
  ],
  [
    `/api/customers?q=${'x'.repeat(101)}`,
    `q: "${'x'.repeat(100)}" is niet geldig (verwacht een tekst van hoogstens 100 tekens)`,
    `q: "${'x'.repeat(100)}" is not valid (expected a text of at most 100 characters)`,
  ],
  [
    '/api/whale?points=1',
    'points: "1" is niet geldig (verwacht een getal >= 2)',
    'points: "1" is not valid (expected a number >= 2)',
  ],
  [
    '/api/rollups?attribute=A-B',
    'attribute: "A-B" is niet geldig (verwacht de naam van een kenmerk (kleine letters, cijfers en _))',
    'attribute: "A-B" is not valid (expected an attribute name (lower-case letters, digits and _))',
  ],
  [
    '/api/rollups?attribute=nope',
    'attribute: "nope" heeft geen uitsplitsing (verwacht een van: channel, region, segment)',
    'attribute: "nope" has no roll-up (expected one of: channel, region, segment)',
  ],
  [
    '/api/trend?grain=week',
    'grain: "week" is niet geldig (verwacht een van month, quarter)',
    'grain: "week" is not valid (expected one of month, quarter)',
  ],
  [
    '/api/customers/C00001/drill?line=x',
    'line: "x" is niet geldig (verwacht een van gross_sales, discounts, returns, rebates, cogs, of een kostenregel cost_<activiteit>)',
    'line: "x" is not valid (expected one of gross_sales, discounts, returns, rebates, cogs, or a cost line cost_<activity>)',
  ],
  [
    '/api/what-if?rates=x',
    'rates: "x" is niet geldig (verwacht rates=<activiteit>:<tarief per minuut>,... (bijv. rates=order_handling:0.75); een tarief is 0 of meer, met hoogstens 6 decimalen)',
    'rates: "x" is not valid (expected rates=<activity>:<rate per minute>,... (e.g. rates=order_handling:0.75); a rate is 0 or more, at most 6 decimals)',
  ],
  [
    '/api/what-if?rates=picking:1,picking:2',
    'rates: "picking" is niet geldig (verwacht elke activiteit één keer)',
    'rates: "picking" is not valid (expected each activity once)',
  ],
  [
    '/api/product-groups/zz/customers',
    'productGroup: "zz" is niet geldig (verwacht een productgroep van de orderregels)',
    'productGroup: "zz" is not valid (expected a product group of the order lines)',
  ],
  [
    '/api/scenarios/..x',
    'id: "..x" is niet geldig (verwacht een bestandsnaam zonder .yaml (letters, cijfers, . _ -))',
    'id: "..x" is not valid (expected a file name without .yaml (letters, digits, . _ -))',
  ],
  [
    '/api/scenarios/free-returns?draws=99999',
    'draws: "99999" is niet geldig (verwacht een getal <= 5000)',
    'draws: "99999" is not valid (expected a number <= 5000)',
  ],
  [
    '/api/customers?from=2024-13',
    'from "2024-13" is geen maand (verwacht JJJJ-MM, bijv. 2024-03)',
    'from "2024-13" is not a month (expected YYYY-MM, e.g. 2024-03)',
  ],
];

describe('a Dutch workspace: bad parameters', () => {
  it.each(CASES)("%s in worth.yaml's Dutch, Accept-Language and lang in either", async (url, nl, en) => {
    expect(await said(url)).toEqual({ status: 400, message: nl });
    expect((await said(url, { 'accept-language': 'en-GB,en;q=0.9' })).message).toBe(en);
    const sep = url.includes('?') ? '&' : '?';
    expect((await said(`${url}${sep}lang=en`, { 'accept-language': 'nl' })).message).toBe(en);
    expect((await said(`${url}${sep}lang=nl`, { 'accept-language': 'en' })).message).toBe(nl);
  });

  it("never shows zod's own English or NaN", async () => {
    for (const [url] of CASES)
      for (const lang of ['nl', 'en'])
        expect((await said(url, { 'accept-language': lang })).message).not.toMatch(
          /NaN|Too small|Too big|Invalid (input|option|string)|received/,
        );
  });
});

describe("a Dutch workspace: the server's own refusals", () => {
  it("says the 413 body limit in the request's language", async () => {
    const body = 'x'.repeat(20_000);
    expect(await said('/api/health', {}, { method: 'POST', body })).toEqual({
      status: 413,
      message:
        'de body van het verzoek is groter dan 16.384 bytes (de API leest alleen; hij neemt geen body aan)',
    });
    expect(await said('/api/health', { 'accept-language': 'en' }, { method: 'POST', body })).toEqual({
      status: 413,
      message: 'the request body is larger than 16,384 bytes (the API only reads; it takes no bodies)',
    });
  });

  it("says a dashboard that is not built in the request's language", async () => {
    const where = path.join(dir, 'no-dashboard');
    expect(await said('/')).toEqual({ status: 404, message: `het dashboard is niet gebouwd in ${where}` });
    expect(await said('/', { 'accept-language': 'en' })).toEqual({
      status: 404,
      message: `the dashboard is not built in ${where}`,
    });
  });
});

describe('a Dutch workspace: scenario runs', () => {
  it("answers a run in the request's language when the query names none", async () => {
    const run = async (url: string, headers: Record<string, string> = {}) => {
      const res = await worth.app.request(url, { headers });
      expect(res.status).toBe(200);
      return ((await res.json()) as { result: { initiative: string } }).result.initiative;
    };
    // worth.yaml's Dutch, the browser's English, and the query before both.
    expect(await run('/api/scenarios/free-returns?draws=20')).toBe('Gratis retourneren voor retail');
    expect(await run('/api/scenarios/free-returns?draws=20', { 'accept-language': 'en' })).toBe(
      'Free returns for retail',
    );
    expect(await run('/api/scenarios/free-returns?draws=20&lang=nl', { 'accept-language': 'en' })).toBe(
      'Gratis retourneren voor retail',
    );
  });
});

describe('an internal error', () => {
  it("is said in the request's language (its details only in the server's log)", async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'worth-lang3-broken-'));
    try {
      await writeValuedDemo(broken, 30, 2);
      appendFileSync(path.join(broken, 'worth.yaml'), '\nlanguage: nl\n');
      // A stored summary that is not JSON (a bug's outcome): the read fails with no user error behind it.
      await withEngine(broken, (engine) =>
        engine.run("UPDATE analysis_summary SET result_json = '{not json'"),
      );
      const app = await createApp(broken, { pollMs: 0, scenarioThreads: 0 });
      const stderr = process.stderr.write.bind(process.stderr);
      process.stderr.write = (() => true) as typeof process.stderr.write;
      try {
        const nl = await app.app.request('/api/summary');
        const en = await app.app.request('/api/summary', { headers: { 'accept-language': 'en' } });
        expect(nl.status).toBe(500);
        expect(await nl.json()).toEqual({
          error: { status: 500, message: 'interne fout (zie het log van de server)' },
        });
        expect(await en.json()).toEqual({
          error: { status: 500, message: 'internal error (see the server log)' },
        });
      } finally {
        process.stderr.write = stderr;
        await app.close();
      }
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  }, 120_000);
});
