/**
 * `worth analyze` before a cost model: the hand-built company (fixture.ts) without its
 * cost_model section. Every figure is worked out by hand from the fixture's files.
 */
import { describe, expect, it } from 'vitest';
import { formatAnalysis } from '../../src/profit/index.ts';
import { FILES, ingested, query, runAnalyze, yaml } from './fixture.ts';

describe('analyze without a cost model', () => {
  it('gives the customer P&L down to gross margin, whale curve and deciles on gross margin, and one line on adding cost to serve', async () => {
    const dir = await ingested({ 'worth.yaml': yaml(''), ...FILES });
    const r = await runAnalyze(dir);
    // C1: gross 150, discount 10, return 30 -> net 110; cogs 70 - 15 recovered = 55; margin 55.
    // C2: gross 40 -> net 40; cogs 30; margin 10.
    // C3: gross 2000, discounts 200, rebate 100 -> net 1700; cogs 1000; margin 700.
    expect(r.costToServe).toBe(false);
    expect(r.activities).toEqual([]);
    expect(r.totals.netSales).toBe('1850.00');
    expect(r.totals.grossMargin).toBe('765.00');
    expect(r.totals.costToServe).toBe('0.00');
    expect(r.totals.contribution).toBe('765.00');
    const pnl = await query(
      dir,
      'SELECT customer_id, CAST(gross_margin AS VARCHAR) AS m, CAST(contribution AS VARCHAR) AS c FROM customer_pnl ORDER BY 1',
    );
    expect(pnl).toEqual([
      { customer_id: 'C1', m: '55.00', c: '55.00' },
      { customer_id: 'C2', m: '10.00', c: '10.00' },
      { customer_id: 'C3', m: '700.00', c: '700.00' },
    ]);
    // Whale curve on gross margin: C3 (700), C1 (55), C2 (10); cumulative 700, 755, 765 of 765.
    const whale = await query(
      dir,
      'SELECT customer_id, CAST(cumulative_contribution AS VARCHAR) AS cum FROM whale_curve ORDER BY customer_rank',
    );
    expect(whale).toEqual([
      { customer_id: 'C3', cum: '700.00' },
      { customer_id: 'C1', cum: '755.00' },
      { customer_id: 'C2', cum: '765.00' },
    ]);
    // Three customers in ten deciles: ceil(rank * 10 / 3) = 4, 7, 10.
    const deciles = await query(
      dir,
      'SELECT decile, CAST(gross_margin AS VARCHAR) AS m FROM deciles ORDER BY decile',
    );
    expect(deciles).toEqual([
      { decile: 4, m: '700.00' },
      { decile: 7, m: '55.00' },
      { decile: 10, m: '10.00' },
    ]);
    expect(r.whale.lossMakingShare).toBe(0);

    const text = formatAnalysis(r, 'EUR');
    expect(text).toContain('= gross margin');
    expect(text).not.toContain('cost to serve     ');
    expect(text).toContain('whale curve (gross margin)');
    const hint = text.split('\n').filter((l) => l.includes('cost_model'));
    expect(hint).toHaveLength(1);
    expect(hint[0]).toMatch(/no cost model: the customer P&L stops at gross margin/);
    expect(text).not.toMatch(/ARCHITECTURE|src\/costing|NaN|undefined|Infinity/);

    // In Dutch (language: nl): the same figures, Dutch words and number marks.
    const nl = formatAnalysis(r, 'EUR', 'nl');
    expect(nl).toMatch(/= brutomarge\s+765,00/);
    expect(nl).toContain(
      'netto-omzet: klanten 1.850,00 + zonder klant 0,00 = bedrijf 1.850,00; verschil 0,00',
    );
    expect(nl).toContain('walviscurve (brutomarge)');
    expect(nl.split('\n').filter((l) => l.includes('cost_model'))[0]).toMatch(
      /^geen kostenmodel: de klant-W&V stopt bij de brutomarge/,
    );
  });
});
