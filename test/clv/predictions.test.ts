// Predictions against published figures and independent calculations.
import { describe, it } from 'vitest';
import {
  bgbbConditionalExpected,
  bgbbExpected,
  bgbbPmf,
  bgbbProbAlive,
  bgnbdConditionalExpected,
  bgnbdExpected,
  bgnbdProbAlive,
  gammaGammaConditionalSpend,
  mbgnbd,
  paretoNbdConditionalExpected,
  paretoNbdExpected,
  paretoNbdProbAlive,
  sbgSurvival,
} from '../../src/clv/index.ts';
import { close } from './helpers.ts';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const BG_HP = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const PNBD = { r: 0.5533971, alpha: 10.5801985, s: 0.6060625, beta: 11.6562237 };

describe('BG/NBD predictions', () => {
  it('CDNOW customer 1 (x=2, t_x=30.43, T=38.86): E[X(39)] = 1.226 (Hardie spreadsheet, tol 0.001)', () => {
    close('E[X(39) | customer 1]', bgnbdConditionalExpected(BG, 39, 2, 30.43, 38.86), 1.226, 0.001);
    close('P(alive | customer 1) (re-derived)', bgnbdProbAlive(BG, 2, 30.43, 38.86), 0.7266, 0.0001);
  });

  it('unconditional E[X(t)] against the Hardie spreadsheet (4 decimals of rounded params: tol 0.3 %)', () => {
    const t = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const v = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    t.forEach((ti, i) => close(`E[X(${ti})]`, bgnbdExpected(BG, ti), v[i]!, 0.0001 + 0.003 * v[i]!));
  });

  it('E[X(52)] = 1.444004 and customer 1516 from the BTYD walkthrough', () => {
    close('E[X(52)]', bgnbdExpected(BG_HP, 52), 1.444004, 1e-5);
    close('CET(52) customer 1516', bgnbdConditionalExpected(BG_HP, 52, 26, 30.85714, 31), 25.75659, 1e-3);
    close('P(alive) customer 1516', bgnbdProbAlive(BG_HP, 26, 30.85714, 31), 0.9688523, 1e-5);
  });

  it('the increasing-frequency paradox (t_x=20, T=39, T*=52), BTYD walkthrough', () => {
    const x = [10, 15, 20, 25];
    const cet = [0.3474606, 0.04283391, 0.004158973, 0.0003583685];
    x.forEach((xi, i) =>
      close(`CET x=${xi}`, bgnbdConditionalExpected(BG_HP, 52, xi, 20, 39), cet[i]!, 1e-5 * cet[i]! + 1e-9),
    );
  });

  it('closed form at a simple point: quadrature E[X(t)] equals the hypergeometric series for small t', () => {
    // E[X(t)] = (a+b-1)/(a-1) [1 - (α/(α+t))^r 2F1(r, b; a+b-1; t/(α+t))], series converges fast at z = 0.1
    const p = { r: 1.3, alpha: 9, a: 2.5, b: 4 };
    const t = 1;
    const z = t / (p.alpha + t);
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 200; n++) {
      term *= (((p.r + n) * (p.b + n)) / ((p.a + p.b - 1 + n) * (n + 1))) * z;
      sum += term;
    }
    const exact = ((p.a + p.b - 1) / (p.a - 1)) * (1 - (p.alpha / (p.alpha + t)) ** p.r * sum);
    close('E[X(1)] quadrature vs series', bgnbdExpected(p, t), exact, 1e-12);
  });
});

describe('MBG/NBD', () => {
  it('numerically stable log-likelihood (pymc-marketing cases, tol 1e-6 / 1e-3)', () => {
    const d = (x: number, tx: number) => ({
      x: Float64Array.of(x),
      tx: Float64Array.of(tx),
      T: Float64Array.of(40),
      w: Float64Array.of(1),
    });
    const p = Float64Array.of(0.25, 4, 0.8, 2.5);
    close('logp x=0', mbgnbd.logLik(p, d(0, 0)), -0.41792826, 1e-6);
    close('logp x=200', mbgnbd.logLik(p, d(200, 38)), 100.7869, 1e-3);
  });
});

describe('Pareto/NBD predictions', () => {
  // The walkthrough's figures come from its own estimates, which differ from $est.params in
  // the 4th digit: relative tolerance 5e-4. The t = 0..9 values are lifetimes' own (atol 0.01).
  it('E[X(52)] = 1.473434 (BTYD) and E[X(t)] for t = 0..9 (lifetimes, atol 0.01)', () => {
    close('E[X(52)]', paretoNbdExpected(PNBD, 52), 1.473434, 5e-4 * 1.473434);
    const v = [
      0.0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159, 0.35181024,
      0.38909211,
    ];
    v.forEach((vi, t) => close(`E[X(${t})]`, paretoNbdExpected(PNBD, t), vi, 0.01));
  });

  it('customer 1516: P(alive) 0.997874, CET(52) 25.45647 (BTYD walkthrough, tol 0.01 %)', () => {
    close('P(alive)', paretoNbdProbAlive(PNBD, 26, 30.85714, 31), 0.997874, 1e-5);
    close('CET(52)', paretoNbdConditionalExpected(PNBD, 52, 26, 30.85714, 31), 25.45647, 0.005);
  });

  it('the increasing-frequency paradox (BTYD walkthrough)', () => {
    const cet = [0.7062289, 0.1442396, 0.02250658, 0.00309267];
    [10, 15, 20, 25].forEach((x, i) =>
      close(`CET x=${x}`, paretoNbdConditionalExpected(PNBD, 52, x, 20, 39), cet[i]!, 5e-4 * cet[i]!),
    );
  });

  it('no underflow for x = 132, 133 at t_x = T = 200 (lifetimes)', () => {
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    close('CET x=132', paretoNbdConditionalExpected(p, 10, 132, 200, 200), 6.2060517889632418, 1e-9);
    close('CET x=133', paretoNbdConditionalExpected(p, 10, 133, 200, 200), 6.2528722475748113, 1e-9);
  });
});

describe('BG/BB predictions (donations)', () => {
  const P = { alpha: 1.203507, beta: 0.7497667, gamma: 0.6567568, delta: 2.783887 };
  it('P(alive in 2002): 0.11, 0.59, 0.93 (paper table 6, 2 decimals)', () => {
    close('x=0', bgbbProbAlive(P, 0, 0, 6), 0.11, 0.005);
    close('x=2,t_x=4', bgbbProbAlive(P, 2, 4, 6), 0.59, 0.005);
    close('x=6,t_x=6', bgbbProbAlive(P, 6, 6, 6), 0.93, 0.005);
  });
  it('E[X(n)] for a new customer and conditional expectations (BTYD walkthrough 5.3)', () => {
    const v = [0.4985, 0.9233, 1.2969, 1.6323, 1.9381, 2.2202, 2.4826, 2.7285, 2.9603, 3.1798, 3.3887];
    v.forEach((vi, i) => close(`E[X(${i + 1})]`, bgbbExpected(P, i + 1), vi, 0.0001));
    close('E[X(10)]', bgbbExpected(P, 10), 3.179805, 1e-4);
    close('customer A CET(10)', bgbbConditionalExpected(P, 10, 0, 0, 6), 0.1302169, 1e-4);
    close('customer B CET(10)', bgbbConditionalExpected(P, 10, 4, 5, 6), 3.627858, 1e-4);
  });
  it('in-sample fit: expected customers with 0 and 6 of 6 (Hardie spreadsheet)', () => {
    close('n(0)', 11104 * bgbbPmf(P, 0, 6), 3454.9, 0.5);
    close('n(6)', 11104 * bgbbPmf(P, 6, 6), 1253.1, 0.5);
    let total = 0;
    for (let x = 0; x <= 6; x++) total += bgbbPmf(P, x, 6);
    close('pmf sums to 1', total, 1, 1e-12);
  });
});

describe('sBG survival', () => {
  it('projects the published survival curves (years 0..12, a projection: tol 2.5 points)', () => {
    const reg = [100.0, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1, 22.3, 20.7, 19.4, 18.3, 17.3];
    const hi = [100.0, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1, 46.8, 44.5, 42.7, 40.9, 39.4];
    // a model projection, not an exact fit: the tolerance reflects the model's error on this data
    reg.forEach((v, t) =>
      close(`regular S(${t})`, 100 * sbgSurvival({ alpha: 0.704, beta: 1.182 }, t), v, 2.5),
    );
    hi.forEach((v, t) =>
      close(`highend S(${t})`, 100 * sbgSurvival({ alpha: 0.668, beta: 3.806 }, t), v, 2.5),
    );
  });
});

describe('Gamma-Gamma conditional spend', () => {
  it('first 10 CDNOW customers (Hardie note 025, atol 0.1)', () => {
    const g = { p: 6.25, q: 3.74, gamma: 15.44 };
    const rows: [number, number][] = [
      [2, 22.35],
      [1, 11.77],
      [0, 0],
      [0, 0],
      [0, 0],
      [7, 73.74],
      [1, 11.77],
      [0, 0],
      [2, 25.55],
      [0, 0],
    ];
    const want = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    rows.forEach(([x, m], i) =>
      close(`customer ${i + 1}`, gammaGammaConditionalSpend(g, x, m), want[i]!, 0.1),
    );
  });
});
