/**
 * The trend routes' reads: the read model's trends and cohorts on the reader's connections,
 * with the answers the read functions leave to their callers (an unknown customer is a
 * `not_found` WorthError, months not stored yet a `workspace` one).
 */
import type { Engine } from '../warehouse/index.ts';
import { isCostLine, type CostDrill } from './costDrill.ts';
import { costDrillOf } from './costDrillReads.ts';
import { parseDrillRequest, readDrill, type Drill } from './drill.ts';
import { notAnalysed, notInPnl, workspaceLacks } from './readErrors.ts';
import { parseGrain, parseTrendRequest } from './request.ts';
import {
  customerTrendOfMonths,
  readCohorts,
  readCustomerTrend,
  readTrend,
  trendSegments,
  type Cohort,
  type Trend,
} from './trend.ts';
import { needServerMonths, readOneCustomer } from './serverReader.ts';
import type { WorkspaceReader } from './workspaceReader.ts';
import { keptAnswers } from './keptAnswers.ts';

/** The trend page's data: the asked trend and the segments one can ask for. */
export interface TrendAnswer {
  trend: Trend;
  segments: string[];
}

async function needMonths(engine: Engine, table: string): Promise<void> {
  if (await engine.tableExists(table)) return;
  // Before any analyze, say so as the overview does; a missing month table after one is an older run's.
  if (!(await engine.tableExists('customer_pnl'))) throw notAnalysed();
  throw workspaceLacks(
    `the workspace has no ${table} table (run \`worth analyze\` again: older runs did not store months)`,
    { key: 'tableOfNewerRun', vars: { table } },
  );
}

/**
 * Answers kept per generation (a published generation never changes): the trend of each grain
 * and segment asked (a few dozen at most: segments x grains) and the cohort table, so a request
 * after the first costs no query. Bounded: the {@link KEPT_MAX} answers asked most recently are kept.
 */
const KEPT_MAX = 256;
const keep = keptAnswers(KEPT_MAX);

/** `GET /api/trend?grain&segment`. */
export function trendOf(
  reader: WorkspaceReader,
  query: Record<string, string | undefined>,
): Promise<TrendAnswer> {
  const request = parseTrendRequest(query);
  needServerMonths(reader);
  return keep(reader, JSON.stringify(['trend', request.grain, request.segment ?? null]), () =>
    reader.read(async (engine) => {
      await needMonths(engine, 'pnl_monthly_segment');
      return { trend: await readTrend(engine, request), segments: await trendSegments(engine) };
    }),
  );
}

/** `GET /api/customers/:id/trend?grain`. */
export function customerTrendOf(
  reader: WorkspaceReader,
  customerId: string,
  grain: string | undefined,
): Promise<Trend> {
  const g = parseGrain(grain);
  needServerMonths(reader);
  const held = reader.heldMonths(customerId);
  if (held === null) return Promise.reject(notInPnl(customerId));
  // Every month of the analysed period is on the axis, zero where the customer had nothing.
  const span = reader.summary().then((s) => s.period);
  if (held) return span.then((p) => customerTrendOfMonths(held, g, p));
  return span.then((p) =>
    reader.read(async (engine) => {
      await needMonths(engine, 'pnl_monthly');
      const trend = await readCustomerTrend(engine, customerId, g, p);
      if (!trend) throw notInPnl(customerId);
      return trend;
    }),
  );
}

/** `GET /api/cohorts`. */
export function cohortsOf(reader: WorkspaceReader): Promise<{ cohorts: Cohort[] }> {
  needServerMonths(reader);
  return keep(reader, 'cohorts', () =>
    reader.read(async (engine) => {
      await needMonths(engine, 'cohort_monthly');
      return { cohorts: await readCohorts(engine) };
    }),
  );
}

/** `GET /api/customers/:id/drill?line&page`: the source rows behind one bar of the customer's waterfall (a cost bar: its events, see costDrillOf). */
export function drillOf(
  reader: WorkspaceReader,
  customerId: string,
  query: Record<string, string | undefined>,
): Promise<Drill | CostDrill> {
  if (!reader.analysed) return Promise.reject(notAnalysed());
  if (isCostLine(query.line)) return costDrillOf(reader, customerId, query);
  const { line, page } = parseDrillRequest(query);
  const known = reader.knowsCustomer(customerId);
  return readOneCustomer(reader, customerId, async (engine) => {
    const drill = await readDrill(engine, customerId, line, page, known);
    if (!drill) throw notInPnl(customerId);
    return drill;
  });
}

/**
 * {@link trendOf} as the JSON text the API sends, kept per generation like the answer itself:
 * a repeated request costs neither a query nor a serialisation.
 */
export function trendJsonOf(
  reader: WorkspaceReader,
  query: Record<string, string | undefined>,
): Promise<string> {
  const request = parseTrendRequest(query);
  return keep(reader, JSON.stringify(['trend-json', request.grain, request.segment ?? null]), async () =>
    JSON.stringify(await trendOf(reader, query)),
  );
}

/** {@link cohortsOf} as the JSON text the API sends, kept per generation (the cohort table is about 700 cells). */
export function cohortsJsonOf(reader: WorkspaceReader): Promise<string> {
  return keep(reader, 'cohorts-json', async () => JSON.stringify(await cohortsOf(reader)));
}
