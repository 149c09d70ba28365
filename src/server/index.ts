/**
 * The HTTP server: a Hono app over one analysed workspace (read-only), the access-token rule,
 * and the reads the API and the report share.
 */
export {
  createApp,
  MAX_BODY_BYTES,
  MAX_QUERY_LENGTH,
  SCENARIO_TIMEOUT_MS,
  type AppOptions,
  type WorthApp,
} from './createApp.ts';
export { startServer, type ServeOptions, type RunningServer } from './startServer.ts';
export { isLoopback, resolveToken, bearerToken, maskToken, allowedHosts } from './access.ts';
export { HttpError } from './httpError.ts';
export { WorkspaceReader, type WhalePoint } from './workspaceReader.ts';
export type { CustomerDetail } from './customerDetail.ts';
export type { CustomerPage, CustomerRow } from './customerTable.ts';
export { CUSTOMER_SORTS, type CustomerSort, type CustomersQuery } from './params.ts';
export {
  readLifetimeValue,
  lifetimeValueOf,
  type LifetimeValue,
  type FittedModel,
  type HistogramBin,
  type ModelChoiceRead,
} from './clvReads.ts';
export {
  ScenarioService,
  shiftTo,
  SCENARIOS_DIR,
  type InitiativeInfo,
  type EffectControl,
  type ScenarioRun,
  type RunSettings,
} from './scenarios.ts';
export {
  cashBand,
  computeScenario,
  BAND_DRAWS,
  type CashBand,
  type ScenarioJob,
  type ScenarioOutcome,
} from './scenarioCompute.ts';
export { ScenarioPool, DEFAULT_SCENARIO_THREADS, DEFAULT_SCENARIO_WAITING } from './scenarioPool.ts';
export {
  LiveWorkspace,
  shouldHoldPages,
  AUTO_HOLD_MAX_CUSTOMERS,
  type ServedGeneration,
  type GenerationLease,
  type LiveOptions,
} from './liveWorkspace.ts';
export { MAX_DRAWS, DEFAULT_DRAWS } from './scenarioParams.ts';
export { trendOf, customerTrendOf, cohortsOf, drillOf, type TrendAnswer } from './trendReads.ts';
export { whatIfOf } from './whatIfReads.ts';
export { dataQualityOf, type DataQualityAnswer } from './dataQualityReads.ts';
export {
  filtersOf,
  filteredOverviewOf,
  filteredCustomersOf,
  filteredRollupOf,
  filteredDecilesOf,
  filteredTrendOf,
  type FilteredOverview,
} from './filterReads.ts';
export { customerProductsOf, productGroupCustomersOf } from './productReads.ts';
