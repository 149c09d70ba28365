import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/profit/index.ts';
import { ingested, query, runAnalyze } from './fixture.ts';

// Costs per customer are worked out in test/costing/costing.test.ts:
//            order  picking  delivery  phone  account  credit   cost to serve
//   C1       12.00    5.00     18.00    0.00    0.00    0.00      35.00
//   C2        9.00    1.67     41.00   50.00    0.00    0.26     101.93
//   C3       15.00   33.33     56.00    0.00  300.00  108.49     512.82
describe('customer P&L: the contribution waterfall, by hand', () => {
  let r: AnalysisResult;
  let dir: string;
  beforeAll(async () => {
    dir = await ingested();
    r = await runAnalyze(dir);
  });

  it('gives every customer its waterfall', async () => {
    // C1: gross 150, discount 10, return 30 -> net 110; cogs 70 - 15 recovered = 55; margin 55; - 35 = 20.
    // C2: gross 40 -> net 40; cogs 30; margin 10; - 101.93 = -91.93.
    // C3: gross 2000, discounts 200, rebate 100 -> net 1700; cogs 1000; margin 700; - 512.82 = 187.18.
    const rows = await query(
      dir,
      'SELECT customer_id, CAST(gross_sales AS VARCHAR) g, CAST(discounts AS VARCHAR) d, CAST(returns AS VARCHAR) r, CAST(rebates AS VARCHAR) b, ' +
        'CAST(net_sales AS VARCHAR) n, CAST(cogs AS VARCHAR) c, CAST(gross_margin AS VARCHAR) m, CAST(cost_to_serve AS VARCHAR) s, CAST(contribution AS VARCHAR) p FROM customer_pnl ORDER BY 1',
    );
    expect(rows.map((x) => Object.values(x))).toEqual([
      ['C1', '150.00', '10.00', '30.00', '0.00', '110.00', '55.00', '55.00', '35.00', '20.00'],
      ['C2', '40.00', '0.00', '0.00', '0.00', '40.00', '30.00', '10.00', '101.93', '-91.93'],
      ['C3', '2000.00', '200.00', '0.00', '100.00', '1700.00', '1000.00', '700.00', '512.82', '187.18'],
    ]);
  });

  it('has the export columns in order: one cost_<activity> per activity, their sum, contribution', async () => {
    const cols = (
      await query(
        dir,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer_pnl' ORDER BY ordinal_position",
      )
    ).map((x) => x.column_name);
    expect(cols).toEqual([
      'customer_id',
      'gross_sales',
      'discounts',
      'returns',
      'rebates',
      'net_sales',
      'cogs',
      'gross_margin',
      'cost_order_handling',
      'cost_picking',
      'cost_delivery',
      'cost_phone',
      'cost_account_management',
      'cost_credit',
      'cost_to_serve',
      'contribution',
      'cogs_estimated',
    ]);
  });

  it('totals tie to the ingested tables to the cent', () => {
    expect(r.customers).toBe(3);
    expect(r.totals).toEqual({
      grossSales: '2190.00',
      discounts: '210.00',
      returns: '30.00',
      rebates: '100.00',
      netSales: '1850.00',
      cogs: '1085.00',
      grossMargin: '765.00',
      costToServe: '649.75',
      contribution: '115.25',
      unusedCapacity: '351.00',
    });
    expect(r.reconciliation.netSales).toEqual({
      customers: '1850.00',
      unattributed: '0.00',
      company: '1850.00',
      difference: '0.00',
    });
  });

  it('whale curve: peak = profitable customers / total = 207.18 / 115.25', async () => {
    expect(r.whale.peak).toBeCloseTo(207.18 / 115.25, 6); // 1.797657 = 180%
    expect(r.whale).toMatchObject({
      peakCustomerShare: 0.666667,
      lossMakingShare: 0.333333,
      valueDestroyed: '91.93',
      peakContribution: '207.18',
    });
    // Sorted by contribution: C3 187.18, C1 20.00 (cumulative 207.18, the peak), C2 -91.93 (115.25).
    const curve = await query(
      dir,
      'SELECT customer_rank, customer_id, CAST(cumulative_contribution AS VARCHAR) AS cum, decile FROM whale_curve ORDER BY customer_rank',
    );
    expect(curve).toEqual([
      { customer_rank: 1, customer_id: 'C3', cum: '187.18', decile: 4 }, // ceil(1 x 10 / 3)
      { customer_rank: 2, customer_id: 'C1', cum: '207.18', decile: 7 },
      { customer_rank: 3, customer_id: 'C2', cum: '115.25', decile: 10 },
    ]);
  });

  it('rolls the waterfall up by deciles and by every customer attribute', async () => {
    const deciles = await query(
      dir,
      'SELECT decile, customers, CAST(contribution AS VARCHAR) AS c FROM deciles ORDER BY decile',
    );
    expect(deciles).toEqual([
      { decile: 4, customers: 1, c: '187.18' },
      { decile: 7, customers: 1, c: '20.00' },
      { decile: 10, customers: 1, c: '-91.93' },
    ]);
    const seg = await query(
      dir,
      "SELECT value, customers, loss_making_customers AS l, CAST(net_sales AS VARCHAR) AS n, CAST(contribution AS VARCHAR) AS c FROM rollup_customer_attribute WHERE attribute = 'segment' ORDER BY value",
    );
    // Retail: C1 + C2: net 150.00, contribution 20.00 - 91.93 = -71.93.
    expect(seg).toEqual([
      { value: 'Key accounts', customers: 1, l: 0, n: '1700.00', c: '187.18' },
      { value: 'Retail', customers: 2, l: 1, n: '150.00', c: '-71.93' },
    ]);
    const attrs = (
      await query(dir, 'SELECT DISTINCT attribute FROM rollup_customer_attribute ORDER BY 1')
    ).map((x) => x.attribute);
    expect(attrs).toEqual(['channel', 'region', 'segment']);
    // Product groups from the lines: A = 100 + 40 + 1000 gross, 10 + 100 discount, 50 + 30 + 500 cogs.
    const groups = await query(
      dir,
      'SELECT product_group, CAST(invoiced_sales AS VARCHAR) AS s, CAST(invoiced_margin AS VARCHAR) AS m FROM rollup_product_group ORDER BY 1',
    );
    expect(groups).toEqual([
      { product_group: 'A', s: '1030.00', m: '450.00' },
      { product_group: 'B', s: '950.00', m: '430.00' },
    ]);
  });

  it('profitability matrix: company ratios divide the quadrants', async () => {
    // Lines: price realisation 1850 / 2190 = 0.8447; cost-to-serve share 649.75 / 1850 = 0.3512.
    // C1: 110/150 = 0.733 (low), 35/110 = 0.318 (low) -> bargain basement.
    // C2: 40/40 = 1.000 (high), 101.93/40 = 2.548 (high) -> carriage trade.
    // C3: 1700/2000 = 0.850 (high), 512.82/1700 = 0.302 (low) -> passive.
    expect(r.matrix.thresholds.priceRealisation).toBeCloseTo(1850 / 2190, 12);
    expect(r.matrix.thresholds.costToServeShare).toBeCloseTo(649.75 / 1850, 12);
    const m = await query(dir, 'SELECT customer_id, quadrant FROM profitability_matrix ORDER BY 1');
    expect(m.map((x) => x.quadrant)).toEqual(['bargain basement', 'carriage trade', 'passive']);
  });

  it('voice of customer: satisfaction (score / scale) against contribution', async () => {
    // C1 9/10 = 0.9, profitable -> champions; C2 5/5 = 1.0, loses money -> over-served;
    // C3 5/10 = 0.5 (below 0.7), profitable -> at risk.
    const v = await query(
      dir,
      'SELECT customer_id, satisfaction, quadrant FROM voice_of_customer ORDER BY 1',
    );
    expect(v).toEqual([
      { customer_id: 'C1', satisfaction: 0.9, quadrant: 'champions' },
      { customer_id: 'C2', satisfaction: 1, quadrant: 'over-served' },
      { customer_id: 'C3', satisfaction: 0.5, quadrant: 'at risk' },
    ]);
    expect(r.voiceOfCustomer.mostOverServedSegment).toEqual({ segment: 'Retail', customers: 1, share: 0.5 });
  });

  it('explains a loss by the lines worse than the segment median', async () => {
    // C2 against Retail's medians (C1, C2): margin (55 + 10) / 2 = 32.50 -> 22.50 short;
    // delivery (18 + 41) / 2 = 29.50 -> 11.50 above; phone (0 + 50) / 2 = 25.00 above;
    // credit (0 + 0.26) / 2 = 0.13 above. Order handling (9 < 10.50) and picking (1.67 < 3.34) are not.
    const rows = await query(
      dir,
      'SELECT customer_id, line, CAST(gap AS VARCHAR) AS gap FROM loss_explanations ORDER BY gap DESC',
    );
    expect(rows).toEqual([
      { customer_id: 'C2', line: 'cost_phone', gap: '25.00' },
      { customer_id: 'C2', line: 'gross_margin', gap: '22.50' },
      { customer_id: 'C2', line: 'cost_delivery', gap: '11.50' },
      { customer_id: 'C2', line: 'cost_credit', gap: '0.13' },
    ]);
    expect(r.lossMakers.customers).toBe(1);
    expect(r.lossMakers.topLines[0]).toEqual({ line: 'cost_phone', customers: 1, gap: '25.00' });
  });
});
