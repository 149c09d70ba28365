/**
 * In a real headless Chromium: the lifetime-value warnings are said in the page's language
 * from their stored {code, vars} (the Lifetime value page and the data-quality page, Dutch and
 * English), and a fit flagged undetermined shows no CLV figure: the reasons and what the
 * customers brought in over the period instead. The demo's real `worth clv` run is stored,
 * then its purchase fit is marked as a degenerate run stores it (sentences written out here).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace, withEngine } from '../server/valuedWorkspace.ts';
import { openDashboard, useLanguage, type OpenDashboard } from './browser.ts';

let ws: AnalysedWorkspace;
let dashboard: OpenDashboard;
let server: OpenDashboard['server'];
let page: Page;
let contribution: string;
let consoleErrors: string[] = [];

const EDGE = { about: 'purchase', model: 'bgnbd', code: 'edge', vars: { param: 'b', value: 2e5 } };
const MISS = {
  about: 'group',
  model: 'bgnbd',
  column: 'segment',
  group: 'Key accounts',
  code: 'holdoutMiss',
  vars: { expected: 134.6, weeks: 52, actual: 161, error: (134.6 - 161) / 161, limit: 0.15, customers: 9 },
};
const EDGE_EN =
  'b = 200,000 is at the edge of the parameter space: the data do not identify this model well (too few customers or purchases?)';
const EDGE_NL =
  'b = 200.000 ligt aan de rand van de parameterruimte: de data bepalen dit model slecht (te weinig klanten of aankopen?)';
const MISS_NL =
  'bgnbd voor segment Key accounts: het model verwachtte 135 herhaalaankopen in de 52 achtergehouden weken en er gebeurden er 161 (-16,4%, buiten ±15%, meer dan toeval geeft bij een groep van deze omvang)';

beforeAll(async () => {
  ws = await analysedWorkspace(300);
  await valueWorkspace(ws.dir);
  await withEngine(ws.dir, async (engine) => {
    await engine.run(
      "UPDATE clv_fit SET degenerate = true, warnings = $1, warning_data = $2 WHERE model <> 'gamma-gamma' AND fit_group IS NULL",
      [JSON.stringify(['b = 2.00e+5 is at the edge (English, as stored)']), JSON.stringify([EDGE, MISS])],
    );
    const [h] = await engine.query(
      'SELECT sum(p.contribution) AS c FROM customer_pnl p JOIN customer_clv c ON c.customer_id = p.customer_id',
    );
    contribution = String(h!.c);
  });
  dashboard = await openDashboard(ws.dir);
  ({ server, page, consoleErrors } = dashboard);
});
afterAll(async () => {
  await dashboard?.close();
  ws?.remove();
});

const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

describe('lifetime-value warnings in the reader’s language', () => {
  it('the Lifetime value page: the reasons in Dutch and in English, and no CLV figure for an undetermined fit', async () => {
    await page.goto(`${server.url}/#/lifetime-value`);
    await page.getByTestId('clv-undetermined').waitFor();
    await useLanguage(page, 'nl');
    await page.getByRole('heading', { name: 'Het model' }).waitFor();
    const nl = await text('purchase-warnings');
    expect(nl).toContain(EDGE_NL);
    expect(nl).toContain(MISS_NL);
    expect(nl).not.toContain('is at the edge');
    expect(nl).not.toContain('in het Engels');
    expect(await text('clv-undetermined')).toContain(
      `een winstbijdrage van ${formatMoney(contribution, 'nl', 'EUR', 0)}.`,
    );
    expect(await text('clv-undetermined')).toContain('Klantwaarde: niet bepaald');
    // no lifetime value shown as a figure to act on: neither the headline figures nor its distribution
    for (const id of ['figure-clv-total', 'figure-clv-mean', 'clv-histogram', 'clv-decile-table'])
      expect(await page.getByTestId(id).count(), id).toBe(0);
    await useLanguage(page, 'en');
    await page.getByRole('heading', { name: 'The model' }).waitFor();
    const en = await text('purchase-warnings');
    expect(en).toContain(EDGE_EN);
    expect(en).toContain('bgnbd for segment Key accounts: the model expected 135 repeat purchases');
    expect(await text('clv-undetermined')).toContain(
      `a contribution of ${formatMoney(contribution, 'en', 'EUR', 0)}.`,
    );
  });

  it('the data-quality page: the same reasons, in Dutch, without the note that they are English', async () => {
    await page.goto(`${server.url}/#/data-quality`);
    await page.getByTestId('dq-clv').waitFor();
    await useLanguage(page, 'nl');
    await page.getByTestId('dq-clv').filter({ hasText: 'ligt aan de rand' }).waitFor();
    const dq = await text('dq-clv');
    expect(dq).toContain(EDGE_NL);
    expect(dq).toContain(MISS_NL);
    expect(dq).not.toContain('is at the edge');
    expect(await page.getByText('modelbibliotheek').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
