/**
 * When a segment without one repeat buyer is undetermined (`noRepeatBuyers`) and when it keeps
 * the pooled fit: undetermined only when, under the pooled fit, the chance that none of its
 * customers bought again by their age T is below 5% (src/value/fitGroups.ts). The chance is
 * worked out here from BG/NBD's closed form P(X(T) = 0) = (α / (α + T))^r, a product over the
 * customers, not read from Worth.
 */
import { describe, expect, it } from 'vitest';
import { PURCHASE_LIKELIHOODS } from '../../src/clv/index.ts';
import { fitGroups, NO_REPEAT_CHANCE, noRepeatSegments } from '../../src/value/fitGroups.ts';

/** CDNOW's published BG/NBD estimates (Fader, Hardie & Lee 2005), weeks. */
const BG = { r: 0.243, alpha: 4.413, a: 0.793, b: 2.426 };
const pooled = Float64Array.of(BG.r, BG.alpha, BG.a, BG.b);
/** P(no repeat purchase by T) under BG/NBD, in closed form. */
const noRepeat = (T: number) => (BG.alpha / (BG.alpha + T)) ** BG.r;

/** Customers: segment, repeat purchases, age in weeks. */
function customers(spec: [segment: string | null, n: number, x: number, T: number][]) {
  const values: (string | null)[] = [];
  const x: number[] = [];
  const T: number[] = [];
  for (const [segment, n, xi, Ti] of spec)
    for (let i = 0; i < n; i++) {
      values.push(segment);
      x.push(xi);
      T.push(Ti + i / 10);
    }
  return { values, x: Float64Array.from(x), T: Float64Array.from(T) };
}

describe('a segment without repeat buyers: undetermined only when the data are sure', () => {
  const c = customers([
    // five young one-off customers: P(none bought again) = 0.237 under the pooled fit
    ['Five new', 5, 0, 10],
    // eleven of the same age: 0.042, below 5%
    ['Eleven new', 11, 0, 10],
    // five customers of two years: 0.020, sure (each had a 54% chance to buy again)
    ['Five old', 5, 0, 104],
    // two of them: 0.21, too few to say
    ['Two old', 2, 0, 104],
    // forty old customers: far below
    ['Forty old', 40, 0, 104],
    // one repeat buyer among them: never undetermined
    ['One repeat', 39, 0, 104],
    ['One repeat', 1, 2, 104],
    // the rest of the company, buying again
    ['Others', 200, 3, 52],
    [null, 20, 0, 104],
  ]);
  const found = noRepeatSegments(c.values, c.x, c.T, PURCHASE_LIKELIHOODS.bgnbd, pooled);
  const expected = (segment: string) =>
    c.values.reduce((p, v, i) => (v === segment ? p * noRepeat(c.T[i]!) : p), 1);

  it('the chance is the product of P(X(T) = 0) over the segment (closed form, 1e-10 relative)', () => {
    for (const segment of ['Eleven new', 'Forty old']) {
      const want = expected(segment);
      const got = found.get(segment);
      expect(got, segment).toBeDefined();
      expect(Math.abs(got! - want) / want, `${segment}: got ${got}, want ${want}`).toBeLessThan(1e-10);
    }
  });

  it('undetermined where the chance is below 5%, pooled where it is not (both sides)', () => {
    for (const segment of ['Five new', 'Eleven new', 'Five old', 'Two old', 'Forty old']) {
      const chance = expected(segment);
      expect(found.has(segment), `${segment}: chance ${chance}`).toBe(chance < NO_REPEAT_CHANCE);
    }
    // the worked figures: the old rule (5 customers, 0 repeat buyers) made both fives undetermined
    expect(expected('Five new')).toBeGreaterThan(0.2);
    expect(expected('Two old')).toBeGreaterThan(0.2);
    expect(expected('Five old')).toBeLessThan(0.025);
    expect(expected('Eleven new')).toBeLessThan(NO_REPEAT_CHANCE);
    expect(found.has('One repeat')).toBe(false);
    expect(found.has('Others')).toBe(false);
    expect([...found.keys()].sort()).toEqual(['Eleven new', 'Five old', 'Forty old']);
  });

  it('a segment too small to say keeps the pooled fit (no own fit, not undetermined)', () => {
    const groups = fitGroups(c.values, c.x, { minCustomers: 5, minRepeatBuyers: 3, priorSd: 'estimate' });
    expect(groups.names).toEqual(['Others']);
    c.values.forEach((v, i) => {
      if (v === 'Five new' || v === 'Two old') expect(groups.groupOf[i], v).toBe(-1);
    });
  });
});
