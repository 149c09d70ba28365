/**
 * The guards a load passes before it replaces the previous one: the reject budget, required
 * tables that came out empty, and tables that shrank to half or less of the previous load
 * (allowed with `--accept-shrink`). A refused load leaves the previous one in place.
 */
import path from 'node:path';
import { TABLE_NAMES, WorthError, type Logger, type TableName } from '../core/index.ts';
import {
  DATABASE_FILE,
  hasWorkspaceDatabase,
  openWorkspaceDatabase,
  type Engine,
} from '../warehouse/index.ts';
import type { RejectSummary } from './budget.ts';
import type { IngestReport } from './report.ts';

/** Tables a load must fill: without them no analysis can run. */
export const REQUIRED_TABLES: readonly TableName[] = ['customers', 'order_lines'];

/** A load that did not pass its guards; carries the report of the refused run for the CLI to show. */
export class LoadRefused extends WorthError {
  /** The refused run's reconciliation and reject summary (its rejects are in `report.rejectsFile`). */
  readonly report: IngestReport;
  /** One sentence per problem. */
  readonly problems: string[];
  constructor(report: IngestReport, problems: string[]) {
    super(
      'input',
      {},
      undefined,
      'a load within its guards',
      `load refused, the previous load is kept. ${problems.join(' ')}`,
    );
    this.report = report;
    this.problems = problems;
  }
}

/** Rows per canonical table in a database (tables it lacks are left out). */
export async function tableCounts(engine: Engine): Promise<Map<TableName, number>> {
  const q = engine.dialect.quoteIdent;
  const out = new Map<TableName, number>();
  for (const t of TABLE_NAMES) {
    if (!(await engine.tableExists(t))) continue;
    out.set(t, Number((await engine.query(`SELECT count(*) AS n FROM ${q(t)}`))[0]!.n));
  }
  return out;
}

/**
 * Rows per table of the previous load, or undefined when there is none. A database that
 * cannot be opened (another run writes it) is reported and the shrink guard skipped, rather
 * than failing a load that is otherwise good.
 */
export async function previousCounts(
  dir: string,
  logger: Logger,
): Promise<Map<TableName, number> | undefined> {
  if (!hasWorkspaceDatabase(dir)) return undefined;
  const dbFile = path.join(dir, DATABASE_FILE);
  let engine: Engine | undefined;
  try {
    engine = await openWorkspaceDatabase(dir, 'read');
    return await tableCounts(engine);
  } catch {
    logger.warn(
      `could not read the previous load (${dbFile}) to compare table sizes; the shrink check is skipped`,
    );
    return undefined;
  } finally {
    if (engine) await engine.close().catch(() => {});
  }
}

/** The problems that refuse a load, one sentence each; empty when it may replace the previous one. */
export function loadProblems(
  summary: RejectSummary,
  counts: Map<TableName, number>,
  previous: Map<TableName, number> | undefined,
  sources: Partial<Record<TableName, string[]>>,
  acceptShrink: boolean,
): string[] {
  const out: string[] = [];
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const budget = `${+(summary.maxRejectedShare * 100).toFixed(4)}%`;
  for (const t of summary.tables) {
    if (!t.exceeded) continue;
    const money =
      t.amountColumn && t.amountShare !== undefined
        ? ` and ${pct(t.amountShare)} of ${t.amountColumn} (${t.amountRejected} of ${t.amountRead})`
        : '';
    out.push(
      `${t.table}: ${int(t.rowsRejected)} of ${int(t.rowsRead)} lines rejected (${pct(t.lineShare)})${money}, over the reject budget of ${budget} (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv.`,
    );
  }
  for (const t of REQUIRED_TABLES) {
    if ((counts.get(t) ?? 0) > 0) continue;
    const files = sources[t]?.length ? ` from ${sources[t]!.join(', ')}` : '';
    const before = previous?.get(t) ? ` (the previous load has ${int(previous.get(t)!)})` : '';
    out.push(
      `${t}: no rows loaded${files}${before}; an analysis needs ${t}: check that the file has data lines under its header.`,
    );
  }
  if (previous && !acceptShrink) {
    for (const [t, was] of previous) {
      const now = counts.get(t) ?? 0;
      // Half or less: a halved export is as suspicious as one that lost more.
      if (was === 0 || now * 2 > was || (now === 0 && REQUIRED_TABLES.includes(t))) continue;
      out.push(
        `${t}: ${int(now)} rows against ${int(was)} in the previous load (${pct((was - now) / was)} fewer); if that is right, run \`worth ingest --accept-shrink\`.`,
      );
    }
  }
  return out;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}
