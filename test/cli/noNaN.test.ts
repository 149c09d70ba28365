/**
 * No NaN, no Infinity, no "undefined" in anything Worth ships: every shipped template through
 * `worth scenario run` (text and --json), the board report (HTML; the PDF and its printed
 * text), `worth analyze --json`, `worth clv --json` and the XLSX export read back with
 * exceljs, on the demo workspace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInitiative, TEMPLATES_DIR } from '../../src/scenario/index.ts';
import { writeValuedDemo } from '../server/valuedWorkspace.ts';
import { launchChromium } from '../web/browser.ts';

const BIN = path.resolve('bin/worth.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nonan-'));
const dir = path.join(root, 'demo');
const TEMPLATES = readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const BAD = /\bNaN\b|-?Infinity|\bundefined\b/;

function worth(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, `worth ${args.join(' ')}\n${r.stderr}`).toBe(0);
  expect(r.stderr, `worth ${args.join(' ')}`).not.toMatch(/^\s+at /m);
  return r.stdout;
}

/** The first offending passage, for a readable failure; null when clean. */
function offending(text: string): string | null {
  const m = BAD.exec(text);
  return m ? text.slice(Math.max(0, m.index - 80), m.index + 40) : null;
}

beforeAll(async () => {
  await writeValuedDemo(dir, 400, 11);
}, 180_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('no NaN, Infinity or undefined in what ships', () => {
  it('the demo workspace has every shipped template', () => {
    expect(TEMPLATES.length).toBe(11);
    expect(readdirSync(path.join(dir, 'scenarios')).sort()).toEqual(TEMPLATES);
  });

  for (const t of TEMPLATES) {
    it(`worth scenario run ${t}: text and --json`, () => {
      const file = path.join(dir, 'scenarios', t);
      const text = worth(['scenario', 'run', file, dir, '--draws', '300', '--seed', '3']);
      expect(offending(text), text).toBeNull();
      // The demo workspace is Dutch: NCW for NPV.
      expect(text).toMatch(/NCW: verwacht/);
      const json = worth(['scenario', 'run', file, dir, '--draws', '300', '--seed', '3', '--json']);
      expect(offending(json), json).toBeNull();
      // JSON.stringify writes NaN and Infinity as null: a number field that is null is caught here.
      const r = JSON.parse(json) as {
        npv: Record<string, string>;
        breakEven: { effect: string | null; value: number | null; assumed: number | null };
      };
      for (const v of Object.values(r.npv)) expect(v).toMatch(/^-?\d+\.\d{2}$/);
      if (r.breakEven.effect !== null) expect(typeof r.breakEven.assumed).toBe('number');
    }, 120_000);
  }

  it('worth analyze --json and worth clv --json', () => {
    for (const args of [
      ['analyze', dir, '--json'],
      ['clv', dir, '--json'],
    ]) {
      const out = worth(args);
      expect(offending(out), args.join(' ')).toBeNull();
      expect(() => JSON.parse(out)).not.toThrow();
    }
  }, 240_000);

  it('the XLSX export: every cell a finite number or clean text', async () => {
    const out = path.join(root, 'analyses.xlsx');
    worth(['export', dir, '--format', 'xlsx', '--out', out]);
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    await wb.xlsx.readFile(out);
    let cells = 0;
    wb.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells++;
          const v = cell.value;
          if (typeof v === 'number') expect(Number.isFinite(v), `${sheet.name}!${cell.address}`).toBe(true);
          else expect(offending(String(v)), `${sheet.name}!${cell.address}: ${String(v)}`).toBeNull();
        });
      });
    });
    expect(cells).toBeGreaterThan(1000);
  }, 120_000);

  it('the board report (HTML, both languages), with every template priced in it', () => {
    for (const lang of ['nl', 'en'] as const) {
      const out = path.join(root, `report-${lang}.html`);
      worth(['report', dir, '--out', out, '--lang', lang]);
      const html = readFileSync(out, 'utf8');
      expect(offending(html), lang).toBeNull();
      for (const t of TEMPLATES) {
        // Each template names itself in both languages: the report shows its own language's name.
        const name = loadInitiative(path.join(TEMPLATES_DIR, t)).name;
        const shown = typeof name === 'string' ? name : name[lang];
        expect(html, `${lang}: ${t}`).toContain(shown.replaceAll('&', '&amp;').replaceAll('<', '&lt;'));
      }
    }
  }, 240_000);

  it('the report as printed to PDF: the PDF is written and its printed text is clean', async () => {
    const html = path.join(root, 'report-pdf.html');
    const pdf = path.join(root, 'report.pdf');
    worth(['report', dir, '--out', html, '--pdf', pdf]);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The PDF's text is the page's text in print media: read it from the same browser.
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.goto(`file://${html}`);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text.length).toBeGreaterThan(1000);
      expect(offending(text)).toBeNull();
    } finally {
      await browser.close();
    }
  }, 120_000);
});
