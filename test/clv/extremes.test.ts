// Property-style: a grid of extreme but valid summaries and parameters never gives NaN or
// Infinity in a log-likelihood, its gradient or a prediction.
import { describe, expect, it } from 'vitest';
import { purchaseFit } from '../../src/core/index.ts';
import {
  bgbb,
  bgbbConditionalExpected,
  bgbbProbAlive,
  bgnbd,
  bgnbdConditionalExpected,
  bgnbdProbAlive,
  clvForModel,
  fitModel,
  gammaGamma,
  gammaGammaConditionalSpend,
  mbgnbd,
  mbgnbdConditionalExpected,
  mbgnbdProbAlive,
  paretoNbd,
  paretoNbdConditionalExpected,
  paretoNbdProbAlive,
  sbg,
  spendData,
  type LikelihoodModel,
  type RfmData,
} from '../../src/clv/index.ts';

const XS = [0, 1, 2, 7, 100, 10_000, 1_000_000];
const TS = [1e-6, 0.5, 39, 52 * 30, 1e5];
const GAPS = [0, 1e-9, 1e-3, 0.5];
const PARAMS = [
  [0.243, 4.414, 0.793, 2.426],
  [0.01, 0.01, 0.01, 0.01],
  [50, 1000, 20, 80],
  [0.5, 1e-3, 5, 1e-3],
  [1, 500, 0.05, 3],
];

function grid(): { x: number; tx: number; T: number }[] {
  const out: { x: number; tx: number; T: number }[] = [];
  for (const x of XS) {
    for (const T of TS) {
      for (const gap of GAPS) {
        const tx = x === 0 ? 0 : Math.max(0, T - gap * T);
        out.push({ x, tx, T });
        if (x > 0) out.push({ x, tx: T * 1e-6, T });
      }
    }
  }
  return out;
}

function finite(what: string, v: number): void {
  expect(Number.isFinite(v), `${what} = ${v}`).toBe(true);
}

function checkModel(
  model: LikelihoodModel<RfmData>,
  prob: (p: never, x: number, tx: number, T: number) => number,
  cond: (p: never, t: number, x: number, tx: number, T: number) => number,
): void {
  const names = model.paramNames;
  for (const p of PARAMS) {
    const params = Float64Array.from(p);
    const named = Object.fromEntries(names.map((n, i) => [n, p[i]!])) as never;
    for (const c of grid()) {
      const d: RfmData = {
        x: Float64Array.of(c.x),
        tx: Float64Array.of(c.tx),
        T: Float64Array.of(c.T),
        w: Float64Array.of(1),
      };
      const g = new Float64Array(4);
      const what = `${model.id} params ${p.join(',')} x=${c.x} t_x=${c.tx} T=${c.T}`;
      finite(`${what} LL`, model.logLik(params, d, g));
      g.forEach((v, i) => finite(`${what} dLL/d${names[i]}`, v));
      const pa = prob(named, c.x, c.tx, c.T);
      finite(`${what} P(alive)`, pa);
      expect(pa, what).toBeGreaterThanOrEqual(0);
      expect(pa, what).toBeLessThanOrEqual(1);
      for (const t of [1, 52, 2600]) finite(`${what} E[X(${t})|.]`, cond(named, t, c.x, c.tx, c.T));
    }
  }
}

describe('extreme summaries stay finite', () => {
  it('CLV (profit, revenue, purchases, P(alive)) for every non-contractual model', () => {
    const cases = grid();
    const c = {
      x: Float64Array.from(cases, (k) => k.x),
      tx: Float64Array.from(cases, (k) => k.tx),
      T: Float64Array.from(cases, (k) => k.T),
      spend: 30,
      marginRate: 0.3,
      variableCostPerOrder: 4,
      fixedCostPerYear: 12,
    };
    const named: Record<string, string[]> = {
      bgnbd: ['r', 'alpha', 'a', 'b'],
      mbgnbd: ['r', 'alpha', 'a', 'b'],
      'pareto-nbd': ['r', 'alpha', 's', 'beta'],
    };
    for (const [model, names] of Object.entries(named)) {
      for (const p of PARAMS) {
        const params = Object.fromEntries(names.map((n, i) => [n, p[i]!]));
        const res = clvForModel(purchaseFit(model, params), c, { discountRate: 0.08, horizonYears: 5 });
        cases.forEach((k, i) => {
          const what = `${model} params ${p.join(',')} x=${k.x} t_x=${k.tx} T=${k.T}`;
          finite(`${what} profit`, res.profit[i]!);
          finite(`${what} revenue`, res.revenue[i]!);
          finite(`${what} purchases`, res.purchases[i]!);
          finite(`${what} alive at horizon`, res.aliveAtHorizon[i]!);
        });
      }
    }
  });

  it('BG/NBD', () => checkModel(bgnbd, bgnbdProbAlive, bgnbdConditionalExpected));
  it('MBG/NBD', () => checkModel(mbgnbd, mbgnbdProbAlive, mbgnbdConditionalExpected));
  it('Pareto/NBD', () => checkModel(paretoNbd, paretoNbdProbAlive, paretoNbdConditionalExpected));

  it('Gamma-Gamma', () => {
    for (const p of PARAMS) {
      for (const x of XS.filter((v) => v > 0)) {
        for (const m of [1e-6, 0.01, 35, 1e7]) {
          const what = `gamma-gamma params ${p.slice(0, 3).join(',')} x=${x} m=${m}`;
          const g = new Float64Array(3);
          finite(
            `${what} LL`,
            gammaGamma.logLik(
              Float64Array.from(p.slice(0, 3)),
              spendData(Float64Array.of(x), Float64Array.of(m)),
              g,
            ),
          );
          g.forEach((v, i) => finite(`${what} grad ${i}`, v));
          finite(`${what} spend`, gammaGammaConditionalSpend({ p: p[0]!, q: p[1]! + 1, gamma: p[2]! }, x, m));
        }
      }
    }
  });

  it('BG/BB and sBG', () => {
    for (const p of PARAMS) {
      const params = Float64Array.from(p);
      for (const n of [1, 6, 200]) {
        for (const [x, tx] of [
          [0, 0],
          [1, 1],
          [1, n],
          [n, n],
          [Math.min(3, n), n],
        ] as const) {
          const d = {
            x: Float64Array.of(x),
            tx: Float64Array.of(tx),
            n: Float64Array.of(n),
            w: Float64Array.of(1),
          };
          const g = new Float64Array(4);
          const what = `bgbb params ${p.join(',')} x=${x} t_x=${tx} n=${n}`;
          finite(`${what} LL`, bgbb.logLik(params, d, g));
          g.forEach((v, i) => finite(`${what} grad ${i}`, v));
          const named = { alpha: p[0]!, beta: p[1]!, gamma: p[2]!, delta: p[3]! };
          finite(`${what} P(alive)`, bgbbProbAlive(named, x, tx, n));
          finite(`${what} CET`, bgbbConditionalExpected(named, 10, x, tx, n));
        }
      }
      const g = new Float64Array(2);
      finite(`sbg ${p}`, sbg.logLik(params.slice(0, 2), { alive: Float64Array.of(1e6, 1e6, 3, 0) }, g));
      g.forEach((v) => finite(`sbg grad ${p}`, v));
    }
  });
});

describe('data that do not identify a model', () => {
  it('fits without throwing and says so in warnings (one customer; nobody repurchases)', () => {
    const one: RfmData = {
      x: Float64Array.of(3),
      tx: Float64Array.of(8),
      T: Float64Array.of(10),
      w: Float64Array.of(1),
    };
    const none: RfmData = {
      x: Float64Array.of(0, 0, 0),
      tx: Float64Array.of(0, 0, 0),
      T: Float64Array.of(10, 20, 5),
      w: Float64Array.of(1, 1, 1),
    };
    for (const model of [bgnbd, mbgnbd, paretoNbd]) {
      for (const d of [one, none]) {
        const r = fitModel(model, d);
        finite(`${model.id} LL`, r.logLikelihood);
        expect(r.warnings.length, `${model.id}: ${JSON.stringify(r.params)}`).toBeGreaterThan(0);
      }
    }
  });
});
