/**
 * `decimalFromDouble` on a real ClickHouse server: a DOUBLE rounded to the nearest unit of the
 * scale (halves away from zero, as DuckDB's CAST), NULL kept, and a value of the precision's
 * digits or more refused, never wrapped: 18.16's toDecimal64 of 1e17 scaled to cents gave
 * -92233720368547758.08 and toDecimal128 of 1e40 gave 0. Expected values written by hand.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../src/warehouse/index.ts';
import { describeWithClickHouse, startClickHouse, type ClickHouseServer } from './server.ts';

describeWithClickHouse('ClickHouse decimalFromDouble', () => {
  let server: ClickHouseServer;
  let engine: Engine;
  beforeAll(async () => {
    server = await startClickHouse();
    engine = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: server.user, password: server.password },
    });
  }, 90_000);
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
  }, 60_000);

  /** `x` (a Float64 literal, or NULL) through decimalFromDouble at (p, s), as text. */
  const convert = async (x: string, p: number, s: number): Promise<unknown> => {
    const e = x === 'NULL' ? 'CAST(NULL AS Nullable(Float64))' : `toFloat64(${x})`;
    const rows = await engine.query(`SELECT toString(${engine.dialect.decimalFromDouble(e, p, s)}) AS v`);
    return rows[0]?.v;
  };

  it('rounds to the nearest unit of the scale, halves away from zero, and keeps NULL', async () => {
    expect(await convert('2.5', 18, 0)).toBe('3');
    expect(await convert('-2.5', 18, 0)).toBe('-3');
    expect(await convert('1.25', 18, 1)).toBe('1.3');
    expect(await convert('-0.125', 18, 2)).toBe('-0.13');
    expect(await convert('12.345678', 18, 4)).toBe('12.3457');
    expect(await convert('NULL', 18, 2)).toBeNull();
  });

  it('is exact up to the last value below 10^precision units, on both sides of Decimal64', async () => {
    // 10^15 euros in cents is 10^17 units, inside 18 digits; 2^53 units are exact in a DOUBLE.
    expect(await convert('1e15', 18, 2)).toBe('1000000000000000.00');
    expect(await convert('-90071992547409.92', 18, 2)).toBe('-90071992547409.92');
    // Past 18 digits the conversion is Decimal128: 10^20 units at 38.2 is 10^18 euros.
    expect(await convert('1e18', 38, 2)).toBe('1000000000000000000.00');
  });

  it('refuses a value of the precision or more (never a wrapped number), and NaN and infinity', async () => {
    for (const [x, p, s] of [
      ['1e17', 18, 2], // 10^19 units: past Int64, wrapped to -92233720368547758.08 before
      ['-1e17', 18, 2],
      ['9.3e18', 18, 0], // past 2^63
      ['1e16', 18, 2], // 10^18 units: 19 digits, fits Int64 but not 18 digits
      ['1e40', 38, 2], // past Int128: wrapped to 0 before
      ['nan', 18, 2],
      ['inf', 18, 2],
      ['-inf', 38, 2],
    ] as const)
      await expect(convert(x, p, s), `${x} at ${p}.${s}`).rejects.toThrow(
        /too large to be kept as exact money/,
      );
  });
});
