import { describe, expect, it } from 'vitest';
import { cents, meanEffects, project, scenarioResult, simulate } from '../../src/scenario/index.ts';
import { initiative, syntheticBaseline } from './fixtures.ts';

const RATE = 0.08;

describe('scenario identities (exact)', () => {
  const b = syntheticBaseline();

  it('no cost and no effect: NPV exactly 0', () => {
    const p = project(b, initiative({}), {}, RATE);
    expect(p.npv).toBe(0);
    expect(cents(p.npv)).toBe('0.00');
    expect(p.paybackYear).toBe(0);
    const r = scenarioResult(b, initiative({}), { discountRate: RATE, draws: 100, seed: 3 });
    expect(r.npv).toEqual({ mean: '0.00', p5: '0.00', p50: '0.00', p95: '0.00' });
    expect(r.probPositive).toBe(0);
  });

  it('effects of exactly zero (numbers and degenerate distributions) change nothing', () => {
    const ini = initiative({
      effects: {
        retention: { value: 0, basis: 'judgment' },
        frequency: { value: { list: [0] }, basis: 'measured' },
        spend: { value: { uniform: { min: 0, max: 0 } }, basis: 'judgment' },
      },
    });
    expect(project(b, ini, meanEffects(ini), RATE).npv).toBe(0);
  });

  it('only a one-off cost C: NPV = -C to the cent, as a decimal string', () => {
    const ini = initiative({ costs: { one_off: 12345.67 } });
    const p = project(b, ini, {}, RATE);
    expect(p.npv).toBe(-12345.67);
    const r = scenarioResult(b, ini, { discountRate: RATE, draws: 50, seed: 1 });
    expect(r.npv.mean).toBe('-12345.67');
    expect(r.npv.p5).toBe('-12345.67');
    expect(r.expectedNpv).toBe('-12345.67');
    expect(r.paybackYear).toBeNull();
    expect(r.years[0]!.cumulative).toBe('-12345.67');
  });

  it('doubling a per-order cost doubles that cost line', () => {
    const one = project(b, initiative({ costs: { per_order: 1.5 } }), { frequency: 7 }, RATE);
    const two = project(b, initiative({ costs: { per_order: 3 } }), { frequency: 7 }, RATE);
    expect(one.costs.perOrder).toBeGreaterThan(0);
    expect(two.costs.perOrder).toBe(2 * one.costs.perOrder);
  });

  it('the same seed gives identical draws; another seed differs', () => {
    const ini = initiative({
      costs: { one_off: 1000 },
      effects: { retention: { value: { triangular: { min: 0, mode: 1, max: 3 } }, basis: 'judgment' } },
    });
    const a = simulate(b, ini, RATE, 500, 42);
    const c = simulate(b, ini, RATE, 500, 42);
    const d = simulate(b, ini, RATE, 500, 43);
    expect(Array.from(a.npvs)).toEqual(Array.from(c.npvs));
    expect(Array.from(a.npvs)).not.toEqual(Array.from(d.npvs));
    expect(scenarioResult(b, ini, { discountRate: RATE, draws: 500, seed: 42 })).toEqual(
      scenarioResult(b, ini, { discountRate: RATE, draws: 500, seed: 42 }),
    );
  });
});
