/**
 * The model registry: each model with the reader that turns a summary file into its data.
 * Callers (CLI, benchmark) look models up by id and never branch on a model's name.
 */
import {
  CLV_MODEL_IDS,
  WorthError,
  type ClvModelId,
  type CLV_MODELS,
  type PurchaseModelId,
} from '../core/index.ts';
import { covariateModel, type CovariateData, type CovariateLink } from './covariates.ts';
import { fitModel, type FitOptions, type FitResult } from './fit.ts';
import type { LikelihoodModel } from './model.ts';
import type { RfmData } from './rfm.ts';
import { bgbb } from './models/bgbb.ts';
import { bgnbd } from './models/bgnbd.ts';
import { gammaGamma } from './models/gammaGamma.ts';
import { mbgnbd } from './models/mbgnbd.ts';
import { paretoNbd } from './models/paretoNbd.ts';
import { sbg } from './models/sbg.ts';
import { cohortFromTable, discreteFromTable, rfmFromTable, spendFromTable } from './summaryData.ts';
import type { SummaryTable } from './summaryTable.ts';

/** A registered model: its metadata and a fit from a parsed summary table. */
export interface ModelEntry {
  /** Registry key used on the command line. */
  id: string;
  /** Human name. */
  label: string;
  /** Parameter names, in order. */
  paramNames: readonly string[];
  /** The summary file form this model reads, for help and error messages. */
  input: string;
  /** Parses the table into the model's data and fits it. */
  fitTable(table: SummaryTable, options?: FitOptions): FitResult;
}

function entry<D>(model: LikelihoodModel<D>, read: (t: SummaryTable) => D, input: string): ModelEntry {
  return {
    id: model.id,
    label: model.label,
    paramNames: model.paramNames,
    input,
    fitTable: (table, options) => fitModel(model, read(table), options),
  };
}

const CUSTOMERS = 'customer_id, frequency, recency, T[, weight]';

/** The likelihood of each purchase model declared in src/core (a missing one fails the build). */
export const PURCHASE_LIKELIHOODS: { readonly [K in PurchaseModelId]: LikelihoodModel<RfmData, K> } = {
  bgnbd,
  mbgnbd,
  'pareto-nbd': paretoNbd,
};

const BY_ID: { readonly [K in ClvModelId]: ModelEntry } = {
  bgnbd: entry(bgnbd, rfmFromTable, CUSTOMERS),
  'pareto-nbd': entry(paretoNbd, rfmFromTable, CUSTOMERS),
  mbgnbd: entry(mbgnbd, rfmFromTable, CUSTOMERS),
  bgbb: entry(bgbb, discreteFromTable, 'frequency, recency, periods, weights'),
  sbg: entry(sbg, cohortFromTable, 'period, alive'),
  'gamma-gamma': entry(
    gammaGamma,
    spendFromTable,
    'customer_id, frequency, recency, T, monetary_value (customers with frequency > 0 are used)',
  ),
};

/** Every model declared in src/core ({@link CLV_MODEL_IDS}), keyed by id; a declared model without an entry fails the build. */
export const MODELS: ReadonlyMap<string, ModelEntry> = new Map(CLV_MODEL_IDS.map((id) => [id, BY_ID[id]]));

/** Looks a model up by id; a WorthError listing the known ids when it is unknown. */
export function modelEntry(id: string): ModelEntry {
  const e = MODELS.get(id);
  if (!e) throw new WorthError('input', { path: '--model' }, id, `one of ${[...MODELS.keys()].join(', ')}`);
  return e;
}

/**
 * The purchase models that take time-invariant covariates, and which base parameter each process's
 * coefficients scale (CLVTools' parameterisation, src/clv/covariates.ts): Pareto/NBD's α and β by
 * exp(-γ'z); BG/NBD's α by exp(-γ_trans'z), a and b by exp(+γ_life'z). The parameter names are
 * checked against the model's declaration by the compiler.
 */
export const COVARIATE_LINKS: {
  readonly [K in 'pareto-nbd' | 'bgnbd']: CovariateLink<(typeof CLV_MODELS)[K]['params'][number]>;
} = {
  'pareto-nbd': { trans: [{ param: 'alpha', sign: -1 }], life: [{ param: 'beta', sign: -1 }] },
  bgnbd: {
    trans: [{ param: 'alpha', sign: -1 }],
    life: [
      { param: 'a', sign: 1 },
      { param: 'b', sign: 1 },
    ],
  },
};

/** A purchase model that takes covariates. */
export type CovariateModelId = keyof typeof COVARIATE_LINKS;

/** Whether a purchase model takes covariates. */
export function takesCovariates(id: PurchaseModelId): id is CovariateModelId {
  return Object.hasOwn(COVARIATE_LINKS, id);
}

/** The model `id` with covariates `names`: its base likelihood and its declared link. */
export function covariateLikelihood(
  id: CovariateModelId,
  names: readonly string[],
): LikelihoodModel<CovariateData> {
  return covariateModel(PURCHASE_LIKELIHOODS[id], COVARIATE_LINKS[id], names);
}
