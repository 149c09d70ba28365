import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from './readCsv.ts';
import { storyStats, type CustomerStats, type SegmentStats } from './storyStats.ts';
import { demoWorkspace, removeWorkspaces } from './workspace.ts';
import type { DemoSummary } from '../../src/demo/index.ts';

// The default demo (2,000 customers, 3 years, seed 42) must carry the story the analyses
// will tell. Contribution here is a rough P&L with assumed cost rates (see storyStats.ts).
let demo: DemoSummary;
let segments: Record<string, SegmentStats>;
let customers: Map<string, CustomerStats>;

beforeAll(async () => {
  demo = await demoWorkspace({});
  ({ segments, customers } = storyStats(demo.dir));
});
afterAll(removeWorkspaces);

const KEY = 'Key accounts';
const WEB = 'Web shop consumers';

describe('the demo company tells a story', () => {
  it('has about ten order lines per customer and four segments', () => {
    expect(demo.totals.customers.rows).toBe(2000);
    const perCustomer = demo.totals.order_lines.rows / 2000;
    expect(perCustomer).toBeGreaterThan(8);
    expect(perCustomer).toBeLessThan(12);
    expect(Object.keys(segments).sort()).toEqual(['Horeca', KEY, 'Retail', WEB]);
    expect(segments[KEY]!.customers).toBeGreaterThanOrEqual(5);
    expect(segments[WEB]!.customers).toBeGreaterThan(1500);
  });

  it('gives key accounts the highest revenue and the most service minutes per customer', () => {
    for (const [name, s] of Object.entries(segments)) {
      if (name === KEY) continue;
      expect(segments[KEY]!.revenuePerCustomer, name).toBeGreaterThan(5 * s.revenuePerCustomer);
      expect(segments[KEY]!.minutesPerCustomer, name).toBeGreaterThan(5 * s.minutesPerCustomer);
    }
  });

  it('gives web shop consumers the highest return rate and horeca the smallest business orders', () => {
    for (const [name, s] of Object.entries(segments)) {
      if (name !== WEB) expect(segments[WEB]!.returnRate, name).toBeGreaterThan(2 * s.returnRate);
    }
    expect(segments.Horeca!.revenuePerOrder).toBeLessThan(segments.Retail!.revenuePerOrder);
    expect(segments.Horeca!.linesPerOrder).toBeLessThan(segments.Retail!.linesPerOrder);
  });

  it('has a long tail of loss-makers and key accounts that lose money despite big revenue', () => {
    const all = [...customers.values()];
    const losers = all.filter((c) => c.contribution < 0);
    expect(losers.length / all.length).toBeGreaterThan(0.2);
    const keyLosers = all.filter((c) => c.segment === KEY && c.contribution < 0);
    expect(keyLosers.length).toBeGreaterThanOrEqual(1);
    const total = all.reduce((s, c) => s + c.contribution, 0);
    const profit = all.filter((c) => c.contribution > 0).reduce((s, c) => s + c.contribution, 0);
    expect(profit / total).toBeGreaterThan(1.2); // the whale curve peaks well above 100%
  });

  it('has an over-served group (unprofitable, very satisfied) and an at-risk group (profitable, unhappy)', () => {
    const all = [...customers.values()].filter((c) => c.satisfaction !== undefined);
    const overServed = all.filter((c) => c.contribution < 0 && c.satisfaction! >= 0.8 && c.segment !== KEY);
    const atRisk = all.filter((c) => c.contribution > 0 && c.satisfaction! < 0.5);
    expect(overServed.length).toBeGreaterThan(20);
    expect(atRisk.length).toBeGreaterThan(10);
    expect(atRisk.some((c) => c.segment === KEY)).toBe(true);
  });

  it('has invoices paid on time, some late and a few unpaid', () => {
    const inv = readCsv(demo.files.invoices);
    const due = inv.col('due_date');
    const paid = inv.col('paid_date');
    const late = inv.rows.filter((r) => r[paid] !== '' && r[paid]! > r[due]!).length;
    const unpaid = inv.rows.filter((r) => r[paid] === '').length;
    const n = inv.rows.length;
    expect(late / n).toBeGreaterThan(0.01);
    expect(late / n).toBeLessThan(0.3);
    expect(unpaid).toBeGreaterThan(0);
    expect(unpaid / n).toBeLessThan(0.05);
  });

  it('has customers who stop buying (signal for lifetime value) and new customers over the years', () => {
    const lines = readCsv(demo.files.order_lines);
    const last = new Map<string, string>();
    for (const r of lines.rows) if ((last.get(r[2]!) ?? '') < r[3]!) last.set(r[2]!, r[3]!);
    const businessLapsed = [...last].filter(
      ([id, d]) => customers.get(id)!.segment !== WEB && d < '2025-01-01',
    );
    expect(businessLapsed.length).toBeGreaterThan(10);
    const acquired = readCsv(demo.files.customers).rows.map((r) => r[5]!.slice(0, 4));
    for (const y of ['2022', '2023', '2024', '2025'])
      expect(acquired.filter((a) => a === y).length, y).toBeGreaterThan(50);
  });

  it('has express shipments, rebates for key accounts and every feedback kind', () => {
    const ship = readCsv(demo.files.shipments);
    const express = ship.rows.filter((r) => r[6] === 'true').length / ship.rows.length;
    expect(express).toBeGreaterThan(0.03);
    expect(express).toBeLessThan(0.4);
    const rebated = new Set(readCsv(demo.files.rebates).rows.map((r) => customers.get(r[0]!)!.segment));
    expect(rebated.has(KEY)).toBe(true);
    const kinds = new Set(readCsv(demo.files.feedback).rows.map((r) => r[3]));
    expect([...kinds].sort()).toEqual(['complaint', 'nps', 'review', 'survey']);
  });
});
