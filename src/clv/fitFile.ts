/**
 * The parameters file of a fitted model (`worth clv fit --out FILE`, read by `worth clv
 * predict --fit FILE`): the `--json` result plus the estimates' covariance, so a prediction
 * elsewhere can carry intervals. Read back strictly: every problem names the file, the
 * field, the value and what was expected.
 */
import { z } from 'zod';
import { WorthError } from '../core/index.ts';
import type { FitResult } from './fit.ts';
import { MODELS } from './registry.ts';

/** A fitted model ready to predict with. */
export interface StoredFit {
  /** Registry id, e.g. `bgnbd` or `gamma-gamma`. */
  model: string;
  /** Estimates by parameter name (every one finite and > 0). */
  params: Record<string, number>;
  /** Covariance of the log-parameters (p × p, row-major, in the model's parameter order); null when the fit had none. */
  logCovariance: Float64Array | null;
}

/** The JSON written by `worth clv fit --out`: the `--json` fields plus `covariance` (natural parameters, rows in the order of `params`; null when there is none). */
export function fitFileJson(r: FitResult, summary: Record<string, unknown>): Record<string, unknown> {
  const n = r.values.length;
  const cov = r.covariance;
  return {
    ...summary,
    covariance: cov
      ? Array.from({ length: n }, (_, i) => Array.from(cov.subarray(i * n, (i + 1) * n)))
      : null,
  };
}

const fileSchema = z.object({
  model: z.string(),
  params: z.record(z.string(), z.number()),
  covariance: z.array(z.array(z.number())).nullable().optional(),
});

/** Parses the text of a parameters file into a {@link StoredFit}; a WorthError naming `file` and the field otherwise. */
export function parseFitFile(text: string, file: string): StoredFit {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new WorthError(
      'file_format',
      { file },
      undefined,
      'a JSON parameters file written by `worth clv fit --out`',
      `${file}: not a JSON file (${(e as Error).message})`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(top level)';
    throw new WorthError(
      'file_format',
      { file, path: where },
      undefined,
      'a parameters file written by `worth clv fit --out` (model, params, covariance)',
      `${file} at ${where}: ${issue.message} (expected a parameters file written by \`worth clv fit --out\`)`,
    );
  }
  const { model, params, covariance } = parsed.data;
  const entry = MODELS.get(model);
  if (!entry)
    throw new WorthError(
      'file_format',
      { file, path: 'model' },
      model,
      `one of ${[...MODELS.keys()].join(', ')}`,
    );
  const names = entry.paramNames;
  const ordered: Record<string, number> = {};
  for (const name of names) {
    const v = params[name];
    if (!(v !== undefined && Number.isFinite(v) && v > 0))
      throw new WorthError(
        'file_format',
        { file, path: `params.${name}` },
        v ?? null,
        'a fitted parameter > 0',
      );
    ordered[name] = v;
  }
  let logCovariance: Float64Array | null = null;
  if (covariance) {
    const p = names.length;
    if (covariance.length !== p || covariance.some((row) => row.length !== p))
      throw new WorthError(
        'file_format',
        { file, path: 'covariance' },
        `${covariance.length} rows`,
        `a ${p} × ${p} matrix (${names.join(', ')})`,
      );
    logCovariance = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        const v = covariance[i]![j]!;
        if (!Number.isFinite(v) || (i === j && !(v > 0)))
          throw new WorthError(
            'file_format',
            { file, path: `covariance[${i}][${j}]` },
            v,
            i === j ? 'a variance > 0' : 'a finite number',
          );
        logCovariance[i * p + j] = v / (ordered[names[i]!]! * ordered[names[j]!]!);
      }
  }
  return { model, params: ordered, logCovariance };
}
