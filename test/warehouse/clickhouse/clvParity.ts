/**
 * Test helper: the lifetime-value run's tables on two engines compared (issue 16, `worth clv`
 * on ClickHouse). Text, decimals (exact strings) and counts must be equal; a binary float may
 * differ by {@link CLV_RELATIVE_TOLERANCE} of its size, because the engines add doubles in
 * their own order (a sum over threads or shards, a Decimal128 read as a double) and the fits
 * then start from sums that can differ in the last bit. JSON text (the fits' parameters, the
 * candidates) is compared the same way, value by value.
 */
import { expect } from 'vitest';
import type { Engine, Row } from '../../../src/warehouse/index.ts';
import { readTable } from './parityReads.ts';

/** Relative tolerance for a binary float (1e-9: far above a few additions' rounding, far below a cent of any CLV). */
export const CLV_RELATIVE_TOLERANCE = 1e-9;

/** The tables a CLV run writes, each with a key that orders its rows the same on both engines. */
export const CLV_TABLES = [
  ['clv_summary', 'customer_id'],
  ['customer_clv', 'customer_id'],
  ['clv_segments', 'segment'],
  ['clv_model_choice', 'model'],
  ['clv_fit', 'model, fit_group'],
  ['clv_diagnostics', 'kind, x'],
] as const;

/** Where `got` differs from `expected` beyond the tolerance (path and both values), or null. */
export function clvDifference(got: unknown, expected: unknown, at = ''): string | null {
  if (typeof got === 'number' && typeof expected === 'number') {
    if (got === expected || (Number.isNaN(got) && Number.isNaN(expected))) return null;
    const scale = Math.max(Math.abs(got), Math.abs(expected));
    return Math.abs(got - expected) <= CLV_RELATIVE_TOLERANCE * scale ? null : `${at}: ${got} != ${expected}`;
  }
  if (typeof got === 'string' && typeof expected === 'string' && got !== expected) {
    const json = (t: string): unknown => {
      try {
        return /^[[{]/.test(t) ? JSON.parse(t) : undefined;
      } catch {
        return undefined;
      }
    };
    const [a, b] = [json(got), json(expected)];
    return a !== undefined && b !== undefined ? clvDifference(a, b, at) : `${at}: ${got} != ${expected}`;
  }
  if (Array.isArray(got) && Array.isArray(expected)) {
    if (got.length !== expected.length) return `${at}: ${got.length} items != ${expected.length}`;
    for (let i = 0; i < got.length; i++) {
      const d = clvDifference(got[i], expected[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (got && expected && typeof got === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(got), ...Object.keys(expected)]);
    for (const k of keys) {
      const d = clvDifference(
        (got as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${at}.${k}`,
      );
      if (d) return d;
    }
    return null;
  }
  return Object.is(got, expected) ? null : `${at}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`;
}

/** Every CLV table read from `got` equals the one read from `expected` (columns as `expected` has them). */
export async function expectClvTablesEqual(got: Engine, expected: Engine): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const [table, key] of CLV_TABLES) {
    const rows = await readTable(expected, expected, table, key);
    expect(rows.length, table).toBeGreaterThan(0);
    const theirs = await readTable(got, expected, table, key);
    expect(theirs.length, table).toBe(rows.length);
    expect(clvDifference(theirs, rows, table)).toBeNull();
    out[table] = theirs;
  }
  return out;
}

/** A CLV profit rounded to whole cents as the engines round it (halves away from zero), as BigInt. */
export function clvCents(value: unknown): bigint {
  const v = Number(value);
  return BigInt(Math.sign(v) * Math.round(Math.abs(v) * 100));
}
