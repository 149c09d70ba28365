/**
 * The drill's copy of the order lines (`drill_order_lines`) written in parts, each a range of
 * the customer hash sorted on its own (src/profit/drillLines.ts): the same rows as the copy
 * written in one sort, in an order sorted by the hash throughout, on a demo company forced into
 * many parts (the default takes parts only past 8,000,000 lines).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { buildDrillLines, DRILL_LINES_TABLE } from '../../src/profit/index.ts';
import { drillParts } from '../../src/profit/drillLines.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

describe('how many parts the drill copy is written in', () => {
  it('is one up to the part size, then a power of two of at least four', () => {
    expect(drillParts(0, 8_000_000)).toBe(1);
    expect(drillParts(8_000_000, 8_000_000)).toBe(1);
    expect(drillParts(8_000_001, 8_000_000)).toBe(4); // two wanted, four taken
    expect(drillParts(32_000_000, 8_000_000)).toBe(4);
    expect(drillParts(32_000_001, 8_000_000)).toBe(8);
    expect(drillParts(102_223_761, 8_000_000)).toBe(16); // the 10,000,000-customer demo
  });
});

describe('the drill copy in parts', () => {
  let dir: string;
  let engine: DuckDBEngine;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'worth-drill-parts-'));
    await writeDemoWorkspace(dir, { customers: 300, seed: 5 });
    await ingestWorkspace(loadWorkspace(dir));
    engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  }, 300_000);
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every row as text, in a fixed order, and how many rows break the hash order as stored. */
  const read = async () => ({
    rows: await engine.query(
      `SELECT CAST(customer_hash AS VARCHAR) AS h, customer_id, _source, _line, order_id, line_no, CAST(order_date AS VARCHAR) AS d, ` +
        `CAST(gross_amount AS VARCHAR) AS g, CAST(discount_amount AS VARCHAR) AS di, CAST(cogs_amount AS VARCHAR) AS c, cogs_estimated AS e ` +
        `FROM ${DRILL_LINES_TABLE} ORDER BY customer_hash, _source, _line`,
    ),
    unsorted: Number(
      (
        await engine.query(
          `SELECT count(*) AS n FROM (SELECT customer_hash < lag(customer_hash) OVER (ORDER BY rowid) AS bad FROM ${DRILL_LINES_TABLE}) x WHERE bad`,
        )
      )[0]!.n,
    ),
  });

  it('holds the same rows as one sort, sorted by the hash as stored', async () => {
    const [lines] = await engine.query('SELECT count(*) AS n FROM order_lines WHERE customer_id IS NOT NULL');
    const n = Number(lines!.n);
    await buildDrillLines(engine);
    const one = await read();
    expect(one.rows.length).toBe(n);
    expect(one.unsorted).toBe(0);
    const partRows = Math.floor(n / 20);
    expect(drillParts(n, partRows)).toBe(32);
    await buildDrillLines(engine, partRows);
    const parts = await read();
    expect(parts.unsorted).toBe(0);
    expect(parts.rows).toEqual(one.rows);
    // Every part has rows (the hash spreads 300 customers over all 32 ranges), so the order checked above spans parts.
    const [filled] = await engine.query(
      `SELECT count(DISTINCT customer_hash // ${String(2n ** 59n)}) AS n FROM ${DRILL_LINES_TABLE}`,
    );
    expect(Number(filled!.n)).toBe(32);
  }, 300_000);
});
