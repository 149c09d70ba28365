/**
 * The board report: self-contained HTML (no external URLs, charts as inline SVG, the
 * analysis' figures in the words) that opens offline, and a PDF that renders. Before
 * `worth clv` it says how to get lifetime values; after it, the CLV figures `worth clv` stored
 * and every initiative priced by the scenario library (same draws and seed) are in it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakEvenPhrase, formatMoney, formatShare } from '../../src/charts/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { buildReport, writePdf } from '../../src/report/index.ts';
import { loadInitiative, runScenario, type ScenarioResult } from '../../src/scenario/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import type { ClvRunResult } from '../../src/value/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace, withEngine } from '../server/valuedWorkspace.ts';

let ws: AnalysedWorkspace;
let reader: WorkspaceReader;
let out: string;
let beforeClv: string;
let clv: ClvRunResult;
let keyAccounts: ScenarioResult;
/** Draws per initiative in these tests (the report's default is 10,000, as `worth scenario run`). */
const DRAWS = 1000;
const options = (lang: 'nl' | 'en') => ({
  lang,
  currency: 'EUR',
  date: '2026-01-15',
  workspace: 'demo',
  scenarioDraws: DRAWS,
  scenarioSeed: 4,
});
const built = new Map<string, Promise<string>>();
/** The report after `worth clv`, built once per language. */
const report = (lang: 'nl' | 'en'): Promise<string> => {
  if (!built.has(lang)) built.set(lang, buildReport(reader, options(lang)));
  return built.get(lang)!;
};

beforeAll(async () => {
  ws = await analysedWorkspace(300);
  const early = await WorkspaceReader.open(ws.dir);
  try {
    beforeClv = await buildReport(early, options('en'));
  } finally {
    await early.close();
  }
  clv = await valueWorkspace(ws.dir);
  await withEngine(ws.dir, async (engine) => {
    const config = loadWorkspace(ws.dir);
    const ini = loadInitiative(path.join(ws.dir, 'scenarios', 'key-account-manager.yaml'));
    keyAccounts = await runScenario(
      engine,
      loadCostModel(config, engine.dialect),
      ini,
      'key-account-manager.yaml',
      { discountRate: config.config.cost_of_capital, draws: DRAWS, seed: 4 },
    );
  });
  reader = await WorkspaceReader.open(ws.dir);
  out = mkdtempSync(path.join(tmpdir(), 'worth-report-'));
});
afterAll(async () => {
  await reader?.close();
  ws?.remove();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('worth report', () => {
  it('is one self-contained HTML file with the analysis figures, in both languages', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const html = await report(lang);
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain(`lang="${lang}"`);
      // whale, waterfall, trend by month, voice of the customer, CLV per decile, CLV fit, J-curve of the best initiative
      expect(html.match(/<svg/g)?.length).toBe(7);
      expect(html).not.toMatch(/https?:|(src|href)\s*=\s*["']?\/\//i);
      expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
      expect(html).toContain(formatMoney(ws.result.totals.contribution, lang, 'EUR', 0));
      expect(html).toContain(formatMoney(ws.result.whale.valueDestroyed, lang, 'EUR', 0));
      expect(html).toContain(lang === 'nl' ? '15 jan 2026' : '15 Jan 2026');
    }
  });

  it("names worth.yaml's company on its cover and in its title, escaped, in both languages", async () => {
    // A name with HTML's own characters: it must show as written, not as markup.
    const company = 'Bakkerij <Haarlem> & Zn';
    for (const lang of ['en', 'nl'] as const) {
      const html = await buildReport(reader, { ...options(lang), company });
      const title = lang === 'nl' ? 'Rapport klantwinstgevendheid' : 'Customer profitability report';
      expect(html).toContain(`<h1>Bakkerij &lt;Haarlem&gt; &amp; Zn: ${title}</h1>`);
      expect(html).toContain(`<title>Bakkerij &lt;Haarlem&gt; &amp; Zn: ${title}</title>`);
      expect(html).not.toContain('<Haarlem>');
    }
  });

  it('has the lifetime value section with the figures worth clv stored and the fit in words', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const html = await report(lang);
      expect(html).toContain(lang === 'en' ? 'Lifetime value on profit' : 'Klantwaarde op winst');
      expect(html).toContain(`<strong>${formatMoney(clv.totalProfitClv!, lang, 'EUR', 0)}</strong>`);
      expect(html).toContain(formatMoney(clv.lossMakingClv!, lang, 'EUR', 0));
      expect(html).toContain('BG/NBD');
      // the total's 90% interval in a sentence
      expect(clv.totalProfitInterval).not.toBeNull();
      expect(html).toContain(lang === 'en' ? '(90% interval;' : '(90%-interval;');
      expect(html).toContain(formatMoney(clv.totalProfitInterval!.lo, lang, 'EUR', 0));
      expect(html).toContain(formatMoney(clv.totalProfitInterval!.hi, lang, 'EUR', 0));
      expect(html).not.toContain('will appear here once');
      expect(html).not.toContain('zodra ze deel uitmaken');
    }
    expect(beforeClv).toContain('run worth clv');
    expect(beforeClv).toContain('Initiatives priced');
    expect(beforeClv).toContain('can only be priced after worth clv');
    // whale, waterfall, trend by month, voice of the customer
    expect(beforeClv.match(/<svg/g)?.length).toBe(4);
  });

  it('prices every initiative with the scenario library: NPV range, P(NPV > 0), break-even in words, the J-curve of the best', async () => {
    const html = await report('en');
    const section = html.slice(html.indexOf('<h2>Initiatives priced</h2>'));
    expect(section).toContain('with 1,000 seeded draws (seed 4)');
    const item = section.slice(section.indexOf(`<strong>${keyAccounts.initiative}</strong>`));
    expect(item.slice(0, 700)).toContain(
      `expected NPV <span class="bad">${formatMoney(keyAccounts.npv.mean, 'en', 'EUR', 0)}</span>, 90% of the outcomes between ${formatMoney(keyAccounts.npv.p5, 'en', 'EUR', 0)} and ${formatMoney(keyAccounts.npv.p95, 'en', 'EUR', 0)}; chance of a positive NPV ${formatShare(keyAccounts.probPositive, 'en', 0)}`,
    );
    // The break-even in words by the side on which it pays: the key-account manager pays only if spend rises enough.
    expect(keyAccounts.breakEven).toMatchObject({ effect: 'spend', paysAbove: true });
    expect(item.slice(0, 1200)).toContain(`Break-even: ${breakEvenPhrase(keyAccounts.breakEven, 'en')}`);
    expect(breakEvenPhrase(keyAccounts.breakEven, 'en')).toMatch(
      /^Spend per purchase \(%\) must rise by at least \d+\.\d\d for the expected NPV to be positive \(assumed: \+\d+\.\d\d; the other effects at their means\)\.$/,
    );
    expect(section).toContain('J-curve of the best initiative');
    expect(section).toContain('stranded cost, not as a saving');
    expect(section.match(/<li>/g)?.length).toBe(11);
  });

  it('prints to a PDF in headless Chromium, offline', async () => {
    const html = await report('nl');
    const htmlFile = path.join(out, 'report.html');
    const pdfFile = path.join(out, 'report.pdf');
    writeFileSync(htmlFile, html);
    await writePdf(htmlFile, pdfFile);
    expectPdfPages(readFileSync(pdfFile));
  });

  it('prints the PDF with the browser that comes with npm ci when no system browser is used', async () => {
    const html = await report('nl');
    const htmlFile = path.join(out, 'report-npm.html');
    const pdfFile = path.join(out, 'report-npm.pdf');
    writeFileSync(htmlFile, html);
    const used = await writePdf(htmlFile, pdfFile, 'npm');
    expect(used.source).toBe('npm');
    expect(used.executablePath).toMatch(/worth-chromium-[\d.]+\/chromium$/);
    expectPdfPages(readFileSync(pdfFile));
  });
});

/** A PDF file with at least one page object. */
function expectPdfPages(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages).toBeGreaterThan(0);
}
