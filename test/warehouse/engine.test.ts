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
