/** What a worker sends back for a block. */
import type { DemoTable } from './columns.ts';
import type { RawTotals } from './totals.ts';

/** A generated block: each table's bytes and the totals; or the error that stopped it. */
export interface BlockResult {
  index: number;
  tables?: Record<DemoTable, Uint8Array>;
  totals?: RawTotals;
  error?: string;
}
