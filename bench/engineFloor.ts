/**
 * The engine's own floor for `worth ingest`, run as a child process by bench/ingest.ts: DuckDB
 * reads each file of a plan with declared types straight into a table of a new database file,
 * with no checks, no rejects and no reconciliation. What ingestion costs beyond this is the price
 * of its checks. Usage: engineFloor.mjs PLAN.json DBFILE (no arguments: the usage line, for the
 * start-up figure).
 *
 * It imports DuckDB's client and nothing else: the plan (files, tables, the contract's storage
 * types, worked out by bench/ingest.ts from src/core and src/ingest) comes as a file, so the
 * floor's start-up is Node loading DuckDB's binding, as DuckDB's own load would start. (It used
 * to import src/ingest and src/warehouse for the types and the engine, and with them yaml, zod,
 * csv-parse, iconv-lite and the ClickHouse client: ~0.1-0.15 CPU-s that made the floor dearer.)
 * The database is opened with the settings the ingest's engine uses (no extension loading, the
 * same memory limit), and WORTH_SQL_TIMING=1 prints each statement's time as the engine does
 * (`[sql N ms, cpu N ms] STATEMENT`, read by bench/sqlProfile.ts).
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

/** One table of the floor: a CSV file read with declared types. */
export interface FloorTable {
  table: string;
  file: string;
  /** Column -> SQL type (the contract's storage type of the column it loads). */
  types: Record<string, string>;
  /** strptime layout of the TIMESTAMP columns, when there are any. */
  timestampFormat?: string;
}

const [planFile, dbFile] = process.argv.slice(2);
if (!planFile || !dbFile) {
  process.stderr.write('usage: engineFloor.mjs PLAN.json DBFILE\n');
} else {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as FloorTable[];
  const timing = process.env.WORTH_SQL_TIMING === '1';
  const instance = await DuckDBInstance.create(dbFile, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: process.env.WORTH_MEMORY_LIMIT ?? '2500MB',
  });
  const conn = await instance.connect();
  const run = async (sql: string) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await conn.run(sql);
    if (timing) {
      const c = process.cpuUsage(c0);
      process.stderr.write(
        `[sql ${(performance.now() - t0).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms] ${sql.slice(0, 160)}\n`,
      );
    }
  };
  const text = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
  for (const t of plan) {
    const types = Object.entries(t.types)
      .map(([c, type]) => `${text(c)}: ${text(type)}`)
      .join(', ');
    const layout = t.timestampFormat ? `, timestampformat = ${text(t.timestampFormat)}` : '';
    await run(
      `CREATE TABLE ${ident(t.table)} AS SELECT * FROM read_csv(${text(t.file)}, header = true, types = {${types}}${layout})`,
    );
  }
  await run('CHECKPOINT');
  conn.closeSync();
  instance.closeSync();
}
