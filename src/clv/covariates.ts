/**
 * Time-invariant covariates for the purchase models, as CLVTools has them (Fader & Hardie 2007,
 * "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"): a customer
 * with covariate vector z has the base model's parameters with some of them scaled by
 * exp(±γ'z), one coefficient vector for the purchase process (`trans`) and one for the drop-out
 * process (`life`). Pareto/NBD: α_i = α₀ e^{-γ_trans'z}, β_i = β₀ e^{-γ_life'z}, so a positive
 * `trans` coefficient raises the purchase rate (mean r/α_i) and a positive `life` coefficient
 * the drop-out rate (mean s/β_i). BG/NBD: α_i = α₀ e^{-γ_trans'z}, a_i = a₀ e^{γ_life'z},
 * b_i = b₀ e^{γ_life'z}. Which parameter each process scales is declared once per model
 * ({@link COVARIATE_LINKS} in registry.ts). Given z, a customer's likelihood is the base model's
 * at those parameters, so customers are grouped by distinct z and each group's likelihood is the
 * base model's own (the same code, compression and caches); the coefficients' gradient follows by
 * the chain rule. z is used for both processes (CLVTools can take two different sets).
 */
import { unreachable, WorthError } from '../core/index.ts';
import type { LikelihoodModel } from './model.ts';
import type { ParamKind } from './optim/hessian.ts';
import { compressRfm, totalWeight, type RfmData } from './rfm.ts';

/** The process a coefficient vector acts on: purchases (`trans`) or drop-out (`life`), CLVTools' names. */
export type CovariateProcess = 'trans' | 'life';

/** The base parameters one process's covariates scale: parameter `param` times exp(sign · γ'z). */
export interface CovariateLink<P extends string = string> {
  /** Scaled by the purchase process's coefficients. */
  readonly trans: readonly { readonly param: P; readonly sign: 1 | -1 }[];
  /** Scaled by the drop-out process's coefficients. */
  readonly life: readonly { readonly param: P; readonly sign: 1 | -1 }[];
}

/** Customers grouped by their covariate vector. */
export interface CovariateData {
  /** The covariates' names, one per entry of z (e.g. `segment=Retail`, `revenue (standardised)`). */
  readonly names: readonly string[];
  /** One group per distinct z: the vector and its customers' compressed summaries. */
  readonly groups: readonly { readonly z: Float64Array; readonly data: RfmData }[];
}

/**
 * Groups customers by covariate vector: `z` is n × k row-major (k = names.length), each row a
 * customer's covariates. A value that is not finite is a bug here (the encoders refuse it with
 * the customer); the groups keep the order of their first customer.
 */
export function covariateData(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  z: Float64Array,
  names: readonly string[],
): CovariateData {
  const n = x.length;
  const k = names.length;
  if (z.length !== n * k)
    throw new Error(`covariateData: z has ${z.length} values for ${n} customers x ${k}`);
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const row = z.subarray(i * k, (i + 1) * k);
    if (!row.every((v) => Number.isFinite(v)))
      throw new Error(`covariateData: customer ${i} has a non-finite covariate`);
    const key = row.join(',');
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(i);
  }
  const groups = [...byKey.values()].map((rows) => {
    const pick = (a: Float64Array): Float64Array => Float64Array.from(rows, (i) => a[i]!);
    const first = rows[0]!;
    return { z: z.slice(first * k, (first + 1) * k), data: compressRfm(pick(x), pick(tx), pick(T)) };
  });
  return { names, groups };
}

/** Names of a covariate model's coefficients: `trans:NAME` for each covariate, then `life:NAME`. */
export function coefficientNames(names: readonly string[]): string[] {
  return [...names.map((n) => `trans:${n}`), ...names.map((n) => `life:${n}`)];
}

/**
 * The base model's parameters for a customer with covariates `z` (natural scale), from a
 * covariate model's estimates `values` (the base parameters, then k `trans` and k `life`
 * coefficients).
 */
export function effectiveParams(
  paramNames: readonly string[],
  link: CovariateLink,
  values: Float64Array,
  z: Float64Array,
): Float64Array {
  const p = paramNames.length;
  const k = z.length;
  const out = values.slice(0, p);
  let dotT = 0;
  let dotL = 0;
  for (let c = 0; c < k; c++) {
    dotT += values[p + c]! * z[c]!;
    dotL += values[p + k + c]! * z[c]!;
  }
  for (const [process, dot] of [
    ['trans', dotT],
    ['life', dotL],
  ] as const) {
    for (const { param, sign } of link[process]) {
      const j = paramNames.indexOf(param);
      if (j < 0)
        throw new Error(`covariate link names ${param}, not a parameter of ${paramNames.join(', ')}`);
      out[j] = values[j]! * Math.exp(sign * dot);
    }
  }
  return out;
}

/**
 * A purchase model with covariates: parameters are the base model's (positive) followed by the
 * `trans` and `life` coefficients (real), named by {@link coefficientNames}. Its log-likelihood is
 * the sum over covariate groups of the base model's at each group's {@link effectiveParams}, and
 * its gradient the chain rule through them: ∂/∂θ₀_j = ∂ℓ/∂θ_j · θ_j/θ₀_j and
 * ∂/∂γ_c = Σ over the parameters the process scales of ∂ℓ/∂θ_j · θ_j · sign · z_c.
 */
export function covariateModel(
  base: LikelihoodModel<RfmData>,
  link: CovariateLink,
  names: readonly string[],
): LikelihoodModel<CovariateData> {
  const p = base.paramNames.length;
  const k = names.length;
  const index = (param: string): number => {
    const j = base.paramNames.indexOf(param);
    if (j < 0) throw new Error(`covariate link names ${param}, not a parameter of ${base.id}`);
    return j;
  };
  const trans = link.trans.map(({ param, sign }) => ({ j: index(param), sign }));
  const life = link.life.map(({ param, sign }) => ({ j: index(param), sign }));
  const kinds: ParamKind[] = [
    ...Array<ParamKind>(p).fill('positive'),
    ...Array<ParamKind>(2 * k).fill('real'),
  ];
  const eff = new Float64Array(p);
  const gb = new Float64Array(p);
  return {
    id: base.id,
    label: `${base.label} with covariates`,
    paramNames: [...base.paramNames, ...coefficientNames(names)],
    paramKinds: kinds,
    logLik(params, d, grad) {
      if (d.names.length !== k)
        throw new Error(`covariate model for ${k} covariates given data with ${d.names.length}`);
      if (grad) grad.fill(0);
      let ll = 0;
      for (const { z, data } of d.groups) {
        let dotT = 0;
        let dotL = 0;
        for (let c = 0; c < k; c++) {
          dotT += params[p + c]! * z[c]!;
          dotL += params[p + k + c]! * z[c]!;
        }
        for (let j = 0; j < p; j++) eff[j] = params[j]!;
        for (const { j, sign } of trans) eff[j] = params[j]! * Math.exp(sign * dotT);
        for (const { j, sign } of life) eff[j] = params[j]! * Math.exp(sign * dotL);
        ll += base.logLik(eff, data, grad ? gb : undefined);
        if (!grad) continue;
        for (let j = 0; j < p; j++) grad[j] = grad[j]! + (gb[j]! * eff[j]!) / params[j]!;
        for (const [links, offset] of [
          [trans, p],
          [life, p + k],
        ] as const) {
          for (const { j, sign } of links) {
            const d = gb[j]! * eff[j]! * sign;
            for (let c = 0; c < k; c++) grad[offset + c] = grad[offset + c]! + d * z[c]!;
          }
        }
      }
      return ll;
    },
    start(d) {
      const all = mergeGroups(d);
      return Float64Array.from([...base.start(all), ...Array<number>(2 * k).fill(0)]);
    },
    customers: (d) => d.groups.reduce((s, g) => s + totalWeight(g.data), 0),
  };
}

/** Every group's rows in one data set (for a start value or a fit without covariates). */
export function mergeGroups(d: CovariateData): RfmData {
  const parts = d.groups.map((g) => g.data);
  const cat = (f: (r: RfmData) => Float64Array): Float64Array => {
    const out = new Float64Array(parts.reduce((s, r) => s + f(r).length, 0));
    let at = 0;
    for (const r of parts) {
      out.set(f(r), at);
      at += f(r).length;
    }
    return out;
  };
  return compressRfm(
    cat((r) => r.x),
    cat((r) => r.tx),
    cat((r) => r.T),
    cat((r) => r.w),
  );
}

/** A covariate column as read: a level per customer (text, null when missing) or a number per customer. */
export type CovariateColumn =
  | { kind: 'level'; name: string; values: readonly (string | null)[] }
  | { kind: 'numeric'; name: string; values: Float64Array };

/** The encoded covariates: n × k row-major z, their names, the reference level of each level column, and notes. */
export interface EncodedCovariates {
  /** Covariates per customer, row-major (n × names.length). */
  z: Float64Array;
  /** One name per entry of a row: `column=level` for a dummy, `column` for a standardised number. */
  names: string[];
  /** Per level column, the level every dummy is measured against (the one with most customers). */
  reference: Record<string, string>;
  /** Per numeric column, the mean and standard deviation it was standardised with. */
  scaling: Record<string, { mean: number; sd: number }>;
  /** Levels folded into the reference for having too few customers: column, level, customers. */
  folded: { column: string; level: string; customers: number }[];
}

/**
 * Encodes covariate columns for {@link covariateData}. A level column becomes dummies against its
 * largest level (missing is a level of its own, `(none)`), a level with fewer than `minCustomers`
 * customers is folded into the reference (reported in `folded`: its coefficient could not be
 * estimated); a column left with one level is refused, and so is a numeric column with a value that
 * is not finite (naming the customer's row) or no spread. Numbers are standardised (mean 0, sd 1),
 * so their coefficients are per standard deviation.
 */
export function encodeCovariates(
  columns: readonly CovariateColumn[],
  n: number,
  minCustomers: number,
  source: string,
): EncodedCovariates {
  const names: string[] = [];
  const cols: Float64Array[] = [];
  const reference: Record<string, string> = {};
  const scaling: Record<string, { mean: number; sd: number }> = {};
  const folded: EncodedCovariates['folded'] = [];
  for (const col of columns) {
    if (col.values.length !== n)
      throw new Error(`covariate ${col.name}: ${col.values.length} values for ${n} customers`);
    switch (col.kind) {
      case 'level': {
        const counts = new Map<string, number>();
        for (const v of col.values) counts.set(v ?? '(none)', (counts.get(v ?? '(none)') ?? 0) + 1);
        const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        const ref = sorted[0]?.[0] ?? '(none)';
        const kept = sorted.slice(1).filter(([level, c]) => {
          if (c >= minCustomers) return true;
          folded.push({ column: col.name, level, customers: c });
          return false;
        });
        if (kept.length === 0) {
          throw new WorthError(
            'config',
            { path: `clv.covariates: ${col.name}` },
            sorted.length === 1
              ? `one level (${ref})`
              : `one level with ${minCustomers} or more customers (${ref})`,
            `a customer column with at least two levels of ${minCustomers} or more customers each`,
          );
        }
        reference[col.name] = ref;
        for (const [level] of kept) {
          names.push(`${col.name}=${level}`);
          cols.push(Float64Array.from(col.values, (v) => ((v ?? '(none)') === level ? 1 : 0)));
        }
        break;
      }
      case 'numeric': {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const v = col.values[i]!;
          if (!Number.isFinite(v)) {
            throw new WorthError(
              'input',
              { file: source, line: i + 1, column: col.name },
              String(v),
              'a finite number (a covariate)',
            );
          }
          sum += v;
        }
        const mean = sum / Math.max(n, 1);
        let ss = 0;
        for (let i = 0; i < n; i++) ss += (col.values[i]! - mean) ** 2;
        const sd = Math.sqrt(ss / Math.max(n - 1, 1));
        if (!(sd > 0)) {
          throw new WorthError(
            'config',
            { path: `clv.covariates: ${col.name}` },
            `the same value (${mean}) for every customer`,
            'a customer column whose values differ',
          );
        }
        scaling[col.name] = { mean, sd };
        names.push(col.name);
        cols.push(Float64Array.from(col.values, (v) => (v - mean) / sd));
        break;
      }
      default:
        return unreachable(col, 'covariate column');
    }
  }
  const k = names.length;
  const z = new Float64Array(n * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < n; i++) z[i * k + c] = cols[c]![i]!;
  return { z, names, reference, scaling, folded };
}
