/**
 * The projection against independent calculations: on new customers (x = t_x = T = 0) the
 * Pareto/NBD's conditional forecast is the unconditional one, whose closed form is
 * E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)] and
 * P(alive at t) = (beta / (beta + t))^s (Schmittlein, Morrison and Colombo 1987), written
 * out here, not taken from src/clv. Under the Pareto/NBD, lifetimes do not depend on the
 * purchase rate, so "frequency +y%" is exactly the model with alpha / (1 + y/100): a seeded
 * simulation of that changed model must agree with the projection.
 */
import { describe, it } from 'vitest';
import { FORECASTERS, simulateParetoNbd } from '../../src/clv/index.ts';
import {
  addCustomer,
  emptyCurves,
  project,
  WEEKS_PER_MONTH,
  type GroupBaseline,
} from '../../src/scenario/index.ts';
import { initiative } from './fixtures.ts';

const P = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
const N = 40;
const YEARS = 3;
const SPEND = 50;
const MARGIN = 0.4;
const RATE = 0.1;

const expected = (t: number) =>
  ((P.r * P.beta) / (P.alpha * (P.s - 1))) * (1 - (P.beta / (P.beta + t)) ** (P.s - 1));
const survival = (t: number) => (P.beta / (P.beta + t)) ** P.s;

function newCustomerBaseline(): GroupBaseline {
  const months = YEARS * 12;
  const g = emptyCurves(months);
  const times = Float64Array.from({ length: months }, (_, k) => (k + 1) * WEEKS_PER_MONTH);
  const cum = new Float64Array(months);
  const alive = new Float64Array(months);
  const f = FORECASTERS['pareto-nbd'];
  for (let i = 0; i < N; i++) {
    const now = f.curves(P, 0, 0, 0, times, cum, alive);
    addCustomer(g, cum, alive, now, SPEND, MARGIN);
  }
  return {
    ...g,
    unvalued: 0,
    ordersPerPurchase: 1,
    contactsPerPurchase: 0,
    returnsPerPurchase: 0,
    marginRate: MARGIN,
    lines: [{ id: 'freight', name: 'Freight', behaviour: 'variable', driver: 'purchases', perUnit: 5 }],
  };
}

/** Relative agreement of two numerical evaluations of the same closed form. */
const REL = 1e-8;
function agree(what: string, got: number, want: number, rel = REL): void {
  const diff = Math.abs(got - want);
  if (diff > rel * Math.abs(want))
    throw new Error(
      `${what}: got ${got}, closed form ${want}, difference ${diff}, tolerance ${rel * Math.abs(want)}`,
    );
}

describe('projection vs the Pareto/NBD closed form', () => {
  const b = newCustomerBaseline();
  const H = YEARS * 12 * WEEKS_PER_MONTH;

  it('baseline purchases and survivors match the closed form', () => {
    agree(
      'purchases over the horizon',
      b.purchases.reduce((s, x) => s + x, 0),
      N * expected(H),
    );
    agree('alive at the horizon', b.alive[YEARS * 12]!, N * survival(H));
  });

  it('spend +10% and frequency +20%: incremental contribution and NPV by hand', () => {
    const ini = initiative({ costs: { per_order: 2 } });
    const p = project(b, ini, { spend: 10, frequency: 20 }, RATE);
    let npv = 0;
    for (let k = 1; k <= YEARS * 12; k++) {
      const d = N * (expected(k * WEEKS_PER_MONTH) - expected((k - 1) * WEEKS_PER_MONTH));
      // margin x 1.2 x 1.1 - margin; freight on 20% more purchases; 2 per order on all purchases
      const cash = d * SPEND * MARGIN * (1.2 * 1.1 - 1) - 0.2 * d * 5 - 2 * 1.2 * d;
      npv += cash * (1 + RATE) ** (-k / 12);
    }
    agree('NPV', p.npv, npv);
  });

  it('retention +x points: survivors follow (s^12 + x)^(k/12) month by month', () => {
    const p = project(b, initiative({}), { retention: 3 }, 0);
    // recompute the initiative's alive curve by hand from the closed-form survival
    let a = N;
    let a0 = N;
    let margin = 0;
    for (let k = 1; k <= YEARS * 12; k++) {
      const s = survival(k * WEEKS_PER_MONTH) / survival((k - 1) * WEEKS_PER_MONTH);
      const next = a * Math.min(1, s ** 12 + 0.03) ** (1 / 12);
      const a1 = N * survival(k * WEEKS_PER_MONTH);
      const d = N * (expected(k * WEEKS_PER_MONTH) - expected((k - 1) * WEEKS_PER_MONTH));
      margin += d * ((a + next) / (a0 + a1) - 1) * SPEND * MARGIN;
      a = next;
      a0 = a1;
    }
    agree('margin change with retention +3 points', p.marginChange, margin);
  });

  it('a seeded simulation of the changed model (alpha / 1.2) agrees with the projected purchases', () => {
    const p = project(b, initiative({}), { frequency: 20 }, RATE);
    const n = 40_000;
    const sim = simulateParetoNbd(
      { ...P, alpha: P.alpha / 1.2 },
      n,
      { tMin: 0, tMax: 0, T: new Float64Array(n), holdout: H },
      7,
    );
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      sum += sim.xStar[i]!;
      sq += sim.xStar[i]! ** 2;
    }
    const mean = sum / n;
    const se = Math.sqrt((sq / n - mean * mean) / n);
    const projected = p.purchases.initiative / N;
    // 4 standard errors of the simulated mean
    if (Math.abs(mean - projected) > 4 * se)
      throw new Error(
        `simulated ${mean} vs projected ${projected}: difference ${Math.abs(mean - projected)}, tolerance ${4 * se}`,
      );
  });
});
