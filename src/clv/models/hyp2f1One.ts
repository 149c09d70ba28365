/**
 * F(f, c; z) = 2F1(1, f; c; z) fast and exact on all of 0 <= z < 1: the power series up to
 * z = 0.97 (at most ~1,500 terms), and for z closer to 1, where its power series needs up to millions
 * of terms (the terms fall like n^-(c-f) z^n). With u = e^-y in Euler's integral and
 * Y = log(z / (1 - z)) the kink of the integrand,
 *
 *   F = z^-f [ (c - 1) P + e^{-σY} 2^-f F(f, c; 1/2) ],   σ = c - 1 - f,
 *   P = ∫_0^Y e^{-σ(Y - v)} (1 + e^-v)^-f dv,
 *
 * an exact identity: the part beyond the kink is the series at z = 1/2 (about 55 terms, see
 * hyp2f1.ts), and P has a smooth log-concave integrand, summed by 10-point Gauss-Legendre
 * panels sized so the log-integrand changes by at most 4 across each, from its maximum
 * outward until it is 46 below (e^-46 ≈ 1e-20 of the maximum); beyond v = log f + 40 the
 * factor (1 + e^-v)^-f is 1 to the last bit and that stretch is integrated in closed form.
 * The derivatives come from the same nodes. About 100-250 evaluations, whatever z.
 */
import { gaussLegendre } from '../gaussLegendre.ts';
import { hyp2f1OneSeries, type Hyp2f1Out } from './hyp2f1.ts';

const RULE = gaussLegendre(10);
const LN2 = Math.LN2;
/** Log-integrand drop at which the panels stop (relative contribution below e^-46 per unit length). */
const DROP = 46;
/** Largest change of the log-integrand across one panel. */
const PANEL_CHANGE = 4;
/** Widest panel: the integrand is analytic within π of the real axis. */
const PANEL_MAX = 2;
/** Most panels summed in one evaluation. */
const MAX_PANELS = 400;

const half: Hyp2f1Out = { logF: 0, dF: 0, dC: 0, dZ: 0, terms: 0 };

/** log(expm1(x) / x), finite for every finite x. */
function logPhi1(x: number): number {
  if (x === 0) return 0;
  if (Math.abs(x) < 1e-8) return x / 2;
  return x > 0 ? x + Math.log(-Math.expm1(-x)) - Math.log(x) : Math.log(-Math.expm1(x)) - Math.log(-x);
}

/** ∫_0^1 t e^{xt} dt / ∫_0^1 e^{xt} dt: the mean of t under the weight e^{xt} on [0, 1]. */
function meanT(x: number): number {
  if (Math.abs(x) < 1e-2) return 0.5 + x / 12 - (x * x * x) / 720;
  return 1 / -Math.expm1(-x) - 1 / x;
}

/**
 * F(f, c; z) and its log-derivatives into `out`, for 0.5 < z < 1, 0 < f, c > 1; `oneMinusZ`
 * is 1 - z computed without cancellation by the caller.
 */
export function hyp2f1NearOne(
  f: number,
  c: number,
  z: number,
  oneMinusZ: number,
  out: Hyp2f1Out,
  derivs: boolean,
): void {
  const sigma = c - 1 - f;
  const Y = Math.log(z) - Math.log(oneMinusZ);
  // slope of the log-integrand ℓ(v) = -σ(Y - v) - f log(1 + e^-v); ℓ is concave
  const slope = (v: number) => sigma + f / (1 + Math.exp(v));
  const ell = (v: number) => -sigma * (Y - v) - f * Math.log1p(Math.exp(-v));
  // past V the factor (1 + e^-v)^-f equals 1 in double precision
  const V = Math.max(0, Math.log(f)) + 40;
  const Vc = Math.min(Y, V);
  let vMax: number;
  if (slope(Vc) >= 0) vMax = Vc;
  else if (slope(0) <= 0) vMax = 0;
  else vMax = Math.min(Vc, Math.max(0, Math.log(-f / sigma - 1)));
  const tail = Y > V ? Y - V : 0;
  // the tail's log-integrand runs from -σ(Y - V) at V to 0 at Y
  const ref = Math.max(ell(vMax), tail > 0 ? Math.max(0, -sigma * tail) : -Infinity);

  let s0 = 0; // ∫ g
  let sF = 0; // ∫ g · (-log(1 + e^-v))
  let sS = 0; // ∫ g · (-(Y - v))
  const panel = (a: number, b: number) => {
    const mid = (a + b) / 2;
    const hw = (b - a) / 2;
    for (let j = 0; j < RULE.nodes.length; j++) {
      const v = mid + hw * RULE.nodes[j]!;
      const L = Math.log1p(Math.exp(-v));
      const g = RULE.weights[j]! * hw * Math.exp(-sigma * (Y - v) - f * L - ref);
      s0 += g;
      if (derivs) {
        sF -= g * L;
        sS -= g * (Y - v);
      }
    }
  };
  const width = (near: number, dir: 1 | -1, limit: number) => {
    let w = Math.min(
      PANEL_MAX,
      Math.abs(limit - near),
      PANEL_CHANGE / Math.max(1e-300, Math.abs(slope(near))),
    );
    for (let k = 0; k < 3; k++)
      w = Math.min(w, PANEL_CHANGE / Math.max(1e-300, Math.abs(slope(near + dir * w))));
    return w;
  };
  // ~10-60 panels for any sane input; the cap only bounds the work where a line search
  // tries absurd values (f = 1e55, where c - 1 - f is lost to rounding)
  let panels = 0;
  // left of the maximum, down to 0
  for (let b = vMax; b > 0 && ell(b) - ref > -DROP && panels++ < MAX_PANELS;) {
    const w = width(b, -1, 0);
    const a = b - w <= 1e-12 * Math.max(1, vMax) ? 0 : b - w;
    panel(a, b);
    b = a;
  }
  // right of the maximum, up to Vc
  for (let a = vMax; a < Vc && ell(a) - ref > -DROP && panels++ < MAX_PANELS;) {
    const w = width(a, 1, Vc);
    const b = Vc - (a + w) <= 1e-12 * Math.max(1, Vc) ? Vc : a + w;
    panel(a, b);
    a = b;
  }
  if (tail > 0) {
    // ∫_V^Y e^{-σ(Y - v)} dv = tail · φ1(-σ·tail); its σ-derivative is -tail · that · meanT
    const t0 = Math.exp(Math.log(tail) + logPhi1(-sigma * tail) - ref);
    s0 += t0;
    if (derivs) sS -= tail * t0 * meanT(-sigma * tail);
  }

  // the two parts in logs: R = (c - 1) P, S = e^{-σY} 2^-f F(f, c; 1/2)
  hyp2f1OneSeries(f, c, 0.5, half, derivs);
  const logR = Math.log(c - 1) + ref + Math.log(s0);
  const logS = -sigma * Y - f * LN2 + half.logF;
  const m = Math.max(logR, logS);
  const eR = Math.exp(logR - m);
  const eS = Math.exp(logS - m);
  const sum = eR + eS;
  out.logF = -f * Math.log(z) + m + Math.log(sum);
  out.terms = half.terms;
  if (derivs) {
    const wR = eR / sum;
    const wS = eS / sum;
    // P's partials over P (σ = c - 1 - f, so ∂/∂f carries -∂/∂σ and ∂/∂c carries +∂/∂σ)
    const pF = sF / s0;
    const pS = sS / s0;
    const pY = Math.exp(-f * Math.log1p(Math.exp(-Y)) - ref) / s0 - sigma;
    out.dF = -Math.log(z) + wR * (pF - pS) + wS * (Y - LN2 + half.dF);
    out.dC = wR * (1 / (c - 1) + pS) + wS * (-Y + half.dC);
    out.dZ = -f / z + (wR * pY - wS * sigma) / (z * oneMinusZ);
  }
}

/** Above this z the near-one form is used (the series would need more than ~1,500 terms, slower than the ~100 panel nodes). */
export const SERIES_MAX_Z = 0.97;

/**
 * F(f, c; z) = 2F1(1, f; c; z) and its log-derivatives into `out`, for 0 <= z < 1,
 * 0 < f < c, c > 1; `oneMinusZ` is 1 - z computed without cancellation by the caller.
 */
export function hyp2f1One(
  f: number,
  c: number,
  z: number,
  oneMinusZ: number,
  out: Hyp2f1Out,
  derivs: boolean,
): void {
  if (z <= SERIES_MAX_Z) hyp2f1OneSeries(f, c, z, out, derivs);
  else hyp2f1NearOne(f, c, z, oneMinusZ, out, derivs);
}
