import { describe, expect, it } from 'vitest';
import { allocate, customerCostsParams, customerCostsSql } from '../../src/costing/allocate.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';

const USAGE = {
  table: 'u',
  events: 'events_a',
  minutes: 'minutes_a',
  minMinutes: 'min_minutes_a',
  direct: 'direct_a',
  minDirect: 'min_direct_a',
};

/** Allocates `pool` cents over `denominator` minutes for the given usage; returns cents per customer and the totals. */
async function run(
  usage: [string | null, number, string][],
  pool: bigint,
  denominator: number,
  unused: number,
) {
  const e = await DuckDBEngine.open();
  try {
    await e.run(
      'CREATE TABLE u (customer_id VARCHAR, events_a BIGINT, minutes_a DECIMAL(18,6), direct_a DECIMAL(18,4))',
    );
    for (const [c, m, d] of usage)
      await e.run('INSERT INTO u VALUES ($1, 1, $2, CAST($3 AS DECIMAL(18,4)))', [c, m, d]);
    // A customer without events of this activity (NULL minutes) is no party and has no cost.
    await e.run("INSERT INTO u VALUES ('Z', 0, NULL, NULL)");
    const { plan, ...totals } = await allocate(e, USAGE, pool, denominator, unused);
    const rows = await e.query(
      `SELECT customer_id, CAST(cost AS VARCHAR) AS cost FROM (${customerCostsSql(e.dialect, 'u', [{ plan, name: 'cost' }], [], 't_')}) c WHERE cost IS NOT NULL ORDER BY 1`,
      customerCostsParams([{ plan }], 't_'),
    );
    return { costs: Object.fromEntries(rows.map((r) => [r.customer_id, r.cost])), totals };
  } finally {
    await e.close();
  }
}

describe('allocation exact to the cent', () => {
  it('gives the cent left by rounding to the first customer in id order on a tie', async () => {
    // 1.00 over three equal users: 33.33... each, rounded 33 + 33 + 33 = 99; one cent left,
    // all remainders equal: customers by id, so A gets it.
    const r = await run(
      [
        ['B', 1, '0'],
        ['A', 1, '0'],
        ['C', 1, '0'],
      ],
      100n,
      3,
      0,
    );
    expect(r.costs).toEqual({ A: '0.34', B: '0.33', C: '0.33' });
    expect(r.totals).toMatchObject({ customers: 100n, unused: 0n, unattributed: 0n });
  });

  it('rounds exact halves to even and takes an overshoot back in reverse order', async () => {
    // 0.03 over 2 minutes, A and B 1 minute each: 1.5 cents each. Halves to even: 2 + 2 = 4,
    // one cent over: taken from the last in (remainder, kind, id) order, B. A 0.02, B 0.01.
    const r = await run(
      [
        ['A', 1, '0'],
        ['B', 1, '0'],
      ],
      3n,
      2,
      0,
    );
    expect(r.costs).toEqual({ A: '0.02', B: '0.01' });
  });

  it('keeps unattributed and unused apart and adds direct money per party', async () => {
    // 10.00 over 10 minutes: A 3 min (3.00) + 1.25 direct, no customer 2 min (2.00) + 0.50, unused 5 min (5.00).
    const r = await run(
      [
        ['A', 3, '1.25'],
        [null, 2, '0.50'],
      ],
      1000n,
      10,
      5,
    );
    expect(r.costs).toEqual({ A: '4.25' });
    expect(r.totals).toEqual({ customers: 425n, unattributed: 250n, unused: 500n, direct: 175n });
  });

  it('a pool of zero passes the direct money through, rounded per party', async () => {
    const r = await run(
      [
        ['A', 0, '0.125'],
        ['B', 0, '2.004'],
        [null, 0, '1.00'],
      ],
      0n,
      1,
      0,
    );
    // round(0.125, 2) = 0.13 (half away from zero on DECIMAL), 2.00; unattributed 1.00.
    expect(r.costs).toEqual({ A: '0.13', B: '2.00' });
    expect(r.totals).toEqual({ customers: 213n, unattributed: 100n, unused: 0n, direct: 313n });
  });
});
