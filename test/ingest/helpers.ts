import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBEngine, type Row } from '../../src/warehouse/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';

/** Writes a workspace folder with the given files (relative paths) and returns its path. */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-test-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** Runs a query on a workspace's database (read-only use in tests). */
export async function queryDb(dir: string, sql: string): Promise<Row[]> {
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    return await engine.query(sql);
  } finally {
    await engine.close();
  }
}

/** One line of rejects.csv, by its columns. */
export interface RejectLine {
  table: string;
  file: string;
  line: string;
  column: string;
  value: string;
  code: string;
  reason: string;
}

/** rejects.csv's Dutch column names (a Dutch workspace writes them) and the English key of each. */
const DUTCH_HEADER: Record<string, keyof RejectLine> = {
  tabel: 'table',
  bestand: 'file',
  regel: 'line',
  kolom: 'column',
  waarde: 'value',
  code: 'code',
  reden: 'reason',
};

/**
 * Reads rejects.csv (a BOM, quotes and line breaks in values as a spreadsheet writes them) into its
 * lines, keyed by the English column names whichever language the header is in.
 */
export function readRejects(file: string): RejectLine[] {
  return parse(readFileSync(file), {
    bom: true,
    columns: (header: string[]) => header.map((h) => DUTCH_HEADER[h] ?? h),
    skip_empty_lines: true,
  }) as RejectLine[];
}

/** A minimal standard-format worth.yaml naming the given tables' CSV files. */
export function yamlFor(tables: string[], extra = ''): string {
  const sources = tables.map((t) => `  ${t}:\n    file: data/${t}.csv`).join('\n');
  return `company: Test B.V.\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nsources:\n${sources}\n${extra}`;
}

export const CUSTOMERS = 'customer_id,name,segment\nC1,Alpha,Retail\nC2,Beta,Horeca\nC3,Gamma,Retail\n';

/** worth.yaml line that turns the reject budget off: tests that count rejects one by one use it. */
export const NO_BUDGET = 'max_rejected_share: 1\n';
