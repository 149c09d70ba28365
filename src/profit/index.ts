/**
 * The customer P&L and its analyses: the contribution waterfall per customer, the whale
 * curve, deciles and roll-ups, the profitability matrix, the voice of the customer and the
 * reasons a customer loses money. Everything is stored as tables in the workspace database.
 */
export { analyze, type AnalysisResult, type AnalyzeOptions } from './analyze.ts';
export { ANALYSIS_TABLES, analysisTable, type AnalysisTable } from './analysisTables.ts';
export { SALES_COLUMNS, costColumn, pnlColumns } from './columns.ts';
export type { Totals, Reconciliation } from './totals.ts';
export { COGS_ESTIMATED, type CogsEstimate } from './cogsEstimate.ts';
export type { Whale } from './whale.ts';
export type { MatrixThresholds } from './matrix.ts';
export type { Headlines } from './headlines.ts';
export { MATRIX_QUADRANTS } from './matrix.ts';
export { VOC_QUADRANTS } from './voiceOfCustomer.ts';
export { formatAnalysis } from './format.ts';
export { readAnalysisSummary, SUMMARY_TABLE } from './summaryStore.ts';
export {
  buildMonthlyPnl,
  MONTHLY_COLUMNS,
  MONTHLY_ORDERS,
  periodMonths,
  type MonthlySplit,
} from './monthly.ts';
export { readDataPeriod, type DataPeriod, type OutsidePeriod } from './dataPeriod.ts';
export { DRILL_HASH_COLUMN, DRILL_LINES_TABLE, buildDrillLines } from './drillLines.ts';
export {
  LINES_CUBE_ATTRIBUTES,
  LINES_CUBE_TABLE,
  linesCubeAttribute,
  linesCubeSelect,
  linesCubeSums,
} from './rollups.ts';
