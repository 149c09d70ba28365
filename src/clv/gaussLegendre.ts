/**
 * Gauss-Legendre nodes and weights on [-1, 1], computed once by Newton's method on the
 * Legendre polynomial (exact to a few ulps for the small orders used here).
 */

/** Nodes and weights of an n-point rule on [-1, 1]. */
export interface GaussRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/** The n-point Gauss-Legendre rule (n >= 1). */
export function gaussLegendre(n: number): GaussRule {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`gaussLegendre: n = ${n} is not a positive integer`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Tricomi's first guess for the i-th root, then Newton on P_n.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pm = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}
