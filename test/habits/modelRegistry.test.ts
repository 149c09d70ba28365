// The lifetime-value models are declared once (src/core/clvModels.ts). Every other list is
// derived from that table or keyed by its ids in a mapped type the compiler checks, so a model
// added there is added everywhere or fails the build. This test catches the two ways around it:
// a model id written out as a literal somewhere else, and an implementation whose id or
// parameter names differ from its declaration.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelName } from '../../src/charts/index.ts';
import { clvForModel, clvIntervals, FORECASTERS, MODELS, PURCHASE_LIKELIHOODS } from '../../src/clv/index.ts';
import {
  CLV_MODEL_IDS,
  CLV_MODELS,
  PURCHASE_MODEL_IDS,
  paramsOf,
  purchaseFit,
  typedParams,
  WorthError,
  type ParamsOf,
  type PurchaseFit,
} from '../../src/core/index.ts';
import { sumCurves } from '../../src/scenario/index.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Files where a model id may be written: the declaration, and maps typed over its ids. */
const KEYED_BY_ID = ['src/core/clvModels.ts', 'src/clv/registry.ts', 'src/clv/forecast.ts'].map((f) =>
  path.normalize(f),
);

const ID_LITERAL = new RegExp(`['"\`](${CLV_MODEL_IDS.join('|')})['"\`]`);

describe('the model registry', () => {
  it('declares the six models, three of them purchase models', () => {
    expect(CLV_MODEL_IDS).toEqual(['bgnbd', 'mbgnbd', 'pareto-nbd', 'gamma-gamma', 'bgbb', 'sbg']);
    expect(PURCHASE_MODEL_IDS).toEqual(['bgnbd', 'mbgnbd', 'pareto-nbd']);
  });

  it('writes no model id as a literal outside the declaration and the maps keyed by it', () => {
    const hits = sources('src')
      .filter((f) => !KEYED_BY_ID.includes(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .flatMap((line, i) => {
            const t = line.trim();
            if (t.startsWith('*') || t.startsWith('//') || t.startsWith('/*')) return [];
            // ids the compiler checks against the declaration: declared('x'), ParamsOf<'x'>, CLV_MODELS['x'],
            // typedParams('x'), and a model's LikelihoodModel<D, 'x'> (its id is the declared('x') spread into it)
            const unchecked = line.replace(
              /(declared\(|ParamsOf<|CLV_MODELS\[|typedParams\(|LikelihoodModel<\w+, )['"][\w-]+['"]/g,
              '',
            );
            return ID_LITERAL.test(unchecked) ? [`${f}:${i + 1}`] : [];
          }),
      );
    expect(hits).toEqual([]);
  });

  it('gives every implementation the id and parameter names of its declaration', () => {
    for (const id of CLV_MODEL_IDS) {
      const entry = MODELS.get(id);
      expect(entry?.id).toBe(id);
      expect(entry?.paramNames).toEqual(CLV_MODELS[id].params);
      expect(modelName(id)).toBe(CLV_MODELS[id].label);
    }
    expect([...MODELS.keys()]).toEqual(CLV_MODEL_IDS);
    expect(Object.keys(FORECASTERS).sort()).toEqual([...PURCHASE_MODEL_IDS].sort());
    for (const id of PURCHASE_MODEL_IDS) {
      expect(FORECASTERS[id].id).toBe(id);
      expect(FORECASTERS[id].paramNames).toEqual(CLV_MODELS[id].params);
      expect(PURCHASE_LIKELIHOODS[id].id).toBe(id);
      expect(PURCHASE_LIKELIHOODS[id].paramNames).toEqual(CLV_MODELS[id].params);
    }
  });

  it('reads stored parameters by name, refusing a missing or non-positive one', () => {
    expect(paramsOf('bgnbd', { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43, extra: 1 })).toEqual({
      r: 0.24,
      alpha: 4.41,
      a: 0.79,
      b: 2.43,
    });
    expect(paramsOf('bgnbd', { r: 0.24, alpha: 4.41, a: 0.79 })).toBeNull();
    expect(paramsOf('pareto-nbd', { r: 1, alpha: 1, s: 0, beta: 1 })).toBeNull();
    expect(paramsOf('sbg', { alpha: 1, beta: Number.POSITIVE_INFINITY })).toBeNull();
    expect(paramsOf('sbg', { alpha: '1', beta: 2 })).toBeNull();
  });

  it("types each model's parameters from its declaration: a wrong name or count does not compile", () => {
    const bg: ParamsOf<'bgnbd'> = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
    // @ts-expect-error Pareto/NBD has s and beta, not a and b
    const wrongNames: ParamsOf<'pareto-nbd'> = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
    // @ts-expect-error one parameter short
    const tooFew: ParamsOf<'bgnbd'> = { r: 0.24, alpha: 4.41, a: 0.79 };
    // @ts-expect-error sBG has two parameters, not three
    const tooMany: ParamsOf<'sbg'> = { alpha: 1, beta: 2, gamma: 3 };
    // @ts-expect-error a name the model does not declare, read from typed parameters
    expect(bg.beta).toBeUndefined();
    expect([wrongNames, tooFew, tooMany].length).toBe(3);
    // The forecaster takes its model's typed parameters and no others.
    const f = FORECASTERS['bgnbd'];
    expect(f.expected(bg, 52)).toBeGreaterThan(0);
    // @ts-expect-error one parameter short, given to a forecaster
    expect(() => f.expected({ r: 1, alpha: 1, a: 1 }, 1)).not.toThrow();
    // @ts-expect-error Pareto/NBD's parameters given to BG/NBD's forecaster
    expect(() => f.expected({ r: 1, alpha: 1, s: 1, beta: 1 }, 1)).not.toThrow();
  });

  it('carries typed parameters through the intervals, the draws and the scenarios: a wrong name does not compile', () => {
    const covLog = new Float64Array(16);
    const c = { x: Float64Array.of(1), tx: Float64Array.of(10), T: Float64Array.of(20) };
    const customers = { ...c, spend: 10, marginRate: 0.5, variableCostPerOrder: 0, fixedCostPerYear: 0 };
    const settings = { discountRate: 0.1 };
    const point = { profit: Float64Array.of(0), purchases: Float64Array.of(0) };
    const bg: ParamsOf<'bgnbd'> = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
    const pareto: ParamsOf<'pareto-nbd'> = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
    // each call type-checks only with the forecaster's own model's parameters
    expect(clvIntervals(FORECASTERS.bgnbd, bg, covLog, customers, settings, point).level).toBe(0.9);
    // @ts-expect-error BG/NBD's parameters with Pareto/NBD's forecaster
    expect(() => clvIntervals(FORECASTERS['pareto-nbd'], bg, covLog, customers, settings, point)).toThrow();
    const histories = { ...c, spend: Float64Array.of(10), marginRate: Float64Array.of(0.5) };
    expect(sumCurves(FORECASTERS['pareto-nbd'], pareto, histories, 3).customers).toBe(1);
    const short = { r: 1, alpha: 1, a: 1 };
    // @ts-expect-error a scenario's curves with a parameter missing
    expect(() => sumCurves(FORECASTERS.bgnbd, short, histories, 3)).not.toThrow();
    const fit: PurchaseFit = { model: 'mbgnbd', params: bg };
    expect(clvForModel(fit, customers, settings).profit.length).toBe(1);
    // @ts-expect-error a fit whose parameters are another model's
    const wrongFit: PurchaseFit = { model: 'pareto-nbd', params: bg };
    expect(wrongFit.model).toBe('pareto-nbd');
    // stored parameters (JSON) become typed parameters in one place, which names a missing one
    expect(purchaseFit('bgnbd', { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }).params).toEqual(bg);
    expect(() => purchaseFit('bgnbd', { r: 0.24, alpha: 4.41, a: 0.79 })).toThrow(/parameter b missing/);
    expect(() => purchaseFit('sbg', { alpha: 1, beta: 2 })).toThrow(WorthError);
    expect(() => typedParams('gamma-gamma', { p: 1, q: 2 })).toThrow(/parameter gamma missing/);
  });
});
