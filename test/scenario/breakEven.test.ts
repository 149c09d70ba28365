import { describe, expect, it } from 'vitest';
import {
  breakEven,
  breakEvenWords,
  meanEffects,
  project,
  scenarioResult,
  solveBreakEven,
} from '../../src/scenario/index.ts';
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
    const ini = initiative({
      costs,
      effects: { [effect]: { value: { uniform: { min: 0, max: 4 } }, basis: 'judgment' } },
      break_even: effect,
    });
    const r = scenarioResult(b, ini, { discountRate: RATE, draws: 200, seed: 1 });
    expect(r.breakEven.effect).toBe(effect);
    const v = r.breakEven.value!;
    const npv = project(b, ini, { ...meanEffects(ini), [effect]: v }, RATE).npv;
    if (Math.abs(npv) > NPV_TOLERANCE)
      throw new Error(`${effect}: NPV ${npv} at break-even ${v} (tolerance ${NPV_TOLERANCE})`);
    const exact = breakEven(b, ini, effect, RATE)!;
    expect(Math.abs(project(b, ini, { [effect]: exact }, RATE).npv)).toBeLessThan(1e-6);
  });

  it('returns null when no value turns the sign', () => {
    const ini = initiative({
      costs: { one_off: 1e9 },
      effects: { contacts: { value: -10, basis: 'measured' } },
    });
    expect(breakEven(b, ini, 'contacts', RATE)).toBeNull();
  });

  it('says on which side the initiative pays, and words it by that side and the sign', () => {
    // A cost with more retention: pays above the break-even, which is a rise.
    const up = initiative({
      costs: { one_off: 20000 },
      effects: { retention: { value: 2, basis: 'judgment' } },
      break_even: 'retention',
    });
    const pUp = solveBreakEven(b, up, 'retention', RATE)!;
    expect(pUp.paysAbove).toBe(true);
    expect(pUp.value).toBeGreaterThan(0);
    expect(project(b, up, { retention: pUp.value + 0.5 }, RATE).npv).toBeGreaterThan(0);
    expect(project(b, up, { retention: pUp.value - 0.5 }, RATE).npv).toBeLessThan(0);
    const rUp = scenarioResult(b, up, { discountRate: RATE, draws: 0 });
    expect(rUp.breakEven).toMatchObject({
      effect: 'retention',
      paysAbove: true,
      rule: 'mustRise',
      assumed: 2,
    });
    expect(breakEvenWords(rUp.breakEven)).toBe(
      `retention must rise by at least ${rUp.breakEven.value!.toFixed(2)} points for the expected NPV to be positive (assumed: +2.00 points)`,
    );

    // A saving that costs some retention (a surcharge): pays as long as retention falls by no more than the break-even.
    const down = initiative({
      costs: { per_order: -6 },
      effects: { retention: { value: -1, basis: 'judgment' } },
      break_even: 'retention',
    });
    const rDown = scenarioResult(b, down, { discountRate: RATE, draws: 0 });
    expect(rDown.breakEven.paysAbove).toBe(true);
    expect(rDown.breakEven.rule).toBe('mayFall');
    expect(rDown.breakEven.value!).toBeLessThan(0);
    expect(breakEvenWords(rDown.breakEven)).toMatch(
      /^retention may fall by at most \d+\.\d\d points for the expected NPV to be positive \(assumed: -1\.00 points\)$/,
    );

    // More service contacts cost money: pays below the break-even.
    const contacts = initiative({
      costs: { per_order: -1 },
      effects: { contacts: { value: 10, basis: 'judgment' } },
      break_even: 'contacts',
    });
    const pC = solveBreakEven(b, contacts, 'contacts', RATE)!;
    expect(pC.paysAbove).toBe(false);
    expect(scenarioResult(b, contacts, { discountRate: RATE, draws: 0 }).breakEven.rule).toBe('mayRise');
    expect(pC.value).toBeGreaterThan(0);
    expect(breakEvenWords(scenarioResult(b, contacts, { discountRate: RATE, draws: 0 }).breakEven)).toMatch(
      /^contacts may rise by at most \d+\.\d\d% for the expected NPV to be positive \(assumed: \+10\.00%\)$/,
    );
  });
});
