// Every model's analytic gradient against central finite differences of its own
// log-likelihood, on the public data sets, at the published optimum and at points far from it
// (where the optimiser starts and wanders: each parameter halved and doubled, and all of them
// scaled together). A wrong sign or a missing term in one partial derivative fails here even
// when the fit still lands near the published values.
import { describe, expect, it } from 'vitest';
import {
  bgbb,
  bgnbd,
  cohortFromTable,
  discreteFromTable,
  gammaGamma,
  mbgnbd,
  paretoNbd,
  rfmFromTable,
  sbg,
  spendFromTable,
  type LikelihoodModel,
} from '../../src/clv/index.ts';
import { fixtureTable } from './helpers.ts';

/**
 * Central difference in each parameter with a relative step of 1e-5: truncation error
 * ~ h² |f'''| and rounding ~ 1e-16 |f| / h, both under 1e-9 |f| for these likelihoods
 * (|f| up to ~4e4). Tolerance per component: 1e-8 (|f| + |g|) + 1e-6 (measured errors are about 100 times smaller).
 */
function checkGradient<D>(
  model: LikelihoodModel<D>,
  data: D,
  at: Record<string, number>,
  label: string,
): void {
  const names = model.paramNames;
  const p = Float64Array.from(names, (n) => at[n]!);
  const grad = new Float64Array(names.length);
  const f = model.logLik(p, data, grad);
  expect(Number.isFinite(f), `${label}: log-likelihood ${f}`).toBe(true);
  for (let i = 0; i < names.length; i++) {
    const h = 1e-5 * p[i]!;
    const up = Float64Array.from(p);
    const down = Float64Array.from(p);
    up[i] = p[i]! + h;
    down[i] = p[i]! - h;
    const fd = (model.logLik(up, data) - model.logLik(down, data)) / (2 * h);
    const tol = 1e-8 * (Math.abs(f) + Math.abs(fd)) + 1e-6;
    expect(
      Math.abs(grad[i]! - fd),
      `${label}: d/d${names[i]} analytic ${grad[i]} vs finite difference ${fd} (tolerance ${tol})`,
    ).toBeLessThanOrEqual(tol);
  }
}

/** The optimum and points around it: each parameter x0.5 and x2, and all x0.3 and x3. */
function pointsAround(optimum: Record<string, number>): [string, Record<string, number>][] {
  const out: [string, Record<string, number>][] = [['optimum', optimum]];
  for (const k of Object.keys(optimum)) {
    for (const m of [0.5, 2]) out.push([`${k} x${m}`, { ...optimum, [k]: optimum[k]! * m }]);
  }
  for (const m of [0.3, 3])
    out.push([`all x${m}`, Object.fromEntries(Object.entries(optimum).map(([k, v]) => [k, v * m]))]);
  return out;
}

const cdnow = fixtureTable('cdnow_customers_summary.csv');
const cdnowSpend = fixtureTable('cdnow_customers_summary_with_transactions.csv');

describe('analytic gradients equal finite differences', () => {
  const cases: [string, () => void][] = [
    [
      'BG/NBD on CDNOW',
      () =>
        pointsAround({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).forEach(([w, at]) =>
          checkGradient(bgnbd, rfmFromTable(cdnow), at, `bgnbd ${w}`),
        ),
    ],
    [
      'MBG/NBD on CDNOW',
      () =>
        pointsAround({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }).forEach(([w, at]) =>
          checkGradient(mbgnbd, rfmFromTable(cdnow), at, `mbgnbd ${w}`),
        ),
    ],
    [
      'Pareto/NBD on CDNOW',
      () =>
        pointsAround({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }).forEach(([w, at]) =>
          checkGradient(paretoNbd, rfmFromTable(cdnow), at, `pareto-nbd ${w}`),
        ),
    ],
    // alpha = beta is where the Pareto/NBD likelihood changes form (the 2F1 argument is 0).
    [
      'Pareto/NBD where alpha = beta',
      () =>
        checkGradient(
          paretoNbd,
          rfmFromTable(cdnow),
          { r: 0.553, alpha: 10.578, s: 0.606, beta: 10.578 * (1 + 1e-9) },
          'pareto-nbd alpha=beta',
        ),
    ],
    [
      'BG/BB on the donations',
      () =>
        pointsAround({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }).forEach(([w, at]) =>
          checkGradient(bgbb, discreteFromTable(fixtureTable('donations.csv')), at, `bgbb ${w}`),
        ),
    ],
    [
      'sBG on the regular cohort',
      () =>
        pointsAround({ alpha: 0.704, beta: 1.182 }).forEach(([w, at]) =>
          checkGradient(sbg, cohortFromTable(fixtureTable('sbg_regular.csv')), at, `sbg ${w}`),
        ),
    ],
    [
      'Gamma-Gamma on CDNOW spend',
      () =>
        pointsAround({ p: 6.25, q: 3.74, gamma: 15.45 }).forEach(([w, at]) =>
          checkGradient(gammaGamma, spendFromTable(cdnowSpend), at, `gamma-gamma ${w}`),
        ),
    ],
  ];
  for (const [what, run] of cases) it(what, run);
});
