/**
 * The HTTP server: a Hono app over one analysed workspace (read-only), the access-token rule,
 * parameters, HTTP errors, the scenario pool and the live generation; the reads are the read
 * model's (src/readmodel).
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
// The reader a server serves (createApp's `reader` option) and what the server's tests read through it, from the read model.
export {
  WorkspaceReader,
  lifetimeValueOf,
  customerTrendOf,
  CUSTOMER_SORTS,
  type CustomerSort,
  type CustomersQuery,
  type CustomerRow,
} from '../readmodel/index.ts';
// The scenario computation is the scenario stage's; the server's tests call it from here.
export { cashBand, computeScenario, BAND_DRAWS, type ScenarioJob } from '../scenario/index.ts';
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
