/**
 * The trend routes' reads: the read model's trends and cohorts on the reader's connections,
 * with the HTTP answers the read model leaves to its callers (404 for an unknown customer,
 * 409 before `worth analyze` has stored the months).
 */
import {
  parseDrillRequest,
  parseGrain,
  parseTrendRequest,
  readCohorts,
  readDrill,
  type Drill,
  type CostDrill,
  isCostLine,
  readCustomerTrend,
  customerTrendOfMonths,
  readTrend,
  trendSegments,
  type Cohort,
  type Trend,
} from '../readmodel/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { costDrillOf } from './costDrillReads.ts';
import { HttpError } from './httpError.ts';
import type { WorkspaceReader } from './workspaceReader.ts';
import { keptAnswers } from './keptAnswers.ts';

/** The trend page's data: the asked trend and the segments one can ask for. */
export interface TrendAnswer {
  trend: Trend;
  segments: string[];
}

async function needMonths(engine: Engine, table: string): Promise<void> {
  if (!(await engine.tableExists(table)))
    throw new HttpError(
      409,
      `the workspace has no ${table} table (run \`worth analyze\` again: older runs did not store months)`,
    );
}

/**
 * Answers kept per generation (a published generation never changes): the trend of each grain
 * and segment asked (a few dozen at most: segments x grains) and the cohort table, so a request
 * after the first costs no query. Bounded: beyond {@link KEPT_MAX} answers nothing more is kept.
 */
const KEPT_MAX = 256;
const keep = keptAnswers(KEPT_MAX);

/** `GET /api/trend?grain&segment`. */
export function trendOf(
  reader: WorkspaceReader,
  query: Record<string, string | undefined>,
): Promise<TrendAnswer> {
  const request = parseTrendRequest(query);
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
  const held = reader.heldMonths(customerId);
  if (held === null)
    return Promise.reject(
      new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`),
    );
  // Every month of the analysed period is on the axis, zero where the customer had nothing.
  const span = reader.summary().then((s) => s.period);
  if (held) return span.then((p) => customerTrendOfMonths(held, g, p));
  return span.then((p) =>
    reader.read(async (engine) => {
      await needMonths(engine, 'pnl_monthly');
      const trend = await readCustomerTrend(engine, customerId, g, p);
      if (!trend)
        throw new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`);
      return trend;
    }),
  );
}

/** `GET /api/cohorts`. */
export function cohortsOf(reader: WorkspaceReader): Promise<{ cohorts: Cohort[] }> {
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
  if (isCostLine(query.line)) return costDrillOf(reader, customerId, query);
  const { line, page } = parseDrillRequest(query);
  return reader.read(async (engine) => {
    const drill = await readDrill(engine, customerId, line, page);
    if (!drill) throw new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`);
    return drill;
  });
}
