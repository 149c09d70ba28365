/**
 * The demo is generated in fixed blocks of customers, each from its own seeded stream, so
 * blocks can run on several threads and the files are the same whichever way they ran.
 * Ids of a block start at a fixed base (block index x ID_STRIDE), so no block waits for
 * another to know its numbers; the first block's ids start at 1.
 */
import type { DemoOptions } from './options.ts';
import { SEGMENTS } from './segments.ts';
import { segmentAt, traitOffsets, type TraitOffsets } from './traitSequence.ts';

/** Customers per block. */
export const BLOCK_CUSTOMERS = 8_192;
/** Id numbers reserved per block (a block uses a few percent of them). */
export const ID_STRIDE = 1_000_000;

/** One block of customers to generate. */
export interface BlockSpec {
  /** Block number, 0-based. */
  index: number;
  /** Number (0-based) of the block's first customer. */
  start: number;
  /** Customers in the block. */
  count: number;
  /** Customers of each segment before this block (for the stratified traits). */
  countsBefore: number[];
  /** Sequence offsets of the whole demo. */
  offsets: TraitOffsets;
}

/** The blocks of a demo, in order. */
export function planBlocks(o: DemoOptions): BlockSpec[] {
  const offsets = traitOffsets(o.seed);
  const counts = SEGMENTS.map(() => 0);
  const blocks: BlockSpec[] = [];
  for (let start = 0; start < o.customers; start += BLOCK_CUSTOMERS) {
    const count = Math.min(BLOCK_CUSTOMERS, o.customers - start);
    blocks.push({ index: blocks.length, start, count, countsBefore: [...counts], offsets });
    for (let n = start; n < start + count; n++) counts[segmentAt(offsets, n)]!++;
  }
  return blocks;
}

/** The seed of a block's random stream. */
export function blockSeed(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}
