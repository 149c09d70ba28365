/**
 * Borrowing strength: a group's fit with a normal prior on its log-parameters centred on a
 * reference fit (the pooled one). Maximising the penalised log-likelihood gives the posterior
 * mode: a group with little data stays near the reference, a large one follows its own data,
 * and a likelihood that rises toward 0 or infinity (no maximum of its own) is held inside the
 * parameter space by the prior.
 */
import type { LikelihoodModel } from './model.ts';

/**
 * `model` with the log-prior Σ_j −(log θ_j − log c_j)² / (2 sd²) added to its log-likelihood
 * (`center` c in natural parameters, `sd` > 0 on the log scale: 1 lets a parameter sit a factor
 * e from the reference at one standard deviation). Its gradient includes the prior's, so
 * `fitModel` finds the posterior mode and its Hessian is the posterior precision.
 */
export function shrunkToward<D>(
  model: LikelihoodModel<D>,
  center: Float64Array,
  sd: number,
): LikelihoodModel<D> {
  if (!(sd > 0 && Number.isFinite(sd))) throw new Error(`prior sd must be a positive number, got ${sd}`);
  if (center.length !== model.paramNames.length || center.some((c) => !(c > 0 && Number.isFinite(c))))
    throw new Error(`prior centre must hold ${model.paramNames.length} positive numbers`);
  const mu = center.map((c) => Math.log(c));
  const precision = 1 / (sd * sd);
  const wrapped: LikelihoodModel<D> = {
    id: model.id,
    label: model.label,
    paramNames: model.paramNames,
    logLik(params, data, grad) {
      let ll = model.logLik(params, data, grad);
      for (let j = 0; j < mu.length; j++) {
        const d = Math.log(params[j]!) - mu[j]!;
        ll -= 0.5 * precision * d * d;
        // d/dθ of −½ τ⁻² (log θ − μ)² = −τ⁻² (log θ − μ) / θ
        if (grad) grad[j] = grad[j]! - (precision * d) / params[j]!;
      }
      return ll;
    },
    start: () => Float64Array.from(center),
    customers: (data) => model.customers(data),
  };
  // large groups warm-start on a subsample like the plain model (the prior is the same on the sample)
  if (model.rows) wrapped.rows = (data) => model.rows!(data);
  if (model.subsample) wrapped.subsample = (data, stride) => model.subsample!(data, stride);
  return wrapped;
}

/**
 * The share of a log-parameter's information that comes from the group's own data:
 * 1 − posterior variance / prior variance (0: the reference fit alone, 1: the data alone),
 * from the posterior covariance of the log-parameters (n × n, row-major).
 */
export function dataWeights(logCovariance: Float64Array, n: number, sd: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = Math.min(1, Math.max(0, 1 - logCovariance[j * n + j]! / (sd * sd)));
  return out;
}
