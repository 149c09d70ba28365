/**
 * `worth clv [DIR]`: customer lifetime value on profit for a workspace (after `worth analyze`).
 * Added to the `clv` command beside `worth clv fit`.
 */
import type { Command } from 'commander';
import {
  atParamEdge,
  CliError,
  clvModelLabel,
  HOLDOUT_TIE,
  modelIdList,
  PURCHASE_MODEL_IDS,
  silentLogger,
  stderrLogger,
  unreachable,
} from '../core/index.ts';
import { COVARIATE_LINKS } from '../clv/index.ts';
import { loadCostModel } from '../costing/index.ts';
import { clvSettings, runWorkspaceClv, type ClvRunResult, type LeftOutReason } from '../value/index.ts';
import {
  cliWord,
  clvWarningWord,
  clvUndeterminedText,
  covariateValuesText,
  modelChoiceText,
  significant,
  textNumbers,
  type CliWord,
  type Lang,
} from '../words/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { clvOnClickHouse } from './clvOnClickHouse.ts';
import { writeRun } from './workspaceRuns.ts';

/** Adds the workspace run to the existing `clv` command (registered by the CLV commands). */
export function registerClvWorkspaceCommand(program: Command): void {
  const clv = program.commands.find((c) => c.name() === 'clv');
  if (!clv) throw new Error('the clv command must be registered first');
  // Options of `worth clv DIR` are read only before a sub-command, so `worth clv fit --model` keeps its own.
  program.enablePositionalOptions();
  clv
    .enablePositionalOptions()
    .argument('[dir]', 'workspace folder (after `worth analyze`)')
    .option(
      '--model <model>',
      `purchase model: ${modelIdList(PURCHASE_MODEL_IDS)} (default: the candidate closest on the holdout check)`,
    )
    .option('--horizon <years>', 'horizon in years (1-10)', '5')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string | undefined, opts: { model?: string; horizon: string; json?: boolean }) => {
      const horizon = Number(opts.horizon);
      if (!Number.isFinite(horizon))
        throw new CliError(`--horizon: ${JSON.stringify(opts.horizon)} is not a number of years`);
      const result = await runClv(dir ?? '.', opts.model, horizon, Boolean(opts.json));
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${formatClv(result, loadWorkspace(dir ?? '.', 'clv').config.language)}\n`,
      );
    });
}

/** Runs the workspace CLV (exported for `worth start`). */
export async function runClv(
  dir: string,
  model: string | undefined,
  horizonYears: number,
  quiet: boolean,
): Promise<ClvRunResult> {
  const ws = loadWorkspace(dir, 'clv');
  const run = (engine: Engine) =>
    runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), {
      ...(model === undefined ? {} : { model }),
      settings: clvSettings(ws),
      horizonYears,
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
      language: ws.config.language,
      logger: quiet ? silentLogger : stderrLogger,
    });
  return (
    clvOnClickHouse(ws, run) ?? writeRun(ws.dir, 'worth clv', 'runAnalyzeFirst', run, ws.config.language)
  );
}

/** The CLV result for people, in `lang` (worth.yaml's language; default English); each warning once, as the run wrote it (in the run's language). */
export function formatClv(r: ClvRunResult, lang: Lang = 'en'): string {
  const n = textNumbers(lang);
  const w = (key: CliWord, vars: Record<string, string> = {}) => cliWord(lang, key, vars);
  // significant digits, and a mark where an estimate ran to the edge (never 2.571.212.042.127.574.000.000.000,0000)
  const p = (o: Record<string, number>) =>
    Object.entries(o)
      .map(
        ([k, v]) =>
          `${k} ${atParamEdge(v) ? w('paramAtEdge', { value: significant(v, lang) }) : significant(v, lang)}`,
      )
      .join(', ');
  const degenerate = (what: string, f: { degenerate: boolean }) =>
    f.degenerate ? [w('degenerate', { what })] : [];
  const m = r.marginRates;
  const weight =
    m.halfWeightRevenue === null
      ? w('marginSegment')
      : w('marginWeighted', { revenue: n.int(m.halfWeightRevenue) });
  return [
    w('clvHead', {
      years: String(r.horizonYears),
      rate: n.pct(r.discountRate),
      customers: n.int(r.customers),
    }),
    w('clvChoice', {
      model: clvModelLabel(r.choice.model),
      reason: modelChoiceText(lang, r.choice, clvModelLabel, HOLDOUT_TIE) ?? r.choice.reason,
    }),
    w('clvPurchases', {
      model: clvModelLabel(r.model),
      params: p(r.purchaseFit.params),
      ll: n.fixed(r.purchaseFit.logLikelihood, 1),
      converged: r.purchaseFit.converged ? '' : w('clvNotConverged'),
    }) + (r.groups.length ? w('clvPooledNote') : ''),
    ...r.groups.map((g) =>
      w('clvGroup', {
        by: r.groupedBy ?? '',
        name: g.name,
        customers: n.int(g.customers),
        fit: g.pooledFallback ? w('clvGroupFallback') : p(g.params),
      }),
    ),
    ...holdoutLines(r, lang),
    ...covariateLines(r, lang),
    w('clvSpend', { n: n.int(r.spendFit.customers), params: p(r.spendFit.params) }),
    // an undetermined fit's CLV is arithmetic, not a figure to act on: not printed as one
    ...(r.determined && r.totalsCustomers > 0 ? valueLines(r, lang) : [w('clvUndetermined')]),
    w('marginLine', { weight, moved: n.int(m.shrunkOverTenPoints), bounded: n.int(m.bounded) }),
    ...leftOutLines(r, lang),
    ...degenerate(w('purchaseModel'), r.purchaseFit),
    ...degenerate(w('spendModel'), r.spendFit),
    ...r.warnings.map((x) => clvWarningWord(lang, 'warningLine', { about: x.subject, text: x.text })),
  ].join('\n');
}

/** The lifetime-value figures: totals, their interval, the loss-makers. */
function valueLines(r: ClvRunResult, lang: Lang): string[] {
  const n = textNumbers(lang);
  const w = (key: CliWord, vars: Record<string, string> = {}) => cliWord(lang, key, vars);
  if (r.totalProfitClv === null || r.totalRevenueClv === null) return [];
  return [
    w('clvTotals', { profit: n.money(r.totalProfitClv), revenue: n.money(r.totalRevenueClv) }),
    ...(r.totalProfitInterval
      ? [
          w('clvInterval', {
            level: n.pct(r.totalProfitInterval.level),
            lo: n.money(r.totalProfitInterval.lo),
            hi: n.money(r.totalProfitInterval.hi),
          }),
        ]
      : []),
    w('clvLoss', { n: n.int(r.lossMakingCustomers ?? 0), clv: n.money(r.lossMakingClv ?? '0.00') }),
    ...segmentLines(r, lang),
    ...(r.undeterminedCustomers > 0
      ? [
          w('clvPartlyUndetermined', {
            n: n.int(r.undeterminedCustomers),
            why: r.undeterminedReasons.map((x) => clvUndeterminedText(lang, x)).join('; '),
            over: n.int(r.totalsCustomers),
          }),
        ]
      : []),
  ];
}

/** Each segment's total and mean CLV and expected purchases with their 90% intervals (nothing without segments). */
function segmentLines(r: ClvRunResult, lang: Lang): string[] {
  if (r.segmentBy === null || r.segments.length === 0) return [];
  const n = textNumbers(lang);
  const w = (key: CliWord, vars: Record<string, string> = {}) => cliWord(lang, key, vars);
  const none = w('clvNoInterval');
  const count = (v: number) => n.fixed(v, v >= 100 ? 0 : 1);
  return [
    w('clvSegmentsHead', { column: r.segmentBy }),
    ...r.segments.map((s) => {
      const name = s.segment ?? w('clvNoSegmentValue');
      if (s.totalProfitClv === null || s.meanProfitClv === null || s.expectedPurchases === null)
        return w('clvSegmentUndetermined', { name, customers: n.int(s.customers) });
      const spanOf = (iv: { lo: string; hi: string } | null) =>
        iv ? w('clvRange', { lo: n.money(iv.lo), hi: n.money(iv.hi) }) : none;
      const q = s.expectedPurchasesInterval;
      return w('clvSegmentLine', {
        name,
        customers: n.int(s.valued),
        profit: n.money(s.totalProfitClv),
        profitRange: spanOf(s.totalProfitInterval),
        mean: n.money(s.meanProfitClv),
        meanRange: spanOf(s.meanProfitInterval),
        purchases: count(s.expectedPurchases),
        purchasesRange: q ? w('clvRange', { lo: count(q.lo), hi: count(q.hi) }) : none,
      });
    }),
  ];
}

/** The P&L's customers the fit leaves out, with the reason and a few ids each (nothing when none). */
function leftOutLines(r: ClvRunResult, lang: Lang): string[] {
  const l = r.leftOut;
  if (l.total === 0) return [];
  const n = textNumbers(lang);
  const key = (reason: LeftOutReason): CliWord => {
    switch (reason) {
      case 'allCancelled':
        return 'clvLeftOutAllCancelled';
      case 'onlyReturns':
        return 'clvLeftOutOnlyReturns';
      case 'afterEnd':
        return 'clvLeftOutAfterEnd';
      case 'noPurchase':
        return 'clvLeftOutNoPurchase';
      default:
        return unreachable(reason, 'left-out reason');
    }
  };
  const reasons = l.reasons.map((x) =>
    cliWord(lang, key(x.reason), {
      n: n.int(x.customers),
      examples: cliWord(lang, 'clvLeftOutExamples', {
        ids: x.examples.join(', ') + (x.customers > x.examples.length ? ', …' : ''),
      }),
    }),
  );
  return [
    cliWord(lang, 'clvLeftOut', {
      n: n.int(l.total),
      pnl: n.int(l.pnlCustomers),
      reasons: reasons.join('; '),
    }),
  ];
}

/**
 * `clv.covariates`: per model, the fit with covariates against the one without (BIC, holdout), the
 * verdict, and each coefficient with its standard error and the factor it puts on the parameters
 * it scales (Pareto/NBD: alpha x0.61 is a purchase rate 1.65 times the reference level's).
 */
function covariateLines(r: ClvRunResult, lang: Lang): string[] {
  const n = textNumbers(lang);
  const w = (key: CliWord, vars: Record<string, string> = {}) => cliWord(lang, key, vars);
  const gap = (e: number | null) => (e === null ? 'n/a' : `${n.fixed(e * 100, 1)}%`);
  const num = (v: number) => (Number.isFinite(v) ? significant(v, lang) : 'n/a');
  return r.covariates.flatMap((c) => [
    w('clvCovariates', {
      model: clvModelLabel(c.model),
      names: c.names.join(', '),
      bicWith: n.fixed(c.with.bic, 1),
      bicWithout: n.fixed(c.without.bic, 1),
      gapWith: gap(c.with.holdoutGroupGap),
      gapWithout: gap(c.without.holdoutGroupGap),
      inUse: clvModelLabel(c.inUse.model),
      by: r.groupedBy ?? w('clvNoValue'),
      gapInUse: gap(c.inUse.holdoutGroupGap),
      verdict: w(
        c.with.degenerate
          ? 'clvCovariatesDegenerate'
          : c.better === 'covariates'
            ? 'clvCovariatesBetter'
            : 'clvCovariatesNotBetter',
      ),
    }),
    `  ${covariateValuesText(lang, c, clvModelLabel)}`,
    ...Object.entries(c.reference).map(([column, level]) => w('clvCovariateReference', { column, level })),
    ...c.folded.map((f) =>
      w('clvCovariateFolded', {
        column: f.column,
        level: f.level,
        n: n.int(f.customers),
        reference: c.reference[f.column] ?? '',
      }),
    ),
    ...Object.keys(c.params).flatMap((key) => {
      const m = /^(trans|life):(.*)$/.exec(key);
      if (!m) return [];
      const v = c.params[key]!;
      return [
        w('clvCovariateCoefficient', {
          process: w(m[1] === 'trans' ? 'clvCovariatePurchase' : 'clvCovariateDropout'),
          name: m[2]!,
          value: num(v),
          se: num(c.standardErrors[key]!),
          effect: COVARIATE_LINKS[c.model][m[1] === 'trans' ? 'trans' : 'life']
            .map(({ param, sign }) => `${param} x${num(Math.exp(sign * v))}`)
            .join(', '),
        }),
      ];
    }),
  ]);
}

/** The holdout check of the model in use, in total and per group. */
function holdoutLines(r: ClvRunResult, lang: Lang): string[] {
  const h = r.choice.candidates.find((c) => c.model === r.model)?.holdout;
  if (!h) return [];
  const n = textNumbers(lang);
  const pct = (e: number | null) => (e === null ? 'n/a' : `${e > 0 ? '+' : ''}${n.fixed(e * 100, 1)}%`);
  return [
    cliWord(lang, 'clvHoldout', {
      end: h.calibrationEnd,
      weeks: n.int(Math.round(h.weeks)),
      expected: n.int(Math.round(h.expected)),
      actual: n.int(Math.round(h.actual)),
      error: pct(h.error),
    }),
    ...(h.groups.length > 1
      ? h.groups.map((g) =>
          cliWord(lang, 'clvHoldoutGroup', {
            name: g.name || cliWord(lang, 'clvNoValue'),
            expected: n.int(Math.round(g.expected)),
            actual: n.int(Math.round(g.actual)),
            error: pct(g.error),
          }),
        )
      : []),
  ];
}
