/**
 * Value: customer lifetime value on profit for a workspace. Joins the CLV models (src/clv)
 * to the warehouse's order lines and the customer P&L (src/profit), stores per-customer CLV.
 */
export {
  runWorkspaceClv,
  CLV_TABLE,
  CLV_FIT_TABLE,
  CLV_CHOICE_TABLE,
  type ClvRunOptions,
  type ClvRunResult,
  type MarginRateSummary,
} from './runClv.ts';
export {
  credibilityFrom,
  credibilityMoments,
  credibleRate,
  MARGIN_RATE_BOUNDS,
  type CredibilityEstimate,
  type CredibilityMoments,
} from './marginRate.ts';
export { buildSummaries, SUMMARY_TABLE } from './summarySql.ts';
export { CLV_SEGMENTS_TABLE, type ClvSegmentTotal } from './segmentTotals.ts';
export { CLV_EXPORT_TABLES } from './exportTables.ts';
export { customerEconomics, type CustomerEconomics } from './economics.ts';
export {
  clvDiagnostics,
  storeClvDiagnostics,
  CLV_DIAGNOSTICS_TABLE,
  FREQUENCY_CENSOR,
  type ClvDiagnosticRow,
} from './diagnostics.ts';
export { readSummaryTyped } from './summaryFile.ts';
export { readWorkspaceFit, type WorkspaceFit } from './storedFit.ts';
export {
  clvSettings,
  clvSectionSchema,
  groupRuleOf,
  PURCHASE_MODEL_IDS,
  type ClvSettings,
  type PurchaseModelId,
} from './settings.ts';
export type { ModelChoice, CandidateFigures } from './modelChoice.ts';
export type { CovariateComparison, CovariateFitFigures } from './covariateFits.ts';
export type { HoldoutCheck } from './holdout.ts';
export type { ClvRunWarning, ClvWarningCode } from './runWarnings.ts';
export { leftOutCustomers, LEFT_OUT_REASONS, type LeftOutCustomers, type LeftOutReason } from './leftOut.ts';
