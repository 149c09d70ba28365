/**
 * Effect values: a plain number or a distribution (uniform, triangular, normal, a fixed
 * list), with its mean and seeded sampling. Units are the effect's own (points or percent).
 */
import { Random } from '../clv/index.ts';

/** A number or a distribution over numbers, as written in the initiative YAML. */
export type Distribution =
  | number
  | { uniform: { min: number; max: number } }
  | { triangular: { min: number; mode: number; max: number } }
  | { normal: { mean: number; sd: number } }
  | { list: number[] };

/** True when the value is uncertain (anything but a plain number). */
export function isUncertain(d: Distribution): boolean {
  return typeof d !== 'number';
}

/** The distribution's mean (the value used in the deterministic projection). */
export function meanOf(d: Distribution): number {
  if (typeof d === 'number') return d;
  if ('uniform' in d) return (d.uniform.min + d.uniform.max) / 2;
  if ('triangular' in d) return (d.triangular.min + d.triangular.mode + d.triangular.max) / 3;
  if ('normal' in d) return d.normal.mean;
  return d.list.reduce((s, v) => s + v, 0) / d.list.length;
}

/** One seeded draw from the distribution (inverse transform; the list draws uniformly). */
export function sample(d: Distribution, rng: Random): number {
  if (typeof d === 'number') return d;
  if ('uniform' in d) return d.uniform.min + (d.uniform.max - d.uniform.min) * rng.uniform();
  if ('triangular' in d) {
    const { min: a, mode: c, max: b } = d.triangular;
    const u = rng.uniform();
    const f = b > a ? (c - a) / (b - a) : 0.5;
    return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  }
  if ('normal' in d) return d.normal.mean + d.normal.sd * rng.normal();
  return d.list[Math.min(d.list.length - 1, Math.floor(rng.uniform() * d.list.length))]!;
}

/** A short description for people, e.g. `triangular(0, 2, 4)`. */
export function describeDistribution(d: Distribution): string {
  if (typeof d === 'number') return String(d);
  if ('uniform' in d) return `uniform(${d.uniform.min}, ${d.uniform.max})`;
  if ('triangular' in d) return `triangular(${d.triangular.min}, ${d.triangular.mode}, ${d.triangular.max})`;
  if ('normal' in d) return `normal(mean ${d.normal.mean}, sd ${d.normal.sd})`;
  return `one of [${d.list.join(', ')}]`;
}
