/**
 * No silent defaults for currency or language in outputs (issue 15): a server over a workspace
 * whose worth.yaml cannot be read is refused with the WorthError every command gives (file,
 * key, value, expectation), never served as EUR in Dutch; and the report takes its currency
 * only from its caller (worth.yaml's), a required option.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorthErrors } from '../../src/core/index.ts';
import type { ReportOptions } from '../../src/report/index.ts';
import { createApp } from '../../src/server/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

describe('a served workspace whose worth.yaml cannot be read', () => {
  let ws: AnalysedWorkspace;
  let yaml = '';
  beforeAll(async () => {
    ws = await analysedWorkspace(40, 5);
    yaml = readFileSync(path.join(ws.dir, 'worth.yaml'), 'utf8');
  }, 240_000);
  afterAll(() => ws?.remove());

  it('serves its own currency when worth.yaml reads', async () => {
    writeFileSync(path.join(ws.dir, 'worth.yaml'), yaml.replace(/^currency:.*$/m, 'currency: USD'));
    const served = await createApp(ws.dir, { pollMs: 0, scenarioThreads: 0 });
    try {
      const meta = (await (await served.app.request('/api/meta')).json()) as { currency: string };
      expect(meta.currency).toBe('USD');
    } finally {
      await served.close();
    }
  });

  it('is a WorthError naming worth.yaml and the key, not EUR/nl', async () => {
    writeFileSync(path.join(ws.dir, 'worth.yaml'), yaml.replace(/^currency:.*$/m, 'currency: [dollars]'));
    const refused = await createApp(ws.dir, { pollMs: 0, scenarioThreads: 0 }).then(
      async (app) => {
        await app.close();
        return null;
      },
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(WorthErrors);
    const message = (refused as WorthErrors).message;
    expect(message).toMatch(/worth\.yaml/);
    expect(message).toMatch(/currency/);
    expect(message).not.toMatch(/undefined|NaN|EUR/);
  });

  it('report: the currency is required (a report never picks one of its own)', () => {
    // @ts-expect-error currency is required: worth.yaml's, handed in by the caller
    const missing: ReportOptions = { lang: 'en', date: '2026-01-01', workspace: 'w' };
    expect(missing.lang).toBe('en');
  });
});
