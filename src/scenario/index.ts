/**
 * Scenarios: price an initiative before committing to it. An initiative (YAML) targets
 * customers with a filter, adds costs and moves behaviour; the projection runs baseline and
 * initiative side by side on the targeted group's CLV curves and cost lines, month by month.
 */
export {
  initiativeSchema,
  distributionSchema,
  EFFECTS,
  EFFECT_UNITS,
  type Initiative,
  type Effect,
  type EffectName,
} from './schema.ts';
export { meanOf, sample, isUncertain, describeDistribution, type Distribution } from './distribution.ts';
export {
  addCustomer,
  emptyCurves,
  type GroupBaseline,
  type GroupCurves,
  type CostLine,
  type VolumeDriver,
} from './baseline.ts';
export { project, type Projection, type EffectValues, type LineTotals } from './project.ts';
export { simulate, tornado, meanEffects, quantile, type Simulation, type TornadoBar } from './monteCarlo.ts';
export {
  breakEven,
  solveBreakEven,
  breakEvenRule,
  BREAK_EVEN_TOLERANCE,
  type BreakEvenPoint,
  type BreakEvenRule,
} from './breakEven.ts';
export { parseInitiative, loadInitiative } from './loadInitiative.ts';
export { readBaseline } from './readBaseline.ts';
export { sumCurves, WEEKS_PER_MONTH, type CustomerHistories } from './sumCurves.ts';
export { scenarioResult, COST_NOTE, type ScenarioResult, type ScenarioOptions } from './result.ts';
export { runScenario, checkActivities } from './runScenario.ts';
export { formatScenario, formatComparison, breakEvenWords } from './format.ts';
export { cents } from './money.ts';
export { TEMPLATES_DIR } from './templates.ts';
export {
  cashBand,
  computeScenario,
  BAND_DRAWS,
  type CashBand,
  type ScenarioJob,
  type ScenarioOutcome,
} from './scenarioCompute.ts';
