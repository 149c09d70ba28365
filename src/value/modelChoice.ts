/**
 * Which purchase model values the customers: every candidate is fitted per group on the whole
 * period (for AIC/BIC) and on the calibration part (for the holdout check), and the one whose
 * expected holdout purchases come closest to what happened is chosen; BIC settles a tie
 * (errors within half a percentage point). The choice and its reasons are stored.
 */
import { HOLDOUT_TIE } from '../core/index.ts';
import type { FitGroups, GroupFits } from './fitGroups.ts';
import { fitPerGroup, groupedLikelihood, withDataWeights } from './fitGroups.ts';
import { checkHoldout, type HoldoutCheck, type HoldoutData } from './holdout.ts';
import type { PurchaseModelId } from './settings.ts';
import type { GroupRule } from './fitGroups.ts';

/** One candidate's figures. */
export interface CandidateFigures {
  model: PurchaseModelId;
  logLikelihood: number;
  parameters: number;
  aic: number;
  bic: number;
  /** The holdout check (null when the period is too short for one). */
  holdout: HoldoutCheck | null;
  /** Any group's own fit or the pooled fit degenerate. */
  degenerate: boolean;
}

/** The model chosen, why, and every candidate's figures. */
export interface ModelChoice {
  model: PurchaseModelId;
  /** `holdout`, `bic` (no holdout possible), or `--model` (the user's). */
  basis: 'holdout' | 'bic' | 'option';
  /** One sentence: why this model. */
  reason: string;
  candidates: CandidateFigures[];
}

export { HOLDOUT_TIE };

/** Fits every candidate and chooses; `forced` (from --model) is kept but still compared. */
export function chooseModel(
  candidates: readonly PurchaseModelId[],
  groups: FitGroups,
  data: { x: Float64Array; tx: Float64Array; T: Float64Array },
  holdout: HoldoutData | null,
  rule: GroupRule,
  forced: PurchaseModelId | undefined,
): { choice: ModelChoice; fits: Map<PurchaseModelId, GroupFits> } {
  const models = forced && !candidates.includes(forced) ? [...candidates, forced] : [...candidates];
  const fits = new Map<PurchaseModelId, GroupFits>();
  const figures: CandidateFigures[] = models.map((model) => {
    // the groups' data weights are the chosen model's only (below)
    const f = fitPerGroup(model, groups, data.x, data.tx, data.T, { dataWeights: false });
    fits.set(model, f);
    const { logLikelihood, parameters } = groupedLikelihood(f, groups, data.x, data.tx, data.T);
    const n = data.x.length;
    return {
      model,
      logLikelihood,
      parameters,
      aic: 2 * parameters - 2 * logLikelihood,
      bic: parameters * Math.log(Math.max(1, n)) - 2 * logLikelihood,
      holdout: holdout ? checkHoldout(model, holdout, rule) : null,
      degenerate: f.pooled.degenerate || f.groups.some((g) => g.degenerate),
    };
  });
  const choice = decide(figures, forced);
  fits.set(choice.model, withDataWeights(fits.get(choice.model)!, groups, data.x, data.tx, data.T));
  return { choice, fits };
}

function decide(figures: CandidateFigures[], forced: PurchaseModelId | undefined): ModelChoice {
  const pct = (e: number | null) => (e === null ? 'n/a' : `${e > 0 ? '+' : ''}${(e * 100).toFixed(1)}%`);
  if (forced) {
    const f = figures.find((c) => c.model === forced)!;
    return {
      model: forced,
      basis: 'option',
      reason: `${forced} as asked with --model (holdout error ${pct(f.holdout?.error ?? null)}, BIC ${f.bic.toFixed(1)})`,
      candidates: figures,
    };
  }
  const usable = figures.filter((c) => !c.degenerate);
  const pool = usable.length ? usable : figures;
  const withHoldout = pool.filter((c) => c.holdout && c.holdout.error !== null);
  if (withHoldout.length) {
    const err = (c: CandidateFigures) => Math.abs(c.holdout!.error!);
    const best = Math.min(...withHoldout.map(err));
    const tied = withHoldout.filter((c) => err(c) <= best + HOLDOUT_TIE).sort((a, b) => a.bic - b.bic);
    const pick = tied[0]!;
    const others = figures
      .filter((c) => c !== pick)
      .map((c) => `${c.model} ${pct(c.holdout?.error ?? null)}${c.degenerate ? ' (degenerate)' : ''}`);
    const tie =
      tied.length > 1
        ? `; tied within ${HOLDOUT_TIE * 100} points with ${tied
            .slice(1)
            .map((c) => c.model)
            .join(', ')}, lower BIC`
        : '';
    return {
      model: pick.model,
      basis: 'holdout',
      reason: `${pick.model}: closest to the ${pick.holdout!.weeks.toFixed(0)} held-out weeks (expected ${pick.holdout!.expected.toFixed(0)} repeat purchases, ${pick.holdout!.actual.toFixed(0)} happened, ${pct(pick.holdout!.error)}${others.length ? `; ${others.join(', ')}` : ''})${tie}`,
      candidates: figures,
    };
  }
  const pick = [...pool].sort((a, b) => a.bic - b.bic)[0]!;
  return {
    model: pick.model,
    basis: 'bic',
    reason: `${pick.model}: lowest BIC (${pick.bic.toFixed(1)}); the period is too short for a holdout check`,
    candidates: figures,
  };
}
