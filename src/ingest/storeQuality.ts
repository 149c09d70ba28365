/**
 * What the data-quality page needs from a load and the reconciliation tables do not hold: the
 * source files of each canonical table (`ingest_sources`) and the rejects per reason with
 * their money and first example line (`ingest_reject_reasons`), stored with the load so the
 * page shows exactly what `worth ingest` reported (the typed rows those figures come from are
 * gone after the load).
 */
import type { Engine } from '../warehouse/index.ts';
import type { RejectSummary } from './budget.ts';
import type { TableReconciliation } from './report.ts';

/** The tables this step writes into the workspace database. */
export const QUALITY_TABLES = ['ingest_sources', 'ingest_reject_reasons'] as const;

/** Writes `ingest_sources` and `ingest_reject_reasons` from the load's reconciliation and reject summary. */
export async function storeIngestQuality(
  engine: Engine,
  tables: Record<string, TableReconciliation>,
  summary: RejectSummary,
): Promise<void> {
  await engine.run('CREATE TABLE ingest_sources (table_name VARCHAR, position INTEGER, file VARCHAR)');
  for (const [t, r] of Object.entries(tables)) {
    for (const [i, file] of r.sources.entries())
      await engine.run('INSERT INTO ingest_sources VALUES ($1, $2, $3)', [t, i + 1, file]);
  }
  const amount = engine.dialect.decimalType(38, 2);
  await engine.run(
    'CREATE TABLE ingest_reject_reasons (position INTEGER, table_name VARCHAR, column_name VARCHAR, reason VARCHAR, rows BIGINT, amount_column VARCHAR, ' +
      `amount ${amount}, example_file VARCHAR, example_line BIGINT, example_column VARCHAR, example_value VARCHAR)`,
  );
  for (const [i, r] of summary.reasons.entries()) {
    await engine.run(
      `INSERT INTO ingest_reject_reasons VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS ${amount}), $8, $9, $10, $11)`,
      [
        i + 1,
        r.table,
        r.column,
        r.reason,
        r.rows,
        r.amountColumn ?? null,
        r.amount ?? null,
        r.example.file,
        r.example.line,
        r.example.column,
        r.example.value,
      ],
    );
  }
}
