/**
 * The preview of a new workspace: the real ingest run on a temporary copy (the sources are
 * read where they are; the database and rejects go to a temporary folder, removed after),
 * then the first rows as Worth loaded them and the rejects counted by reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUserError, type TableName } from '../core/index.ts';
import { DATABASE_FILE, ingestWorkspace, type IngestReport } from '../ingest/index.ts';
import { DuckDBEngine, type Row } from '../warehouse/index.ts';
import type { SourceConfig, Workspace } from '../workspace/index.ts';

/** Rejects of one kind: table, column and reason (numbers in the reason taken out), with a first example. */
export interface RejectGroup {
  table: string;
  column: string;
  reason: string;
  count: number;
  /** The first line with this reason, and its value. */
  example: { file: string; line: number; value: string };
}

/** What a load of the workspace would do. */
export interface Preview {
  /** The reconciliation of the trial load; absent when the load failed. */
  report?: IngestReport;
  /** Why the trial load failed (a user error's message), if it did. */
  failure?: string;
  /** The first order lines and returns as loaded. */
  firstRows: Partial<Record<TableName, Row[]>>;
  rejects: RejectGroup[];
}

const SHOWN: Partial<Record<TableName, string[]>> = {
  order_lines: ['order_id', 'line_no', 'customer_id', 'order_date', 'product_id', 'quantity', 'gross_amount', 'cogs_amount'],
  returns: ['return_id', 'order_id', 'customer_id', 'return_date', 'credited_amount'],
};

/** Loads `ws` into a temporary folder and reads back the first rows and the rejects. */
export async function previewIngest(ws: Workspace, rows = 5): Promise<Preview> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'worth-preview-'));
  try {
    const sources = Object.fromEntries(
      Object.entries(ws.config.sources).map(([k, s]) => {
        const file = (s as { file?: string }).file;
        return [k, file ? { ...(s as SourceConfig), file: path.resolve(ws.dir, file) } : s];
      }),
    ) as Workspace['config']['sources'];
    const trial: Workspace = { ...ws, dir: tmp, config: { ...ws.config, sources } };
    // Rejects name files relative to the trial folder; the user knows them as worth.yaml names them.
    const shownName = new Map(
      Object.values(ws.config.sources).flatMap((s) => {
        const file = (s as { file?: string }).file;
        return file ? [[path.relative(tmp, path.resolve(ws.dir, file)), file] as const] : [];
      }),
    );
    let report: IngestReport;
    try {
      report = await ingestWorkspace(trial);
    } catch (e) {
      if (isUserError(e)) return { failure: e.message, firstRows: {}, rejects: [] };
      throw e;
    }
    const engine = await DuckDBEngine.open(path.join(tmp, DATABASE_FILE), { readOnly: true });
    try {
      const firstRows: Preview['firstRows'] = {};
      for (const [table, cols] of Object.entries(SHOWN) as [TableName, string[]][]) {
        const q = engine.dialect.quoteIdent;
        const have = await engine.columns(table);
        const shown = cols.filter((c) => have.includes(c));
        firstRows[table] = await engine.query(`SELECT ${shown.map((c) => `CAST(${q(c)} AS VARCHAR) AS ${q(c)}`).join(', ')} FROM ${q(table)} ORDER BY _line LIMIT ${Math.trunc(rows)}`);
      }
      const groups = await engine.query(
        `SELECT table_name, column_name, regexp_replace(reason, 'line [0-9]+', 'line N', 'g') AS reason, count(*) AS n,
           arg_min(file, line) AS file, min(line) AS line, arg_min(value, line) AS value
         FROM rejects GROUP BY ALL ORDER BY n DESC, line`,
      );
      const rejects = groups.map((g) => ({
        table: String(g.table_name),
        column: String(g.column_name ?? ''),
        reason: String(g.reason),
        count: Number(g.n),
        example: { file: shownName.get(String(g.file)) ?? String(g.file), line: Number(g.line), value: String(g.value ?? '') },
      }));
      return { report, firstRows, rejects };
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
