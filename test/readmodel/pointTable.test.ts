/**
 * A point table read chunk by chunk from the engine into typed arrays gives back every row as
 * written: 80,000 rows over 20,000 customer positions from a seeded generator (expected rows
 * formatted here from the generated cents, days and words, not read back from Worth), with text
 * of more distinct values than 16-bit codes hold (the switch to UTF-8 halfway through the
 * stream), accents and emoji, repeated words (codes), missing values of every kind, negative
 * cents and one amount beyond 32 bits (the switch to doubles), and customers without rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POSITIONS, PointTable } from '../../src/readmodel/pointTable.ts';
import { DuckDBEngine, type Row } from '../../src/warehouse/index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'worth-point-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CUSTOMERS = 20_000;
const ROWS = 80_000;
const KINDS = ['review', 'nps', 'klacht'];
const id = (p: number) => `K${String(p).padStart(6, '0')}`;
const money = (cents: number) => {
  const a = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};
const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('a point table streamed into typed arrays', () => {
  it('gives every customer its rows, in order, as written', async () => {
    const next = random(7);
    const expected: Row[][] = Array.from({ length: CUSTOMERS }, () => []);
    const lines = ['customer_id,seq,name,kind,amount,day,flag'];
    for (let i = 0; i < ROWS; i++) {
      const p = Math.floor(next() * CUSTOMERS);
      const name = i % 7 === 3 ? null : `naam ${i} é😀`;
      const kind = i % 5 === 0 ? null : KINDS[Math.floor(next() * 3)]!;
      const cents =
        i === 4242 ? 300_000_000_000 : i % 11 === 0 ? null : Math.floor(next() * 2_000_000) - 1_000_000;
      const d = i % 13 === 0 ? null : 19_000 + Math.floor(next() * 1_000);
      const flag = i % 17 === 0 ? null : next() < 0.5;
      lines.push(
        [
          id(p),
          i,
          name ?? '',
          kind ?? '',
          cents === null ? '' : money(cents),
          d === null ? '' : day(d),
          flag ?? '',
        ].join(','),
      );
      expected[p]!.push({
        name,
        kind,
        amount: cents === null ? null : money(cents),
        day: d === null ? null : day(d),
        flag,
      });
    }
    const file = path.join(dir, 't.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const engine = await DuckDBEngine.open();
    try {
      await engine.run(
        "CREATE TABLE t AS SELECT * FROM read_csv($1, header = true, columns = {'customer_id': 'VARCHAR', 'seq': 'INTEGER', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'day': 'DATE', 'flag': 'BOOLEAN'})",
        [file],
      );
      await engine.run(
        `CREATE TEMP TABLE ${POSITIONS} AS SELECT 'K' || lpad(CAST(i AS VARCHAR), 6, '0') AS customer_id, CAST(i AS INTEGER) AS pos FROM range(${CUSTOMERS}) r(i)`,
      );
      const table = await PointTable.load(
        engine,
        {
          name: 't',
          table: 't',
          from: 't x',
          columns: ['name', 'kind', 'amount', 'day', 'flag'].map((c) => ({ name: c, sql: `x.${c}` })),
          orderBy: 'x.seq',
        },
        CUSTOMERS,
      );
      expect(table.rowCount).toBe(ROWS);
      let empty = 0;
      for (let p = 0; p < CUSTOMERS; p++) {
        if (expected[p]!.length === 0) empty++;
        expect(table.rowsAt(p)).toEqual(expected[p]);
      }
      expect(empty).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
