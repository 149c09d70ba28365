/**
 * The engine's own floor for `worth ingest`, run as a child process by bench/ingest.ts:
 * DuckDB reads each of the demo's CSV files with declared types straight into a table of a
 * new database file, with no checks, no rejects and no reconciliation. What ingestion costs
 * beyond this is the price of its checks. Usage: tsx bench/engineFloor.ts WORKSPACE DBFILE
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES, TABLE_NAMES } from '../src/core/index.ts';
import { storageType } from '../src/ingest/index.ts';
import { DuckDBEngine } from '../src/warehouse/index.ts';

/** The first line of a file (the header), read without loading the file. */
function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0]!;
  } finally {
    closeSync(fd);
  }
}

const [dir, dbFile] = process.argv.slice(2);
if (!dir || !dbFile) throw new Error('usage: engineFloor.ts WORKSPACE DBFILE');
const engine = await DuckDBEngine.open(dbFile, { memoryLimit: process.env.WORTH_MEMORY_LIMIT ?? '2500MB' });
const q = engine.dialect.quoteIdent;
for (const t of TABLE_NAMES) {
  const file = join(dir, 'data', `${t}.csv`);
  const header = firstLine(file).split(',');
  const types = TABLES[t].columns
    .filter((c) => header.includes(c.name))
    .map((c) => `'${c.name}': '${storageType(c.kind, engine.dialect)}'`)
    .join(', ');
  await engine.run(`CREATE TABLE ${q(t)} AS SELECT * FROM read_csv($1, header = true, types = {${types}})`, [
    file,
  ]);
}
await engine.run('CHECKPOINT');
await engine.close();
