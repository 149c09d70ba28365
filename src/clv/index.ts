/** Public surface of the CLV engine: models, fitting, predictions, data preparation and CLV on profit. */
export type { LbfgsStop } from './optim/lbfgs.ts';
export {
  COEFFICIENT_EDGE,
  fitModel,
  fitIssueText,
  PARAM_EDGE,
  type FitIssue,
  type FitOptions,
  type FitResult,
} from './fit.ts';
export type { LikelihoodModel } from './model.ts';
export { compressRfm, subsampleRfm, totalWeight, type RfmData } from './rfm.ts';
export { minimize, type LbfgsOptions, type LbfgsResult, type Objective } from './optim/lbfgs.ts';
export { standardErrors, numericalHessian } from './optim/hessian.ts';
export {
  COVARIATE_LINKS,
  covariateLikelihood,
  MODELS,
  modelEntry,
  PURCHASE_LIKELIHOODS,
  takesCovariates,
  type CovariateModelId,
  type ModelEntry,
} from './registry.ts';
export {
  coefficientNames,
  covariateData,
  covariateModel,
  effectiveParams,
  encodeCovariates,
  mergeGroups,
  type CovariateColumn,
  type CovariateData,
  type CovariateLink,
  type CovariateProcess,
  type EncodedCovariates,
} from './covariates.ts';
export {
  parseSummaryCsv,
  withExactErrors,
  ExactReadNeeded,
  findColumn,
  idColumn,
  ID_COLUMNS,
  type SummaryTable,
} from './summaryTable.ts';
export { parseFitFile, fitFileJson, type StoredFit } from './fitFile.ts';
export { predictCustomers, type PredictSettings, type Predictions } from './predict.ts';
export {
  readCustomerSummary,
  rfmFromTable,
  spendFromTable,
  discreteFromTable,
  cohortFromTable,
  type CustomerSummary,
} from './summaryData.ts';
export {
  summarize,
  dayNumber,
  cumulativeRepeatTransactions,
  UNIT_DAYS,
  type Transactions,
  type Summary,
  type SummarizeOptions,
  type TimeUnit,
} from './prepare.ts';
export {
  bgnbd,
  bgnbdProbAlive,
  bgnbdExpected,
  bgnbdConditionalExpected,
  type BgnbdParams,
} from './models/bgnbd.ts';
export { mbgnbd, mbgnbdProbAlive, mbgnbdExpected, mbgnbdConditionalExpected } from './models/mbgnbd.ts';
export {
  paretoNbd,
  paretoNbdProbAlive,
  paretoNbdExpected,
  paretoNbdConditionalExpected,
  type ParetoNbdParams,
} from './models/paretoNbd.ts';
export {
  bgbb,
  bgbbProbAlive,
  bgbbExpected,
  bgbbConditionalExpected,
  bgbbPmf,
  type BgbbParams,
  type DiscreteData,
} from './models/bgbb.ts';
export {
  sbg,
  sbgSurvival,
  sbgRetention,
  sbgExpectedAlive,
  type SbgParams,
  type CohortData,
} from './models/sbg.ts';
export {
  gammaGamma,
  gammaGammaConditionalSpend,
  spendData,
  spendRows,
  type GammaGammaParams,
  type SpendData,
} from './models/gammaGamma.ts';
export { FORECASTERS, mixAlive, type PurchaseForecaster } from './forecast.ts';
export { sortedHistories } from './clv.ts';
export type { CountMoments } from './models/aliveCountMoments.ts';
export {
  customerLifetimeValue,
  clvForModel,
  expectedSpend,
  type ClvCustomers,
  type ClvSettings,
  type ClvResult,
} from './clv.ts';
export {
  conditionalExpectations,
  calibrationVsHoldout,
  holdoutError,
  frequencyHistogram,
  trackingCurve,
  compareModels,
  expectedAliveCustomers,
  type FrequencyBin,
  type HoldoutError,
  type ModelComparison,
} from './diagnostics.ts';
export { Random } from './random.ts';
export {
  parameterDraws,
  drawIntervals,
  cholesky,
  logCovariance,
  quantileSorted,
  type Intervals,
} from './intervals.ts';
export { shrunkToward, dataWeights } from './shrinkage.ts';
export {
  estimatePriorSd,
  priorSdWithFits,
  priorSdEveryWidth,
  groupLogMarginal,
  PRIOR_SD_GRID,
  type PriorWidth,
} from './priorWidth.ts';
export {
  clvIntervals,
  positiveTotalInterval,
  totalInterval,
  type ClvIntervals,
  type ClvParts,
  type ClvPoint,
} from './clvIntervals.ts';
export {
  simulateBgnbd,
  simulateParetoNbd,
  simulateSpend,
  simulateBgbb,
  simulateSbg,
  type Simulated,
  type Window,
} from './simulate.ts';
