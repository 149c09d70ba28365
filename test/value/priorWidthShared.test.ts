/**
 * The prior width's search shares each group's likelihood between widths (fitted at one or two
 * widths, expanded to second order for the rest): on 24 seeded BG/NBD and MBG/NBD populations
 * (three or four segments of 8 to 3,000 customers, alike or different), it chooses the same
 * width as fitting every group at all 17 widths, with the same marginal log-likelihood there,
 * and it fits far fewer widths.
 */
import { describe, expect, it } from 'vitest';
import {
  bgnbd,
  compressRfm,
  estimatePriorSd,
  fitModel,
  mbgnbd,
  priorSdEveryWidth,
  Random,
  simulateBgnbd,
  type RfmData,
} from '../../src/clv/index.ts';

/** Population `k`: 3-4 segments with sizes and parameters drawn from a seeded generator. */
function populationOf(k: number, dropAtStart: boolean): { pooled: RfmData; groups: RfmData[] } {
  const rnd = new Random(500 + k);
  const segments = 3 + (k % 2);
  const alike = k % 3 === 0;
  const sims = Array.from({ length: segments }, (_, j) => {
    const n = Math.round(8 * 375 ** rnd.uniform());
    const spread = alike ? 0.05 : 0.8;
    const p = {
      r: 0.4 * Math.exp(spread * rnd.normal()),
      alpha: 5 * Math.exp(spread * rnd.normal()),
      a: 0.8 * Math.exp(spread * rnd.normal()),
      b: 2.5 * Math.exp(spread * rnd.normal()),
    };
    return simulateBgnbd(p, n, { tMin: 40, tMax: 100 }, 9000 + 10 * k + j, dropAtStart);
  });
  const cat = (f: (s: (typeof sims)[number]) => Float64Array) =>
    Float64Array.from(sims.flatMap((s) => [...f(s)]));
  return {
    pooled: compressRfm(
      cat((s) => s.x),
      cat((s) => s.tx),
      cat((s) => s.T),
    ),
    groups: sims.filter((s) => s.x.some((x) => x > 0)).map((s) => compressRfm(s.x, s.tx, s.T)),
  };
}

describe('the prior width searched with shared likelihoods', () => {
  for (const [label, model, drop] of [
    ['BG/NBD', bgnbd, false],
    ['MBG/NBD', mbgnbd, true],
  ] as const) {
    it(`${label}: the same width as fitting every width, on 12 seeded populations`, () => {
      let fitted = 0;
      const chosen = new Set<number>();
      for (let k = 0; k < 12; k++) {
        const { pooled, groups } = populationOf(k, drop);
        const center = fitModel(model, pooled).values;
        const every = priorSdEveryWidth(model, center, groups);
        const shared = estimatePriorSd(model, center, groups);
        expect(shared === null, `population ${k}`).toBe(every === null);
        if (!every || !shared) continue;
        expect(shared.sd, `population ${k}: profile ${JSON.stringify(every.profile)}`).toBe(every.sd);
        expect(Math.abs(shared.logMarginal - every.logMarginal), `population ${k}`).toBeLessThan(1e-3);
        fitted += shared.fitted;
        chosen.add(shared.sd);
      }
      // the populations ask for different widths (not one edge of the grid every time)
      expect(chosen.size, [...chosen].join(', ')).toBeGreaterThanOrEqual(3);
      // 17 widths fitted per population before
      expect(fitted).toBeLessThanOrEqual(3 * 12);
    }, 120_000);
  }
});
