/**
 * The lifetime-value models, declared once: id, usual name, parameter names in order and what
 * the model describes. Every list of models in Worth (the registry, the purchase-model choice,
 * the forecasters, worth.yaml's candidates, CLI help, the dashboard's and report's names) is
 * derived from this table, so a model added here is added everywhere or fails the build. Here,
 * not in src/clv, so the dashboard can name a model without importing the models.
 */
import { WorthError } from './errors.ts';

/** Every model: its name, its parameters (all > 0) in order, and its kind. */
export const CLV_MODELS = {
  bgnbd: { label: 'BG/NBD', params: ['r', 'alpha', 'a', 'b'], kind: 'purchase' },
  mbgnbd: { label: 'MBG/NBD', params: ['r', 'alpha', 'a', 'b'], kind: 'purchase' },
  'pareto-nbd': { label: 'Pareto/NBD', params: ['r', 'alpha', 's', 'beta'], kind: 'purchase' },
  'gamma-gamma': { label: 'Gamma-Gamma', params: ['p', 'q', 'gamma'], kind: 'spend' },
  bgbb: { label: 'BG/BB', params: ['alpha', 'beta', 'gamma', 'delta'], kind: 'discrete' },
  sbg: { label: 'sBG', params: ['alpha', 'beta'], kind: 'cohort' },
} as const satisfies Record<
  string,
  {
    label: string;
    params: readonly [string, ...string[]];
    kind: 'purchase' | 'spend' | 'discrete' | 'cohort';
  }
>;

/** A model's id (`bgnbd`, `pareto-nbd`, ...). */
export type ClvModelId = keyof typeof CLV_MODELS;

/** The models of purchases over continuous time, each with a per-customer forecaster. */
export type PurchaseModelId = {
  [K in ClvModelId]: (typeof CLV_MODELS)[K]['kind'] extends 'purchase' ? K : never;
}[ClvModelId];

/** A model's parameters by name, typed from its declaration (`ParamsOf<'bgnbd'>` has r, alpha, a, b). */
export type ParamsOf<M extends ClvModelId> = {
  readonly [K in (typeof CLV_MODELS)[M]['params'][number]]: number;
};

/** Every model id, in the table's order. */
export const CLV_MODEL_IDS = Object.keys(CLV_MODELS) as ClvModelId[];

/** The purchase models' ids, in the table's order: bgnbd, mbgnbd, pareto-nbd. */
export const PURCHASE_MODEL_IDS = CLV_MODEL_IDS.filter((id) => CLV_MODELS[id].kind === 'purchase') as [
  PurchaseModelId,
  ...PurchaseModelId[],
];

/** Whether a text is a model id. */
export function isClvModelId(id: string): id is ClvModelId {
  return Object.hasOwn(CLV_MODELS, id);
}

/** Whether a text is a purchase model's id. */
export function isPurchaseModelId(id: string): id is PurchaseModelId {
  return isClvModelId(id) && CLV_MODELS[id].kind === 'purchase';
}

/** A model's usual name (`bgnbd` -> `BG/NBD`); an id that is not a model, as given. */
export function clvModelLabel(id: string): string {
  return isClvModelId(id) ? CLV_MODELS[id].label : id;
}

/**
 * Stored parameters (a JSON object read back from the workspace, or a fit's result) as the
 * model's typed parameters; null when one is missing or not a positive finite number.
 */
export function paramsOf<M extends ClvModelId>(
  id: M,
  values: Readonly<Record<string, unknown>>,
): ParamsOf<M> | null {
  const out: Record<string, number> = {};
  for (const name of CLV_MODELS[id].params) {
    const v = values[name];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) return null;
    out[name] = v;
  }
  return out as ParamsOf<M>;
}

/**
 * A fit's parameters as the model's typed parameters ({@link ParamsOf}): every declared name read
 * as it is (a draw or a stored fit may be at an edge; ranges are the caller's to check). A name
 * missing or not a number is a bug (a stored or fitted parameter set always has them all): a
 * bare Error. The one place where a name-to-number record becomes typed parameters.
 */
export function typedParams<M extends ClvModelId>(
  id: M,
  values: Readonly<Record<string, unknown>>,
): ParamsOf<M> {
  const out: Record<string, number> = {};
  for (const name of CLV_MODELS[id].params) {
    const v = values[name];
    if (typeof v !== 'number')
      throw new Error(`${id}: parameter ${name} missing from ${JSON.stringify(values)}`);
    out[name] = v;
  }
  // Every declared name read as a number, and only those: the model's typed parameters.
  return out as ParamsOf<M>;
}

/**
 * A fitted purchase model: its id and its parameters typed by that id, one union member per
 * purchase model, so `FORECASTERS[fit.model]` takes `fit.params` and nothing else (a wrong
 * parameter name or count, or one model's parameters given to another, is a compile error).
 */
export type PurchaseFit<K extends PurchaseModelId = PurchaseModelId> = {
  [P in K]: { readonly model: P; readonly params: ParamsOf<P> };
}[K];

/**
 * A purchase model's id and its parameters by name (a fit's result, or JSON read back from the
 * workspace) as a {@link PurchaseFit}; a WorthError naming the purchase models when the id is
 * not one of them, a bare Error when a declared parameter is missing.
 */
export function purchaseFit(model: string, params: Readonly<Record<string, unknown>>): PurchaseFit {
  if (!isPurchaseModelId(model))
    throw new WorthError('input', { path: 'model' }, model, `one of ${PURCHASE_MODEL_IDS.join(', ')}`);
  return typedFit(model, params);
}

function typedFit<K extends PurchaseModelId>(
  model: K,
  params: Readonly<Record<string, unknown>>,
): PurchaseFit<K> {
  // a correlated pair: `model` and the parameters typed by it
  return { model, params: typedParams(model, params) } as PurchaseFit<K>;
}

/** Model ids as a sentence's list: `bgnbd, mbgnbd or pareto-nbd` (for help texts and messages). */
export function modelIdList(ids: readonly string[]): string {
  return ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}

/** What a model describes (`purchase`, `spend`, ...), or null for a text that is not a model id. */
export function clvModelKind(id: string): (typeof CLV_MODELS)[ClvModelId]['kind'] | null {
  return isClvModelId(id) ? CLV_MODELS[id].kind : null;
}

/** Holdout errors this close (as shares of what happened) count as a tie when choosing a model, settled by BIC. */
export const HOLDOUT_TIE = 0.005;
