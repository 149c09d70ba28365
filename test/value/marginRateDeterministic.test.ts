import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/clv/index.ts';
import { credibilityFrom, credibilityMoments, type CredibilityMoments } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';

/*
 * The credibility moments (and with them K and every customer's credible margin rate in
 * customer_clv) must be the same to the last bit on every run, however the engine's threads
 * split the sums. Seeded order lines in cents: 30,000 customers, 1-25 orders of 1-3 lines each
 * (about 390,000 orders, enough rows for DuckDB to aggregate in parallel). Expected values are
 * worked out here from the cents (BigInt sums, the squares in doubles in a fixed order).
 */
const CUSTOMERS = 30_000;

interface Line {
  order: string;
  customer: string;
  gross: bigint;
  discount: bigint;
  cogs: bigint;
}

function lines(seed: number): Line[] {
  const rnd = new Random(seed);
  const out: Line[] = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    const orders = 1 + Math.floor(rnd.uniform() * 25);
    // each customer's own margin level, so customers really differ (K finite)
    const level = 0.15 + 0.5 * rnd.uniform();
    for (let o = 0; o < orders; o++) {
      const n = 1 + Math.floor(rnd.uniform() * 3);
      for (let l = 0; l < n; l++) {
        const gross = BigInt(1 + Math.floor(rnd.uniform() * 500_000));
        const discount = rnd.uniform() < 0.3 ? BigInt(Math.floor(Number(gross) * 0.1 * rnd.uniform())) : 0n;
        const rate = Math.min(0.95, Math.max(-0.5, level + 0.3 * rnd.normal()));
        const cogs = BigInt(Math.round(Number(gross - discount) * (1 - rate)));
        out.push({ order: `O${c}-${o}`, customer: `C${c}`, gross, discount, cogs });
      }
    }
  }
  return out;
}

/** The moments from the cents, independently of the SQL. */
function expectedMoments(rows: readonly Line[]): CredibilityMoments {
  const orders = new Map<string, { customer: string; rev: bigint; gm: bigint }>();
  for (const r of rows) {
    const o = orders.get(r.order) ?? { customer: r.customer, rev: 0n, gm: 0n };
    o.rev += r.gross - r.discount;
    o.gm += r.gross - r.discount - r.cogs;
    orders.set(r.order, o);
  }
  const customers = new Map<
    string,
    { n: number; s: bigint; gm: bigint; list: { rev: bigint; gm: bigint }[] }
  >();
  for (const o of orders.values()) {
    if (o.rev <= 0n) continue;
    const c = customers.get(o.customer) ?? { n: 0, s: 0n, gm: 0n, list: [] };
    c.n++;
    c.s += o.rev;
    c.gm += o.gm;
    c.list.push(o);
    customers.set(o.customer, c);
  }
  let orderCount = 0;
  let total = 0n;
  let gm = 0n;
  let squares = 0;
  let within = 0;
  for (const c of customers.values()) {
    orderCount += c.n;
    total += c.s;
    gm += c.gm;
    squares += (Number(c.s) / 100) ** 2;
    const r = Number(c.gm) / Number(c.s);
    for (const o of c.list) within += (Number(o.rev) / 100) * (Number(o.gm) / Number(o.rev) - r) ** 2;
  }
  const overall = Number(gm) / Number(total);
  let between = 0;
  for (const c of customers.values())
    between += (Number(c.s) / 100) * (Number(c.gm) / Number(c.s) - overall) ** 2;
  return {
    customers: customers.size,
    orders: orderCount,
    total: Number(total) / 100,
    squares,
    withinSquares: within,
    betweenSquares: between,
  };
}

const cents = (v: bigint) =>
  `${v < 0n ? '-' : ''}${(v < 0n ? -v : v) / 100n}.${String((v < 0n ? -v : v) % 100n).padStart(2, '0')}`;

async function loaded(threads: number, rows: readonly Line[]): Promise<Engine> {
  const engine = await DuckDBEngine.open(':memory:', { threads });
  await engine.run(
    'CREATE TABLE staged (order_id VARCHAR, customer_id VARCHAR, gross VARCHAR, discount VARCHAR, cogs VARCHAR)',
  );
  await engine.appendColumns('staged', [
    rows.map((r) => r.order),
    rows.map((r) => r.customer),
    rows.map((r) => cents(r.gross)),
    rows.map((r) => cents(r.discount)),
    rows.map((r) => cents(r.cogs)),
  ]);
  // shuffled by a hash so no order of the lines follows the customers
  await engine.run(
    'CREATE TABLE order_lines AS SELECT order_id, customer_id, CAST(gross AS DECIMAL(18,2)) AS gross_amount, CAST(discount AS DECIMAL(18,2)) AS discount_amount, CAST(cogs AS DECIMAL(18,2)) AS cogs_amount FROM staged ORDER BY hash(order_id || gross)',
  );
  await engine.run('DROP TABLE staged');
  return engine;
}

/** The moments and K as bytes (every double's bit pattern). */
function bytes(m: CredibilityMoments): string {
  const k = credibilityFrom(m);
  const v = Float64Array.of(
    m.customers,
    m.orders,
    m.total,
    m.squares,
    m.withinSquares,
    m.betweenSquares,
    k.k,
    k.withinVariance,
    k.betweenVariance,
  );
  return Buffer.from(v.buffer).toString('hex');
}

describe('credibility moments are the same on every run', () => {
  const rows = lines(20261206);
  let two: Engine;
  let one: Engine;
  beforeAll(async () => {
    two = await loaded(2, rows);
    one = await loaded(1, rows);
  }, 120_000);
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('gives the same bytes twice on two threads and once on one, and the moments worked out from the cents', async () => {
    const first = await credibilityMoments(two);
    const second = await credibilityMoments(two);
    const single = await credibilityMoments(one);
    expect(bytes(second)).toBe(bytes(first));
    expect(bytes(single)).toBe(bytes(first));

    const want = expectedMoments(rows);
    expect(first.customers).toBe(want.customers);
    expect(first.orders).toBe(want.orders);
    // an exact decimal sum cast once: the double nearest the cents' total
    expect(first.total).toBe(want.total);
    // squares summed from per-term values rounded to 1e-10 (see SQUARES_TYPE): relative 1e-12 at most here
    for (const key of ['squares', 'withinSquares', 'betweenSquares'] as const)
      expect(Math.abs(first[key] - want[key]) / want[key]).toBeLessThan(1e-12);
    expect(Number.isFinite(credibilityFrom(first).k)).toBe(true);
  }, 120_000);
});
