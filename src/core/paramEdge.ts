/**
 * The edge of a lifetime-value model's parameter space: every parameter is positive, and an
 * estimate outside this range means the likelihood kept rising toward 0 or infinity (no maximum
 * inside). Here, not in src/clv, so the dashboard can mark such an estimate without the models.
 */

/** Estimates outside this range are at the edge of the parameter space (the fit runs off to 0 or infinity). */
export const PARAM_EDGE = { min: 1e-4, max: 1e5 } as const;

/** Whether an estimate is at the edge of the parameter space (outside {@link PARAM_EDGE}, or not a finite number). */
export function atParamEdge(v: number): boolean {
  return !(v >= PARAM_EDGE.min && v <= PARAM_EDGE.max);
}
