/**
 * Seeded Monte Carlo over the effect distributions: one projection per draw on the group's
 * summed curves (the per-customer work is done once in the baseline).
 */
import { Random } from '../clv/index.ts';
import type { GroupBaseline } from './baseline.ts';
import { isUncertain, meanOf, sample } from './distribution.ts';
import { project, type EffectValues } from './project.ts';
import { EFFECTS, type EffectName, type Initiative } from './schema.ts';

/** NPV distribution of an initiative. */
export interface Simulation {
  draws: number;
  seed: number;
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  /** Share of draws with NPV > 0. */
  probPositive: number;
  /** Per effect, the sampled values (for the tornado); one entry per uncertain effect. */
  samples: Map<EffectName, Float64Array>;
  /** NPV of every draw, in draw order. */
  npvs: Float64Array;
}

/** Effect values at their means (the deterministic, "expected" projection). */
export function meanEffects(ini: Initiative): EffectValues {
  const v: EffectValues = {};
  for (const name of EFFECTS) {
    const e = ini.effects[name];
    if (e) v[name] = meanOf(e.value);
  }
  return v;
}

/** Quantile of sorted values (linear interpolation between order statistics, type 7). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Runs `draws` seeded projections; effects given as plain numbers stay fixed. */
export function simulate(
  b: GroupBaseline,
  ini: Initiative,
  discountRate: number,
  draws: number,
  seed: number,
): Simulation {
  const rng = new Random(seed);
  const uncertain = EFFECTS.filter((n) => ini.effects[n] && isUncertain(ini.effects[n].value));
  const samples = new Map(uncertain.map((n) => [n, new Float64Array(draws)] as const));
  const fixed = meanEffects(ini);
  const npvs = new Float64Array(draws);
  let sum = 0;
  let positive = 0;
  for (let d = 0; d < draws; d++) {
    const v: EffectValues = { ...fixed };
    for (const n of uncertain) {
      const x = sample(ini.effects[n]!.value, rng);
      v[n] = x;
      samples.get(n)![d] = x;
    }
    const npv = project(b, ini, v, discountRate).npv;
    npvs[d] = npv;
    sum += npv;
    if (npv > 0) positive++;
  }
  const sorted = Float64Array.from(npvs).sort();
  return {
    draws,
    seed,
    mean: draws ? sum / draws : Number.NaN,
    p5: quantile(sorted, 0.05),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    probPositive: draws ? positive / draws : Number.NaN,
    samples,
    npvs,
  };
}

/** One bar of the tornado chart: NPV with one input at its P10 and P90, the others at their means. */
export interface TornadoBar {
  effect: EffectName;
  low: number;
  high: number;
  npvLow: number;
  npvHigh: number;
  /** |npvHigh - npvLow|: bars are sorted by it, widest first. */
  swing: number;
}

/** Tornado data from the sampled values' P10 and P90. */
export function tornado(
  b: GroupBaseline,
  ini: Initiative,
  discountRate: number,
  sim: Simulation,
): TornadoBar[] {
  const base = meanEffects(ini);
  const bars: TornadoBar[] = [];
  for (const [effect, values] of sim.samples) {
    const sorted = Float64Array.from(values).sort();
    const low = quantile(sorted, 0.1);
    const high = quantile(sorted, 0.9);
    const npvLow = project(b, ini, { ...base, [effect]: low }, discountRate).npv;
    const npvHigh = project(b, ini, { ...base, [effect]: high }, discountRate).npv;
    bars.push({ effect, low, high, npvLow, npvHigh, swing: Math.abs(npvHigh - npvLow) });
  }
  return bars.sort((x, y) => y.swing - x.swing);
}
