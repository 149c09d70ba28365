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
import { cliWord, errorText, type ErrorText, type ErrorVar, type Lang } from '../words/index.ts';
import type { RejectSummary } from './budget.ts';
import type { IngestReport } from './report.ts';

/** Tables a load must fill: without them no analysis can run. */
export const REQUIRED_TABLES: readonly TableName[] = ['customers', 'order_lines'];

/** A load that did not pass its guards; carries the report of the refused run for the CLI to show. */
export class LoadRefused extends WorthError {
  /** The refused run's reconciliation and reject summary (its rejects are in `report.rejectsFile`). */
  readonly report: IngestReport;
  /** One sentence per problem (English; `said` has them in the catalogue's words). */
  readonly problems: string[];
  constructor(report: IngestReport, problems: ErrorText[]) {
    super('input', {}, undefined, 'a load within its guards', undefined, {
      key: 'loadRefused',
      then: problems,
    });
    this.report = report;
    this.problems = problems.map((p) => errorText('en', p));
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
  lang: Lang,
): Promise<Map<TableName, number> | undefined> {
  if (!hasWorkspaceDatabase(dir)) return undefined;
  const dbFile = path.join(dir, DATABASE_FILE);
  let engine: Engine | undefined;
  try {
    engine = await openWorkspaceDatabase(dir, 'read');
    return await tableCounts(engine);
  } catch {
    logger.warn(cliWord(lang, 'previousUnreadable', { file: dbFile }));
    return undefined;
  } finally {
    if (engine) await engine.close().catch(() => {});
  }
}

/** The problems that refuse a load, one sentence each (catalogue keys); empty when it may replace the previous one. */
export function loadProblems(
  summary: RejectSummary,
  counts: Map<TableName, number>,
  previous: Map<TableName, number> | undefined,
  sources: Partial<Record<TableName, string[]>>,
  acceptShrink: boolean,
): ErrorText[] {
  const out: ErrorText[] = [];
  // The budget as written (0.5% stays 0.5%, 0.0001% stays 0.0001%).
  const budget = `${+(summary.maxRejectedShare * 100).toFixed(4)}%`;
  const written: ErrorVar = { decimal: budget };
  for (const t of summary.tables) {
    if (!t.exceeded) continue;
    const money: ErrorVar =
      t.amountColumn && t.amountShare !== undefined
        ? {
            key: 'overBudgetMoney',
            vars: {
              share: { pct: t.amountShare },
              column: t.amountColumn,
              rejected: { money: t.amountRejected ?? '0' },
              read: { money: t.amountRead ?? '0' },
            },
          }
        : '';
    out.push({
      key: 'overBudget',
      vars: {
        table: t.table,
        rejected: { int: t.rowsRejected - t.totalsLines },
        read: { int: t.rowsRead },
        share: { pct: t.lineShare },
        money,
        budget: written,
        floor: t.floorLines > 0 ? { key: 'overBudgetFloor', vars: { n: { int: t.floorLines } } } : '',
      },
    });
  }
  for (const t of REQUIRED_TABLES) {
    if ((counts.get(t) ?? 0) > 0) continue;
    const files: ErrorVar = sources[t]?.length
      ? { key: 'tableEmptyFiles', vars: { files: sources[t]!.join(', ') } }
      : '';
    const before: ErrorVar = previous?.get(t)
      ? { key: 'tableEmptyBefore', vars: { n: { int: previous.get(t)! } } }
      : '';
    out.push({ key: 'tableEmpty', vars: { table: t, files, before } });
  }
  if (previous && !acceptShrink) {
    for (const [t, was] of previous) {
      const now = counts.get(t) ?? 0;
      // Half or less: a halved export is as suspicious as one that lost more.
      if (was === 0 || now * 2 > was || (now === 0 && REQUIRED_TABLES.includes(t))) continue;
      out.push({
        key: 'tableShrunk',
        vars: { table: t, now: { int: now }, was: { int: was }, share: { pct: (was - now) / was } },
      });
    }
  }
  return out;
}
