/**
 * worth.yaml settings honoured everywhere: a key it does not know is an error with a
 * did-you-mean; `language` and `company` reach the report and the dashboard's /api/meta;
 * `worth report DIR` writes DIR/report.html without --out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/index.ts';
import { createApp } from '../../src/server/index.ts';
import { parseWorkspace } from '../../src/workspace/index.ts';
import { COST_MODEL, FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';

const BIN = path.resolve('bin/worth.js');

function problems(text: string): string {
  try {
    parseWorkspace(text, '/tmp/ws');
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
  return '';
}

const BASE =
  'company: X\nperiod: { start: 2025-01-01, end: 2025-12-31 }\nsources:\n  customers: { file: c.csv }\n  order_lines: { file: o.csv }\n';

describe('the period', () => {
  it('is a real date from 1900 to 2199, else an error with the line (year 25 for 2025 is a slip)', () => {
    const msg = problems(BASE.replace('start: 2025-01-01', 'start: 0025-01-01'));
    expect(msg).toContain('worth.yaml line 2 at period.start');
    expect(msg).toContain('expected a date from 1900 to 2199');
    expect(problems(BASE.replace('end: 2025-12-31', 'end: 9999-12-31'))).toContain(
      'expected a date from 1900 to 2199',
    );
    expect(problems(BASE)).toBe('');
  });
});

describe('keys worth.yaml does not know', () => {
  it('a typo of a top-level key is an error with the line and a did-you-mean', () => {
    const msg = problems(`${BASE}langauge: en\n`);
    expect(msg).toContain(
      'worth.yaml line 6 at langauge: unknown setting "langauge" (did you mean "language"?)',
    );
  });

  it('a key no section has (warehouse:) names the known sections', () => {
    const msg = problems(`${BASE}warehouse: duckdb\n`);
    expect(msg).toContain('unknown setting "warehouse"');
    expect(msg).not.toContain('did you mean');
    for (const known of ['company', 'currency', 'language', 'period', 'sources', 'cogs', 'cost_model'])
      expect(msg).toContain(known);
  });

  it('a typo inside a section gets the keys of that section', () => {
    const msg = problems(BASE.replace('o.csv }', 'o.csv, format: { delimter: ";" } }'));
    expect(msg).toContain(
      'at sources.order_lines.format.delimter: unknown setting "delimter" (did you mean "delimiter"?)',
    );
  });

  it('the sections later stages validate (cost_model) are known', () => {
    expect(problems(`${BASE}cost_model: { activities: [] }\n`)).toBe('');
  });
});

describe('language and company from worth.yaml', () => {
  it('language: en gives an English report with the company in its title, at DIR/report.html and DIR/report.pdf when no --out is given', async () => {
    const dir = await ingested({ 'worth.yaml': yaml(COST_MODEL, 'language: en\n'), ...FILES });
    await runAnalyze(dir);
    const run = spawnSync(process.execPath, [BIN, 'report', dir], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(run.status, run.stderr).toBe(0);
    const file = path.join(dir, 'report.html');
    expect(run.stdout).toContain(`wrote the report to ${file}`);
    expect(run.stdout).toContain(`wrote the PDF to ${path.join(dir, 'report.pdf')}`);
    expect(readFileSync(path.join(dir, 'report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Test B.V.: Customer profitability report</h1>');
    expect(html).toContain('Findings');
    expect(html).not.toContain('Bevindingen');

    // --lang still wins over worth.yaml.
    const nl = spawnSync(
      process.execPath,
      [BIN, 'report', dir, '--out', path.join(dir, 'nl.html'), '--lang', 'nl'],
      { encoding: 'utf8' },
    );
    expect(nl.status, nl.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'nl.html'), 'utf8')).toContain('Bevindingen');

    const { app, close } = await createApp(dir);
    try {
      const meta = (await (await app.request('/api/meta')).json()) as Record<string, unknown>;
      expect(meta).toMatchObject({ company: 'Test B.V.', language: 'en', currency: 'EUR' });
    } finally {
      await close();
    }
  });

  it('without a language the report and the dashboard default to Dutch; a default PDF that cannot be printed is said, the HTML kept', async () => {
    const dir = await ingested();
    await runAnalyze(dir);
    const run = spawnSync(process.execPath, [BIN, 'report', dir], {
      encoding: 'utf8',
      env: { ...process.env, WORTH_CHROMIUM: '/nonexistent/chromium' },
    });
    expect(run.status, run.stderr).toBe(0);
    // Said in the workspace's language on the terminal and at the top of the HTML, not silent.
    expect(run.stdout).toMatch(
      /geen pdf naast het rapport: WORTH_CHROMIUM=\/nonexistent\/chromium is geen uitvoerbaar bestand/,
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'report.pdf'))).toBe(false);
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(
      /<p class="pdf-note" role="note"><strong>Van dit rapport kon geen pdf gemaakt worden: WORTH_CHROMIUM=\/nonexistent\/chromium is geen uitvoerbaar bestand/,
    );
    const { app, close } = await createApp(dir);
    try {
      expect(await (await app.request('/api/meta')).json()).toMatchObject({
        language: 'nl',
        company: 'Test B.V.',
      });
    } finally {
      await close();
    }
  });
});
