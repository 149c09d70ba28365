/**
 * The trend routes' reads: the read model's trends and cohorts on the reader's connections,
 * with the HTTP answers the read model leaves to its callers (404 for an unknown customer,
 * 409 before `worth analyze` has stored the months).
 */
import { parseDrillRequest, parseGrain, parseTrendRequest, readCohorts, readDrill, type Drill, readCustomerTrend, readTrend, trendSegments, type Cohort, type Trend } from '../readmodel/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { HttpError } from './httpError.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/** The trend page's data: the asked trend and the segments one can ask for. */
export interface TrendAnswer {
  trend: Trend;
  segments: string[];
}

async function needMonths(engine: Engine, table: string): Promise<void> {
  if (!(await engine.tableExists(table))) throw new HttpError(409, `the workspace has no ${table} table (run \`worth analyze\` again: older runs did not store months)`);
}

/** `GET /api/trend?grain&segment`. */
export function trendOf(reader: WorkspaceReader, query: Record<string, string | undefined>): Promise<TrendAnswer> {
  const request = parseTrendRequest(query);
  return reader.read(async (engine) => {
    await needMonths(engine, 'pnl_monthly_segment');
    return { trend: await readTrend(engine, request), segments: await trendSegments(engine) };
  });
}

/** `GET /api/customers/:id/trend?grain`. */
export function customerTrendOf(reader: WorkspaceReader, customerId: string, grain: string | undefined): Promise<Trend> {
  const g = parseGrain(grain);
  return reader.read(async (engine) => {
    await needMonths(engine, 'pnl_monthly');
    const trend = await readCustomerTrend(engine, customerId, g);
    if (!trend) throw new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`);
    return trend;
  });
}

/** `GET /api/cohorts`. */
export function cohortsOf(reader: WorkspaceReader): Promise<{ cohorts: Cohort[] }> {
  return reader.read(async (engine) => {
    await needMonths(engine, 'cohort_monthly');
    return { cohorts: await readCohorts(engine) };
  });
}

/** `GET /api/customers/:id/drill?line&page`: the source rows behind one bar of the customer's waterfall. */
export function drillOf(reader: WorkspaceReader, customerId: string, query: Record<string, string | undefined>): Promise<Drill> {
  const { line, page } = parseDrillRequest(query);
  return reader.read(async (engine) => {
    const drill = await readDrill(engine, customerId, line, page);
    if (!drill) throw new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`);
    return drill;
  });
}
