/**
 * Date layouts with two-digit years and the comment on which of day and month comes first:
 * proven by days above 12, or not proven (every value reads both ways) and said so with what to
 * write instead. Values are written here, so the counts are known exactly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffExport } from '../../src/onboard/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'worth-dates-'));
let engine: DuckDBEngine;
beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
});
afterAll(async () => {
  await engine.close();
});

async function profile(name: string, dates: string[]) {
  const file = path.join(root, name);
  writeFileSync(file, `Order,Sale Date,Qty\n${dates.map((d, i) => `${i + 1},${d},1`).join('\n')}\n`);
  const p = await sniffExport(engine, file, root);
  return { column: p.columns.find((c) => c.name === 'Sale Date')!, reasons: p.reasons.map((r) => r.en) };
}

describe('two-digit years and the order of day and month', () => {
  it('03/14/25: mm/dd/yy, never the year 25; the days above 12 are counted in the comment', async () => {
    const { column, reasons } = await profile('us.csv', ['03/14/25', '01/02/25', '12/31/24', '02/05/25']);
    expect(column.dateLayout).toBe('mm/dd/yy');
    expect(reasons).toContain(
      'Sale Date: dates as mm/dd/yy (4 of 4 values read so; as dd/mm/yy only 2 would: the other 2 have a day above 12 where dd/mm/yy puts the month)',
    );
  });

  it('14/03/25: dd/mm/yy when the days above 12 say so', async () => {
    const { column } = await profile('eu.csv', ['14/03/25', '01/02/25', '31/12/24']);
    expect(column.dateLayout).toBe('dd/mm/yy');
  });

  it('no day above 12: the usual order for the slash, and a CHECK naming the other layout', async () => {
    const { column, reasons } = await profile('tie.csv', ['03/04/2025', '01/02/2025', '12/11/2024']);
    expect(column.dateLayout).toBe('mm/dd/yyyy');
    expect(reasons.find((r) => r.startsWith('Sale Date:'))).toBe(
      'Sale Date: dates as mm/dd/yyyy (3 of 3 values read so; every one also reads as dd/mm/yyyy: no day above 12 tells them apart, so the usual order for this separator was taken; CHECK it and write date_format: dd/mm/yyyy if your dates are dd/mm/yyyy)',
    );
  });
});
