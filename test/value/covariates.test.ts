// worth.yaml `clv: { covariates: [...] }` in a real run on the demo company: Pareto/NBD and
// BG/NBD fitted with and without the segment as covariates (dummies against the largest segment),
// compared on BIC and the held-out weeks group by group, stored with the model choice, printed
// in English and Dutch with every coefficient and its standard error; a misspelt column gets a
// did-you-mean, a column with one level a clear refusal, never a NaN.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClv } from '../../src/cli/clvWorkspaceCommand.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { clvSettings, runWorkspaceClv, type ClvRunResult } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace, type Workspace } from '../../src/workspace/index.ts';
import { clvModelLabel } from '../../src/core/index.ts';
import { covariateComparisonText, covariateValuesText, type CovariateFacts } from '../../src/words/index.ts';

describe('clv.covariates on the demo company', { timeout: 300_000 }, () => {
  let dir: string;
  let engine: Engine;
  let ws: Workspace;
  let r: ClvRunResult;

  function withClv(section: string): Workspace {
    const base = readFileSync(path.join(dir, 'worth.yaml.orig'), 'utf8');
    writeFileSync(path.join(dir, 'worth.yaml'), `${base}\nclv:\n${section}\n`);
    return loadWorkspace(dir);
  }

  function run(w: Workspace): Promise<ClvRunResult> {
    return runWorkspaceClv(engine, loadCostModel(w, engine.dialect), {
      settings: clvSettings(w),
      discountRate: 0.08,
      calibrationEnd: w.config.period.end,
    });
  }

  beforeAll(async () => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-clv-cov-')), 'demo');
    await writeDemoWorkspace(dir, { customers: 1000, seed: 11 });
    writeFileSync(path.join(dir, 'worth.yaml.orig'), readFileSync(path.join(dir, 'worth.yaml'), 'utf8'));
    ws = withClv('  covariates: [segment]');
    await ingestWorkspace(ws);
    engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    await analyze(engine, loadCostModel(ws, engine.dialect), {});
    r = await run(ws);
  });
  afterAll(async () => engine.close());

  it('fits Pareto/NBD and BG/NBD with and without the segment and says which fits better and why', () => {
    expect(r.covariates.map((c) => c.model).sort()).toEqual(['bgnbd', 'pareto-nbd']);
    for (const c of r.covariates) {
      // the largest segment is the reference; every other one a dummy with a coefficient per process
      const [ref] = Object.values(c.reference);
      expect(c.names.length).toBeGreaterThanOrEqual(1);
      expect(c.names).not.toContain(`segment=${ref}`);
      for (const name of c.names) {
        for (const key of [`trans:${name}`, `life:${name}`]) {
          expect(Number.isFinite(c.params[key]), `${c.model} ${key}`).toBe(true);
          expect(key in c.standardErrors).toBe(true);
        }
      }
      // nested models: the likelihood with covariates is at least the one without (to the optimiser's tolerance)
      expect(c.likelihoodRatio).toBeGreaterThan(-1e-3);
      expect(c.with.parameters).toBe(c.without.parameters + 2 * c.names.length);
      for (const f of [c.with, c.without]) {
        expect(Number.isFinite(f.bic) && Number.isFinite(f.aic)).toBe(true);
        expect(f.holdoutGroupGap === null || Number.isFinite(f.holdoutGroupGap)).toBe(true);
      }
      // the verdict follows the stated rule
      const better =
        !c.with.degenerate &&
        c.with.bic < c.without.bic &&
        (c.with.holdoutGroupGap === null ||
          c.without.holdoutGroupGap === null ||
          c.with.holdoutGroupGap <= c.without.holdoutGroupGap + 0.005);
      expect(c.better).toBe(better ? 'covariates' : 'without');
      expect(c.reason).toMatch(/BIC .* with, .* without/);
      expect(c.inUse.model).toBe(r.model);
    }
  });

  it('stores the comparison with the model choice; the dashboard and report sentence from it, in English and Dutch', async () => {
    const [row] = await engine.query('SELECT covariates FROM clv_model_choice');
    const stored = JSON.parse(String(row!.covariates)) as CovariateFacts[];
    expect(stored).toEqual(JSON.parse(JSON.stringify(r.covariates)));
    for (const c of stored) {
      for (const lang of ['en', 'nl'] as const) {
        const text = covariateComparisonText(lang, c, clvModelLabel);
        expect(text).not.toMatch(/NaN|undefined|Infinity/);
        expect(text).toContain(clvModelLabel(c.model));
        for (const name of c.names) expect(text).toContain(name);
        expect(text).toMatch(lang === 'en' ? /purchase rate .* \(SE / : /aankooptempo .* \(sf /);
      }
    }
  });

  it('says which fits the lifetime values use: the per-segment fits, and when the covariate fit is closer that it is not used and why', () => {
    // the run's own comparisons: the model in use is named in every sentence, CLI and dashboard alike
    for (const c of r.covariates)
      for (const lang of ['en', 'nl'] as const) {
        expect(covariateComparisonText(lang, c, clvModelLabel)).toContain(
          covariateValuesText(lang, c, clvModelLabel),
        );
        expect(formatClv(r, lang)).toContain(covariateValuesText(lang, c, clvModelLabel));
      }
    // constructed: the covariate fit wins and is closer group by group than the fits in use
    const facts: CovariateFacts = {
      model: 'bgnbd',
      names: ['segment=Retail'],
      reference: { segment: 'Web shop consumers' },
      params: {},
      standardErrors: {},
      better: 'covariates',
      with: { bic: 100, holdoutGroupGap: 0.04, degenerate: false },
      without: { bic: 120, holdoutGroupGap: 0.2 },
      inUse: { model: 'mbgnbd', holdoutGroupGap: 0.09 },
    };
    const closer = covariateValuesText('en', facts, clvModelLabel);
    expect(closer).toMatch(
      /closer .* \(4% against 9% for MBG\/NBD’s per-segment fits\), yet the lifetime values stay on the per-segment fits: Worth does not compute lifetime values and their intervals from a covariate fit yet/,
    );
    expect(covariateValuesText('nl', facts, clvModelLabel)).toMatch(
      /toch blijven de klantwaarden op de schattingen per segment/,
    );
    // not closer than the fits in use (or not better): the values on the per-segment fits, said plainly
    const notCloser = covariateValuesText(
      'en',
      { ...facts, inUse: { model: 'mbgnbd', holdoutGroupGap: 0.03 } },
      clvModelLabel,
    );
    expect(notCloser).toMatch(
      /^The lifetime values use MBG\/NBD’s per-segment fits \(held out, group by group off by 3%\)/,
    );
    expect(covariateValuesText('en', { ...facts, better: 'without' }, clvModelLabel)).toMatch(
      /^The lifetime values use/,
    );
    // a run stored before the model in use was kept: nothing said
    expect(covariateValuesText('en', { ...facts, inUse: undefined }, clvModelLabel)).toBe('');
  });

  it('prints each comparison and coefficient in English and Dutch, never NaN or undefined', () => {
    for (const lang of ['en', 'nl'] as const) {
      const text = formatClv(r, lang);
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
      for (const c of r.covariates) {
        expect(text).toContain(c.names[0]!);
        expect(text).toMatch(lang === 'en' ? /with covariates segment=/ : /met covariaten segment=/);
        expect(text).toMatch(
          lang === 'en' ? /purchase rate segment=.*standard error/ : /aankooptempo segment=.*standaardfout/,
        );
      }
    }
  });

  it('refuses a misspelt column with the likely one, and a column with one level', async () => {
    await expect(run(withClv('  covariates: [segmnt]'))).rejects.toThrow(
      /clv\.covariates\[0\].*"segmnt".*did you mean segment\?/,
    );
    await engine.run('ALTER TABLE customers ADD COLUMN same_for_all VARCHAR');
    await engine.run(`UPDATE customers SET same_for_all = 'x'`);
    await expect(run(withClv('  covariates: [same_for_all]'))).rejects.toThrow(
      /clv\.covariates: same_for_all.*one level \(x\)/,
    );
    await engine.run('ALTER TABLE customers DROP COLUMN same_for_all');
  });

  it('standardises a numeric column, and refuses a non-finite value naming its customer', async () => {
    // a number per customer from its id (deterministic), then one NaN
    await engine.run('ALTER TABLE customers ADD COLUMN score DOUBLE');
    await engine.run(`UPDATE customers SET score = CAST(hash(customer_id) % 1000 AS DOUBLE) / 100`);
    const numeric = await run(withClv('  covariates: [score]\n  models: [pareto-nbd]'));
    const [c] = numeric.covariates;
    expect(c!.names).toEqual(['score']);
    expect(c!.reference).toEqual({});
    for (const key of ['trans:score', 'life:score']) expect(Number.isFinite(c!.params[key])).toBe(true);
    const [first] = await engine.query(
      'SELECT s.customer_id AS id FROM clv_summary s ORDER BY s.customer_id LIMIT 1',
    );
    await engine.run(`UPDATE customers SET score = 'NaN'::DOUBLE WHERE customer_id = $1`, [
      String(first!.id),
    ]);
    await expect(run(withClv('  covariates: [score]'))).rejects.toThrow(
      new RegExp(`customers, column score: "customer ${String(first!.id)}: nan".*finite number`),
    );
    await engine.run('ALTER TABLE customers DROP COLUMN score');
  });
});
