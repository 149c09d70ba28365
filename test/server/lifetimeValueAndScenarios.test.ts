/**
 * The Lifetime value and Scenarios routes with Hono's request helper on a small demo
 * workspace: before `worth clv` (the page is told how to get CLV, scenarios 409), then after
 * it: the figures equal what `worth clv` stored, a run equals the scenario library's own run
 * with the same seed, a moved effect shifts its distribution, every bad parameter is a 400,
 * and the token rule holds.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toScaled } from '../../src/core/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import {
  loadInitiative,
  meanEffects,
  project,
  quantile,
  readBaseline,
  runScenario,
  simulate,
  type Initiative,
  type ScenarioResult,
} from '../../src/scenario/index.ts';
import { cents } from '../../src/scenario/index.ts';
import { BAND_DRAWS, cashBand, createApp, type WorthApp } from '../../src/server/index.ts';
import { requests } from './requests.ts';
import type { ClvRunResult } from '../../src/value/index.ts';
import type { Row } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';
import { valueWorkspace, withEngine } from './valuedWorkspace.ts';

let ws: AnalysedWorkspace;
let worth: WorthApp;
let clv: ClvRunResult;
let fits: Row[];
let counts: { x: number; n: number }[];
let library: ScenarioResult;
let moved: ScenarioResult;
let band: ReturnType<typeof cashBand>;
let expectedBand: { p5: string; p50: string; p95: string }[];
const noClv: { status: number; body: unknown }[] = [];

const FREE_RETURNS = () => path.join(ws.dir, 'scenarios', 'free-returns.yaml');

beforeAll(async () => {
  ws = await analysedWorkspace(300, 9);
  // Before worth clv: what the routes say.
  const early = await createApp(ws.dir);
  for (const url of ['/api/lifetime-value', '/api/scenarios/free-returns']) {
    const res = await early.app.request(url);
    noClv.push({ status: res.status, body: await res.json() });
  }
  await early.close();

  clv = await valueWorkspace(ws.dir);
  await withEngine(ws.dir, async (engine) => {
    fits = await engine.query('SELECT * FROM clv_fit ORDER BY model');
    counts = (
      await engine.query(
        'SELECT CAST(least(x, 7) AS INTEGER) AS x, count(*) AS n FROM customer_clv GROUP BY 1 ORDER BY 1',
      )
    ).map((r) => ({ x: Number(r.x), n: Number(r.n) }));
    const config = loadWorkspace(ws.dir);
    const model = loadCostModel(config, engine.dialect);
    const o = { discountRate: config.config.cost_of_capital, draws: 500, seed: 3 };
    const ini = loadInitiative(FREE_RETURNS());
    library = await runScenario(engine, model, ini, 'free-returns.yaml', o);
    // Frequency moved to mean 6: triangular(0, 4, 8) becomes triangular(2, 6, 10), the rest as in the file.
    const shifted: Initiative = {
      ...ini,
      effects: {
        ...ini.effects,
        frequency: { ...ini.effects.frequency!, value: { triangular: { min: 2, mode: 6, max: 10 } } },
      },
    };
    moved = await runScenario(engine, model, shifted, 'free-returns.yaml', o);
    // The band from the library's own draws: each draw's sampled effects projected, cumulative cash per year.
    const b = await readBaseline(engine, model, ini.targets, ini.horizon_years, 'test');
    const sim = simulate(b, ini, o.discountRate, BAND_DRAWS, 7);
    const perYear = Array.from({ length: ini.horizon_years }, () => new Float64Array(BAND_DRAWS));
    for (let d = 0; d < BAND_DRAWS; d++) {
      const v = { ...meanEffects(ini) };
      for (const [effect, values] of sim.samples) v[effect] = values[d]!;
      project(b, ini, v, o.discountRate).cumulative.forEach((c, y) => (perYear[y]![d] = c));
    }
    expectedBand = perYear.map((vals) => {
      const s = vals.sort();
      return { p5: cents(quantile(s, 0.05)), p50: cents(quantile(s, 0.5)), p95: cents(quantile(s, 0.95)) };
    });
    band = cashBand(b, ini, o.discountRate, 2000, 7);
  });
  writeFileSync(
    path.join(ws.dir, 'scenarios', 'broken.yaml'),
    'name: Broken\neffects:\n  retention: { value: 2 }\n',
  );
  worth = await createApp(ws.dir);
});
afterAll(async () => {
  await worth?.close();
  ws?.remove();
});

const { get, expect400 } = requests(() => worth);

describe('before worth clv', () => {
  it('the lifetime value route says how to get CLV; a scenario run is a 409', () => {
    expect(noClv[0]).toEqual({
      status: 200,
      body: { available: false, message: expect.stringContaining('worth clv') },
    });
    expect(noClv[1]!.status).toBe(409);
    expect(JSON.stringify(noClv[1]!.body)).toContain('worth clv');
  });
});

describe('GET /api/lifetime-value', () => {
  it('returns the figures worth clv stored: totals to the cent, the fitted models with standard errors', async () => {
    const { status, body } = await get('/api/lifetime-value');
    expect(status).toBe(200);
    expect(body.available).toBe(true);
    expect(body.totalProfitClv).toBe(clv.totalProfitClv);
    expect(body.totalRevenueClv).toBe(clv.totalRevenueClv);
    expect(body.lossMakingCustomers).toBe(clv.lossMakingCustomers);
    expect(body.lossMakingClv).toBe(clv.lossMakingClv);
    expect(body.customers).toBe(clv.customers);
    expect(body.horizonYears).toBe(clv.horizonYears);
    expect(body.discountRate).toBe(clv.discountRate);
    expect(body.purchaseModel.model).toBe(clv.model);
    expect(
      Object.fromEntries(
        body.purchaseModel.params.map((p: { name: string; value: number }) => [p.name, p.value]),
      ),
    ).toEqual(clv.purchaseFit.params);
    expect(
      Object.fromEntries(
        body.purchaseModel.params.map((p: { name: string; standardError: number }) => [
          p.name,
          p.standardError,
        ]),
      ),
    ).toEqual(clv.purchaseFit.standardErrors);
    expect(body.purchaseModel.logLikelihood).toBe(clv.purchaseFit.logLikelihood);
    const k = Object.keys(clv.purchaseFit.params).length;
    expect(body.purchaseModel.aic).toBeCloseTo(2 * k - 2 * clv.purchaseFit.logLikelihood, 9);
    expect(body.spendModel.model).toBe('gamma-gamma');
    expect(fits.map((f) => f.model)).toContain(body.spendModel.model);
  });

  it('the distribution adds up: deciles to the total (exact cents), histogram and P(alive) bins to the customers', async () => {
    const { body } = await get('/api/lifetime-value');
    const deciles = body.deciles as { decile: number; customers: number; clvProfit: string }[];
    expect(deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(deciles.reduce((s, d) => s + d.customers, 0)).toBe(clv.customers);
    expect(deciles.reduce((s, d) => s + toScaled(d.clvProfit), 0n)).toBe(toScaled(clv.totalProfitClv!));
    for (let i = 1; i < deciles.length; i++)
      expect(Number(deciles[i]!.clvProfit)).toBeLessThanOrEqual(Number(deciles[i - 1]!.clvProfit));
    const sum = (bins: { customers: number }[]) => bins.reduce((s, b) => s + b.customers, 0);
    expect(sum(body.histogram)).toBe(clv.customers);
    expect(sum(body.pAlive)).toBe(clv.customers);
    expect(body.pAlive).toHaveLength(10);
    expect(body.top10Share).toBeGreaterThan(0);
    expect(body.top20Share).toBeGreaterThanOrEqual(body.top10Share);
  });

  it('sends the stored fit diagnostics: the frequency histogram (actual = customers per repeat count) and the tracking curve', async () => {
    const { body } = await get('/api/lifetime-value');
    expect(body.frequency.map((r: { x: number }) => r.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const c of counts) expect(body.frequency[c.x].actual, `x = ${c.x}`).toBe(c.n);
    expect(body.tracking.length).toBeGreaterThan(50);
    expect(body.tracking.at(-1).actual).toBeGreaterThan(0);
  });
});

describe('GET /api/scenarios', () => {
  it('lists the initiative files with their effects as sliders; a broken file is listed with its error', async () => {
    const { status, body } = await get('/api/scenarios');
    expect(status).toBe(200);
    const ids = body.map((i: { id: string }) => i.id);
    expect(ids).toContain('free-returns');
    expect(ids).toContain('key-account-manager');
    expect(ids).toEqual([...ids].sort());
    const fr = body.find((i: { id: string }) => i.id === 'free-returns');
    expect(fr.name).toEqual(loadInitiative(FREE_RETURNS()).name);
    const freq = fr.effects.find((e: { effect: string }) => e.effect === 'frequency');
    expect(freq).toMatchObject({
      distribution: 'triangular(0, 4, 8)',
      mean: 4,
      uncertain: true,
      basis: 'judgment',
    });
    expect(freq.min).toBeLessThan(0);
    expect(freq.max).toBeGreaterThan(8);
    const broken = body.find((i: { id: string }) => i.id === 'broken');
    expect(broken.error).toContain('broken.yaml');
    expect(broken.effects).toEqual([]);
  });
});

describe('GET /api/scenarios/:id', () => {
  it('equals the scenario library run with the same draws and seed', async () => {
    const { status, body } = await get('/api/scenarios/free-returns?draws=500&seed=3&lang=en');
    expect(status).toBe(200);
    expect(body.result).toEqual(library);
    expect(body.effects).toEqual({
      retention: 1.5,
      frequency: 4,
      returns: library.inputs.find((i) => i.effect === 'returns')!.mean,
    });
  });

  it('a moved effect shifts its distribution (mean = the value sent, spread kept) and changes the result', async () => {
    const { status, body } = await get('/api/scenarios/free-returns?draws=500&seed=3&frequency=6&lang=en');
    expect(status).toBe(200);
    expect(body.result).toEqual(moved);
    expect(body.result.inputs.find((i: { effect: string }) => i.effect === 'frequency').distribution).toBe(
      'triangular(2, 6, 10)',
    );
    expect(body.result.npv.mean).not.toBe(library.npv.mean);
    expect(body.effects.frequency).toBe(6);
  });

  it('sends the cumulative cash band of the same seeded draws as the library simulation', async () => {
    expect(band.map(({ p5, p50, p95 }) => ({ p5, p50, p95 }))).toEqual(expectedBand);
    const { body } = await get('/api/scenarios/free-returns?draws=2000&seed=7');
    expect(body.band).toEqual(band);
    for (const y of body.band) {
      expect(Number(y.p5)).toBeLessThanOrEqual(Number(y.p50));
      expect(Number(y.p50)).toBeLessThanOrEqual(Number(y.p95));
    }
    expect((await get('/api/scenarios/free-returns?draws=0')).body.band).toEqual([]);
  });

  it('rejects bad parameters with a 400 naming the parameter', async () => {
    await expect400('/api/scenarios/free-returns?draws=-1', 'draws');
    await expect400('/api/scenarios/free-returns?draws=abc', 'draws');
    await expect400('/api/scenarios/free-returns?draws=5001', 'draws');
    await expect400('/api/scenarios/free-returns?draws=2.5', 'draws');
    await expect400('/api/scenarios/free-returns?seed=-3', 'seed');
    await expect400('/api/scenarios/free-returns?seed=1e12', 'seed');
    await expect400('/api/scenarios/free-returns?retention=abc', 'retention');
    await expect400('/api/scenarios/free-returns?retention=1000', 'retention');
    await expect400('/api/scenarios/free-returns?spend=3&lang=en', 'free-returns.yaml has no spend effect');
    await expect400('/api/scenarios/..%2F..%2Fworth', 'a file name without .yaml');
    await expect400('/api/scenarios/.hidden', 'a file name without .yaml');
    await expect400('/api/scenarios/broken', 'broken.yaml');
  });

  it('404s an initiative that is not a file in scenarios/', async () => {
    const { status, body } = await get('/api/scenarios/no-such-initiative');
    expect(status).toBe(404);
    expect(body.error.message).toContain('free-returns');
  });
});

describe('the token rule on the new routes', () => {
  it('401s without the token (also when it is in the query string), answers with it in the header', async () => {
    const guarded = await createApp(ws.dir, { token: 's3cret' });
    try {
      for (const url of ['/api/lifetime-value', '/api/scenarios', '/api/scenarios/free-returns?draws=10']) {
        expect((await guarded.app.request(url)).status, url).toBe(401);
        expect(
          (await guarded.app.request(url, { headers: { authorization: 'Bearer wrong' } })).status,
          url,
        ).toBe(401);
        expect(
          (await guarded.app.request(url, { headers: { authorization: 'Bearer s3cret' } })).status,
          url,
        ).toBe(200);
      }
      expect((await guarded.app.request('/api/scenarios/free-returns?draws=10&token=s3cret')).status).toBe(
        401,
      );
    } finally {
      await guarded.close();
    }
  });
});
