/**
 * Ranks without a full sort: which of a few rank ranges (deciles, a whale curve's points) each
 * value falls in, when the values are ranked descending (ties by a second key, ascending). One
 * pass counts the values per bucket of an order-preserving key (the top bits of the double), a
 * walk over the buckets gives each bucket its first rank, and only the few buckets a range's end
 * cuts through are sorted. At 1,000,000 values that is about a tenth of a sort's CPU.
 */

/** Bits of the bucket key (buckets: 2^BITS). */
const BITS = 20;
const BUCKETS = 2 ** BITS;

/** Below this many values a sort is as cheap as the buckets. */
const SORT_BELOW = 4_096;

/** Scratch of the last call (one thread; reused so a call allocates little). */
let counts = new Uint32Array(0);
let keys = new Uint32Array(0);

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Which 32-bit half of a double holds the sign and exponent (the machine's byte order). */
const HIGH = (() => {
  f64[0] = -1;
  return u32[1]! >>> 31 === 1 ? 1 : 0;
})();

/** The bucket of a value: larger values have larger keys (-0 is 0; not NaN). */
function keyOf(v: number): number {
  f64[0] = v + 0;
  const hi = u32[HIGH]!;
  const ordered = hi >>> 31 === 1 ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
  return ordered >>> (32 - BITS);
}

/**
 * The group of each of the first `n` values: group g (0-based) holds ranks `ends[g - 1] + 1` to
 * `ends[g]` (1-based ranks, values descending, ties by `tie` ascending, then by index), `ends`
 * ascending with its last equal to n. Values are finite numbers.
 */
export function rankGroups(
  values: Float64Array,
  n: number,
  ends: number[],
  tie?: ArrayLike<number>,
): Uint32Array {
  const group = new Uint32Array(n);
  const groupOfRank = (r: number) => {
    let g = 0;
    while (ends[g]! < r) g++;
    return g;
  };
  const before = (a: number, b: number) => values[b]! - values[a]! || (tie ? tie[a]! - tie[b]! : 0) || a - b;
  if (n < SORT_BELOW) {
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort(before);
    let g = 0;
    for (let r = 1; r <= n; r++) {
      while (ends[g]! < r) g++;
      group[order[r - 1]!] = g;
    }
    return group;
  }
  if (counts.length < BUCKETS) counts = new Uint32Array(BUCKETS);
  else counts.fill(0);
  if (keys.length < n) keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = keyOf(values[i]!);
    keys[i] = k;
    counts[k]!++;
  }
  // Each bucket's group, or -1 when a range ends inside it; its first rank in `first`.
  const bucketGroup = new Int32Array(BUCKETS);
  const first = new Map<number, number>();
  let above = 0;
  let g0 = 0; // the group of rank above + 1 (ranks only grow)
  for (let k = BUCKETS - 1; k >= 0; k--) {
    const c = counts[k]!;
    if (c === 0) continue;
    while (ends[g0]! < above + 1) g0++;
    if (ends[g0]! >= above + c) bucketGroup[k] = g0;
    else {
      bucketGroup[k] = -1;
      first.set(k, above + 1);
    }
    above += c;
  }
  const cut = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = bucketGroup[keys[i]!]!;
    if (g >= 0) group[i] = g;
    else {
      let members = cut.get(keys[i]!);
      if (!members) cut.set(keys[i]!, (members = []));
      members.push(i);
    }
  }
  for (const [k, members] of cut) {
    sortMembers(members, values, n, before, tie);
    let r = first.get(k)!;
    for (const i of members) group[i] = groupOfRank(r++);
  }
  return group;
}

/**
 * Puts a cut bucket's members in rank order. A bucket of equal values (the zeros of customers
 * without months in a period: often most of the customers) is ordered by its ties alone, with a
 * native sort of tie x n + index where that is an exact integer; anything else by the comparator.
 */
function sortMembers(
  members: number[],
  values: Float64Array,
  n: number,
  before: (a: number, b: number) => number,
  tie: ArrayLike<number> | undefined,
): void {
  const v = values[members[0]!]!;
  let equal = true;
  let maxTie = 0;
  for (const i of members) {
    if (values[i] !== v) {
      equal = false;
      break;
    }
    const t = tie ? tie[i]! : 0;
    if (!(t >= 0 && Number.isSafeInteger(t))) {
      equal = false;
      break;
    }
    if (t > maxTie) maxTie = t;
  }
  if (!equal || (maxTie + 1) * n >= Number.MAX_SAFE_INTEGER) {
    members.sort(before);
    return;
  }
  if (tie && maxTie < 8 * n + 1_024) {
    // Ties that are distinct small integers (ranks by id): placed by a counting pass, no sort.
    const at = new Int32Array(maxTie + 1).fill(-1);
    let distinct = true;
    for (const i of members) {
      const t = tie[i]!;
      if (at[t] !== -1) {
        distinct = false;
        break;
      }
      at[t] = i;
    }
    if (distinct) {
      let j = 0;
      for (let t = 0; t <= maxTie; t++) if (at[t] !== -1) members[j++] = at[t]!;
      return;
    }
  }
  const keys = Float64Array.from(members, (i) => (tie ? tie[i]! : 0) * n + i).sort();
  for (let j = 0; j < keys.length; j++) members[j] = keys[j]! % n;
}

/** The last rank of each decile of n ranked values (rank r is in decile ceil(10 r / n)). */
export function decileEnds(n: number): number[] {
  return Array.from({ length: 10 }, (_, g) => Math.floor(((g + 1) * n) / 10));
}

/** The ranks a whale curve shows of n customers (every `step`-th, and the last), ascending. */
export function curveRanks(n: number, step: number): number[] {
  const out: number[] = [];
  for (let r = step; r < n; r += step) out.push(r);
  if (n > 0) out.push(n);
  return out;
}

/** One level's scratch of {@link topSums}: per bucket its count, sum, least value and slot among the cut buckets (-1: none). */
interface SumScratch {
  counts: Uint32Array;
  sums: Float64Array;
  mins: Float64Array;
  slots: Int32Array;
}

/** Scratch per level of {@link topSums} (one thread; reused so a call allocates little). */
const sumScratch: SumScratch[] = [];

/** Most bits a level of {@link topSums} takes (2^16 buckets: the scratch stays in the cache, not 2^20 scattered over 20 MiB). */
const SUM_BITS = 16;

/** Bits `off` to `off + bits - 1` (from the top) of the 64-bit order-preserving key of `v`. */
function keyBits(v: number, off: number, bits: number): number {
  f64[0] = v + 0;
  const h = u32[HIGH]!;
  const l = u32[1 - HIGH]!;
  const neg = h >>> 31 === 1;
  const hi = neg ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  const lo = neg ? ~l >>> 0 : l;
  if (off + bits <= 32) return ((hi << off) >>> 0) >>> (32 - bits);
  if (off >= 32) return ((lo << (off - 32)) >>> 0) >>> (32 - bits);
  const fromHi = 32 - off;
  const rest = bits - fromHi;
  return ((((hi << off) >>> 0) >>> off) << rest) | (lo >>> (32 - rest));
}

/**
 * The running sums of values descending at each of `ranks` (ascending, the last equal to n):
 * exact for integer values whose absolute values add up below 2^53. Counts and sums per bucket
 * of the key's top bits; a bucket a rank cuts through is gathered and summed the same way on the
 * key's next bits (a few levels at most, each over fewer values), sorted once it is small.
 */
export function topSums(values: Float64Array, n: number, ranks: number[]): number[] {
  if (n === 0) return [];
  const first = n === values.length ? values : values.subarray(0, n);
  return octaveSums(first, ranks) ?? levelSums(first, ranks, 0);
}

/** Mantissa bits per octave of {@link octaveSums}' key (1,024 buckets between 2^k and 2^(k+1)). */
const OCTAVE_BITS = 10;
/** Octaves of {@link octaveSums}: |v| < 1 (one bucket), then [2^(m-1), 2^m) for m = 1..54. */
const OCTAVES = 64;
/** Buckets of one sign in {@link octaveSums}. */
const HALF = OCTAVES << OCTAVE_BITS;

/**
 * The bucket of a double by its high 32-bit word (see {@link octaveWords}): its sign, its
 * octave (its exponent: |v| < 1 in one bucket, then [2^(m-1), 2^m) for m = 1..54) and the next
 * 10 bits of its mantissa, so larger values have larger buckets; -1 for |v| >= 2^54. Whole
 * numbers of cents span at most 54 octaves, so 2 x 65,536 buckets stay in the cache whatever
 * the spread, and a bucket below 2^11 holds one whole number.
 */
export function octaveBucket(hi: number): number {
  const e = (hi >>> 20) & 0x7ff;
  if (e > 1076) return -1;
  const k = e < 1023 ? 0 : ((e - 1022) << OCTAVE_BITS) | ((hi >>> (20 - OCTAVE_BITS)) & OCTAVE_MASK);
  return hi >>> 31 === 1 ? HALF - 1 - k : HALF + k;
}

const OCTAVE_MASK = (1 << OCTAVE_BITS) - 1;

/** The 32-bit words of `values` in place: value i's high word (sign, exponent, mantissa's top) is at `2 i + OCTAVE_HIGH`. */
export function octaveWords(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
}

/** Where a double's high word sits in {@link octaveWords} (the machine's byte order). */
export const OCTAVE_HIGH = HIGH;

/**
 * Count, sum and least value per {@link octaveBucket}, filled by the caller's own pass over its
 * values (so a pass that computes the values can bucket them as it goes), then the running sums
 * at given ranks with one more pass over only the buckets a rank cuts through. One held per
 * thread ({@link octaveCounter}): reset before each use.
 */
export class OctaveCounter {
  /** Values per bucket. */
  readonly counts = new Uint32Array(2 * HALF);
  /** Sum of the values per bucket. */
  readonly sums = new Float64Array(2 * HALF);
  /** Least value per bucket (Infinity when empty). */
  readonly mins = new Float64Array(2 * HALF);
  private readonly slots = new Int32Array(2 * HALF).fill(-1);

  /** Empties every bucket. */
  reset(): void {
    this.counts.fill(0);
    this.sums.fill(0);
    this.mins.fill(Infinity);
  }

  /** Adds `v` to bucket `b` (`octaveBucket` of its high word, not -1). */
  add(b: number, v: number): void {
    this.counts[b]!++;
    this.sums[b]! += v;
    if (v < this.mins[b]!) this.mins[b] = v;
  }

  /**
   * {@link topSums} of `values` (every one added, none else) at `ranks`: a walk over the
   * buckets, then the members of the buckets a rank cuts through gathered in one pass and summed
   * by the general path (a bucket of equal values needs none).
   */
  topSums(values: Float64Array, ranks: number[]): number[] {
    const { counts, sums, mins, slots } = this;
    const n = values.length;
    const out = new Array<number>(ranks.length).fill(0);
    const cuts = walkBuckets(counts, sums, mins, counts.length, ranks, out);
    if (cuts.length === 0) return out;
    const { members, filled } = cutMembers(cuts, counts, slots);
    const words = octaveWords(values);
    for (let i = 0; i < n; i++) {
      const s = slots[octaveBucket(words[2 * i + HIGH]!)]!;
      if (s >= 0) members[s]![filled[s]!++] = values[i]!;
    }
    sumCuts(cuts, members, slots, 0, out);
    return out;
  }
}

let counter: OctaveCounter | undefined;

/** The thread's {@link OctaveCounter} (made on first use: 2.6 MB). */
export function octaveCounter(): OctaveCounter {
  return (counter ??= new OctaveCounter());
}

/**
 * {@link topSums} in one pass over the values into {@link OctaveCounter}'s buckets and one more
 * over those a rank cuts through, or null for a value of 2^54 or more (the general path
 * answers). The general path's 16 top bits leave 16 buckets an octave, so that a million
 * contributions crowd into a few hundred buckets read again level by level.
 */
function octaveSums(values: Float64Array, ranks: number[]): number[] | null {
  const n = values.length;
  if (n < SORT_BELOW) return null;
  const c = octaveCounter();
  c.reset();
  const words = octaveWords(values);
  for (let i = 0; i < n; i++) {
    const b = octaveBucket(words[2 * i + HIGH]!);
    if (b < 0) return null;
    c.add(b, values[i]!);
  }
  return c.topSums(values, ranks);
}

/** {@link topSums} of every value of `values`, bucketed on key bits from `off`; `ranks` ascending, each at most its length. */
function levelSums(values: Float64Array, ranks: number[], off: number): number[] {
  const n = values.length;
  if (n < SORT_BELOW || off >= 64) {
    const sorted = values.slice().sort();
    let run = 0;
    let at = n;
    return ranks.map((rk) => {
      while (n - at < rk) run += sorted[--at]!;
      return run;
    });
  }
  const bits = off === 0 ? SUM_BITS : Math.min(SUM_BITS, Math.max(8, Math.ceil(Math.log2(n)) - 2), 64 - off);
  const size = 2 ** bits;
  const level = off === 0 ? 0 : 1 + Math.ceil(off / 8);
  let w = sumScratch[level];
  if (!w || w.counts.length < size) {
    w = {
      counts: new Uint32Array(size),
      sums: new Float64Array(size),
      mins: new Float64Array(size),
      slots: new Int32Array(size).fill(-1),
    };
    sumScratch[level] = w;
  }
  const { counts, sums, mins, slots } = w;
  counts.fill(0, 0, size);
  sums.fill(0, 0, size);
  mins.fill(Infinity, 0, size);
  const keys = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const k = keyBits(v, off, bits);
    keys[i] = k;
    counts[k]!++;
    sums[k]! += v;
    if (v < mins[k]!) mins[k] = v;
  }
  const out = new Array<number>(ranks.length).fill(0);
  const cuts = walkBuckets(counts, sums, mins, size, ranks, out);
  if (cuts.length === 0) return out;
  const { members, filled } = cutMembers(cuts, counts, slots);
  for (let i = 0; i < n; i++) {
    const s = slots[keys[i]!]!;
    if (s >= 0) members[s]![filled[s]!++] = values[i]!;
  }
  sumCuts(cuts, members, slots, off + bits, out);
  return out;
}

/** A rank that ends inside a bucket: the bucket, the sum above it, how many of it to take, the rank's place. */
interface Cut {
  bucket: number;
  above: number;
  take: number;
  rank: number;
}

/**
 * Walks the buckets below `top` from the highest down, writing into `out` every rank that ends on a
 * bucket's edge or in a bucket of equal values (all the zeros of customers without months in a
 * period need no more); returns the ranks that end inside a bucket.
 */
function walkBuckets(
  counts: Uint32Array,
  sums: Float64Array,
  mins: Float64Array,
  top: number,
  ranks: number[],
  out: number[],
): Cut[] {
  const cuts: Cut[] = [];
  let above = 0;
  let sumAbove = 0;
  let t = 0;
  for (let k = top - 1; k >= 0 && t < ranks.length; k--) {
    const c = counts[k]!;
    if (c === 0) continue;
    const equal = sums[k] === c * mins[k]!;
    for (; t < ranks.length && ranks[t]! <= above + c; t++)
      if (ranks[t] === above + c) out[t] = sumAbove + sums[k]!;
      else if (equal) out[t] = sumAbove + (ranks[t]! - above) * mins[k]!;
      else cuts.push({ bucket: k, above: sumAbove, take: ranks[t]! - above, rank: t });
    above += c;
    sumAbove += sums[k]!;
  }
  return cuts;
}

/** One members array per cut bucket, sized to it, its slot number written in `slots`. */
function cutMembers(
  cuts: Cut[],
  counts: Uint32Array,
  slots: Int32Array,
): { members: Float64Array[]; filled: number[] } {
  const members: Float64Array[] = [];
  const filled: number[] = [];
  for (const cut of cuts)
    if (slots[cut.bucket] === -1) {
      slots[cut.bucket] = members.length;
      members.push(new Float64Array(counts[cut.bucket]!));
      filled.push(0);
    }
  return { members, filled };
}

/** Each cut bucket's gathered members summed once on the next bits (from `off`) for every rank that ends in it; the slots cleared. */
function sumCuts(cuts: Cut[], members: Float64Array[], slots: Int32Array, off: number, out: number[]): void {
  const slotOf = cuts.map((cut) => slots[cut.bucket]!);
  for (const cut of cuts) slots[cut.bucket] = -1;
  members.forEach((m, s) => {
    const mine = cuts.filter((_, i) => slotOf[i] === s);
    const inner = levelSums(
      m,
      mine.map((c) => c.take),
      off,
    );
    mine.forEach((cut, i) => (out[cut.rank] = cut.above + inner[i]!));
  });
}
