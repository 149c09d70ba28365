// Degenerate data never come back as a trustworthy fit: each case is marked degenerate with a
// reason, and an estimate at the edge of the parameter space is never `converged: true`.
import { describe, expect, it } from 'vitest';
import {
  bgnbd,
  compressRfm,
  fitModel,
  mbgnbd,
  paretoNbd,
  PARAM_EDGE,
  type FitResult,
  type LikelihoodModel,
  type RfmData,
} from '../../src/clv/index.ts';

const MODELS: LikelihoodModel<RfmData>[] = [bgnbd, paretoNbd, mbgnbd];

function fitAll(x: number[], tx: number[], T: number[]): FitResult[] {
  const data = compressRfm(Float64Array.from(x), Float64Array.from(tx), Float64Array.from(T));
  return MODELS.map((m) => fitModel(m, data));
}

function expectHonest(r: FitResult, what: string): void {
  expect(r.degenerate, `${r.model} on ${what}: ${JSON.stringify(r.params)}`).toBe(true);
  expect(r.warnings.length, `${r.model} on ${what}`).toBeGreaterThan(0);
  const atEdge = Object.values(r.params).some((v) => v < PARAM_EDGE.min || v > PARAM_EDGE.max);
  if (atEdge) expect(r.converged, `${r.model} on ${what}: at the edge yet converged`).toBe(false);
  expect(JSON.stringify({ ...r, values: undefined })).not.toMatch(/NaN|Infinity|undefined/);
}

describe('degenerate purchase data', () => {
  const n = 200;
  it('no repeat buyers at all', () => {
    for (const r of fitAll(Array(n).fill(0), Array(n).fill(0), Array(n).fill(30)))
      expectHonest(r, 'no repeat buyers');
  });
  it('all-identical rows', () => {
    for (const r of fitAll(Array(n).fill(2), Array(n).fill(10), Array(n).fill(20)))
      expectHonest(r, 'identical rows');
  });
  it('every customer first seen at the end of the period (T = 0)', () => {
    for (const r of fitAll(Array(n).fill(0), Array(n).fill(0), Array(n).fill(0))) expectHonest(r, 'T = 0');
  });
  it('one customer', () => {
    for (const r of fitAll([3], [10], [20])) expectHonest(r, 'one customer');
  });
  it('a huge T against a few purchases', () => {
    for (const r of fitAll([1, 2, 0, 3, 1], [5, 10, 0, 20, 3], [1e6, 1e6, 1e6, 1e6, 1e6]))
      expectHonest(r, 'huge T');
  });
  it('five repeat buyers among 500', () => {
    const x = Array.from({ length: 500 }, (_, i) => (i < 5 ? 1 : 0));
    const tx = Array.from({ length: 500 }, (_, i) => (i < 5 ? 3 + i / 10 : 0));
    const T = Array.from({ length: 500 }, (_, i) => 30 + (i % 10));
    for (const r of fitAll(x, tx, T)) expectHonest(r, 'few repeat buyers');
  });
});
