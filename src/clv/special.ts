/**
 * Special functions used by the CLV models: thin typed re-exports of @stdlib plus the
 * log-space helpers the likelihoods share.
 */
import gammalnImpl from '@stdlib/math-base-special-gammaln';
import betalnImpl from '@stdlib/math-base-special-betaln';
import digammaImpl from '@stdlib/math-base-special-digamma';

/** log Γ(x) for x > 0 (natural log); finite for every positive finite x. */
export const lgamma: (x: number) => number = gammalnImpl;
/** log B(a, b) for a, b > 0. */
export const lbeta: (a: number, b: number) => number = betalnImpl;
/** ψ(x) = d/dx log Γ(x), for x > 0. */
export const digamma: (x: number) => number = digammaImpl;

/** log(exp(a) + exp(b)) without overflow; -Infinity when both are -Infinity. */
export function logAddExp(a: number, b: number): number {
  const m = a > b ? a : b;
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
