import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  credibilityFrom,
  credibilityMoments,
  credibleRate,
  MARGIN_RATE_BOUNDS,
} from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';

/*
 * Hand-worked Bühlmann–Straub case (revenue-weighted order rates):
 *   customer A: orders of 100 at rate 0.5 and 100 at 0.3 -> S_A 200, rate 0.4, within squares 100*0.1^2 * 2 = 2
 *   customer B: orders of 50 at 0.1 and 150 at 0.3       -> S_B 200, rate 0.25, within squares 50*0.15^2 + 150*0.05^2 = 1.5
 *   s2 = (2 + 1.5) / (4 orders - 2 customers) = 1.75
 *   overall rate (200*0.4 + 200*0.25) / 400 = 0.325; between squares 2 * 200 * 0.075^2 = 2.25
 *   a = (2.25 - (2 - 1) * 1.75) / (400 - 80000/400) = 0.5 / 200 = 0.0025;  K = 1.75 / 0.0025 = 700
 */
const HAND = {
  customers: 2,
  orders: 4,
  total: 400,
  squares: 80000,
  withinSquares: 3.5,
  betweenSquares: 2.25,
};

describe('credible margin rates', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open();
    await engine.run(
      'CREATE TABLE order_lines (order_id VARCHAR, customer_id VARCHAR, gross_amount DECIMAL(18,2), discount_amount DECIMAL(18,2), cogs_amount DECIMAL(18,2))',
    );
    // Orders split over lines (and a discount) so the SQL must sum per order before taking the rate.
    await engine.run(`INSERT INTO order_lines VALUES
      ('A1', 'A', 60, 0, 30), ('A1', 'A', 40, 0, 20),   -- 100 at 0.5
      ('A2', 'A', 110, 10, 70),                          -- 100 at 0.3
      ('B1', 'B', 50, 0, 45),                            -- 50 at 0.1
      ('B2', 'B', 100, 0, 70), ('B2', 'B', 50, 0, 35),   -- 150 at 0.3
      ('Z1', 'B', 0, 0, 0),                              -- no revenue: not an observation
      ('U1', NULL, 999, 0, 1)                            -- unattributed: left out`);
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads the Bühlmann–Straub moments from the order lines as worked by hand', async () => {
    const m = await credibilityMoments(engine);
    expect(m.customers).toBe(HAND.customers);
    expect(m.orders).toBe(HAND.orders);
    expect(m.total).toBeCloseTo(HAND.total, 9);
    expect(m.squares).toBeCloseTo(HAND.squares, 6);
    expect(m.withinSquares).toBeCloseTo(HAND.withinSquares, 9);
    expect(m.betweenSquares).toBeCloseTo(HAND.betweenSquares, 9);
  });

  it('gives K = 700 for the hand-worked case, and no credibility when customers differ no more than chance', () => {
    const e = credibilityFrom(HAND);
    expect(e.withinVariance).toBeCloseTo(1.75, 12);
    expect(e.betweenVariance).toBeCloseTo(0.0025, 12);
    expect(e.k).toBeCloseTo(700, 6);
    // Between-customer spread below what the within variance explains: a = 0, K infinite, all weight to the segment.
    expect(credibilityFrom({ ...HAND, betweenSquares: 1 }).k).toBe(Number.POSITIVE_INFINITY);
    expect(
      credibilityFrom({
        customers: 1,
        orders: 1,
        total: 10,
        squares: 100,
        withinSquares: 0,
        betweenSquares: 0,
      }).k,
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps a customer with 2.90 of sales and an observed rate of -19.6 near its segment, within the bounds', () => {
    // w = 2.9 / (2.9 + 700) = 0.00412576; rate = 0.3 + w * (-19.6 - 0.3) = 0.3 - 57.71 / 702.9 = 0.217897 (to 1e-6).
    const tiny = credibleRate(-19.6, 2.9, 0.3, 700);
    expect(tiny.weight).toBeCloseTo(2.9 / 702.9, 12);
    expect(tiny.rate).toBeCloseTo(0.217897, 6);
    // A large customer keeps most of its own rate: w = 70000 / 70700 = 0.990099; 0.3 + w * (0.45 - 0.3) = 0.448515.
    expect(credibleRate(0.45, 70000, 0.3, 700).rate).toBeCloseTo(0.448515, 6);
    // Bounds hold even for a credible extreme, and no revenue means the segment's rate.
    expect(credibleRate(-5, 1e9, 0.3, 700).rate).toBe(MARGIN_RATE_BOUNDS.min);
    expect(credibleRate(0.9, 0, 0.3, 700)).toEqual({ rate: 0.3, weight: 0 });
    expect(credibleRate(0.9, 500, 0.3, Number.POSITIVE_INFINITY)).toEqual({ rate: 0.3, weight: 0 });
  });
});
