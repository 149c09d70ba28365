/**
 * The filter cube (filters answered from memory) gives what the read model's SQL gives, byte for
 * byte, for every combination of segment, channel and region of a demo company (and a value no
 * customer has), and for the trend with periods; the figures themselves are checked against a
 * hand calculation through the API in test/server/filters.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readFilteredRollup,
  readFilteredTotals,
  readFilteredTrend,
  readFilteredWhale,
  type Filters,
} from '../../src/readmodel/index.ts';
import {
  cubeRollup,
  cubeTotals,
  cubeTrend,
  cubeWhale,
  loadFilterCube,
  type FilterCube,
} from '../../src/readmodel/filterCube.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let engine: DuckDBEngine;
let cube: FilterCube;
const combos: Filters[] = [];

beforeAll(async () => {
  ws = await analysedWorkspace(400, 11);
  engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE));
  cube = (await loadFilterCube(engine))!;
  const values = async (a: string) =>
    (await engine.query(`SELECT DISTINCT ${a} AS v FROM customers WHERE ${a} IS NOT NULL ORDER BY v`)).map(
      (r) => String(r.v),
    );
  const segs = [undefined, 'nobody has this', ...(await values('segment'))];
  const chans = [undefined, ...(await values('channel'))];
  const regs = [undefined, ...(await values('region'))];
  for (const segment of segs)
    for (const channel of chans)
      for (const region of regs)
        combos.push({
          ...(segment !== undefined ? { segment } : {}),
          ...(channel !== undefined ? { channel } : {}),
          ...(region !== undefined ? { region } : {}),
        });
}, 240_000);
afterAll(async () => {
  await engine?.close();
  ws?.remove();
});

describe('the filter cube equals the SQL reads', () => {
  it('is built, with every combination to check', () => {
    expect(cube).not.toBeNull();
    expect(cube.contribution.length).toBe(400);
    expect(combos.length).toBeGreaterThan(100);
  });

  it('gives the same totals and whale curve for every combination (the whole period)', async () => {
    let nonEmpty = 0;
    for (const f of combos) {
      const sql = await readFilteredTotals(engine, f);
      expect(JSON.stringify(cubeTotals(cube, f)), JSON.stringify(f)).toBe(JSON.stringify(sql));
      for (const points of [2, 7, 200])
        expect(JSON.stringify(cubeWhale(cube, f, points)), JSON.stringify([f, points])).toBe(
          JSON.stringify(await readFilteredWhale(engine, f, points)),
        );
      if (sql.customers > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(30);
  });

  it('gives the same roll-up by segment, channel and region for every combination', async () => {
    for (const f of combos)
      for (const attribute of ['segment', 'channel', 'region'])
        expect(JSON.stringify(cubeRollup(cube, f, attribute)), JSON.stringify([f, attribute])).toBe(
          JSON.stringify(await readFilteredRollup(engine, f, attribute)),
        );
  });

  it('gives the same trend by month and quarter, with and without a period', async () => {
    expect(cubeTrend(cube, { from: '2025-03', to: '2025-04' }, 'month').periods.length).toBe(2);
    const periods: Filters[] = [
      {},
      { from: '2025-02' },
      { to: '2025-05' },
      { from: '2025-03', to: '2025-03' },
      { from: '2025-04', to: '2025-11' },
    ];
    for (const f of combos.filter((_, i) => i % 3 === 0))
      for (const p of periods)
        for (const grain of ['month', 'quarter'] as const) {
          const g = { ...f, ...p };
          expect(JSON.stringify(cubeTrend(cube, g, grain)), JSON.stringify([g, grain])).toBe(
            JSON.stringify(await readFilteredTrend(engine, g, grain)),
          );
        }
  });

  it('leaves a period (totals, whale, roll-up) and other attributes to SQL', () => {
    expect(cubeTotals(cube, { from: '2025-02' })).toBeNull();
    expect(cubeWhale(cube, { to: '2025-02' }, 10)).toBeNull();
    expect(cubeRollup(cube, { from: '2025-02' }, 'segment')).toBeNull();
    expect(cubeRollup(cube, {}, 'acquired_on')).toBeNull();
  });
});
