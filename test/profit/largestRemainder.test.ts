/**
 * The cent split of the monthly P&L, done in process (src/profit/monthly.ts `largestRemainder`),
 * against the textbook largest-remainder method in BigInt, worked out from the definition rather
 * than from Worth's formula: each row floor(cents x w / W), the cents left over one each to the
 * rows with the largest remainders (cents x w) mod W, ties to the earlier row. Inputs from a seeded
 * generator, with ties, single rows, zero cents and amounts near the exact-number limit.
 */
import { describe, expect, it } from 'vitest';
import { largestRemainder } from '../../src/profit/monthly.ts';

/** A seeded generator (mulberry32): the same inputs on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hamilton's method in BigInt for cents >= 0. */
function hamilton(cents: bigint, weights: bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  const shares = weights.map((w) => (cents * w) / total);
  const rems = weights.map((w) => (cents * w) % total);
  let left = cents - shares.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : a - b));
  for (const i of order) {
    if (left === 0n) break;
    shares[i] = shares[i]! + 1n;
    left -= 1n;
  }
  return shares;
}

describe('the monthly cent split in process', () => {
  it('equals the largest-remainder method in BigInt and adds up to the cent, on 20,000 seeded splits', () => {
    const r = seeded(20261206);
    for (let n = 0; n < 20000; n++) {
      const rows = 1 + Math.floor(r() * (n % 10 === 0 ? 60 : 8));
      // Small weights make ties; some rows weigh a lot (order lines).
      const weights = Array.from({ length: rows }, () => 1 + Math.floor(r() * (r() < 0.8 ? 4 : 5000)));
      const scale = [0, 1, 100, 10_000, 1e8, 1e12, 2 ** 53 / 8][n % 7]!;
      const cents = Math.floor(r() * scale);
      const got = largestRemainder(cents, weights);
      const want = hamilton(BigInt(cents), weights.map(BigInt)).map(Number);
      expect(got, JSON.stringify({ cents, weights })).toEqual(want);
      expect(got!.reduce((a, b) => a + b, 0)).toBe(cents);
    }
  });

  it('gives the earlier month the cent on a tie, and one month all of it', () => {
    expect(largestRemainder(10_000, Array<number>(12).fill(1))).toEqual([
      834, 834, 834, 834, 833, 833, 833, 833, 833, 833, 833, 833,
    ]);
    expect(largestRemainder(1001, [1, 1, 1])).toEqual([334, 334, 333]);
    expect(largestRemainder(7, [3])).toEqual([7]);
    expect(largestRemainder(0, [2, 5])).toEqual([0, 0]);
  });

  it('splits a negative amount as the positive one negated, to the cent, and declines weights too large to be exact', () => {
    // -100 over 3 equal months: -34, -33, -33 (the earlier month takes the cent on a tie).
    expect(largestRemainder(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(largestRemainder(-99, [1, 2])).toEqual([-33, -66]);
    expect(largestRemainder(-10_000, Array<number>(12).fill(1))).toEqual(
      largestRemainder(10_000, Array<number>(12).fill(1))!.map((c) => -c),
    );
    expect(largestRemainder(-7, [1, 3, 3])!.reduce((a, b) => a + b, 0)).toBe(-7);
    expect(largestRemainder(5, [2 ** 27])).toBeNull();
  });
});
