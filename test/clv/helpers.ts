import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseSummaryCsv, type SummaryTable } from '../../src/clv/index.ts';

/** Absolute path of a fixture in test/fixtures/clv. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/clv/${name}`, import.meta.url));
}

/** A fixture parsed as a summary table. */
export function fixtureTable(name: string): SummaryTable {
  return parseSummaryCsv(readFileSync(fixture(name), 'utf8'), name);
}

/** Asserts |got - want| ≤ tol, printing inputs, difference and tolerance on failure. */
export function close(what: string, got: number, want: number, tol: number): void {
  const diff = Math.abs(got - want);
  expect(diff, `${what}: got ${got}, want ${want}, |diff| ${diff} > tolerance ${tol}`).toBeLessThanOrEqual(
    tol,
  );
}
