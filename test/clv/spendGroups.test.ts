// Gamma-Gamma's data grouped by x (src/clv/models/gammaGamma.ts): the likelihood sums the terms
// that do not depend on γ once per group and only log(x m + γ) per row. Checked here against the
// likelihood written customer by customer from Fader & Hardie's note (an independent sum with
// @stdlib's log-gamma), on seeded customers with weights, fractional x (the comparison-sort path)
// and a subsample; and the spend check of the first pass reports the first bad row.
import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { gammaGamma, Random, spendData, spendRows, type SpendData } from '../../src/clv/index.ts';
import { close } from './helpers.ts';

/** Σ w [log Γ(px+q) − log Γ(px) − log Γ(q) + q log γ + px log x + (px−1) log m − (px+q) log(xm+γ)] over customers with x > 0. */
function perCustomer(
  p: number,
  q: number,
  v: number,
  x: Float64Array,
  m: Float64Array,
  w: Float64Array,
): number {
  let ll = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (!(xi > 0)) continue;
    ll +=
      w[i]! *
      (gammaln(p * xi + q) -
        gammaln(p * xi) -
        gammaln(q) +
        q * Math.log(v) +
        p * xi * Math.log(xi) +
        (p * xi - 1) * Math.log(m[i]!) -
        (p * xi + q) * Math.log(xi * m[i]! + v));
  }
  return ll;
}

/** Seeded customers: x in 0..30 (a third without repeat purchases), or fractional; spend 1..200; weights 1..4. */
function customers(n: number, seed: number, fractional: boolean) {
  const rng = new Random(seed);
  const u = () => rng.uniform();
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = u();
    x[i] = r < 1 / 3 ? 0 : fractional ? 0.5 + 30 * u() : 1 + Math.floor(30 * u() * u());
    m[i] = 1 + 199 * u();
    w[i] = 1 + Math.floor(4 * u());
  }
  return { x, m, w };
}

function rows(d: SpendData): number {
  return d.xm.length;
}

describe('Gamma-Gamma data grouped by x', () => {
  for (const fractional of [false, true])
    it(`the grouped likelihood equals the customer-by-customer sum (${fractional ? 'fractional x: comparison sort' : 'whole x: counting sort'})`, () => {
      const c = customers(5_000, fractional ? 12 : 11, fractional);
      const d = spendData(c.x, c.m, c.w);
      expect(rows(d)).toBe(c.x.filter((v) => v > 0).length);
      const sorted = spendRows(d).x;
      for (let i = 1; i < rows(d); i++) expect(sorted[i]! >= sorted[i - 1]!, `row ${i} sorted`).toBe(true);
      for (const [p, q, v] of [
        [6.25, 3.74, 15.44],
        [0.5, 1.2, 200],
        [40, 12, 0.3],
      ] as const) {
        const want = perCustomer(p, q, v, c.x, c.m, c.w);
        // rounding of two sums of ~3,300 terms of size up to ~1e3 in different orders
        close(
          `log-likelihood at p ${p}, q ${q}, gamma ${v}`,
          gammaGamma.logLik(Float64Array.of(p, q, v), d),
          want,
          1e-9 * Math.abs(want),
        );
      }
    });

  it('a subsample is grouped like the rows it keeps', () => {
    const c = customers(3_000, 13, false);
    const d = spendData(c.x, c.m, c.w);
    const s = gammaGamma.subsample!(d, 7);
    const kept = spendRows(s);
    const all = spendRows(d);
    // every 7th row of the sorted rows, from the first
    expect(Array.from(kept.x)).toEqual(Array.from(all.x).filter((_, i) => i % 7 === 0));
    for (let k = 0; k < kept.m.length; k++)
      close(`row ${k}'s spend`, kept.m[k]!, all.m[7 * k]!, 1e-12 * all.m[7 * k]!);
    const want = perCustomer(2, 3, 10, kept.x, kept.m, s.w);
    close(
      'subsample log-likelihood',
      gammaGamma.logLik(Float64Array.of(2, 3, 10), s),
      want,
      1e-9 * Math.abs(want),
    );
    expect(gammaGamma.customers(s)).toBe(s.w.reduce((a, b) => a + b, 0));
  });

  it('without weights every row counts once; the first row with repeat purchases and no spend is refused', () => {
    const x = Float64Array.of(0, 2, 1, 3, 1);
    const m = Float64Array.of(0, 10, 20, 0, -1);
    const refused: number[] = [];
    spendData(x, m, undefined, (i) => refused.push(i));
    expect(refused).toEqual([3]);
    const ok = spendData(x, Float64Array.of(0, 10, 20, 5, 7));
    expect(Array.from(spendRows(ok).x)).toEqual([1, 1, 2, 3]);
    expect(Array.from(spendRows(ok).m)).toEqual([20, 7, 10, 5]);
    expect(gammaGamma.customers(ok)).toBe(4);
  });
});
