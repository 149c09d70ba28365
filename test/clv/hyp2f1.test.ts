// Pareto/NBD's 2F1(1, f; c; z) near z = 1: the near-one form against closed forms, against
// the plain power series (exact but up to millions of terms), its derivatives against finite
// differences, and a Pareto/NBD fit on data that drives z to within 1e-5 of 1 (the case that
// ran for more than ten minutes with the series alone).
import { describe, expect, it } from 'vitest';
import { compressRfm, fitModel, paretoNbd, simulateParetoNbd } from '../../src/clv/index.ts';
import { hyp2f1OneSeries, MAX_TERMS, type Hyp2f1Out } from '../../src/clv/models/hyp2f1.ts';
import { hyp2f1NearOne, hyp2f1One } from '../../src/clv/models/hyp2f1One.ts';
import { close } from './helpers.ts';

const out = (): Hyp2f1Out => ({ logF: 0, dF: 0, dC: 0, dZ: 0, terms: 0 });

describe('2F1(1, f; c; z) near z = 1', () => {
  it('equals closed forms (σ = c - 1 - f = 0, 1, -1/2) up to z = 1 - 1e-14', () => {
    const o = out();
    for (const e of [0.09, 1e-3, 1e-6, 1e-10, 1e-14]) {
      const z = 1 - e;
      const L = Math.log(e);
      // 2F1(1, 1; 2; z) = -log(1 - z) / z
      hyp2f1NearOne(1, 2, z, e, o, false);
      close(`F(1, 2; 1 - ${e})`, o.logF, Math.log(-L / z), 1e-13);
      // 2F1(1, 1/2; 3/2; z) = atanh(√z) / √z
      hyp2f1NearOne(0.5, 1.5, z, e, o, false);
      close(
        `F(1/2, 3/2; 1 - ${e})`,
        o.logF,
        Math.log((0.5 * (Math.log1p(Math.sqrt(z)) - Math.log(e / (1 + Math.sqrt(z))))) / Math.sqrt(z)),
        1e-13,
      );
      // 2F1(1, 1; 3; z) = 2 [-log(1 - z) / z + (log(1 - z) + z) / z²]
      hyp2f1NearOne(1, 3, z, e, o, false);
      close(`F(1, 3; 1 - ${e})`, o.logF, Math.log(2 * (-L / z + (L + z) / (z * z))), 1e-12);
      // 2F1(1, 1; 3/2; z) = asin(√z) / √(z (1 - z))  (diverges at z = 1: σ = -1/2)
      hyp2f1NearOne(1, 1.5, z, e, o, false);
      close(`F(1, 3/2; 1 - ${e})`, o.logF, Math.log(Math.acos(Math.sqrt(e)) / Math.sqrt(z * e)), 1e-12);
    }
  });

  it('equals the power series on a grid of f, σ and z in (0.9, 0.999), derivatives included', () => {
    const a = out();
    const b = out();
    for (const f of [0.01, 0.3, 1.05, 7.3, 50, 300]) {
      for (const sigma of [-0.99, -0.3, 0.003, 0.5, 1, 3.7, 12]) {
        const c = f + 1 + sigma;
        if (c <= 1) continue;
        for (const z of [0.9, 0.95, 0.99, 0.999]) {
          hyp2f1NearOne(f, c, z, 1 - z, a, true);
          hyp2f1OneSeries(f, c, z, b, true);
          const what = `f=${f} c=${c} z=${z}`;
          close(`${what} log F`, a.logF, b.logF, 1e-12 * Math.max(1, Math.abs(b.logF)));
          close(`${what} ∂f`, a.dF, b.dF, 1e-9 * Math.max(1, Math.abs(b.dF)));
          close(`${what} ∂c`, a.dC, b.dC, 1e-9 * Math.max(1, Math.abs(b.dC)));
          // the model uses e·∂z (e = 1 - z): ∂z/∂α = e/(α + t)
          close(`${what} e·∂z`, (1 - z) * a.dZ, (1 - z) * b.dZ, 1e-10 * Math.max(1, f, Math.abs(sigma)));
        }
      }
    }
  });

  it('has derivatives equal to central differences at z = 1 - 1e-7', () => {
    const o = out();
    const p = out();
    const m = out();
    for (const [f, c] of [
      [0.4, 1.9],
      [3, 3.5],
      [120, 121.05],
      [0.02, 5],
    ] as const) {
      const e = 1e-7;
      hyp2f1NearOne(f, c, 1 - e, e, o, true);
      const hf = 1e-6 * f;
      hyp2f1NearOne(f + hf, c, 1 - e, e, p, false);
      hyp2f1NearOne(f - hf, c, 1 - e, e, m, false);
      close(`∂f f=${f} c=${c}`, o.dF, (p.logF - m.logF) / (2 * hf), 1e-6 * Math.max(1, Math.abs(o.dF)));
      const hc = 1e-6 * c;
      hyp2f1NearOne(f, c + hc, 1 - e, e, p, false);
      hyp2f1NearOne(f, c - hc, 1 - e, e, m, false);
      close(`∂c f=${f} c=${c}`, o.dC, (p.logF - m.logF) / (2 * hc), 1e-6 * Math.max(1, Math.abs(o.dC)));
      // in z through log e, e = 1 - z: ∂ log F / ∂ log e = -e ∂ log F / ∂z (what the model's gradient uses)
      const hl = 1e-4;
      hyp2f1NearOne(f, c, 1 - e * Math.exp(hl), e * Math.exp(hl), p, false);
      hyp2f1NearOne(f, c, 1 - e * Math.exp(-hl), e * Math.exp(-hl), m, false);
      close(`e·∂z f=${f} c=${c}`, -e * o.dZ, (p.logF - m.logF) / (2 * hl), 1e-6 * Math.abs(e * o.dZ) + 1e-10);
    }
  });

  it('switches from the series to the near-one form without a step', () => {
    const a = out();
    const b = out();
    hyp2f1One(2.5, 4.1, 0.97, 0.03, a, true);
    hyp2f1NearOne(2.5, 4.1, 0.97, 0.03, b, true);
    close('log F at the switch', a.logF, b.logF, 1e-13);
  });
});

describe('Pareto/NBD where z comes within 1e-5 of 1', () => {
  // Nearly homogeneous purchase rates (r, α large) and few drop-outs: the fit runs r and α up,
  // so z = (α - β)/(α + t) approaches 1 (the demo web shop's segment of 1,687 customers did).
  const sim = simulateParetoNbd({ r: 400, alpha: 4000, s: 0.4, beta: 2 }, 1687, { tMin: 20, tMax: 80 }, 7);
  const data = compressRfm(sim.x, sim.tx, sim.T);

  it('equals mpmath where the series stops at its 1,000,000-term cap short of the sum', () => {
    // mpmath 1.3.0, 40 digits: log hyp2f1(1, 401, 402.4, 1 - 5.934153848825271e-6)
    const o = out();
    const e = 5.934153848825271e-6;
    hyp2f1One(401, 402.4, 1 - e, e, o, false);
    close('log F', o.logF, 6.772890755911903, 1e-12 * 6.77);
  });

  it('gives the series log-likelihood where the series converges (z up to 1 - 1e-3; 1e-9)', () => {
    const params = Float64Array.of(400, 4e4, 0.4, 2);
    // the reference: the log-likelihood with the plain series, on 25 customers (10^4-10^5 terms each)
    const few = compressRfm(sim.x.slice(0, 25), sim.tx.slice(0, 25), sim.T.slice(0, 25));
    const got = paretoNbd.logLik(params, few);
    let want = 0;
    const h = out();
    const { r, alpha, s, beta } = { r: 400, alpha: 4e4, s: 0.4, beta: 2 };
    for (let i = 0; i < few.x.length; i++) {
      const x = few.x[i]!;
      const tx = few.tx[i]!;
      const T = few.T[i]!;
      // log G(t) = -(r+x) log(α+t) - s log(β+t) - log(r+s+x) + log F(r+x, r+s+x+1; (α-β)/(α+t))  (α ≥ β)
      const logG = (t: number) => {
        hyp2f1OneSeries(r + x, r + s + x + 1, (alpha - beta) / (alpha + t), h, false);
        expect(h.terms, 'the reference series converged').toBeLessThan(MAX_TERMS);
        return -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t) - Math.log(r + s + x) + h.logF;
      };
      const l1 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
      const gx = logG(tx);
      const gT = logG(T);
      const l2 = Math.log(s) + gx + Math.log1p(-Math.exp(gT - gx));
      const m = Math.max(l1, l2);
      const c = lgammaDiff(r, x) + r * Math.log(alpha) + s * Math.log(beta);
      want += few.w[i]! * (c + m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m)));
    }
    close('Pareto/NBD LL near z = 1', got, want, 1e-9 * Math.abs(want));
  });

  it('fits all 1,687 customers (the series alone took more than ten minutes)', () => {
    const fit = fitModel(paretoNbd, data);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    // the purchase rate r/α is what the data pin down, whatever r and α drift to
    close('r/alpha', fit.params.r! / fit.params.alpha!, 0.1, 0.01);
  });
});

/** log Γ(r + x) - log Γ(r) for whole x, by the product (independent of the model's lgamma). */
function lgammaDiff(r: number, x: number): number {
  let s = 0;
  for (let k = 0; k < x; k++) s += Math.log(r + k);
  return s;
}

describe('2F1(1, f; c; z) on non-finite input', () => {
  it('stops at once on f = c = Infinity (a line search step), with NaN, not after MAX_TERMS terms', () => {
    // A 20,000-customer Pareto/NBD fit took over 44 minutes: each such evaluation summed a
    // million NaN terms for every customer. The value is NaN either way; only the work differs.
    const out: Hyp2f1Out = { logF: 0, dF: 0, dC: 0, dZ: 0, terms: 0 };
    for (const [f, c] of [
      [Infinity, Infinity],
      [Number.NaN, 3],
      [2, Number.NaN],
    ] as const) {
      hyp2f1OneSeries(f, c, 0.5, out, true);
      expect(out.logF).toBeNaN();
      expect(out.terms).toBeLessThan(10);
      expect(out.terms).toBeLessThan(MAX_TERMS);
    }
    hyp2f1NearOne(Infinity, Infinity, 0.99, 0.01, out, true);
    expect(out.terms).toBeLessThan(10);
  });
});
