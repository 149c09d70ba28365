import type { ReadText } from '../words/index.ts';
import type { RejectSummary } from './budget.ts';
import type { Exclusion } from './exclusion.ts';
import type { LookupReport } from './lookupJoin.ts';

/** Rows and money of one canonical table: read = loaded + rejected, in rows and in money. */
export interface TableReconciliation {
  /** Source files feeding the table (a split source counts for both tables). */
  sources: string[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Loaded rows without a customer (counted in totals, left out of per-customer figures). */
  rowsUnattributed: number;
  /**
   * Loaded order lines whose cost of goods was estimated (order_lines), or returns whose cost of
   * goods recovered was estimated at the sale's rate after the load (returns; not in `amounts`,
   * which hold what the files said).
   */
  rowsEstimated?: number;
  /** Per money column, exact decimal strings. `unreadable` counts values that were not amounts. */
  amounts: Record<string, { read: string; loaded: string; rejected: string; unreadable: number }>;
}

/**
 * How a source file was read: `typed` (the engine's typed reader took its amounts and dates,
 * the fast path) or `text` (every column parsed from text by Worth), with the reason.
 */
export type SourceRead =
  /** `onePass`: loaded straight from the typed reader, nothing staged (nothing to reject). */
  | { file: string; path: 'typed'; onePass?: true }
  /** `reason` in English; `said` its catalogue code, for the reader's language. */
  | { file: string; path: 'text'; reason: string; said: ReadText };

/** The outcome of `worth ingest`. */
export interface IngestReport {
  tables: Record<string, TableReconciliation>;
  /** How each source file was read, in the order of worth.yaml. */
  sources: SourceRead[];
  /** Path of the rejects CSV (`table, file, line, column, value, reason`). */
  rejectsFile: string;
  /** Number of rejects (problems; a row with two problems counts twice). */
  rejects: number;
  /** Rejects per reason (rows, money, an example line) and every table against the reject budget. */
  rejectSummary: RejectSummary;
  /** Lines each source's `exclude_when` rule left out (not rejects), per source and table. */
  excluded: Exclusion[];
  /** Each orders file joined to its lines (`lookup:`): rows read, used and rejected, and orders no line names. */
  lookups?: LookupReport[];
  /** The product cost table used to estimate cost of goods, when configured. */
  productCosts?: { rowsRead: number; rowsLoaded: number; rowsRejected: number };
  /** Path of the workspace database. */
  database: string;
}
