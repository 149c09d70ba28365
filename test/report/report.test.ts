/**
 * The board report: self-contained HTML (no external URLs, charts as inline SVG, the
 * analysis' figures in the words) that opens offline, and a PDF that renders.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { buildReport, writePdf } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let reader: WorkspaceReader;
let out: string;

beforeAll(async () => {
  ws = await analysedWorkspace(300);
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
      const html = await buildReport(reader, { lang, date: '2026-01-15', workspace: 'demo' });
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain(`lang="${lang}"`);
      expect(html.match(/<svg/g)?.length).toBe(3);
      expect(html).not.toMatch(/https?:|(src|href)\s*=\s*["']?\/\//i);
      expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
      expect(html).toContain(formatMoney(ws.result.totals.contribution, lang, 'EUR', 0));
      expect(html).toContain(formatMoney(ws.result.whale.valueDestroyed, lang, 'EUR', 0));
      expect(html).toContain(lang === 'nl' ? '15-01-2026' : '15 Jan 2026');
    }
  });

  it('prints to a PDF in headless Chromium, offline', async () => {
    const html = await buildReport(reader, { lang: 'nl', date: '2026-01-15', workspace: 'demo' });
    const htmlFile = path.join(out, 'report.html');
    const pdfFile = path.join(out, 'report.pdf');
    writeFileSync(htmlFile, html);
    await writePdf(htmlFile, pdfFile);
    const pdf = readFileSync(pdfFile);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
  });
});
