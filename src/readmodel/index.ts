/**
 * The read model: typed, read-only views of one finished run that the server, the report, the
 * CLI and exports share. `WorkspaceReader` opens a workspace read-only and answers every read
 * (the customer table and pages in memory, the analysis tables, trends, filters, drills,
 * lifetime value); the `read*` functions take an open engine and return plain typed rows (money
 * as exact decimal strings). What cannot be read is a `WorthError` whose code says why
 * (`input`, `not_found`, `workspace`); nothing here knows HTTP.
 */
export { WorkspaceReader, READ_CONNECTIONS, type WhalePoint } from './workspaceReader.ts';
export { openServerReader, notOnServerYet, SERVED_TABLES, INGEST_TABLES } from './serverReader.ts';
export type { CustomerDetail } from './customerDetail.ts';
export type { CustomerPage, CustomerRow } from './customerTable.ts';
export {
  CUSTOMER_SORTS,
  MATRIX_QUADRANTS,
  VOC_QUADRANTS,
  type CustomerSort,
  type CustomersQuery,
} from './customersQuery.ts';
export { notAnalysed, notInPnl, workspaceLacks } from './readErrors.ts';
export {
  readLifetimeValue,
  lifetimeValueOf,
  type LifetimeValue,
  type FittedModel,
  type HistogramBin,
  type ModelChoiceRead,
} from './clvReads.ts';
export {
  trendOf,
  trendJsonOf,
  customerTrendOf,
  cohortsOf,
  cohortsJsonOf,
  drillOf,
  type TrendAnswer,
} from './trendReads.ts';
export { whatIfOf } from './whatIfReads.ts';
export { dataQualityOf, type DataQualityAnswer } from './dataQualityReads.ts';
export {
  filtersOf,
  prepareFilters,
  customersNeedFilter,
  filteredOverviewOf,
  filteredCustomersOf,
  filteredRollupOf,
  filteredDecilesOf,
  filteredTrendOf,
  type FilteredOverview,
} from './filterReads.ts';
export { customerProductsOf, linesOf, productGroupCustomersOf } from './productReads.ts';
export { readFilteredLines, type LineRollups } from './lineFilters.ts';
export { heldLineRollups, loadHeldLines, type HeldLines } from './heldLines.ts';
export {
  ScenarioService,
  shiftTo,
  SCENARIOS_DIR,
  EFFECT_RANGE,
  type RunSettings,
  type ScenarioRunner,
  type EffectControl,
  type InitiativeInfo,
  type ScenarioRun,
} from './scenarios.ts';
export type { CashBand } from '../scenario/index.ts';
export { GRAINS, parseGrain, parseTrendRequest, type Grain, type TrendRequest } from './request.ts';
export {
  periodOf,
  readCohorts,
  readCustomerTrend,
  customerTrendOfMonths,
  readTrend,
  trendSegments,
  type Cohort,
  type CohortCell,
  type Trend,
  type TrendColumn,
  type TrendFigures,
  type TrendPeriod,
  type TrendSpan,
} from './trend.ts';
export {
  readDataQuality,
  type DataQuality,
  type SourceQuality,
  type AmountQuality,
  type RejectReasonQuality,
} from './dataQuality.ts';
export {
  DRILL_LINES,
  DRILL_PAGE_SIZE,
  parseDrillRequest,
  readDrill,
  type Drill,
  type DrillLine,
  type DrillRow,
} from './drill.ts';
export {
  SEGMENT_DRILL_LINES,
  parseSegmentDrillRequest,
  readSegmentDrill,
  type SegmentDrill,
  type SegmentDrillRow,
} from './segmentDrill.ts';
export { segmentDrillOf } from './segmentDrillReads.ts';
export {
  parseWhatIfRequest,
  readWhatIf,
  WHAT_IF_CURVE_POINTS,
  type RateChange,
  type WhatIf,
  type WhatIfActivity,
  type WhatIfFigures,
  type WhatIfWhalePoint,
} from './whatIf.ts';
export {
  FILTER_ATTRIBUTES,
  FILTER_KEYS,
  FILTERED_PNL_TABLE,
  filtersKey,
  filtersText,
  hasPeriod,
  isFiltered,
  parseFilters,
  parseFilterText,
  stageFilteredPnl,
  readFilteredCustomers,
  readFilteredDeciles,
  readFilteredRollup,
  readFilteredTotals,
  readFilteredTrend,
  readFilteredWhale,
  type FilterAttribute,
  type FilteredColumn,
  type FilteredCustomerPage,
  type FilteredCustomerRow,
  type FilteredCustomersQuery,
  type FilteredTotals,
  type FilteredWhalePoint,
  type Filters,
} from './filters.ts';
export {
  COST_DRILL_PAGE_SIZE,
  isCostLine,
  readCostDrill,
  type CostDrill,
  type CostDrillRow,
} from './costDrill.ts';
export {
  NO_PRODUCT_GROUP,
  TOP_CUSTOMERS,
  readCustomerProducts,
  readProductGroupCustomers,
  type CustomerProducts,
  type ProductGroupCustomers,
  type ProductMarginRow,
} from './productMargin.ts';
export {
  FILTERABLE_TABLES,
  isFilterable,
  stageFilteredTable,
  type FilterableTable,
} from './filteredExport.ts';
