/** A scenario on a workspace: the initiative's activity ids checked, the baseline read, the result computed. */
import { WorthError } from '../core/index.ts';
import type { CostModel } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { readBaseline } from './readBaseline.ts';
import { scenarioResult, type ScenarioOptions, type ScenarioResult } from './result.ts';
import type { Initiative } from './schema.ts';

/** Checks that activity changes and capacity cuts name activities of the cost model (capacity cuts: not variable ones). */
export function checkActivities(ini: Initiative, model: CostModel, fileName: string): void {
  const byId = new Map(model.activities.map((a) => [a.id, a]));
  const ids = [...byId.keys()].join(', ');
  ini.costs.activities.forEach((c, i) => {
    if (!byId.has(c.activity))
      throw new WorthError(
        'config',
        { file: fileName, path: `costs.activities.${i}.activity` },
        c.activity,
        `an activity of the cost model (${ids})`,
      );
  });
  ini.costs.capacity_cuts.forEach((c, i) => {
    const a = byId.get(c.activity);
    if (!a)
      throw new WorthError(
        'config',
        { file: fileName, path: `costs.capacity_cuts.${i}.activity` },
        c.activity,
        `an activity of the cost model (${ids})`,
      );
    if (a.behaviour === 'variable')
      throw new WorthError(
        'config',
        { file: fileName, path: `costs.capacity_cuts.${i}.activity` },
        c.activity,
        'a capacity or fixed activity (variable costs already move with volume)',
      );
  });
  const last = ini.horizon_years * 12;
  ini.costs.capacity_cuts.forEach((c, i) => {
    if (c.from_month > last)
      throw new WorthError(
        'config',
        { file: fileName, path: `costs.capacity_cuts.${i}.from_month` },
        c.from_month,
        `a month within the horizon (1-${last})`,
      );
  });
}

/** Runs an initiative on an analysed workspace (after `worth analyze` and `worth clv`). */
export async function runScenario(
  engine: Engine,
  model: CostModel,
  ini: Initiative,
  fileName: string,
  o: ScenarioOptions,
): Promise<ScenarioResult> {
  checkActivities(ini, model, fileName);
  const baseline = await readBaseline(engine, model, ini.targets, ini.horizon_years, `${fileName} targets`);
  return scenarioResult(baseline, ini, o);
}
