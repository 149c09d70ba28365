import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { checkMonthlyAddsUp } from '../../src/profit/monthly.ts';
import { buildMonthlyPnl } from '../../src/profit/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { COST_MODEL, ingested, query, runAnalyze, yaml } from './fixture.ts';

const money = (c: string) => `CAST(${c} AS VARCHAR) AS ${c}`;

// The hand-built company (fixture.ts); its yearly costs are worked out in pnl.test.ts:
//   C1: everything in January (order O1, its two lines, shipment S1, no contacts by phone).
//   C2: everything in February (O2, S2, phone contacts K1 and K2, invoice I2 paid late).
//   C3: order O3, shipment S3 and invoice I3 in March; the rebate dated 2024-12-31 in December;
//       account management 300.00 a year has no date: 25.00 in each of the 12 months.
describe('the customer P&L by month, by hand', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await ingested();
    await runAnalyze(dir);
  });

  it('puts sales on their dates and cost to serve on the dates of its events', async () => {
    const rows = await query(
      dir,
      `SELECT customer_id, CAST(month AS VARCHAR) AS month, ${['gross_sales', 'discounts', 'returns', 'rebates', 'net_sales', 'cogs', 'gross_margin', 'cost_to_serve', 'contribution'].map(money).join(', ')} ` +
        "FROM pnl_monthly WHERE customer_id IN ('C1', 'C2') OR month IN (DATE '2024-01-01', DATE '2024-03-01', DATE '2024-12-01') ORDER BY customer_id, month",
    );
    expect(rows.map((r) => Object.values(r))).toEqual([
      // C1 January: gross 150, discount 10, return 30 -> net 110; cogs 70 - 15 = 55; costs 12 + 5 + 18 = 35.
      ['C1', '2024-01-01', '150.00', '10.00', '30.00', '0.00', '110.00', '55.00', '55.00', '35.00', '20.00'],
      // C2 February: net 40, cogs 30; costs 9 + 1.67 + 41 + 50 + 0.26 = 101.93.
      ['C2', '2024-02-01', '40.00', '0.00', '0.00', '0.00', '40.00', '30.00', '10.00', '101.93', '-91.93'],
      // C3 January: only its share of account management.
      ['C3', '2024-01-01', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '25.00', '-25.00'],
      // C3 March: net 2000 - 200 = 1800, cogs 1000; costs 15 + 33.33 + 56 + 108.49 + 25 = 237.82.
      [
        'C3',
        '2024-03-01',
        '2000.00',
        '200.00',
        '0.00',
        '0.00',
        '1800.00',
        '1000.00',
        '800.00',
        '237.82',
        '562.18',
      ],
      // C3 December: the rebate 100 and 25 of account management.
      [
        'C3',
        '2024-12-01',
        '0.00',
        '0.00',
        '0.00',
        '100.00',
        '-100.00',
        '0.00',
        '-100.00',
        '25.00',
        '-125.00',
      ],
    ]);
    const c3 = await query(
      dir,
      "SELECT count(*) AS n, CAST(sum(contribution) AS VARCHAR) AS c FROM pnl_monthly WHERE customer_id = 'C3'",
    );
    // 562.18 - 125 - 10 x 25 = 187.18, C3's yearly contribution.
    expect(c3).toEqual([{ n: 12, c: '187.18' }]);
  });

  it('adds up to the customer P&L per customer and in total, to the cent', async () => {
    const cols = [
      'gross_sales',
      'discounts',
      'returns',
      'rebates',
      'net_sales',
      'cogs',
      'gross_margin',
      'cost_to_serve',
      'contribution',
    ];
    const monthly = await query(
      dir,
      `SELECT customer_id, ${cols.map((c) => `CAST(sum(${c}) AS VARCHAR) AS ${c}`).join(', ')} FROM pnl_monthly GROUP BY customer_id ORDER BY customer_id`,
    );
    const yearly = await query(
      dir,
      `SELECT customer_id, ${cols.map(money).join(', ')} FROM customer_pnl ORDER BY customer_id`,
    );
    expect(monthly).toEqual(yearly);
    // Totals of pnl_test.ts: net 1850.00, cost to serve 649.75, contribution 115.25.
    const [total] = await query(
      dir,
      'SELECT CAST(sum(net_sales) AS VARCHAR) AS n, CAST(sum(cost_to_serve) AS VARCHAR) AS s, CAST(sum(contribution) AS VARCHAR) AS c FROM pnl_monthly',
    );
    expect(total).toEqual({ n: '1850.00', s: '649.75', c: '115.25' });
  });

  it('rolls up per segment and month', async () => {
    const rows = await query(
      dir,
      "SELECT segment, CAST(month AS VARCHAR) AS month, customers, CAST(contribution AS VARCHAR) AS c FROM pnl_monthly_segment WHERE month <= DATE '2024-03-01' ORDER BY segment, month",
    );
    expect(rows).toEqual([
      { segment: 'Key accounts', month: '2024-01-01', customers: 1, c: '-25.00' },
      { segment: 'Key accounts', month: '2024-02-01', customers: 1, c: '-25.00' },
      { segment: 'Key accounts', month: '2024-03-01', customers: 1, c: '562.18' },
      { segment: 'Retail', month: '2024-01-01', customers: 1, c: '20.00' },
      { segment: 'Retail', month: '2024-02-01', customers: 1, c: '-91.93' },
    ]);
  });

  it('builds cohorts by first-order month, with contribution; months before the first order count in month 0', async () => {
    const rows = await query(
      dir,
      'SELECT CAST(cohort AS VARCHAR) AS cohort, months_since, customers, CAST(net_sales AS VARCHAR) AS n, CAST(contribution AS VARCHAR) AS c FROM cohort_monthly WHERE months_since <= 1 ORDER BY cohort, months_since',
    );
    expect(rows).toEqual([
      { cohort: '2024-01-01', months_since: 0, customers: 1, n: '110.00', c: '20.00' },
      { cohort: '2024-02-01', months_since: 0, customers: 1, n: '40.00', c: '-91.93' },
      // C3 first ordered in March: January and February (-25 each) join March's 562.18 in month 0.
      { cohort: '2024-03-01', months_since: 0, customers: 1, n: '1800.00', c: '512.18' },
      { cohort: '2024-03-01', months_since: 1, customers: 1, n: '0.00', c: '-25.00' },
    ]);
  });
});

describe('the cent split of an undated cost', () => {
  it('gives the leftover cents one each to the earliest months', async () => {
    // Account management 100.00 a year: 10,000 cents / 12 = 833 rest 4, so January to April 8.34 (ties go to the earlier month), May to December 8.33.
    const model = COST_MODEL.replace('per_customer_per_year: 300', 'per_customer_per_year: 100');
    const dir = await ingested({ 'worth.yaml': yaml(model) });
    await runAnalyze(dir);
    const rows = await query(
      dir,
      "SELECT CAST(month AS VARCHAR) AS m, CAST(cost_to_serve AS VARCHAR) AS s FROM pnl_monthly WHERE customer_id = 'C3' AND month <> DATE '2024-03-01' ORDER BY month",
    );
    // Without March: January, February and April 8.34, May to December 8.33.
    expect(rows.map((r) => r.s)).toEqual([
      '8.34',
      '8.34',
      '8.34',
      '8.33',
      '8.33',
      '8.33',
      '8.33',
      '8.33',
      '8.33',
      '8.33',
      '8.33',
    ]);
    // March: 15 + 33.33 + 56 + 108.49 + 8.34.
    const [march] = await query(
      dir,
      "SELECT CAST(cost_to_serve AS VARCHAR) AS s FROM pnl_monthly WHERE customer_id = 'C3' AND month = DATE '2024-03-01'",
    );
    expect(march).toEqual({ s: '221.16' });
  });
});

describe('the cent split of a cost over its events', () => {
  it('gives the cents left after flooring to the largest remainders, so an odd number of cents adds up', async () => {
    // One direct cost: each shipment's freight. C1 ships in January, February and March, 3.33 +
    // 3.34 + 3.34 = 10.01 a year: 1,001 cents over 3 events, one a month. Each month
    // floor(1001 x 1 / 3) = 333, remainder 2; 1,001 - 999 = 2 cents left go one each to the two
    // largest remainders, all equal, so to the earlier months: January 3.34, February 3.34,
    // March 3.33 (each less than a cent from the exact 3.3366...).
    // C2 ships twice in May and once in June, 0.05 a year: 5 cents over 3 events. May
    // floor(5 x 2 / 3) = 3 rest 1, June floor(5 x 1 / 3) = 1 rest 2; the 1 cent left goes to
    // June (remainder 2 > 1): May 0.03, June 0.02 (exact 0.0333... and 0.0166...).
    const model = `cost_model:
  activities:
    - id: freight
      kind: direct
      behaviour: variable
      driver: shipments
      cost: freight_cost
`;
    const dir = await ingested({
      'worth.yaml': yaml(model),
      'data/shipments.csv': [
        'shipment_id,order_id,customer_id,ship_date,freight_cost,weight_kg,express',
        'S1,O1,C1,2024-01-11,3.33,10,false',
        'S2,O1,C1,2024-02-11,3.34,10,false',
        'S3,O1,C1,2024-03-11,3.34,10,false',
        'S4,O2,C2,2024-05-02,0.01,5,false',
        'S5,O2,C2,2024-05-20,0.01,5,false',
        'S6,O2,C2,2024-06-02,0.03,5,false',
      ].join('\n'),
    });
    await runAnalyze(dir);
    const rows = await query(
      dir,
      'SELECT customer_id, CAST(month AS VARCHAR) AS m, CAST(cost_to_serve AS VARCHAR) AS s FROM pnl_monthly WHERE cost_to_serve <> 0 ORDER BY customer_id, month',
    );
    expect(rows.map((r) => [r.customer_id, r.m, r.s])).toEqual([
      ['C1', '2024-01-01', '3.34'],
      ['C1', '2024-02-01', '3.34'],
      ['C1', '2024-03-01', '3.33'],
      ['C2', '2024-05-01', '0.03'],
      ['C2', '2024-06-01', '0.02'],
    ]);
    // The yearly figures the months add up to, from customer_pnl: 10.01 and 0.05.
    const yearly = await query(
      dir,
      "SELECT customer_id, CAST(cost_to_serve AS VARCHAR) AS s FROM customer_pnl WHERE customer_id IN ('C1', 'C2') ORDER BY customer_id",
    );
    expect(yearly).toEqual([
      { customer_id: 'C1', s: '10.01' },
      { customer_id: 'C2', s: '0.05' },
    ]);
  });
});

describe('the check of the months against the customer P&L', () => {
  it('passes on a true run and names the customer when one month is a cent off, or a cent moved between customers', async () => {
    const dir = await ingested();
    await runAnalyze(dir);
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      await expect(checkMonthlyAddsUp(engine)).resolves.toBeUndefined();
      // One cent more for C2 in February: the plain sums differ.
      await engine.run(
        "UPDATE pnl_monthly SET cost_to_serve = cost_to_serve + 0.01 WHERE customer_id = 'C2' AND month = DATE '2024-02-01'",
      );
      await expect(checkMonthlyAddsUp(engine)).rejects.toThrow(
        'pnl_monthly does not add up to customer_pnl for 1 customers (first: C2)',
      );
      // And that cent taken from C1 in January: the plain sums agree again, the weighted ones do not.
      await engine.run(
        "UPDATE pnl_monthly SET cost_to_serve = cost_to_serve - 0.01 WHERE customer_id = 'C1' AND month = DATE '2024-01-01'",
      );
      await expect(checkMonthlyAddsUp(engine)).rejects.toThrow(
        'pnl_monthly does not add up to customer_pnl for 2 customers (first: C1)',
      );
    } finally {
      await engine.close();
    }
  });
});

describe('the demo company by month', () => {
  it('adds up to the customer P&L per customer and in total, to the cent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-demo-monthly-'));
    await writeDemoWorkspace(dir, { customers: 1500 });
    await ingestWorkspace(loadWorkspace(dir));
    await runAnalyze(dir);
    const cols = ['net_sales', 'cogs', 'cost_to_serve', 'contribution'];
    const [differ] = await query(
      dir,
      `SELECT count(*) AS n FROM customer_pnl p LEFT JOIN (SELECT customer_id, ${cols.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM pnl_monthly GROUP BY customer_id) m ` +
        `ON m.customer_id = p.customer_id WHERE ${cols.map((c) => `coalesce(m.${c}, 0) <> p.${c}`).join(' OR ')}`,
    );
    expect(differ).toEqual({ n: 0 });
    const [t] = await query(
      dir,
      'SELECT (SELECT CAST(sum(contribution) AS VARCHAR) FROM pnl_monthly) AS monthly, (SELECT CAST(sum(contribution) AS VARCHAR) FROM customer_pnl) AS yearly, ' +
        '(SELECT CAST(sum(contribution) AS VARCHAR) FROM pnl_monthly_segment) AS segments, (SELECT count(DISTINCT month) FROM pnl_monthly) AS months',
    );
    expect(t!.monthly).toBe(t!.yearly);
    expect(t!.segments).toBe(t!.yearly);
    expect(Number(t!.months)).toBeGreaterThanOrEqual(12);
    // The split in SQL (taken when a figure is too large to be exact as a number) gives the
    // same cents as the one in process: every row of pnl_monthly, before and after.
    const dump = (engine: DuckDBEngine) =>
      engine.query(
        `SELECT customer_id, CAST(month AS VARCHAR) AS m, ${cols.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')} FROM pnl_monthly ORDER BY customer_id, month`,
      );
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      const inProcess = await dump(engine);
      const model = loadCostModel(loadWorkspace(dir), engine.dialect);
      const hasSegment = (await engine.columnTypes('customers')).some((c) => c.name === 'segment');
      await engine.transaction(() => buildMonthlyPnl(engine, model, hasSegment, 'sql'));
      const inSql = await dump(engine);
      expect(inSql.length).toBe(inProcess.length);
      expect(inSql).toEqual(inProcess);
      await expect(checkMonthlyAddsUp(engine)).resolves.toBeUndefined();
      // In process again, a range of customers at a time (about 300 weight rows each: every
      // customer with a cost has at least one weight row, so 1,500 of them make five ranges or
      // more, as millions do at the default): the same cents as in one range.
      const [c] = await engine.query('SELECT count(*) AS n FROM customer_pnl WHERE cost_to_serve <> 0');
      expect(Number(c!.n)).toBeGreaterThan(4 * 300);
      await engine.transaction(() => buildMonthlyPnl(engine, model, hasSegment, 'auto', 300));
      expect(await dump(engine)).toEqual(inProcess);
      await expect(checkMonthlyAddsUp(engine)).resolves.toBeUndefined();
    } finally {
      await engine.close();
    }
  });
});
