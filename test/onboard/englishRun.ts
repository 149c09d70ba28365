/**
 * The stranger's four commands on an English export nobody tried (test/fixtures/englishShapes2.ts
 * and later rounds), on the shared harness (endToEnd.ts): besides what every shape must give, the
 * ingest report's counts of rejected and unattributed lines, and cancelled and credit lines left
 * out of the order lines as the generator counted them.
 */
import { expect } from 'vitest';
import type { EnglishExport } from '../fixtures/englishShapes2.ts';
import { queryDb } from '../ingest/helpers.ts';
import { endToEnd } from './endToEnd.ts';

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
  const run = await endToEnd(x, {
    rejects: 'includes',
    sums: 'split',
    ingestJson: true,
    noReviewMarks: false,
    source: file,
    shown,
  });
  const tables = run.ingestReport!.tables;
  expect(tables.order_lines!.rowsRejected).toBe(x.broken.size);
  expect(tables.order_lines!.rowsUnattributed).toBe(x.unattributedLines);
  // Cancelled orders are left out (never sales), credit lines go to returns; every other well-formed line is loaded.
  const loaded = await queryDb(run.dir, 'SELECT count(*) AS n FROM order_lines');
  expect(Number(loaded[0]!.n)).toBe(x.dataLines - x.cancelledLines - (x.creditLines ?? 0));
  return { dir: run.dir, init: run.init.stdout, yaml: run.yaml };
}
