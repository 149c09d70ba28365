/**
 * The workspace's stored fit (`clv_fit`, written by `worth clv`) as fits to predict with: the
 * pooled purchase model (the first row without a fit group) and the Gamma-Gamma spend model,
 * with the horizon and discount rate of that run. A summary file carries no segment, so the
 * pooled fit is the one that applies to it.
 */
import { clvModelKind, isPurchaseModelId, WorthError } from '../core/index.ts';
import type { StoredFit } from '../clv/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { CLV_FIT_TABLE } from './runClv.ts';

/** The stored purchase and spend fits and the run's horizon and discount rate. */
export interface WorkspaceFit {
  purchase: StoredFit;
  spend: StoredFit | null;
  horizonYears: number;
  discountRate: number;
}

/** Reads the stored fit; a WorthError when the workspace has no CLV run. */
export async function readWorkspaceFit(engine: Engine): Promise<WorkspaceFit> {
  if (!(await engine.tableExists(CLV_FIT_TABLE)))
    throw new WorthError(
      'workspace',
      { path: CLV_FIT_TABLE },
      undefined,
      'a workspace after `worth clv`',
      'no stored CLV fit (run `worth clv` first)',
    );
  const columns = await engine.columns(CLV_FIT_TABLE);
  const cov = columns.includes('log_covariance') ? 'log_covariance' : 'NULL AS log_covariance';
  const group = columns.includes('fit_group') ? 'fit_group' : 'NULL AS fit_group';
  const rows = await engine.query(
    `SELECT model, params, horizon_years, discount_rate, ${cov}, ${group} FROM ${CLV_FIT_TABLE}`,
  );
  const fitOf = (r: Record<string, unknown>): StoredFit => {
    const matrix = r.log_covariance === null ? null : (JSON.parse(String(r.log_covariance)) as number[]);
    return {
      model: String(r.model),
      params: JSON.parse(String(r.params)) as Record<string, number>,
      logCovariance: matrix ? Float64Array.from(matrix) : null,
    };
  };
  const purchase = rows.find((r) => r.fit_group === null && isPurchaseModelId(String(r.model)));
  if (!purchase)
    throw new WorthError(
      'workspace',
      { path: CLV_FIT_TABLE },
      undefined,
      'a pooled purchase model fit',
      'the stored CLV fit has no pooled purchase model (run `worth clv` again)',
    );
  const spend = rows.find((r) => clvModelKind(String(r.model)) === 'spend');
  return {
    purchase: fitOf(purchase),
    spend: spend ? fitOf(spend) : null,
    horizonYears: Number(purchase.horizon_years),
    discountRate: Number(purchase.discount_rate),
  };
}
