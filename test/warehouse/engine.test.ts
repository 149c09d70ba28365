import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBEngine } from '../../src/warehouse/index.ts';

describe('DuckDB engine: numeric columns', () => {
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open(':memory:');
    await engine.run('CREATE TABLE t (a DOUBLE, b BIGINT, c DECIMAL(18,2))');
    await engine.run('INSERT INTO t VALUES (1.5, 2, 3.25), (NULL, 4, NULL)');
  });
  afterAll(async () => engine.close());

  it('reads numbers as Float64Arrays, NULL as NaN', async () => {
    const cols = await engine.queryNumericColumns('SELECT a, b, c FROM t ORDER BY b');
    expect([...cols.a!]).toEqual([1.5, Number.NaN]);
    expect([...cols.b!]).toEqual([2, 4]);
    expect([...cols.c!]).toEqual([3.25, Number.NaN]);
  });

  it('gives empty columns, by name, for an empty result', async () => {
    const cols = await engine.queryNumericColumns('SELECT a, b FROM t WHERE b > $1', [100]);
    expect(Object.keys(cols)).toEqual(['a', 'b']);
    expect(cols.a!.length).toBe(0);
    expect(cols.b!.length).toBe(0);
  });
});

describe('DuckDB engine: bound numbers beyond 64 bits', () => {
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open(':memory:');
    await engine.run('CREATE TABLE f (model VARCHAR, ll DOUBLE, n DOUBLE, k BIGINT)');
  });
  afterAll(async () => engine.close());

  it('binds a whole number beyond 64 bits (a fitted 4.6e295, -1e20, 2^63) as DOUBLE beside ordinary values', async () => {
    // The client binds whole JS numbers as BIGINT: these failed with "bigint out of int64 range" (worth clv, a 10-customer file).
    for (const [ll, n] of [
      [4.6e295, 10],
      [-1e20, 2 ** 63],
      [-(2 ** 63), 3],
    ] as const)
      await engine.run('INSERT INTO f VALUES ($1, $2, $3, $4)', ['bgnbd', ll, n, 7]);
    const rows = await engine.query('SELECT ll, n, k FROM f ORDER BY rowid');
    expect(rows.map((r) => [r.ll, r.n, Number(r.k)])).toEqual([
      [4.6e295, 10, 7],
      [-1e20, 2 ** 63, 7],
      [-(2 ** 63), 3, 7],
    ]);
    // And in a query's parameters.
    const [q] = await engine.query('SELECT CAST($1 AS DOUBLE) * 2 AS x, $2 + 1 AS y', [1e300, 41]);
    expect([q!.x, Number(q!.y)]).toEqual([2e300, 42]);
  });
});
