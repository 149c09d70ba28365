/**
 * Break-even: the value of one effect at which the expected NPV (the projection with every
 * other effect at its mean) is 0, found by bisection.
 */
import type { GroupBaseline } from './baseline.ts';
import { meanEffects } from './monteCarlo.ts';
import { project } from './project.ts';
import type { EffectName, Initiative } from './schema.ts';

/** Search range per effect: retention in points, the others in percent. */
const RANGE: Record<EffectName, [number, number]> = {
  retention: [-100, 100],
  frequency: [-100, 1000],
  spend: [-100, 1000],
  returns: [-100, 1000],
  contacts: [-100, 1000],
};

/** Bisection stops when the bracket is narrower than this (in the effect's unit). */
export const BREAK_EVEN_TOLERANCE = 1e-9;

/**
 * What the break-even asks of the effect, by the side on which the initiative pays and the
 * sign of the value: rise by at least it, fall by at most it (a downside it can afford), rise
 * by at most it, or fall by at least it.
 */
export type BreakEvenRule = 'mustRise' | 'mayFall' | 'mayRise' | 'mustFall';

/** The rule for a break-even `value` at which the initiative pays above (`paysAbove`) or below it. */
export function breakEvenRule(value: number, paysAbove: boolean): BreakEvenRule {
  const rises = value >= 0;
  return paysAbove ? (rises ? 'mustRise' : 'mayFall') : rises ? 'mayRise' : 'mustFall';
}

/** A break-even point: the value, and on which side of it the expected NPV is positive. */
export interface BreakEvenPoint {
  value: number;
  /** True: the initiative pays when the effect is above `value` (more retention); false: below it (fewer contacts). */
  paysAbove: boolean;
}

/**
 * The effect value where NPV crosses 0, or null when NPV keeps one sign over the whole range
 * (the initiative pays, or cannot pay, whatever the effect).
 */
export function breakEven(
  b: GroupBaseline,
  ini: Initiative,
  effect: EffectName,
  discountRate: number,
): number | null {
  return solveBreakEven(b, ini, effect, discountRate)?.value ?? null;
}

/** {@link breakEven} with the side on which the initiative pays. */
export function solveBreakEven(
  b: GroupBaseline,
  ini: Initiative,
  effect: EffectName,
  discountRate: number,
): BreakEvenPoint | null {
  const base = meanEffects(ini);
  const npv = (x: number) => project(b, ini, { ...base, [effect]: x }, discountRate).npv;
  let [lo, hi] = RANGE[effect];
  let fLo = npv(lo);
  const fHi = npv(hi);
  const paysAbove = fHi > fLo;
  if (fLo === 0) return { value: lo, paysAbove };
  if (fHi === 0) return { value: hi, paysAbove };
  if (Math.sign(fLo) === Math.sign(fHi)) return null;
  for (let i = 0; i < 200 && hi - lo > BREAK_EVEN_TOLERANCE; i++) {
    const mid = (lo + hi) / 2;
    const fMid = npv(mid);
    if (fMid === 0) return { value: mid, paysAbove };
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else hi = mid;
  }
  return { value: (lo + hi) / 2, paysAbove };
}
