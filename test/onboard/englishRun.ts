/**
 * The stranger's four commands on an English export nobody tried (test/fixtures/englishShapes2.ts):
 * `worth init DIR --from FILE`, `ingest`, `analyze`, `report`, each a real child process, with no
 * hand edit of worth.yaml between them. Checks what every shape must give: exit 0 each time,
 * rejects exactly the lines broken on purpose (file, line, code), cancelled and unattributed
 * lines as the generator counted them, and gross, discounts, returns and net per customer equal
 * to the file's own totals in cents.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { EnglishExport } from '../fixtures/englishShapes2.ts';
import { queryDb } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import { readRejects } from '../ingest/helpers.ts';

/** What the four commands left: the workspace, init's output and the worth.yaml it wrote. */
export interface EnglishRun {
  dir: string;
  init: string;
  yaml: string;
}

/**
 * Runs the four commands on `x` (or on `file` when the export was written already: a file, a
 * folder or a pattern) and checks the totals; `shown` is the file rejects name (default: the
 * copy of the one file in data/).
 */
export async function fourCommands(x: EnglishExport, file?: string, shown?: string): Promise<EnglishRun> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-english-'));
  const source = file ?? path.join(root, x.name);
  if (!file) writeFileSync(source, x.bytes);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', source]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  const ingest = worth(['ingest', dir, '--json']);
  expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
  const report = JSON.parse(ingest.stdout) as {
    tables: Record<string, { rowsRejected: number; rowsUnattributed: number }>;
  };
  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  const rejectFile = shown ?? `data/${path.basename(source)}`;
  // A line may be rejected under several columns (a missing quantity leaves no gross amount either): one line, its codes.
  const byLine = new Map<number, Set<string>>();
  for (const r of rejects) {
    expect([r.table, r.file]).toEqual(['order_lines', rejectFile]);
    byLine.set(Number(r.line), (byLine.get(Number(r.line)) ?? new Set()).add(r.code!));
  }
  expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([...x.broken.keys()].sort((a, b) => a - b));
  for (const [line, code] of x.broken) expect([...byLine.get(line)!], `line ${line}`).toContain(code);
  expect(report.tables.order_lines!.rowsRejected).toBe(x.broken.size);
  expect(report.tables.order_lines!.rowsUnattributed).toBe(x.unattributedLines);
  // Cancelled orders are left out (never sales), credit lines go to returns; every other well-formed line is loaded.
  const loaded = await queryDb(dir, 'SELECT count(*) AS n FROM order_lines');
  expect(Number(loaded[0]!.n)).toBe(x.dataLines - x.cancelledLines - (x.creditLines ?? 0));
  for (const cmd of ['analyze', 'report']) {
    const r = worth([cmd, dir]);
    expect(r.status, `${cmd}: ${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/NaN|Infinity|undefined|Error:| {4}at /);
  }
  expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).not.toMatch(/NaN|Infinity|undefined/);
  const pnl = await queryDb(
    dir,
    'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(discounts AS VARCHAR) AS d, CAST(returns AS VARCHAR) AS r, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl',
  );
  const got = Object.fromEntries(
    pnl.map((row) => [String(row.customer_id), [cents(row.g), cents(row.d), cents(row.r), cents(row.n)]]),
  );
  const want = Object.fromEntries(
    [...x.perCustomer].map(([c, s]) => [
      c,
      [s.gross, s.discounts, s.credits, s.gross - s.discounts - s.credits],
    ]),
  );
  expect(got).toEqual(want);
  return { dir, init: init.stdout, yaml: readFileSync(path.join(dir, 'worth.yaml'), 'utf8') };
}
