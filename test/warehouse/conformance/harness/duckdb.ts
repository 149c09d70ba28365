// How the conformance suite gets a fresh DuckDB: an in-memory database per open.
import { openEngine, type Engine } from '../../../../src/warehouse/index.ts';

/** Runs `suite` with a way to open a fresh, empty DuckDB. */
export function harness(suite: (open: () => Promise<Engine>) => void): void {
  suite(() => openEngine({ kind: 'duckdb' }));
}
