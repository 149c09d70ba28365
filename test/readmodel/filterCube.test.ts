/**
 * The filter cube (filters answered from memory) gives what the read model's SQL gives, byte for
 * byte, for every combination of segment, channel and region of a demo company (and a value no
 * customer has), and for the trend with periods; the figures themselves are checked against a
 * hand calculation through the API in test/server/filters.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readFilteredDeciles,
  readFilteredRollup,
  readFilteredTotals,
  readFilteredTrend,
  readFilteredWhale,
  type Filters,
} from '../../src/readmodel/index.ts';
import {
  cubeDeciles,
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

  // Periods inside the data, at its edges, past them, and one month; the demo's months run over 2025.
  const periods: Filters[] = [
    { from: '2025-02' },
    { to: '2025-05' },
    { from: '2025-03', to: '2025-03' },
    { from: '2025-04', to: '2025-11' },
    { from: '2025-12', to: '2026-06' },
    { from: '2019-01', to: '2019-12' },
  ];

  it('holds every customer with its months, and the period tables', () => {
    expect(cube.held).not.toBeNull();
    expect(cube.held!.customers).toBe(400);
    expect(cube.held!.monthNames.length).toBeGreaterThan(6);
    // the totals and roll-ups with a period below are read from these tables, not customer by customer
    expect(cube.periods).not.toBeNull();
    expect(cube.periods!.months).toBe(cube.held!.monthNames.length);
  });

  it('gives the same totals and roll-ups for one month, the first and the last month, and every period of two', async () => {
    const names = cube.held!.monthNames.map((m) => m.slice(0, 7));
    const edges: Filters[] = [
      { from: names[0]!, to: names[0]! },
      { to: names[0]! },
      { from: names.at(-1)!, to: names.at(-1)! },
      { from: names.at(-1)! },
      { from: names[0]!, to: names.at(-1)! },
      ...names.slice(1).map((m, i) => ({ from: names[i]!, to: m })),
    ];
    let lossMakers = 0;
    for (const [i, a] of combos.entries())
      for (const p of edges.filter((_, j) => (i + j) % 13 === 0)) {
        const f = { ...a, ...p };
        const sql = await readFilteredTotals(engine, f);
        lossMakers += sql.lossMakers.customers;
        expect(JSON.stringify(cubeTotals(cube, f)), JSON.stringify(f)).toBe(JSON.stringify(sql));
        expect(JSON.stringify(cubeRollup(cube, f, 'region')), JSON.stringify(f)).toBe(
          JSON.stringify(await readFilteredRollup(engine, f, 'region')),
        );
      }
    expect(lossMakers).toBeGreaterThan(0);
  }, 300_000);

  it('gives the same totals, whale curve and roll-ups with a period for every combination', async () => {
    let lossMakers = 0;
    for (const [i, a] of combos.entries())
      for (const p of periods.filter((_, j) => (i + j) % 4 === 0)) {
        const f = { ...a, ...p };
        const sql = await readFilteredTotals(engine, f);
        lossMakers += sql.lossMakers.customers;
        expect(JSON.stringify(cubeTotals(cube, f)), JSON.stringify(f)).toBe(JSON.stringify(sql));
        for (const points of [2, 7, 200])
          expect(JSON.stringify(cubeWhale(cube, f, points)), JSON.stringify([f, points])).toBe(
            JSON.stringify(await readFilteredWhale(engine, f, points)),
          );
        for (const attribute of ['segment', 'channel', 'region'])
          expect(JSON.stringify(cubeRollup(cube, f, attribute)), JSON.stringify([f, attribute])).toBe(
            JSON.stringify(await readFilteredRollup(engine, f, attribute)),
          );
      }
    // a period's loss-makers are its own (not the year's), so some are found
    expect(lossMakers).toBeGreaterThan(0);
  });

  it('gives the same deciles, with and without a period, for every combination', async () => {
    for (const [i, a] of combos.entries())
      for (const p of [{}, ...periods].filter((_, j) => (i + j) % 3 === 0)) {
        const f = { ...a, ...p };
        expect(JSON.stringify(cubeDeciles(cube, f)), JSON.stringify(f)).toBe(
          JSON.stringify(await readFilteredDeciles(engine, f)),
        );
      }
  });

  it('leaves other attributes to SQL', () => {
    expect(cubeRollup(cube, {}, 'acquired_on')).toBeNull();
  });
});
