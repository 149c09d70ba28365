/**
 * The preview of a new workspace: the real ingest run on a temporary copy (the sources are
 * read where they are; the database and rejects go to a temporary folder, removed after),
 * then the first rows as Worth loaded them and ingest's own count of rejects by reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUserError, type Progress, type TableName } from '../core/index.ts';
import { DATABASE_FILE, ingestWorkspace, LoadRefused, type IngestReport } from '../ingest/index.ts';
import { openEngine, type Engine, type Row } from '../warehouse/index.ts';
import type { SourceConfig, StarterVolumes, Workspace } from '../workspace/index.ts';
import { errorText } from '../words/index.ts';

/** What a load of the workspace would do. */
export interface Preview {
  /** The reconciliation and reject summary of the trial load (also when its guards refused it). */
  report?: IngestReport;
  /** Why the trial load was refused (over the reject budget, ...) or failed, if it was. */
  failure?: string;
  /** The first order lines and returns as loaded (absent when the load was refused). */
  firstRows: Partial<Record<TableName, Row[]>>;
  /**
   * The starter cost model's volumes measured on what the trial load loaded (absent when it was
   * refused): only the sales and returns, so lines an `exclude_when` leaves out (a ledger's VAT,
   * debtors and bank bookings, cancelled orders, payments, shipping lines) size no activity.
   */
  volumes?: Omit<StarterVolumes, 'serviceContacts'>;
}

const SHOWN: Partial<Record<TableName, string[]>> = {
  order_lines: [
    'order_id',
    'line_no',
    'customer_id',
    'order_date',
    'product_id',
    'quantity',
    'gross_amount',
    'cogs_amount',
  ],
  returns: ['return_id', 'order_id', 'customer_id', 'return_date', 'credited_amount'],
};

/** Loads `ws` into a temporary folder and reads back the first rows and the rejects; `progress` shows the trial load's steps. */
export async function previewIngest(ws: Workspace, rows = 5, progress?: Progress): Promise<Preview> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'worth-preview-'));
  try {
    const sources = Object.fromEntries(
      Object.entries(ws.config.sources).map(([k, s]) => {
        const file = (s as { file?: string | string[] }).file;
        const abs = (f: string) => path.resolve(ws.dir, f);
        // An orders file joined to the lines (`lookup`) is read where it is too.
        const lookup = (s as { lookup?: SourceConfig['lookup'] }).lookup;
        return [
          k,
          file
            ? {
                ...(s as SourceConfig),
                file: typeof file === 'string' ? abs(file) : file.map(abs),
                ...(lookup ? { lookup: { ...lookup, file: abs(lookup.file) } } : {}),
              }
            : s,
        ];
      }),
    ) as Workspace['config']['sources'];
    const trial: Workspace = { ...ws, dir: tmp, config: { ...ws.config, sources } };
    // Rejects name files relative to the trial folder; the user knows them as worth.yaml names them.
    // A pattern's or a list's files are named from the workspace (the prefix up to it dropped).
    const shownName = {
      prefix: `${path.relative(tmp, ws.dir)}${path.sep}`,
      exact: new Map(
        Object.values(ws.config.sources).flatMap((s) => {
          const file = (s as { file?: string | string[] }).file;
          const lookup = (s as { lookup?: SourceConfig['lookup'] }).lookup;
          return [
            ...(typeof file === 'string'
              ? [[path.relative(tmp, path.resolve(ws.dir, file)), file] as const]
              : []),
            ...(lookup
              ? [[path.relative(tmp, path.resolve(ws.dir, lookup.file)), lookup.file] as const]
              : []),
          ];
        }),
      ),
    };
    let report: IngestReport;
    try {
      report = await ingestWorkspace(trial, progress ? { progress } : {});
    } catch (e) {
      // Refused by its guards: the counts and reasons are still what the user needs to see.
      // Said in the workspace's language (the refusal's sentences are catalogue words).
      if (e instanceof LoadRefused)
        return {
          report: named(e.report, shownName),
          failure: e.said ? errorText(ws.config.language, e.said) : e.message,
          firstRows: {},
        };
      if (isUserError(e)) return { failure: e.message, firstRows: {} };
      throw e;
    }
    const engine = await openEngine({ path: path.join(tmp, DATABASE_FILE), readOnly: true });
    try {
      const firstRows: Preview['firstRows'] = {};
      for (const [table, cols] of Object.entries(SHOWN) as [TableName, string[]][]) {
        const q = engine.dialect.quoteIdent;
        const have = await engine.columns(table);
        const shown = cols.filter((c) => have.includes(c));
        firstRows[table] = await engine.query(
          `SELECT ${shown.map((c) => `CAST(${q(c)} AS VARCHAR) AS ${q(c)}`).join(', ')} FROM ${q(table)} ORDER BY _line LIMIT ${Math.trunc(rows)}`,
        );
      }
      return { report: named(report, shownName), firstRows, volumes: await loadedVolumes(engine) };
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The starter cost model's volumes over the loaded order lines and returns, as StarterVolumes defines them. */
async function loadedVolumes(engine: Engine): Promise<Omit<StarterVolumes, 'serviceContacts'>> {
  const q = engine.dialect.quoteIdent;
  const sales = (
    await engine.query(
      `SELECT count(DISTINCT ${q('order_id')}) AS orders, count(*) AS lines,
         CAST(coalesce(sum(${q('quantity')}), 0) AS DOUBLE) AS quantity FROM ${q('order_lines')}`,
    )
  )[0]!;
  const returns = (
    await engine.query(`SELECT count(*) AS n, coalesce(sum(${q('lines')}), 0) AS lines FROM ${q('returns')}`)
  )[0]!;
  const lines = Number(sales.lines);
  return {
    orderMinutes: 3 * Number(sales.orders) + 0.5 * lines,
    pickingMinutes: lines + 0.02 * Number(sales.quantity),
    returnMinutes: 8 * Number(returns.n) + 2 * Number(returns.lines),
  };
}

/** The report with each reject example's file named as worth.yaml names it. */
function named(
  report: IngestReport,
  shownName: { prefix: string; exact: Map<string, string> },
): IngestReport {
  const name = (file: string) =>
    shownName.exact.get(file) ??
    (file.startsWith(shownName.prefix) ? file.slice(shownName.prefix.length) : file);
  const reasons = report.rejectSummary.reasons.map((r) => ({
    ...r,
    // A reason may name another file (an order also in an earlier month's file).
    reason: r.reason.replaceAll(shownName.prefix, ''),
    example: { ...r.example, file: name(r.example.file) },
  }));
  const excluded = report.excluded.map((x) => ({
    ...x,
    file: name(x.file),
    ...(x.example ? { example: { ...x.example, file: name(x.example.file) } } : {}),
  }));
  // An orders file joined to the lines (`lookup`) has a budget line of its own, named by its file.
  const tables = report.rejectSummary.tables.map((t) => ({ ...t, table: name(t.table) }));
  return { ...report, rejectSummary: { ...report.rejectSummary, tables, reasons }, excluded };
}
