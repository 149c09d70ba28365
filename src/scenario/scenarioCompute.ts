/**
 * The CPU-heavy part of pricing an initiative over the API (the seeded Monte Carlo and the
 * cash band), on a baseline read before: a pure function of plain data, so it runs in a
 * worker thread (the server's scenario pool) as well as in process.
 */
import type { Lang } from '../words/index.ts';
import { Random } from '../clv/index.ts';
import type { GroupBaseline } from './baseline.ts';
import { isUncertain, sample } from './distribution.ts';
import { cents } from './money.ts';
import { meanEffects, quantile } from './monteCarlo.ts';
import { project, type EffectValues } from './project.ts';
import { scenarioResult, type ScenarioResult } from './result.ts';
import { EFFECTS, type Initiative } from './schema.ts';

/** One year of the cumulative cash band (undiscounted, one-off cost included): P5, P50, P95 over the draws, as cents. */
export interface CashBand {
  year: number;
  p5: string;
  p50: string;
  p95: string;
}

/** One run to compute: plain data (structured-cloned into a worker). */
export interface ScenarioJob {
  baseline: GroupBaseline;
  ini: Initiative;
  discountRate: number;
  draws: number;
  seed: number;
  /** Language of the result's texts (default en). */
  lang?: Lang;
}

/** What a run computes. */
export interface ScenarioOutcome {
  result: ScenarioResult;
  band: CashBand[];
}

/** Computes a run: the library's result and the cash band of the same seeded draws. */
export function computeScenario(job: ScenarioJob): ScenarioOutcome {
  return {
    result: scenarioResult(job.baseline, job.ini, {
      discountRate: job.discountRate,
      draws: job.draws,
      seed: job.seed,
      lang: job.lang ?? 'en',
    }),
    band: cashBand(job.baseline, job.ini, job.discountRate, job.draws, job.seed),
  };
}

/** Most draws the cash band uses (its quantiles settle long before; the NPV figures use every draw). */
export const BAND_DRAWS = 500;

/**
 * P5/P50/P95 of the cumulative cash at each year end over the first (up to {@link BAND_DRAWS})
 * of the same seeded draws as the library's simulation (the same random stream: the uncertain
 * effects in EFFECTS order, draw after draw).
 */
export function cashBand(
  b: GroupBaseline,
  ini: Initiative,
  discountRate: number,
  allDraws: number,
  seed: number,
): CashBand[] {
  const uncertain = EFFECTS.filter((n) => ini.effects[n] && isUncertain(ini.effects[n].value));
  const draws = Math.min(allDraws, BAND_DRAWS);
  if (draws === 0 || uncertain.length === 0) return [];
  const rng = new Random(seed);
  const fixed = meanEffects(ini);
  const years = ini.horizon_years;
  const cumulative = Array.from({ length: years }, () => new Float64Array(draws));
  for (let d = 0; d < draws; d++) {
    const v: EffectValues = { ...fixed };
    for (const n of uncertain) v[n] = sample(ini.effects[n]!.value, rng);
    const p = project(b, ini, v, discountRate);
    for (let y = 0; y < years; y++) cumulative[y]![d] = p.cumulative[y]!;
  }
  return cumulative.map((values, y) => {
    const sorted = values.sort();
    return {
      year: y + 1,
      p5: cents(quantile(sorted, 0.05)),
      p50: cents(quantile(sorted, 0.5)),
      p95: cents(quantile(sorted, 0.95)),
    };
  });
}
