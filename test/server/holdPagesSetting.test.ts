/**
 * Holding the customer pages is a setting (worth.yaml `serve.hold_pages`, or `worth serve
 * --hold-pages`): held or read from the database per request, a customer's page is the same
 * JSON either way, and a setting that is not one of the three is refused in one sentence.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTO_HOLD_MAX_CUSTOMERS,
  createApp,
  shouldHoldPages,
  type WorthApp,
} from '../../src/server/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { worth } from '../onboard/worthCli.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

describe('when the pages are held', () => {
  it('auto holds them up to a million customers; always and never do what they say', () => {
    expect(AUTO_HOLD_MAX_CUSTOMERS).toBe(1_000_000);
    expect(shouldHoldPages('auto', 1_000_000)).toBe(true);
    expect(shouldHoldPages('auto', 1_000_001)).toBe(false);
    expect(shouldHoldPages('always', 2_000_000)).toBe(true);
    expect(shouldHoldPages('never', 1)).toBe(false);
  });
});

describe('serve.hold_pages on a served workspace', () => {
  let ws: AnalysedWorkspace;
  let held: WorthApp;
  let fromDatabase: WorthApp;
  beforeAll(async () => {
    ws = await analysedWorkspace(120, 11);
    appendFileSync(path.join(ws.dir, 'worth.yaml'), '\nserve: { hold_pages: never }\n');
    fromDatabase = await createApp(ws.dir, { pollMs: 0, scenarioThreads: 0 });
    // the option wins over worth.yaml
    held = await createApp(ws.dir, { pollMs: 0, scenarioThreads: 0, holdPages: 'always' });
    expect(await held.reader.holdPages()).not.toBeNull();
  }, 240_000);
  afterAll(async () => {
    await held?.close();
    await fromDatabase?.close();
    ws?.remove();
  });

  const health = async (app: WorthApp) =>
    (await (await app.app.request('/api/health')).json()) as { pagesHeld: boolean; pagesHolding: boolean };

  it('never: nothing is read into memory, and the health answer says so', async () => {
    expect(loadWorkspace(ws.dir).config.serve.hold_pages).toBe('never');
    expect(await health(fromDatabase)).toMatchObject({ pagesHeld: false, pagesHolding: false });
    expect(await health(held)).toMatchObject({ pagesHeld: true, pagesHolding: false });
  });

  it("gives each customer's page and months the same JSON held and read from the database", async () => {
    const ids = (
      await held.reader.read((e) => e.query('SELECT customer_id FROM customer_pnl ORDER BY customer_id'))
    ).map((r) => String(r.customer_id));
    expect(ids.length).toBe(120);
    for (const id of ids) {
      for (const url of [`/api/customers/${id}`, `/api/customers/${id}/trend`]) {
        const a = await held.app.request(url);
        const b = await fromDatabase.app.request(url);
        expect(a.status, url).toBe(200);
        expect(await a.text(), url).toBe(await b.text());
      }
    }
    expect((await health(fromDatabase)).pagesHeld).toBe(false); // still not held after 240 page reads
  });

  it('refuses a setting that is not one of the three, in worth.yaml and on the command line', () => {
    const yamlFile = path.join(ws.dir, 'worth.yaml');
    const original = readFileSync(yamlFile, 'utf8');
    writeFileSync(yamlFile, original.replace('hold_pages: never', 'hold_pages: sometimes'));
    try {
      expect(() => loadWorkspace(ws.dir)).toThrow(/serve\.hold_pages/);
    } finally {
      writeFileSync(yamlFile, original);
    }
    const r = worth(['serve', ws.dir, '--port', '0', '--no-build', '--hold-pages', 'sometimes']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'worth: --hold-pages "sometimes" wordt niet ondersteund (verwacht auto, always, never)',
    );
  });
});
