/**
 * The report's trend page on the hand-built company of test/profit (months worked out in
 * test/profit/monthly.test.ts): quarters with the year's total, and contribution per segment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charts/index.ts';
import { readTrend } from '../../src/readmodel/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { ingested, runAnalyze } from '../profit/fixture.ts';

let reader: WorkspaceReader;
beforeAll(async () => {
  const dir = await ingested();
  await runAnalyze(dir);
  reader = await WorkspaceReader.open(dir);
});
afterAll(async () => {
  await reader?.close();
});

/** The trend section of a report, and its table rows as cell texts. */
async function trendRows(lang: 'nl' | 'en'): Promise<{ section: string; rows: string[][] }> {
  const html = await buildReport(reader, { currency: 'EUR', lang, date: '2026-01-15', workspace: 'hand' });
  const start = html.indexOf('<section class="page-break">');
  const section = html.slice(start, html.indexOf('</section>', start));
  const rows = [...section.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')),
  );
  return { section, rows };
}

describe('the report: trend page', () => {
  it('shows the quarters and the year, and contribution per segment', async () => {
    const { section, rows } = await trendRows('en');
    expect(section).toContain('<h2>Over time: the customer P&amp;L by quarter</h2>');
    expect(section).toContain('<svg');
    const m = (v: string) => formatMoney(v, 'en', 'EUR', 0);
    // Contribution: Q1 20 - 91.93 + 512.18 = 440.25; Q2 and Q3 -75; Q4 -175; the year 115.25.
    const byLabel = new Map(rows.map((r) => [r[0], r]));
    expect(byLabel.get('2024 Q1')?.at(-1)).toBe(m('440.25'));
    expect(byLabel.get('2024 Q4')?.at(-1)).toBe(m('-175.00'));
    // The year: net sales 1850.00, cost to serve 649.75, contribution 115.25.
    expect(byLabel.get('Total')).toEqual(['Total', m('1850.00'), m('765.00'), m('649.75'), m('115.25')]);
    // Retail: C1 20.00 (Jan) + C2 -91.93 (Feb) in Q1, nothing after.
    expect(byLabel.get('Retail')).toEqual([
      'Retail',
      m('-71.93'),
      m('0.00'),
      m('0.00'),
      m('0.00'),
      m('-71.93'),
    ]);
    expect(byLabel.get('Key accounts')).toEqual([
      'Key accounts',
      m('512.18'),
      m('-75.00'),
      m('-75.00'),
      m('-175.00'),
      m('187.18'),
    ]);
  });

  it('plots quarters, not months, on the "by quarter" page', async () => {
    const { section } = await trendRows('en');
    const chart = section.slice(section.indexOf('<svg'), section.indexOf('</svg>'));
    const texts = [...chart.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    // The hand-built company has sales in every quarter of 2024: four quarter labels, no month.
    expect(texts.filter((t) => /^2024 Q[1-4]$/.test(t))).toEqual([
      '2024 Q1',
      '2024 Q2',
      '2024 Q3',
      '2024 Q4',
    ]);
    expect(texts.some((t) => /^2024-\d\d$/.test(t))).toBe(false);
  });

  it('has quarters that are the sums of their months to the cent', async () => {
    const { months, quarters } = await reader.read(async (engine) => ({
      months: await readTrend(engine, { grain: 'month' }),
      quarters: await readTrend(engine, { grain: 'quarter' }),
    }));
    // Summed here in cents from the months, by the quarter a month's number falls in.
    const cents = (v: string) => BigInt(v.replace('.', ''));
    const byQuarter = new Map<string, bigint>();
    for (const p of months.periods) {
      const key = `${p.period.slice(0, 4)}-Q${Math.ceil(Number(p.period.slice(5, 7)) / 3)}`;
      byQuarter.set(key, (byQuarter.get(key) ?? 0n) + cents(p.net_sales) * 1000000n + cents(p.contribution));
    }
    expect(quarters.periods.map((p) => p.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    for (const p of quarters.periods)
      expect(cents(p.net_sales) * 1000000n + cents(p.contribution)).toBe(byQuarter.get(p.period));
    // And by hand: contribution 440.25, -75, -75, -175 (test/profit/monthly.test.ts).
    expect(quarters.periods.map((p) => p.contribution)).toEqual(['440.25', '-75.00', '-75.00', '-175.00']);
  });

  it('speaks Dutch in a Dutch report', async () => {
    const { section, rows } = await trendRows('nl');
    expect(section).toContain('Door de tijd: de klantwinstrekening per kwartaal');
    expect(rows.some((r) => r[0] === 'Totaal')).toBe(true);
    expect(rows.some((r) => r[0] === '2024 K1')).toBe(true);
    expect(section).not.toMatch(/NaN|undefined|Infinity/);
  });
});
