/**
 * The Gauss hypergeometric series F(f, c; z) = 2F1(1, f; c; z) = Σ_n (f)_n / (c)_n z^n for
 * 0 ≤ z < 1 and 0 < f < c, with its derivatives in f, c and z.
 * Pareto/NBD's 2F1(A, e; A + 1; z) reduces to it by Euler's transformation
 * 2F1(a, b; c; z) = (1 - z)^{c-a-b} 2F1(c - a, c - b; c; z): the terms then decrease
 * monotonically (ratio < z), so the sum never overflows, whatever the frequency.
 */

/** Result holder for {@link hyp2f1OneSeries} (reused to avoid allocation in hot loops). */
export interface Hyp2f1Out {
  /** log F. */
  logF: number;
  /** ∂ log F / ∂f. */
  dF: number;
  /** ∂ log F / ∂c. */
  dC: number;
  /** ∂ log F / ∂z. */
  dZ: number;
  /** Terms summed. */
  terms: number;
}

/** Largest number of terms summed (reached only for z within ~1e-5 of 1). */
export const MAX_TERMS = 1_000_000;

/** Evaluates 2F1(1, f; c; z) and its log-derivatives into `out`; `derivs` false skips the derivatives. */
export function hyp2f1OneSeries(f: number, c: number, z: number, out: Hyp2f1Out, derivs: boolean): void {
  let term = 1;
  let sum = 1;
  let sF = 0;
  let sC = 0;
  let sZ = 0;
  let hF = 0;
  let hC = 0;
  let n = 0;
  if (z > 0) {
    for (n = 0; n < MAX_TERMS; n++) {
      const invC = 1 / (c + n);
      const ratio = (f + n) * invC * z;
      if (derivs) {
        hF += 1 / (f + n);
        hC += invC;
      }
      term *= ratio;
      sum += term;
      if (derivs) {
        sF += term * hF;
        sC -= term * hC;
        sZ += term * (n + 1);
      }
      // the ratio decreases toward z, so the tail is below term · z / (1 - z); written so that a
      // NaN (f = c = Infinity from a line search's absurd step) stops at once instead of after
      // MAX_TERMS terms: the sum is NaN either way, and the fit rejects the step
      if (!(term * z > 1e-17 * sum * (1 - z))) break;
    }
  }
  out.logF = Math.log(sum);
  out.terms = n + 1;
  if (derivs) {
    out.dF = sF / sum;
    out.dC = sC / sum;
    out.dZ = z > 0 ? sZ / (z * sum) : f / c;
  }
}
