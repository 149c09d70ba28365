import { describe, expect, it } from 'vitest';
import { minimize } from '../../src/clv/optim/lbfgs.ts';
import { invert, numericalHessian, standardErrors } from '../../src/clv/optim/hessian.ts';

function close(what: string, got: number, want: number, tol: number): void {
  const diff = Math.abs(got - want);
  expect(diff, `${what}: got ${got}, want ${want}, |diff| ${diff} > tol ${tol}`).toBeLessThanOrEqual(tol);
}

describe('L-BFGS', () => {
  it('finds the Rosenbrock minimum (1, 1) from (-1.2, 1)', () => {
    const res = minimize(
      (x, g) => {
        const a = x[0]!;
        const b = x[1]!;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { gradTol: 1e-10 },
    );
    expect(res.converged).toBe(true);
    close('x0', res.x[0]!, 1, 1e-6);
    close('x1', res.x[1]!, 1, 1e-6);
  });

  it('finds the minimum of an ill-conditioned quadratic exactly known at c', () => {
    const c = [3, -2, 0.5, 10, -7];
    const scale = [1, 10, 100, 1000, 1e4];
    const res = minimize(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < 5; i++) {
          const d = x[i]! - c[i]!;
          f += 0.5 * scale[i]! * d * d;
          g[i] = scale[i]! * d;
        }
        return f;
      },
      new Float64Array(5),
      { gradTol: 1e-9, fTol: 0 },
    );
    expect(res.converged).toBe(true);
    c.forEach((ci, i) => close(`x${i}`, res.x[i]!, ci, 1e-8));
  });
});

describe('Hessian and standard errors', () => {
  it('recovers the Hessian of a known quadratic form', () => {
    // f = -(2 p0^2 + p0 p1 + 3 p1^2): H = [[-4, -1], [-1, -6]]
    const grad = (p: Float64Array, g: Float64Array): void => {
      g[0] = -(4 * p[0]! + p[1]!);
      g[1] = -(p[0]! + 6 * p[1]!);
    };
    const h = numericalHessian(grad, Float64Array.of(1.5, 2));
    [-4, -1, -1, -6].forEach((v, i) => close(`H[${i}]`, h[i]!, v, 1e-6));
    const se = standardErrors(grad, Float64Array.of(1.5, 2));
    // (-H)^-1 = [[6, -1], [-1, 4]] / 23
    close('se0', se[0]!, Math.sqrt(6 / 23), 1e-6);
    close('se1', se[1]!, Math.sqrt(4 / 23), 1e-6);
  });

  it('reports a singular matrix as null', () => {
    expect(invert(Float64Array.of(1, 2, 2, 4), 2)).toBeNull();
  });
});
