/** Scenario runs on worker threads: the server stays responsive, results equal the in-process computation, the queue is bounded. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { loadInitiative, readBaseline } from '../../src/scenario/index.ts';
import {
  computeScenario,
  createApp,
  HttpError,
  ScenarioPool,
  type ScenarioJob,
  type WorthApp,
} from '../../src/server/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';
import { valueWorkspace, withEngine } from './valuedWorkspace.ts';

let ws: AnalysedWorkspace;
let job: ScenarioJob;
beforeAll(async () => {
  ws = await analysedWorkspace(300, 17);
  await valueWorkspace(ws.dir);
  const ini = loadInitiative(path.join(ws.dir, 'scenarios', 'free-returns.yaml'));
  const config = loadWorkspace(ws.dir);
  const baseline = await withEngine(ws.dir, (engine) =>
    readBaseline(
      engine,
      loadCostModel(config, engine.dialect),
      ini.targets,
      ini.horizon_years,
      'free-returns.yaml targets',
    ),
  );
  job = { baseline, ini, discountRate: config.config.cost_of_capital, draws: 2000, seed: 3 };
});
afterAll(() => ws.remove());

describe('the scenario pool', () => {
  it('computes on a worker thread exactly what the same job gives in process', async () => {
    const pool = new ScenarioPool(1);
    try {
      expect(JSON.parse(JSON.stringify(await pool.run(job)))).toEqual(
        JSON.parse(JSON.stringify(computeScenario(job))),
      );
    } finally {
      await pool.close();
    }
  });

  it('refuses a run with 429 when its waiting list is full, and still computes the others', async () => {
    const pool = new ScenarioPool(1, 1);
    try {
      const running = pool.run(job);
      const waiting = pool.run({ ...job, seed: 4 });
      const refused = await pool.run({ ...job, seed: 5 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HttpError);
      expect((refused as HttpError).status).toBe(429);
      expect((refused as HttpError).message).toMatch(
        /^too many scenario runs at once \(1 running, 1 waiting\)/,
      );
      expect((await running).result).toEqual(computeScenario(job).result);
      expect((await waiting).result).toEqual(computeScenario({ ...job, seed: 4 }).result);
    } finally {
      await pool.close();
    }
  });

  it('answers /api/health while scenario runs are computing', async () => {
    const worth: WorthApp = await createApp(ws.dir, { scenarioThreads: 1, pollMs: 0 });
    try {
      // The first run reads the baseline and starts the thread.
      expect((await worth.app.request('/api/scenarios/free-returns?draws=10')).status).toBe(200);
      let finished = 0;
      const runs = [1, 2, 3, 4].map((seed) =>
        Promise.resolve(worth.app.request(`/api/scenarios/free-returns?draws=5000&seed=${seed}`)).then(
          (r) => {
            finished++;
            return r.status;
          },
        ),
      );
      const health = await worth.app.request('/api/health');
      // Answered before any run is done. (This holds for runs computed in process too, by the
      // order of promise callbacks: that health's time is unaffected is measured in bench/serve.ts.)
      expect(finished).toBe(0);
      expect(await health.json()).toMatchObject({ ok: true });
      expect(await Promise.all(runs)).toEqual([200, 200, 200, 200]);
    } finally {
      await worth.close();
    }
  });
});
