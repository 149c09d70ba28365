/**
 * Stratified draws for the traits that carry the story, so that even a small demo has its
 * share of key accounts and of demanding, unhappy and pampered customers: golden-ratio
 * sequences (with seeded offsets) instead of independent draws. Customer n's segment
 * depends only on n, so any block of customers can be generated on its own.
 */
import { cumulative, Rng } from './rng.ts';
import { SEGMENTS } from './segments.ts';

const GOLDEN = 0.6180339887498949;
const SEGMENT_CUM = cumulative(SEGMENTS.map((s) => s.share));

/** The seeded offsets of the sequences (one for segments, one per segment for traits). */
export interface TraitOffsets {
  segment: number;
  traits: number[];
}

/** The offsets for a seed. */
export function traitOffsets(seed: number): TraitOffsets {
  const rng = new Rng(seed ^ 0x5bd1e995);
  return { segment: rng.next(), traits: SEGMENTS.map(() => rng.next()) };
}

function pickAt(cum: readonly number[], u: number): number {
  const x = u * cum[cum.length - 1]!;
  let i = 0;
  while (cum[i]! <= x) i++;
  return i;
}

/** Segment index of customer number `n` (0-based). */
export function segmentAt(offsets: TraitOffsets, n: number): number {
  return pickAt(SEGMENT_CUM, (offsets.segment + GOLDEN * n) % 1);
}

/** The sequence from customer `start` (0-based), given how many of each segment came before. */
export class TraitSequence {
  private n: number;
  private readonly counts: number[];

  constructor(
    private readonly offsets: TraitOffsets,
    start: number,
    countsBefore: readonly number[],
  ) {
    this.n = start;
    this.counts = [...countsBefore];
  }

  /** The next customer's segment index. */
  segment(): number {
    return segmentAt(this.offsets, this.n++);
  }

  /** The next trait position in [0, 1) for a customer of segment `s`. */
  trait(s: number): number {
    return (this.offsets.traits[s]! + GOLDEN * this.counts[s]!++) % 1;
  }
}
