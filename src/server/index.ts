/**
 * The HTTP server: a Hono app over one analysed workspace (read-only), the access-token rule,
 * and the reads the API and the report share.
 */
export { createApp, MAX_BODY_BYTES, MAX_QUERY_LENGTH, SCENARIO_TIMEOUT_MS, type AppOptions, type WorthApp } from './createApp.ts';
export { startServer, type ServeOptions, type RunningServer } from './startServer.ts';
export { isLoopback, resolveToken, bearerToken, maskToken, allowedHosts } from './access.ts';
export { HttpError } from './httpError.ts';
export { WorkspaceReader, type WhalePoint } from './workspaceReader.ts';
export type { CustomerDetail } from './customerDetail.ts';
export type { CustomerPage, CustomerRow } from './customerTable.ts';
export { CUSTOMER_SORTS, type CustomerSort, type CustomersQuery } from './params.ts';
export { readLifetimeValue, lifetimeValueOf, type LifetimeValue, type FittedModel, type HistogramBin } from './clvReads.ts';
export { ScenarioService, cashBand, shiftTo, SCENARIOS_DIR, BAND_DRAWS, type InitiativeInfo, type EffectControl, type ScenarioRun, type CashBand, type RunSettings } from './scenarios.ts';
export { MAX_DRAWS, DEFAULT_DRAWS } from './scenarioParams.ts';
