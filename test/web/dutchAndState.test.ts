/**
 * End to end in a real headless Chromium, on the Dutch demo workspace (worth.yaml says
 * nothing, so Dutch): every page speaks Dutch (no English text of the words catalogue, no
 * stored enum values shown raw), the customer list's search finds words in any order, its
 * view lives in the address (back and a shared link restore it), the voice-of-the-customer
 * drill keeps the segment, and "export this table" downloads the Dutch CSV dialect and an XLSX.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import {
  BASIS_WORDS,
  BEHAVIOUR_WORDS,
  CHART_WORDS,
  DASHBOARD_WORDS,
  EFFECT_WORDS,
  QUADRANT_WORDS,
  type Bilingual,
} from '../../src/words/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace, withEngine } from '../server/valuedWorkspace.ts';
import { launchChromium } from './browser.ts';

let ws: AnalysedWorkspace;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const consoleErrors: string[] = [];
let customers: { id: string; name: string; region: string }[] = [];

beforeAll(async () => {
  ws = await analysedWorkspace(300, 5);
  await valueWorkspace(ws.dir);
  // An initiative written by hand: keep the customers the CLV model expects to lose money.
  writeFileSync(
    path.join(ws.dir, 'scenarios', 'keep-expected-loss-makers.yaml'),
    [
      'name: { nl: "Verwachte verliesgevers behouden", en: "Keep the expected loss-makers" }',
      'description: Klanten met een negatieve klantwaarde langer vasthouden.',
      'targets: "clv_profit < 0"',
      'horizon_years: 5',
      'costs: { one_off: 1000 }',
      'effects:',
      '  retention:',
      '    value: { uniform: { min: 0, max: 4 } }',
      '    basis: judgment',
      '',
    ].join('\n'),
  );
  customers = await withEngine(ws.dir, async (e) =>
    (await e.query('SELECT customer_id, name, region FROM customers ORDER BY customer_id')).map((r) => ({
      id: String(r.customer_id),
      name: String(r.name ?? ''),
      region: String(r.region ?? ''),
    })),
  );
  await ensureDashboardBuilt();
  server = await startServer(ws.dir, { port: 0, webDir: DASHBOARD_DIR, token: 'nl-token' });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${server.url}#token=nl-token`);
  await page.getByTestId('figure-contribution').waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  ws?.remove();
});

/** English texts a Dutch page must not show: the catalogue's English sides that differ from the Dutch (placeholders cut out), and the stored enum values. */
function englishTexts(): string[] {
  const sides = (words: Readonly<Record<string, Bilingual>>) =>
    Object.values(words)
      .filter((w) => w.en !== w.nl)
      .flatMap((w) => w.en.split(/\{\w+\}/))
      .map((s) => s.trim())
      .filter((s) => s.length >= 8);
  return [
    ...new Set([
      ...sides(DASHBOARD_WORDS),
      ...sides(CHART_WORDS),
      ...sides(EFFECT_WORDS),
      ...sides(BASIS_WORDS),
    ]),
  ];
}

/** Stored values that show raw when a page forgets to name them (whole words). */
const RAW_VALUES = [
  ...Object.keys(QUADRANT_WORDS).filter((k) => k !== 'rest'),
  ...Object.keys(BEHAVIOUR_WORDS),
  'judgment',
  'measured',
  'gross_margin',
  'cost_delivery',
];

async function pageText(hash: string, ready: string): Promise<string> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.getByTestId(ready).first().waitFor();
  // Let the page's requests settle (a table's loading state, charts drawn).
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => document.body.innerText);
}

const rowIds = async () =>
  (await page.getByTestId('customer-row').locator('td:first-child').allTextContents()).map((s) => s.trim());
const tableReady = () => page.locator('[data-testid=customer-table][data-state=ready]').waitFor();

describe('a Dutch workspace in the dashboard', () => {
  it('shows no English text of the catalogue and no raw stored values on any page', async () => {
    const english = englishTexts();
    expect(english.length).toBeGreaterThan(100);
    const pages: [string, string][] = [
      ['#/', 'figure-contribution'],
      ['#/customers', 'customer-row'],
      ['#/segments', 'voc-table'],
      ['#/costs', 'activity-table'],
      ['#/lifetime-value', 'clv-decile-table'],
      ['#/scenarios', 'scenario-result'],
    ];
    for (const [hash, ready] of pages) {
      const body = await pageText(hash, ready);
      const found = english.filter((e) =>
        new RegExp(`(^|[^\\w])${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`).test(body),
      );
      expect(found, `${hash} shows English`).toEqual([]);
      const raw = RAW_VALUES.filter((v) =>
        new RegExp(`(^|[^\\w-])${v.replace(/[-]/g, '\\-')}($|[^\\w-])`).test(body),
      );
      expect(raw, `${hash} shows stored values raw`).toEqual([]);
    }
    // Every initiative in the picker by its Dutch name (the templates carry both languages).
    const options = await page.getByTestId('scenario-select').locator('option').allTextContents();
    expect(options).toContain('Kleine klanten naar de webshop');
    expect(options).not.toContain('Move small customers to the web shop');
    // The company on the page, numbers in nl-NL (a point between thousands, a decimal comma).
    expect((await page.getByTestId('company').textContent())?.trim()).not.toBe('');
    const figure = (await page.getByTestId('figure-npv-mean').textContent()) ?? '';
    expect(figure).toMatch(/^-?€\s?-?\d{1,3}(\.\d{3})*$/);
  });

  it("shows the freight passed on as direct cost in the cost model's delivery row", async () => {
    const freight = await withEngine(ws.dir, async (e) =>
      String((await e.query('SELECT CAST(sum(freight_cost) AS VARCHAR) AS f FROM shipments'))[0]!.f),
    );
    await pageText('#/costs', 'activity-table');
    expect(Number(await page.getByTestId('direct-delivery').getAttribute('data-value'))).toBe(
      Number(freight),
    );
    // Its row adds up: pool = charged to customers + without a customer + unused (exact data values).
    const row = page.getByTestId('direct-delivery').locator('xpath=ancestor::tr');
    const cents = async (i: number) =>
      Math.round(Number(await row.locator('td').nth(i).getAttribute('data-value')) * 100);
    expect((await cents(7)) + (await cents(8)) + (await cents(9))).toBe(await cents(1));
  });

  it('says why a higher retention lowers the NPV when the targeted customers lose money, and only then', async () => {
    // Customers expected to lose money: keeping more of them can only cost (the API's own tornado says which way retention moves the NPV).
    const run = async (id: string) =>
      (await (
        await fetch(new URL(`/api/scenarios/${id}?draws=200`, server.url), {
          headers: { authorization: 'Bearer nl-token' },
        })
      ).json()) as { result: { tornado: { effect: string; npvLow: string; npvHigh: string }[] } };
    const lowers = async (id: string) => {
      const t = (await run(id)).result.tornado.find((x) => x.effect === 'retention')!;
      return Number(t.npvHigh) < Number(t.npvLow);
    };
    expect(await lowers('keep-expected-loss-makers')).toBe(true);
    await pageText('#/scenarios', 'scenario-result');
    await page.getByTestId('scenario-select').selectOption({ label: 'Verwachte verliesgevers behouden' });
    await page.locator('[data-testid=scenario-result][data-state=ready]').waitFor();
    await page.getByTestId('retention-note').waitFor();
    expect(await page.getByTestId('retention-note').textContent()).toContain('verliesgevend');
    // Where retention raises the NPV (moving small customers to the web shop, on this demo), there is no such note.
    const shown = !(await lowers('cheaper-channel'));
    await page.getByTestId('scenario-select').selectOption({ label: 'Kleine klanten naar de webshop' });
    await page.locator('[data-testid=scenario-result][data-state=ready]').waitFor();
    await page.getByTestId('npv-bridge').waitFor();
    expect(await page.getByTestId('retention-note').count()).toBe(shown ? 0 : 1);
    // The cost table says it holds totals over the horizon, and its bridge adds up to the NPV shown below it, to the cent.
    expect(await page.getByTestId('cost-lines-period').textContent()).toContain('niet verdisconteerd');
    const v = async (id: string) =>
      Math.round(
        Number(await page.getByTestId(`bridge-${id}`).locator('td').nth(1).getAttribute('data-value')) * 100,
      );
    const [margin, saved, running, oneOff, cash, discount, npv] = await Promise.all(
      ['margin', 'saved', 'running', 'one-off', 'cash', 'discount', 'npv'].map(v),
    );
    expect(margin! + saved! + running! + oneOff!).toBe(cash);
    expect(cash! + discount!).toBe(npv);
  });

  it('finds the words of a search in any order across id, name and region', async () => {
    // A retail customer's name is "<kind> <surname> <town>": search its region, town and kind, reversed.
    const target = customers.find(
      (c) => c.name.split(' ').length >= 3 && !c.name.includes('B.V.') && c.region !== '',
    )!;
    const words = target.name.toLowerCase().split(' ');
    const asked = [target.region.toLowerCase(), words.at(-1)!, words[0]!];
    const query = asked.join(' ');
    // Expected by hand: every customer whose id, name or region contains all three words.
    const expected = customers
      .filter((c) =>
        asked.every(
          (w) =>
            c.id.toLowerCase().includes(w) ||
            c.name.toLowerCase().includes(w) ||
            c.region.toLowerCase().includes(w),
        ),
      )
      .map((c) => c.id);
    expect(expected).toContain(target.id);
    await pageText('#/customers', 'customer-row');
    await page.getByTestId('customer-search').fill(query);
    await page.waitForFunction(
      (q) => decodeURIComponent(window.location.hash).includes(`q=${q}`.replace(/ /g, '+')),
      query,
    );
    await tableReady();
    expect((await rowIds()).sort()).toEqual(expected.sort().slice(0, 25));
  });

  it('keeps search, filter, sort and page in the address: back and a shared link restore the view', async () => {
    await page.evaluate(() => (window.location.hash = '#/customers'));
    await tableReady();
    await page.getByTestId('customer-search').fill('e');
    await page.waitForFunction(() => window.location.hash.includes('q=e'));
    await tableReady();
    await page.getByTestId('sort-name').click();
    await page.waitForFunction(() => window.location.hash.includes('sort=name'));
    // The page drawn for the new address (the address changes before React draws it).
    await page.getByTestId('sort-name').getByText('▲').waitFor();
    await tableReady();
    await page.getByTestId('page-next').click();
    await page.waitForFunction(() => window.location.hash.includes('page=2'));
    await page.locator('[data-testid=customer-table][data-state=ready][data-page="2"]').waitFor();
    const view = await page.evaluate(() => window.location.hash);
    const info = (await page.getByTestId('page-info').textContent())!.trim();
    const ids = await rowIds();
    expect(info).toMatch(/^pagina 2 van/);

    await page.getByTestId('nav-segments').click();
    await page.getByTestId('voc-table').waitFor();
    await page.goBack();
    await page.getByText(info).waitFor();
    await page.locator('[data-testid=customer-table][data-state=ready][data-page="2"]').waitFor();
    expect(await rowIds()).toEqual(ids);
    expect(await page.getByTestId('customer-search').inputValue()).toBe('e');
    await page.getByTestId('sort-name').getByText('▲').waitFor();

    // A shared link: a fresh tab with the same address shows the same rows.
    const other = await browser.context.newPage();
    try {
      await other.goto(`${server.url}#token=nl-token`);
      await other.getByTestId('figure-contribution').waitFor();
      await other.evaluate((h) => (window.location.hash = h), view);
      await other.getByText(info).waitFor();
      await other.locator('[data-testid=customer-table][data-state=ready][data-page="2"]').waitFor();
      expect(
        (await other.getByTestId('customer-row').locator('td:first-child').allTextContents()).map((s) =>
          s.trim(),
        ),
      ).toEqual(ids);
    } finally {
      await other.close();
    }
  });

  it('drills from the voice of the customer to its quadrant and segment', async () => {
    await pageText('#/segments', 'voc-table');
    const link = page.getByTestId('voc-drill').first();
    const segment = (await link.locator('xpath=ancestor::tr/td[2]').textContent())!.trim();
    await link.click();
    await tableReady();
    const hash = decodeURIComponent(await page.evaluate(() => window.location.hash)).replace(/\+/g, ' ');
    expect(hash).toContain(`segment=${segment}`);
    expect(await page.getByTestId('filter-chip').allTextContents()).toContain(segment);
  });

  it('exports the filtered customer list as Dutch CSV and the segments roll-up as XLSX', async () => {
    await page.evaluate(
      () => (window.location.hash = '#/customers?lossMaking=true&sort=contribution&dir=asc'),
    );
    await tableReady();
    const total = Number(
      ((await page.getByTestId('page-info').textContent()) ?? '')
        .match(/\((\d[\d.]*) klanten\)/)![1]!
        .replace(/\./g, ''),
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv-customer-table').click(),
    ]);
    const text = readFileSync((await csv.path())!, 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Klant;Naam;Segment;Netto-omzet;Brutomarge;Kosten van bediening;Winstbijdrage na kosten van bediening',
    );
    expect(lines).toHaveLength(total + 1);
    // Loss-makers only, lowest contribution first: every contribution negative, with a decimal comma, ascending.
    const contributions = lines.slice(1).map((l) => l.split(';').at(-1)!);
    for (const c of contributions) expect(c).toMatch(/^-\d+,\d\d$/);
    const cents = contributions.map((c) => Math.round(Number(c.replace(',', '.')) * 100));
    expect([...cents].sort((a, b) => a - b)).toEqual(cents);

    await pageText('#/segments', 'rollup-table');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx-rollup-table').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Waarde');
    const rows = (await page.getByTestId('rollup-table').locator('tbody tr').count()) + 1;
    expect(sheet.rowCount).toBe(rows);
    expect(sheet.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getRow(2).getCell(6).type).toBe(ExcelJS.ValueType.Number);
  });

  it('kept the browser console clean', () => {
    expect(consoleErrors).toEqual([]);
  });
});
