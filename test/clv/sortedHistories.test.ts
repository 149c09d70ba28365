import { describe, expect, it } from 'vitest';
import { Random, sortedHistories } from '../../src/clv/index.ts';

/** The order by a comparator on (x, T, t_x), ties by index: what the ranked keys must give. */
function byComparator(x: Float64Array, tx: Float64Array, T: Float64Array): number[] {
  return Array.from(x, (_, i) => i).sort(
    (i, j) => x[i]! - x[j]! || T[i]! - T[j]! || tx[i]! - tx[j]! || i - j,
  );
}

describe('customers ordered by history', () => {
  it('orders seeded histories (many shared) as the comparator does, ties by index', () => {
    const rnd = new Random(99);
    const n = 20_000;
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const days = 1 + Math.floor(rnd.uniform() * 60);
      x[i] = Math.floor(rnd.uniform() * 4);
      tx[i] = x[i] ? Math.floor(rnd.uniform() * days) / 7 : 0;
      T[i] = days / 7;
    }
    expect(Array.from(sortedHistories(x, tx, T))).toEqual(byComparator(x, tx, T));
  });

  it('falls back to the comparator for values it cannot rank (an infinite T), with the same order', () => {
    const x = Float64Array.of(1, 0, 1, 0);
    const tx = Float64Array.of(2, 0, 1, 0);
    const T = Float64Array.of(Infinity, 3, 5, 3);
    expect(Array.from(sortedHistories(x, tx, T))).toEqual([1, 3, 2, 0]);
  });
});
