import { describe, expect, it } from 'vitest';
import { breakEven, meanEffects, project, scenarioResult } from '../../src/scenario/index.ts';
import { initiative, syntheticBaseline } from './fixtures.ts';

const RATE = 0.08;
/** At the reported break-even (rounded to 1e-4 of the effect's unit) the expected NPV is within 1.00 of 0. */
const NPV_TOLERANCE = 1;

describe('break-even by bisection', () => {
  const b = syntheticBaseline();

  it.each([
    ['retention', { one_off: 20000 }],
    ['frequency', { one_off: 5000, per_customer_per_year: 10 }],
    ['spend', { per_order: 0.8 }],
  ] as const)('%s: expected NPV is 0 at the reported value', (effect, costs) => {
    const ini = initiative({ costs, effects: { [effect]: { value: { uniform: { min: 0, max: 4 } }, basis: 'judgment' } }, break_even: effect });
    const r = scenarioResult(b, ini, { discountRate: RATE, draws: 200, seed: 1 });
    expect(r.breakEven.effect).toBe(effect);
    const v = r.breakEven.value!;
    const npv = project(b, ini, { ...meanEffects(ini), [effect]: v }, RATE).npv;
    if (Math.abs(npv) > NPV_TOLERANCE) throw new Error(`${effect}: NPV ${npv} at break-even ${v} (tolerance ${NPV_TOLERANCE})`);
    const exact = breakEven(b, ini, effect, RATE)!;
    expect(Math.abs(project(b, ini, { [effect]: exact }, RATE).npv)).toBeLessThan(1e-6);
  });

  it('returns null when no value turns the sign', () => {
    const ini = initiative({ costs: { one_off: 1e9 }, effects: { contacts: { value: -10, basis: 'measured' } } });
    expect(breakEven(b, ini, 'contacts', RATE)).toBeNull();
  });
});
