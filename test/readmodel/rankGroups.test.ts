/**
 * Ranks without a full sort: the groups and running sums equal those of a full sort (values
 * descending, ties by the second key, then by index) on seeded values with many ties, negative
 * values, zeros and both sizes (the sort below 4,096 values, the buckets above).
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/clv/index.ts';
import { curveRanks, decileEnds, rankGroups, topSums } from '../../src/readmodel/rankGroups.ts';

/** Integer cents: mostly small, a long tail, a share of exact ties and of zeros, some negative. */
function values(n: number, seed: number): { v: Float64Array; tie: Float64Array } {
  const r = new Random(seed);
  const v = new Float64Array(n);
  const tie = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    v[i] =
      u < 0.1
        ? 0
        : u < 0.3
          ? 1_250 * Math.floor(r.uniform() * 4)
          : Math.round((r.uniform() ** 4 - 0.15) * 5e7);
    tie[i] = Math.floor(r.uniform() * n * 4);
  }
  return { v, tie };
}

/** The groups by a full sort: rank r (1-based) is in the first group whose end is at least r. */
function bySort(v: Float64Array, ends: number[], tie?: Float64Array): Uint32Array {
  const order = Array.from(v, (_, i) => i).sort(
    (a, b) => v[b]! - v[a]! || (tie ? tie[a]! - tie[b]! : 0) || a - b,
  );
  const group = new Uint32Array(v.length);
  let g = 0;
  order.forEach((i, at) => {
    while (ends[g]! < at + 1) g++;
    group[i] = g;
  });
  return group;
}

describe('rankGroups', () => {
  for (const n of [0, 1, 3, 9, 11, 4_000, 60_000, 250_001])
    it(`puts each of ${n} values in the decile a full sort does (ties by the second key)`, () => {
      const { v, tie } = values(n, n + 5);
      const ends = decileEnds(n);
      expect([...rankGroups(v, n, ends, tie)]).toEqual([...bySort(v, ends, tie)]);
    });

  for (const n of [5_000, 90_000])
    it(`puts each of ${n} values in its decile with ties by distinct ranks (ids), as a full sort does`, () => {
      const { v } = values(n, n + 9);
      // A seeded permutation of 0..2n-1 cut to n: distinct integer ties with gaps, as ranks by id of a selection are.
      const r = new Random(n);
      const perm = Array.from({ length: 2 * n }, (_, i) => i);
      for (let i = perm.length - 1; i > 0; i--) {
        const j = Math.floor(r.uniform() * (i + 1));
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const tie = Float64Array.from(perm.slice(0, n));
      const ends = decileEnds(n);
      expect([...rankGroups(v, n, ends, tie)]).toEqual([...bySort(v, ends, tie)]);
    });

  it('gives the running sums of a full sort at every point of a curve', () => {
    for (const n of [7, 5_000, 120_000]) {
      const { v } = values(n, 3 * n);
      const sorted = Float64Array.from(v).sort().reverse();
      for (const step of [1, 13, Math.ceil(n / 99)]) {
        if (step === 1 && n > 5_000) continue;
        const ranks = curveRanks(n, step);
        expect(ranks.at(-1)).toBe(n);
        let run = 0;
        let at = 0;
        const want = ranks.map((rk) => {
          while (at < rk) run += sorted[at++]!;
          return run;
        });
        expect(topSums(v, n, ranks), `${n} values, step ${step}`).toEqual(want);
      }
    }
  });

  it('gives the running sums of a full sort where the values crowd into few buckets (the next bits read down to equal values)', () => {
    // 300,000 values in two narrow bands (most share their top 16 key bits), many zeros, exact ties
    // and a few large ones: cut buckets are read again on their next bits, several levels deep.
    const r = new Random(77);
    const n = 300_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      v[i] =
        u < 0.4
          ? 0
          : u < 0.7
            ? 1_000_000 + Math.floor(r.uniform() * 5_000)
            : u < 0.95
              ? -(65_536 + Math.floor(r.uniform() * 300))
              : Math.floor(r.uniform() * 2 ** 40);
    }
    const sorted = Float64Array.from(v).sort().reverse();
    for (const ranks of [curveRanks(n, Math.ceil(n / 199)), curveRanks(n, 977), [1, 2, 3, 150_000, n]]) {
      let run = 0;
      let at = 0;
      const want = ranks.map((rk) => {
        while (at < rk) run += sorted[at++]!;
        return run;
      });
      expect(topSums(v, n, ranks)).toEqual(want);
    }
    // The first n of a longer array only.
    const m = 200_000;
    const first = Float64Array.from(v.subarray(0, m)).sort().reverse();
    const ranks = curveRanks(m, 1_001);
    let run = 0;
    let at = 0;
    const want = ranks.map((rk) => {
      while (at < rk) run += first[at++]!;
      return run;
    });
    expect(topSums(v, m, ranks)).toEqual(want);
  });

  it('gives the running sums of a full sort by octave buckets, with -0, one-cent steps, every octave up to 2^37 and the general path past 2^54', () => {
    // Whole cents spread over every octave from 1 to 2^37 (each octave's 1,024 buckets; sums stay
    // below 2^53), runs of neighbouring cents (a bucket below 2^11 is one value), -0 beside 0; then
    // the same times 8 with one value of 2^54, which the octave key cannot hold, so the general path
    // answers (multiples of 8: sums up to 2^56 exact in any order).
    const r = new Random(5);
    const n = 50_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      const octave = Math.floor(r.uniform() * 37);
      v[i] =
        u < 0.05
          ? -0
          : u < 0.1
            ? 0
            : u < 0.4
              ? 1_000 + Math.floor(r.uniform() * 100) - 500
              : (r.uniform() < 0.3 ? -1 : 1) * Math.floor(2 ** octave * (1 + r.uniform()));
    }
    const want = (xs: Float64Array, ranks: number[]) => {
      const sorted = Float64Array.from(xs).sort().reverse();
      let run = 0;
      let at = 0;
      return ranks.map((rk) => {
        while (at < rk) run += sorted[at++]!;
        return run + 0;
      });
    };
    const plus0 = (xs: number[]) => xs.map((x) => x + 0);
    for (const ranks of [curveRanks(n, 250), curveRanks(n, 7_919), [1, 2, 4_999, 5_000, 5_001, n]])
      expect(plus0(topSums(v, n, ranks))).toEqual(want(v, ranks));
    for (let i = 0; i < n; i++) v[i] = 8 * v[i]!;
    v[123] = 2 ** 54;
    v[124] = -(2 ** 54);
    const ranks = curveRanks(n, 250);
    expect(plus0(topSums(v, n, ranks))).toEqual(want(v, ranks));
  });

  it('numbers deciles as SQL does (rank r in decile ceil(10 r / n))', () => {
    for (const n of [1, 3, 10, 17, 1_000]) {
      const ends = decileEnds(n);
      for (let r = 1; r <= n; r++) expect(ends.findIndex((e) => e >= r) + 1).toBe(Math.ceil((10 * r) / n));
    }
  });
});
