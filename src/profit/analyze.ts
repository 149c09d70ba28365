/**
 * `worth analyze`: the cost model, the customer P&L and every analysis, stored as tables in
 * the workspace database inside one transaction (a failed run leaves the previous state).
 */
import { silentLogger, type Logger, type MoneyString } from '../core/index.ts';
import { costActivities, dropTables, type ActivityResult, type CostModel } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { cliWord, type Lang } from '../words/index.ts';
import { ANALYSIS_TABLES } from './analysisTables.ts';
import {
  COGS_ESTIMATE_WORK_TABLES,
  cogsEstimatedPart,
  cogsEstimateSummary,
  type CogsEstimate,
} from './cogsEstimate.ts';
import { costColumn, pnlColumns } from './columns.ts';
import { buildLossExplanations } from './lossExplanations.ts';
import { buildMatrix, type MatrixThresholds } from './matrix.ts';
import { buildMonthlyPnl } from './monthly.ts';
import { buildCustomerPnl, PNL_SUMS, PNL_WORK_TABLES } from './pnl.ts';
import { buildDrillLines } from './drillLines.ts';
import { buildAttributeRollups, buildDeciles, buildLineRollups, customerAttributes } from './rollups.ts';
import { computeTotals, type Reconciliation, type Totals } from './totals.ts';
import { headlines, type Headlines } from './headlines.ts';
import { buildVoiceOfCustomer, vocScoresPart } from './voiceOfCustomer.ts';
import { readDataPeriod, type DataPeriod } from './dataPeriod.ts';
import { storeAnalysisSummary } from './summaryStore.ts';
import { buildWhaleCurve, whaleHeadline, type Whale } from './whale.ts';

/** Everything `worth analyze --json` prints. Money as exact decimal strings; shares as fractions. */
export interface AnalysisResult {
  customers: number;
  period: { start: string; end: string };
  totals: Totals;
  reconciliation: Reconciliation;
  whale: Whale;
  activities: ActivityResult[];
  matrix: { thresholds: MatrixThresholds; quadrants: Record<string, number> };
  voiceOfCustomer: Headlines['voiceOfCustomer'];
  lossMakers: Headlines['lossMakers'];
  /** How much of the cost of goods (and so of gross margin and contribution) rests on an estimate. */
  cogsEstimate: CogsEstimate;
  /** Capacity overruns and skipped analyses. */
  warnings: string[];
  /**
   * False when worth.yaml has no cost model: no activities, so contribution equals gross
   * margin and the whale curve, deciles and loss-makers rank customers on gross margin.
   * Absent in results stored before this field existed (read as true).
   */
  costToServe?: boolean;
  /**
   * The first and last order date in the data, and the order lines outside `period` (which
   * worth.yaml sets): they are in every total, so every output warns about them. Absent in
   * results stored before this field existed.
   */
  dataPeriod?: DataPeriod;
}

/** Options for {@link analyze}. */
export interface AnalyzeOptions {
  logger?: Logger;
  /** The language of the progress lines (worth.yaml's; default English). */
  lang?: Lang;
}

const WORK_TABLES = [...PNL_WORK_TABLES, ...COGS_ESTIMATE_WORK_TABLES];

/** Runs the whole analysis on an ingested workspace database. */
export async function analyze(
  engine: Engine,
  model: CostModel,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const logger = options.logger ?? silentLogger;
  const lang = options.lang ?? 'en';
  return engine.transaction(async () => {
    await dropTables(
      engine,
      ANALYSIS_TABLES.map((t) => t.name),
    );
    logger.info(cliWord(lang, 'analyzeCosting'));
    const costing = await costActivities(engine, model, { sums: PNL_SUMS });
    const ids = model.activities.map((a) => a.id);
    logger.info(cliWord(lang, 'analyzePnl'));
    const attributes = await customerAttributes(engine);
    const unattributed = {
      costs: costing.activities.map((a) => a.unattributed),
      sums: costing.unattributedSums,
    };
    const scores = await vocScoresPart(engine);
    const estimated = await cogsEstimatedPart(engine);
    await buildCustomerPnl(engine, ids, costing.costParts, unattributed, attributes, [scores, estimated]);
    await dropTables(engine, [...costing.costParts.map((p) => p.table), scores.table]);
    const { customers, totals, reconciliation } = await computeTotals(engine, costing.activities);
    if (reconciliation.difference !== '0.00' || reconciliation.netSales.difference !== '0.00') {
      throw new Error(`reconciliation failed: ${JSON.stringify(reconciliation)}`);
    }
    logger.info(cliWord(lang, 'analyzeAnalyses'));
    const warnings = [...costing.warnings];
    const { whale, customers: n, total } = await whaleHeadline(engine);
    // The whale curve has a path without window functions (the dialect's rankedRunningSum); the monthly P&L not yet.
    const curve = engine.dialect.supportsWindowFunctions;
    const columns = pnlColumns(ids);
    await buildWhaleCurve(engine, n, total);
    await buildDeciles(engine, columns);
    await buildAttributeRollups(engine, columns, attributes);
    await buildLineRollups(engine);
    const thresholds = await buildMatrix(engine);
    const hasSegment = attributes.includes('segment');
    await buildVoiceOfCustomer(engine, model.satisfiedFrom, hasSegment);
    await buildLossExplanations(engine, ids.map(costColumn), hasSegment);
    logger.info(cliWord(lang, 'analyzeMonthly'));
    if (curve) await buildMonthlyPnl(engine, model, hasSegment);
    else warnings.push(cliWord(lang, 'monthlyNotOnEngine', { engine: engine.dialect.name }));
    await buildDrillLines(engine); // the drill to the source lines reads one customer's row group
    const h = await headlines(engine);
    const cogsEstimate = await cogsEstimateSummary(engine);
    const dataPeriod = await readDataPeriod(engine, model.period);
    const out = dataPeriod.outside;
    if (out)
      warnings.push(
        `${out.lines} order lines (${out.netSales} net sales) dated ${out.first} to ${out.last} fall outside the period ${model.period.start} to ${model.period.end} that worth.yaml sets; they are in every total and month, while the cost pools are the period's (widen period: in worth.yaml when the data has grown)`,
      );
    await dropTables(engine, WORK_TABLES);
    const result: AnalysisResult = {
      customers,
      period: model.period,
      totals,
      reconciliation,
      whale,
      activities: costing.activities,
      matrix: { thresholds, quadrants: h.matrixQuadrants },
      voiceOfCustomer: h.voiceOfCustomer,
      lossMakers: h.lossMakers,
      cogsEstimate,
      warnings,
      costToServe: model.costToServe,
      dataPeriod,
    };
    await storeAnalysisSummary(engine, result);
    return result;
  });
}

/** A money amount as an exact decimal string (re-exported for the result's readers). */
export type { MoneyString };
