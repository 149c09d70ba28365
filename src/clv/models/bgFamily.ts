/**
 * The log-likelihood and its gradient shared by BG/NBD and MBG/NBD, written once.
 *
 * Both models are Poisson purchasing at rate λ ~ Gamma(r, α) with drop-out p ~ Beta(a, b);
 * they differ only in when the customer may drop out. BG/NBD: after each repeat purchase, so a
 * customer without repeat purchases (x = 0) is alive for sure. MBG/NBD: also right after the
 * first purchase, which shifts every Beta term by one (b + x + 1 where BG/NBD has b + x) and
 * gives x = 0 a drop-out term too. `early` is that shift: 0 for BG/NBD, 1 for MBG/NBD.
 */
import type { RfmData } from '../rfm.ts';
import { digamma, lgamma } from '../special.ts';

/** Total weighted log-likelihood at (r, α, a, b); with `grad`, writes the gradient into it. */
export function bgFamilyLogLik(
  params: Float64Array,
  d: RfmData,
  grad: Float64Array | undefined,
  early: 0 | 1,
): number {
  const r = params[0]!;
  const alpha = params[1]!;
  const a = params[2]!;
  const b = params[3]!;
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const rOverAlpha = r / alpha;
  const invA = 1 / a;
  const X = d.x;
  const TX = d.tx;
  const TT = d.T;
  const W = d.w;
  const n = X.length;
  const wantGrad = grad !== undefined;
  // Rows are sorted by x: the terms that depend on x only are computed once per x and added
  // per row as w · c(x).
  let ll = 0;
  let gR = 0;
  let gAl = 0;
  let gA = 0;
  let gB = 0;
  let lastX = -1;
  let cx = 0;
  let cR = 0;
  let cA = 0;
  let cB = 0;
  let logA4 = 0;
  let inv4 = 0;
  let rx = r;
  let drops = false;
  for (let i = 0; i < n; i++) {
    const x = X[i]!;
    const w = W[i]!;
    if (x !== lastX) {
      lastX = x;
      rx = r + x;
      const bx = b + x + early;
      cx = lgamma(rx) - lgR + r * logAlpha + lgAB + lgamma(bx) - lgB - lgamma(a + bx);
      drops = x > 0 || early === 1;
      if (drops) {
        logA4 = logA - Math.log(bx - 1);
        inv4 = 1 / (bx - 1);
      }
      if (wantGrad) {
        const psiABX = digamma(a + bx);
        cR = digamma(rx) - psiR + logAlpha;
        cA = psiAB - psiABX;
        cB = psiAB + digamma(bx) - psiB - psiABX;
      }
    }
    const aT = alpha + TT[i]!;
    const lT = Math.log(aT);
    if (drops) {
      const tx = TX[i]!;
      const at = alpha + tx;
      // customers without repeat purchases (t_x = 0) share log(α)
      const lt = tx === 0 ? logAlpha : Math.log(at);
      // log of (term with drop-out after the last purchase) / (term alive at T)
      const dl = logA4 + rx * (lT - lt);
      let soft: number;
      let w4: number;
      if (dl > 0) {
        const e = Math.exp(-dl);
        soft = dl + Math.log1p(e);
        w4 = 1 / (1 + e);
      } else {
        const e = Math.exp(dl);
        soft = Math.log1p(e);
        w4 = e / (1 + e);
      }
      ll += w * (cx - rx * lT + soft);
      if (wantGrad) {
        gR += w * (cR - lT + w4 * (lT - lt));
        gAl += w * (rOverAlpha - rx * ((1 - w4) / aT + w4 / at));
        gA += w * (cA + w4 * invA);
        gB += w * (cB - w4 * inv4);
      }
    } else {
      ll += w * (cx - rx * lT);
      if (wantGrad) {
        gR += w * (cR - lT);
        gAl += w * (rOverAlpha - rx / aT);
        gA += w * cA;
        gB += w * cB;
      }
    }
  }
  if (grad) {
    grad[0] = gR;
    grad[1] = gAl;
    grad[2] = gA;
    grad[3] = gB;
  }
  return ll;
}
