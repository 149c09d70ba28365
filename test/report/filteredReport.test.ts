/**
 * `worth report --filter`: the cover says which filter the report shows, and a section shows the
 * filtered figures, which are the hand calculation's on the hand-built company
 * (test/profit/fixture.ts; months in test/server/filters.test.ts): February to March in Zuid is
 * C2 and C3, net sales 1,840.00, contribution -91.93 + 537.18 = 445.25, one loss-maker (91.93).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { WorkspaceReader } from '../../src/readmodel/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';

let dir: string;
let reader: WorkspaceReader;
beforeAll(async () => {
  dir = await ingested();
  await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
}, 120_000);
afterAll(async () => {
  await reader?.close();
});

const f = { from: '2024-02', to: '2024-03', region: 'Zuid' };

describe('a filtered report', () => {
  it('says its filter on the cover and shows the filtered figures (Dutch)', async () => {
    const html = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
      filters: f,
    });
    expect(html).toContain('data-filter="from=2024-02&amp;to=2024-03&amp;region=Zuid"');
    expect(html).toContain('Gefilterd: maanden 2024-02 – 2024-03, regio Zuid.');
    const section = html.slice(html.indexOf('<section data-filtered>'));
    expect(section).toContain('2 klanten, van wie 1 verlies maken');
    expect(section).toContain(formatMoney('445.25', 'nl', 'EUR', 0));
    expect(section).toContain(formatMoney('1840.00', 'nl', 'EUR', 0));
    expect(section).toContain(formatMoney('91.93', 'nl', 'EUR', 0));
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('says in every section whether the filters apply; the trend by quarter and the customer lists are filtered', async () => {
    const html = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
      filters: f,
    });
    const sections = html.split('<section').slice(1);
    expect(sections.length).toBeGreaterThan(8);
    for (const sec of sections) {
      const heading = /<h2>([^<]*)/.exec(sec)?.[1];
      expect(sec.startsWith(' data-filtered>') || sec.includes('data-filter-note='), heading).toBe(true);
    }
    const notes = [...html.matchAll(/data-filter-note="(\w+)"/g)].map((m) => m[1]);
    expect(notes.filter((n) => n === 'filterApplied')).toHaveLength(2); // over-served, at risk
    expect(html).toContain(
      'The whole company, not filtered: the same under the filters (months 2024-02 – 2024-03, region Zuid) is in “Filtered view”.',
    );
    // The filtered trend: February and March fall in the first quarter; its row and the total are the filtered contribution.
    const filteredPart = sections.find((s) => s.startsWith(' data-filtered>'))!;
    const trend = filteredPart.slice(filteredPart.indexOf('Trend by quarter'));
    expect(trend).toContain('2024 Q1');
    const amount = formatMoney('445.25', 'en', 'EUR', 0);
    expect(trend.split(amount).length - 1).toBe(2);
    // Region Zuid holds C2 and C3: C1 is in no filtered list.
    for (const key of ['overServed', 'atRisk']) {
      const sec = sections.find(
        (s) =>
          s.includes('data-filter-note="filterApplied"') &&
          s.includes(key === 'overServed' ? 'ver-served' : 'risk'),
      );
      expect(sec, key).toBeDefined();
      expect(sec).not.toContain('>C1<');
    }
    const nl = await buildReport(reader, {
      currency: 'EUR',
      lang: 'nl',
      date: '2026-01-15',
      workspace: 'hand',
      filters: f,
    });
    expect(nl).toContain(
      'Het hele bedrijf: de filters (maanden 2024-02 – 2024-03, regio Zuid) beperken dit onderdeel niet.',
    );
    expect(nl).toContain('Verloop per kwartaal');
  });

  it('in English too, and without a filter there is neither note nor section', async () => {
    const en = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
      filters: f,
    });
    expect(en).toContain('Filtered: months 2024-02 – 2024-03, region Zuid.');
    expect(en).toContain('2 customers, of whom 1 lose money');
    const plain = await buildReport(reader, {
      currency: 'EUR',
      lang: 'en',
      date: '2026-01-15',
      workspace: 'hand',
    });
    expect(plain).not.toContain('data-filter');
    expect(plain).not.toContain('<section data-filtered>');
    expect(plain).not.toContain('data-filter-note');
  });

  it('takes --filter on the command line, and says a bad one before reading', () => {
    const out = path.join(dir, 'filtered.html');
    const bin = path.resolve('bin/worth.js');
    const ok = spawnSync(
      process.execPath,
      [bin, 'report', dir, '--out', out, '--lang', 'en', '--filter', 'period=2024-02..2024-03,region=Zuid'],
      { encoding: 'utf8' },
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Filtered: months 2024-02 – 2024-03, region Zuid.');
    const bad = spawnSync(process.execPath, [bin, 'report', dir, '--out', out, '--filter', 'regio=Zuid'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--filter: "regio" is geen filter'); // the workspace is Dutch
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
