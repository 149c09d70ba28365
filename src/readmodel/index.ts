/**
 * The read model: typed, read-only views of one finished run that the server, the report and
 * exports share. Functions take an open engine and return plain typed rows (money as exact
 * decimal strings); bad requests are `WorthError`s; nothing here knows HTTP.
 */
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
  filtersKey,
  hasPeriod,
  isFiltered,
  parseFilters,
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
