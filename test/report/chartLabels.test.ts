/**
 * The report's charts as Chromium draws them (a real browser, the fonts the PDF gets): no
 * label over another, no legend text over the next legend swatch, and every waterfall label in
 * the one compact format of its language with the minus before the currency sign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHeadless, type HeadlessBrowser } from '../../src/browser/index.ts';
import { renderSvg, whaleOption } from '../../src/charts/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { analysedWorkspace } from '../server/analysedWorkspace.ts';
import { overlaps, type Box } from '../charts/labelBoxes.ts';

let reader: WorkspaceReader;
let browser: HeadlessBrowser;
let page: Page;

beforeAll(async () => {
  const ws = await analysedWorkspace(300);
  reader = await WorkspaceReader.open(ws.dir);
  browser = await launchHeadless({ viewport: { width: 1100, height: 1000 } });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await reader?.close();
});

/** Per chart (in page order), the boxes of its upright texts as drawn; rotated axis labels are left out (their boxes are not their outlines). */
async function chartTexts(lang: 'nl' | 'en'): Promise<Box[][]> {
  await page.setContent(
    await buildReport(reader, { currency: 'EUR', lang, date: '2026-01-15', workspace: 'demo' }),
  );
  return page.$$eval('.chart svg', (svgs) =>
    svgs.map((svg) =>
      [...svg.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .filter((t) => {
          const m = t.getCTM();
          return !m || (Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6);
        })
        .map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
    ),
  );
}

describe.each(['nl', 'en'] as const)('the report in %s, drawn by Chromium', (lang) => {
  it('has no chart text over another', async () => {
    const charts = await chartTexts(lang);
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(charts.flatMap(overlaps)).toEqual([]);
  });

  it("has each legend text clear of the next item's swatch", async () => {
    const charts = await chartTexts(lang);
    const legend =
      lang === 'nl'
        ? ['Netto-omzet', 'Kosten van bediening', 'Winstbijdrage']
        : ['Net sales', 'Cost to serve', 'Contribution'];
    const trend = charts.find((c) => legend.every((l) => c.some((b) => b.text === l)))!;
    const items = legend.map((l) => trend.filter((b) => b.text === l).sort((a, b) => a.top - b.top)[0]!);
    // ECharts lays a legend item out as swatch (25 px), 5 px, text; the next swatch starts where this text ends plus the gap.
    for (const [i, item] of items.slice(0, -1).entries())
      expect(item.right, `${item.text} runs into the swatch of ${items[i + 1]!.text}`).toBeLessThanOrEqual(
        items[i + 1]!.left - 30,
      );
  });

  it('labels the waterfall in one compact format, the minus before the sign', async () => {
    const html = await buildReport(reader, { currency: 'EUR', lang, date: '2026-01-15', workspace: 'demo' });
    const waterfall = html.slice(
      html.indexOf('<div class="chart">', html.indexOf('<h2>', html.indexOf('</svg>'))),
    );
    const svg = waterfall.slice(0, waterfall.indexOf('</svg>'));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/\s/g, ' '));
    const labels = texts.filter((t) => /€/.test(t) && !/^Labels/.test(t));
    expect(labels.length).toBeGreaterThan(5);
    const format =
      lang === 'nl'
        ? /^(-?€ \d{1,3}(,\d{1,2})?( mln| mld|K)?|< € \d+(,\d)?( mln|K)?)$/
        : /^(-?€\d{1,3}(\.\d{1,2})?(M|bn|K)?|< €\d+(\.\d)?(M|K)?)$/;
    expect(labels.filter((l) => !format.test(l))).toEqual([]);
  });
});

describe.each(['nl', 'en'] as const)('the whale curve of a company without loss-makers, in %s', (lang) => {
  it('keeps the peak label clear of the 100% line label (the peak is at the right end)', async () => {
    // Every customer adds to the total: the curve rises to 100% at the last customer, where the
    // 100% line's label stood ("Top 100%" over "Totaal" on a real export).
    const points = Array.from({ length: 51 }, (_, i) => ({
      customerShare: i / 50,
      contributionShare: 1 - (1 - i / 50) ** 3,
    }));
    await page.setContent(`<div class="chart">${renderSvg(whaleOption(points, lang), 880, 420)}</div>`);
    const boxes = await page.$$eval('svg text', (texts: SVGTextElement[]) =>
      texts
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .filter((t) => {
          const m = t.getCTM();
          return !m || (Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6);
        })
        .map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
    );
    expect(boxes.some((b) => b.text.includes('100'))).toBe(true);
    expect(overlaps(boxes)).toEqual([]);
  });
});
