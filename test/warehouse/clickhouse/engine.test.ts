/**
 * The ClickHouse engine's own parts beyond the conformance suite: columns appended from memory,
 * numeric columns and chunked streams read back, a CSV export with exact decimals, and a second
 * connection with temporary tables of its own. Expected values are written here by hand.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../src/warehouse/index.ts';
import { describeWithClickHouse, startClickHouse, type ClickHouseServer } from './server.ts';

describeWithClickHouse('ClickHouse engine', () => {
  let server: ClickHouseServer;
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    server = await startClickHouse();
    engine = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: server.user, password: server.password },
    });
    dir = mkdtempSync(path.join(tmpdir(), 'worth-ch-engine-'));
  }, 90_000);
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('appends columns from memory (NaN and null as NULL, text with tabs and newlines) and reads them back', async () => {
    await engine.run('CREATE TABLE appended (x DOUBLE, t VARCHAR)');
    await engine.appendColumns('appended', [
      Float64Array.from([1.5, NaN, -2]),
      ['a\tb', null, 'line\nbreak \\ end'],
    ]);
    expect(await engine.query('SELECT x, t FROM appended ORDER BY x')).toEqual([
      { x: -2, t: 'line\nbreak \\ end' },
      { x: 1.5, t: 'a\tb' },
      { x: null, t: null },
    ]);
    const cols = await engine.queryNumericColumns('SELECT x FROM appended ORDER BY x');
    expect(Array.from(cols.x!)).toEqual([-2, 1.5, NaN]);
  });

  it('streams a result in chunks of at most 2048 rows, numbers and texts in column order', async () => {
    await engine.run('CREATE TABLE many (k DOUBLE, t VARCHAR)');
    const n = 5000;
    await engine.appendColumns('many', [
      Float64Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => `c${i}`),
    ]);
    const sizes: number[] = [];
    let sum = 0;
    let last = '';
    await engine.streamColumns('SELECT k, t FROM many ORDER BY k', (columns, rows) => {
      sizes.push(rows);
      const [k, t] = columns as [Float64Array, (string | null)[]];
      for (let i = 0; i < rows; i++) sum += k[i]!;
      last = t[rows - 1]!;
    });
    expect(sizes).toEqual([2048, 2048, 904]);
    expect(sum).toBe((n * (n - 1)) / 2);
    expect(last).toBe('c4999');
  });

  it('exports a query as CSV with the delimiter asked and decimals as exact text', async () => {
    const file = path.join(dir, 'out.csv');
    await engine.exportQuery(
      `SELECT 'C1' AS customer_id, CAST('123456789012345.67' AS ${engine.dialect.decimalType(18, 2)}) AS amount`,
      file,
      'csv',
      ';',
    );
    expect(readFileSync(file, 'utf8')).toBe('"customer_id";"amount"\n"C1";123456789012345.67\n');
  });

  it('a second connection has temporary tables of its own and sees the same database', async () => {
    const other = await engine.connect();
    try {
      await engine.run('CREATE TEMPORARY TABLE mine (k INTEGER)');
      expect(await engine.tableExists('mine')).toBe(true);
      expect(await other.tableExists('mine')).toBe(false);
      expect(await other.tableExists('many')).toBe(true);
    } finally {
      await other.close();
    }
  });
});
