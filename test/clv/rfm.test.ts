import { describe, expect, it } from 'vitest';
import {
  bgnbd,
  compressRfm,
  expectedAliveCustomers,
  FORECASTERS,
  Random,
  simulateBgnbd,
  subsampleRfm,
} from '../../src/clv/index.ts';
import { close } from './helpers.ts';

describe('compression into weighted rows', () => {
  it('collapses identical (x, t_x, T), sums weights, sorts by x and keeps the log-likelihood', () => {
    const x = Float64Array.of(2, 0, 2, 1, 0, 2);
    const tx = Float64Array.of(5, 0, 5, 3, 0, 5);
    const T = Float64Array.of(9, 9, 9, 9, 7, 8);
    const d = compressRfm(x, tx, T);
    expect(Array.from(d.x)).toEqual([0, 0, 1, 2, 2]);
    expect(Array.from(d.w).reduce((a, b) => a + b)).toBe(6);
    const twice = d.w[d.x.findIndex((v, i) => v === 2 && d.T[i] === 9)]!;
    expect(twice).toBe(2);
    const p = Float64Array.of(0.5, 3, 0.8, 2);
    const raw = bgnbd.logLik(p, { x, tx, T, w: new Float64Array(6).fill(1) });
    close('LL compressed vs raw', bgnbd.logLik(p, d), raw, 1e-12 * Math.abs(raw));
  });

  it('is exact on a large random input (weights add up; every row kept once)', () => {
    const rnd = new Random(9);
    const n = 20_000;
    const x = Float64Array.from({ length: n }, () => Math.floor(rnd.uniform() * 4));
    const tx = x.map((v) => (v === 0 ? 0 : Math.floor(rnd.uniform() * 3)));
    const T = Float64Array.from({ length: n }, () => 3 + Math.floor(rnd.uniform() * 3));
    const d = compressRfm(x, tx, T);
    expect(d.x.length).toBeLessThanOrEqual(4 * 3 * 3);
    expect(Array.from(d.w).reduce((a, b) => a + b)).toBe(n);
    const keys = new Set(Array.from(d.x, (v, i) => `${v},${d.tx[i]},${d.T[i]}`));
    expect(keys.size).toBe(d.x.length);
    expect(subsampleRfm(d, 2).x.length).toBe(Math.ceil(d.x.length / 2));
  });

  it('keeps each x in the order of first occurrence, with weights, both for small integer x and any other x', () => {
    // rows by hand: x = 1 first seen as (1, 2, 9) then (1, 1, 9); x = 0 as (0, 0, 7) then (0, 0, 9)
    const x = Float64Array.of(1, 0, 1, 0, 1, 0);
    const tx = Float64Array.of(2, 0, 1, 0, 2, 0);
    const T = Float64Array.of(9, 7, 9, 9, 9, 7);
    const w = Float64Array.of(1, 2, 3, 4, 5, 6);
    const rows = (d: ReturnType<typeof compressRfm>) =>
      Array.from(d.x, (v, i) => [v, d.tx[i], d.T[i], d.w[i]]);
    expect(rows(compressRfm(x, tx, T, w))).toEqual([
      [0, 0, 7, 8],
      [0, 0, 9, 4],
      [1, 2, 9, 6],
      [1, 1, 9, 3],
    ]);
    // an x that is not a small integer takes the other path (hash, then sort): same rows, same order
    const huge = Float64Array.of(1, 0, 1, 0, 1e9, 0);
    expect(rows(compressRfm(huge, tx, T, w))).toEqual([
      [0, 0, 7, 8],
      [0, 0, 9, 4],
      [1, 2, 9, 1],
      [1, 1, 9, 3],
      [1e9, 2, 9, 5],
    ]);
  });
});

describe('seeded simulation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const a = simulateBgnbd(p, 1000, { tMin: 27, tMax: 39 }, 5);
    const b = simulateBgnbd(p, 1000, { tMin: 27, tMax: 39 }, 5);
    const c = simulateBgnbd(p, 1000, { tMin: 27, tMax: 39 }, 6);
    expect(Array.from(a.tx)).toEqual(Array.from(b.tx));
    expect(Array.from(a.tx)).not.toEqual(Array.from(c.tx));
  });
});

describe('expected customers alive', () => {
  it('starts at Σ P(alive) and decreases over time', () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const f = FORECASTERS['bgnbd'];
    const x = Float64Array.of(0, 2, 7);
    const tx = Float64Array.of(0, 30.43, 20);
    const T = Float64Array.of(38.86, 38.86, 38.86);
    const alive = expectedAliveCustomers(f, p, x, tx, T, Float64Array.of(1e-9, 52, 104));
    const now = Array.from(x, (_, i) =>
      f.curves(p, x[i]!, tx[i]!, T[i]!, Float64Array.of(1), new Float64Array(1), new Float64Array(1)),
    ).reduce((s, v) => s + v);
    close('alive at t≈0', alive[0]!, now, 1e-6);
    expect(alive[1]!).toBeLessThan(alive[0]!);
    expect(alive[2]!).toBeLessThan(alive[1]!);
  });
});
