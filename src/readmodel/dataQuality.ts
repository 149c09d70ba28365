/**
 * The data-quality view: per canonical table, its source files and the rows and money read,
 * loaded and rejected (what `worth ingest` reconciled and stored), the rejects per reason with
 * money and a first example line, and what rests on an estimate (cost of goods). Read straight
 * from the tables ingest and analyze wrote, so the figures are the load's own.
 */
import { normaliseMoney, type MoneyString } from '../core/index.ts';
import { readAnalysisSummary, SUMMARY_TABLE, type CogsEstimate } from '../profit/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** One money column of a table: read = loaded + rejected (exact decimal strings). */
export interface AmountQuality {
  column: string;
  read: MoneyString;
  loaded: MoneyString;
  rejected: MoneyString;
}

/** One canonical table as loaded. */
export interface SourceQuality {
  table: string;
  /** Its source files as worth.yaml names them (empty for a load stored before they were kept). */
  files: string[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Loaded rows without a customer (in company totals, not in any customer's). */
  rowsUnattributed: number;
  /** Loaded rows whose cost of goods (order lines) or cost of goods recovered (returns) is estimated. */
  rowsEstimated: number;
  amounts: AmountQuality[];
}

/** Rejects for one reason in one table and column, with the first line that has it. */
export interface RejectReasonQuality {
  table: string;
  column: string;
  reason: string;
  rows: number;
  /** The table's main money column and the sum of the rejected rows' absolute amounts in it; null when the table has none. */
  amountColumn: string | null;
  amount: MoneyString | null;
  example: { file: string; line: number; column: string; value: string };
}

/** The lines one source's `exclude_when` rule left out of one table (not rejects), with their money. */
export interface ExclusionQuality {
  table: string;
  file: string;
  /** The rule as written in worth.yaml. */
  rule: string;
  lines: number;
  /** `net` (gross - discount) for order lines, else the table's first money column; null when it has none. */
  amountColumn: string | null;
  amount: MoneyString | null;
  /** The first excluded line; null when the rule left nothing out. */
  example: { file: string; line: number } | null;
}

/** The data-quality page's figures. */
export interface DataQuality {
  sources: SourceQuality[];
  /** Rejects per reason, most first; null when the load was stored before reasons were kept (ingest again). */
  reasons: RejectReasonQuality[] | null;
  /** Lines left out by each source's `exclude_when` rule, in worth.yaml's order (empty without rules). */
  excluded: ExclusionQuality[];
  /** Rejects in all (a row with two problems counts twice, as in rejects.csv). */
  rejects: number;
  /** What rests on an assumed margin or product cost (null before `worth analyze`). */
  cogsEstimate: CogsEstimate | null;
}

/** Canonical tables in the order of the data contract. */
const ORDER = [
  'customers',
  'order_lines',
  'returns',
  'shipments',
  'service_contacts',
  'invoices',
  'rebates',
  'feedback',
];

/** Reads the data-quality figures of the workspace's load (and analysis, when there is one). */
export async function readDataQuality(engine: Engine): Promise<DataQuality> {
  const tables = await engine.query(
    'SELECT table_name, rows_read, rows_loaded, rows_rejected, rows_unattributed, rows_estimated FROM reconciliation',
  );
  const amounts = await engine.query(
    'SELECT table_name, column_name, CAST(read AS VARCHAR) AS read, CAST(loaded AS VARCHAR) AS loaded, CAST(rejected AS VARCHAR) AS rejected FROM reconciliation_amounts ORDER BY table_name, column_name',
  );
  const stored = await engine.tableExists('ingest_reject_reasons');
  const files = stored
    ? await engine.query('SELECT table_name, file FROM ingest_sources ORDER BY table_name, position')
    : [];
  const rank = (t: string) => (ORDER.includes(t) ? ORDER.indexOf(t) : ORDER.length);
  const sources = tables
    .map((r): SourceQuality => {
      const t = String(r.table_name);
      return {
        table: t,
        files: files.filter((f) => f.table_name === t).map((f) => String(f.file)),
        rowsRead: Number(r.rows_read),
        rowsLoaded: Number(r.rows_loaded),
        rowsRejected: Number(r.rows_rejected),
        rowsUnattributed: Number(r.rows_unattributed),
        rowsEstimated: Number(r.rows_estimated ?? 0),
        amounts: amounts
          .filter((a) => a.table_name === t)
          .map((a) => ({
            column: String(a.column_name),
            read: money(a.read),
            loaded: money(a.loaded),
            rejected: money(a.rejected),
          })),
      };
    })
    .sort((a, b) => rank(a.table) - rank(b.table) || a.table.localeCompare(b.table));
  const reasons = stored
    ? (
        await engine.query(
          'SELECT table_name, column_name, reason, rows, amount_column, CAST(amount AS VARCHAR) AS amount, example_file, example_line, example_column, example_value FROM ingest_reject_reasons ORDER BY position',
        )
      ).map((r): RejectReasonQuality => ({
        table: String(r.table_name),
        column: String(r.column_name),
        reason: String(r.reason),
        rows: Number(r.rows),
        amountColumn: r.amount_column == null ? null : String(r.amount_column),
        amount: r.amount == null ? null : money(r.amount),
        example: {
          file: String(r.example_file),
          line: Number(r.example_line),
          column: String(r.example_column),
          value: String(r.example_value ?? ''),
        },
      }))
    : null;
  const excluded = (await engine.tableExists('ingest_exclusions'))
    ? (
        await engine.query(
          'SELECT table_name, file, rule, lines, amount_column, CAST(amount AS VARCHAR) AS amount, example_file, example_line FROM ingest_exclusions ORDER BY position',
        )
      ).map((r): ExclusionQuality => ({
        table: String(r.table_name),
        file: String(r.file),
        rule: String(r.rule),
        lines: Number(r.lines),
        amountColumn: r.amount_column == null ? null : String(r.amount_column),
        amount: r.amount == null ? null : money(r.amount),
        example:
          r.example_line == null ? null : { file: String(r.example_file), line: Number(r.example_line) },
      }))
    : [];
  const [n] = await engine.query('SELECT count(*) AS n FROM rejects');
  const summary = (await engine.tableExists(SUMMARY_TABLE)) ? await readAnalysisSummary(engine) : null;
  return {
    sources,
    reasons,
    excluded,
    rejects: Number(n?.n ?? 0),
    cogsEstimate: summary?.cogsEstimate ?? null,
  };
}

function money(v: unknown): MoneyString {
  return normaliseMoney(String(v ?? '0'));
}
