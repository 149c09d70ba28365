// The alive-customer expectation of BG/NBD-type models (quadrature over the drop-out
// probability) against a brute-force trapezoid rule with 400,000 points, on ordinary and
// extreme parameters.
import { describe, it } from 'vitest';
import { bgnbdExpected } from '../../src/clv/index.ts';
import lbeta from '@stdlib/math-base-special-betaln';
import { close } from './helpers.ts';

function bruteForce(r: number, alpha: number, a: number, b: number, t: number): number {
  const lb = lbeta(a, b);
  const lo = Math.log(a / b) - 60 / Math.min(a, 1) - 40;
  const hi = Math.log(a / b) + 60 / Math.min(b, 1) + 40;
  const n = 400_000;
  const h = (hi - lo) / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const u = lo + i * h;
    const l1p = u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    const ld = a * u - (a + b) * l1p - lb;
    if (ld < -745) continue;
    const p = 1 / (1 + Math.exp(-u));
    const g = p * t < 1e-300 * alpha ? (r * t) / alpha : -Math.expm1(-r * Math.log1p((p * t) / alpha)) / p;
    s += (i === 0 || i === n ? 0.5 : 1) * Math.exp(ld) * g * h;
  }
  return s;
}

describe('alive-customer quadrature', () => {
  const cases: [number, number, number, number, number, number][] = [
    // r, alpha, a, b, t, relative tolerance
    [0.243, 4.414, 0.793, 2.426, 39, 1e-12],
    [2.243, 43, 0.793, 4.426, 260, 1e-12],
    [0.01, 0.01, 0.01, 0.01, 1000, 1e-9],
    [50, 1000, 20, 80, 10, 1e-12],
    [1e6, 10, 0.8, 1e6, 260, 1e-10],
    [0.5, 1e-3, 5, 1e-3, 2600, 1e-10],
    [1, 500, 0.05, 3, 1, 1e-12],
    [200, 40, 0.8, 202, 52, 1e-10],
    [0.3, 4, 30, 0.02, 100, 1e-9],
    [1e4, 1, 0.8, 1e4, 1e5, 1e-6],
  ];
  it('agrees with a 400,000-point trapezoid rule in logit(p)', () => {
    for (const [r, alpha, a, b, t, tol] of cases) {
      const want = bruteForce(r, alpha, a, b, t);
      close(
        `E[X(${t})] r=${r} alpha=${alpha} a=${a} b=${b}`,
        bgnbdExpected({ r, alpha, a, b }, t),
        want,
        tol * want,
      );
    }
  });
});
