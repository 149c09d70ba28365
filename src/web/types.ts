/** The API's response shapes, as the dashboard reads them (types only). */
export type { AnalysisResult } from '../profit/index.ts';
export type {
  CustomerDetail,
  CustomerPage,
  WhalePoint,
  LifetimeValue,
  FittedModel,
  InitiativeInfo,
  EffectControl,
  ScenarioRun,
} from '../readmodel/index.ts';

/** A row of an analysis table as the API sends it (money as decimal strings). */
export type TableRow = Record<string, string | number | boolean | null>;
export type { Trend, TrendPeriod, Cohort, CohortCell } from '../readmodel/index.ts';
export type { TrendAnswer } from '../readmodel/index.ts';
export type { DataQualityAnswer, FilteredOverview } from '../readmodel/index.ts';
export type {
  CostDrill,
  CostDrillRow,
  Drill,
  DrillRow,
  SegmentDrill,
  SegmentDrillRow,
} from '../readmodel/index.ts';
export type { CustomerProducts, ProductGroupCustomers } from '../readmodel/index.ts';
