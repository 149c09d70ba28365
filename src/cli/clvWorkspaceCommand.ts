/**
 * `worth clv [DIR]`: customer lifetime value on profit for a workspace (after `worth analyze`).
 * Added to the `clv` command beside `worth clv fit`.
 */
import type { Command } from 'commander';
import { CliError, silentLogger, stderrLogger } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import { clvSettings, runWorkspaceClv, type ClvRunResult } from '../value/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
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
    .option('--model <model>', 'purchase model: bgnbd, mbgnbd or pareto-nbd (default: the candidate closest on the holdout check)')
    .option('--horizon <years>', 'horizon in years (1-10)', '5')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string | undefined, opts: { model?: string; horizon: string; json?: boolean }) => {
      const horizon = Number(opts.horizon);
      if (!Number.isFinite(horizon)) throw new CliError(`--horizon: ${JSON.stringify(opts.horizon)} is not a number of years`);
      const result = await runClv(dir ?? '.', opts.model, horizon, Boolean(opts.json));
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatClv(result)}\n`);
    });
}

/** Runs the workspace CLV (exported for `worth start`). */
export async function runClv(dir: string, model: string | undefined, horizonYears: number, quiet: boolean): Promise<ClvRunResult> {
  const ws = loadWorkspace(dir);
  return writeRun(ws.dir, 'worth clv', 'run `worth ingest` and `worth analyze` first', (engine) =>
    runWorkspaceClv(engine, loadCostModel(ws, engine.dialect), {
      ...(model === undefined ? {} : { model }),
      settings: clvSettings(ws),
      horizonYears,
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
      logger: quiet ? silentLogger : stderrLogger,
    }),
  );
}

/** The CLV result for people. */
export function formatClv(r: ClvRunResult): string {
  const p = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join(', ');
  return [
    `lifetime value over ${r.horizonYears} years at ${(r.discountRate * 100).toFixed(1)}% cost of capital, ${r.customers.toLocaleString('en-US')} customers`,
    `purchase model: ${r.choice.reason}`,
    `purchases: ${r.model} (${p(r.purchaseFit.params)}; log-likelihood ${r.purchaseFit.logLikelihood.toFixed(1)}${r.purchaseFit.converged ? '' : '; NOT converged'})${r.groups.length ? ' pooled, for customers outside the groups below' : ''}`,
    ...r.groups.map((g) => `  ${r.groupedBy} ${g.name} (${g.customers.toLocaleString('en-US')} customers): ${g.pooledFallback ? 'its own fit fails (at the edge of the parameter space); the pooled fit stands in' : p(g.params)}`),
    ...holdoutLines(r),
    `spend: gamma-gamma on ${r.spendFit.customers.toLocaleString('en-US')} repeat customers (${p(r.spendFit.params)})`,
    `CLV on profit ${r.totalProfitClv} (revenue CLV ${r.totalRevenueClv})`,
    ...(r.totalProfitInterval ? [`  ${r.totalProfitInterval.level * 100}% interval from the purchase model's parameter uncertainty: ${r.totalProfitInterval.lo} to ${r.totalProfitInterval.hi}`] : []),
    `${r.lossMakingCustomers.toLocaleString('en-US')} customers are expected to lose money over the horizon: together ${r.lossMakingClv}`,
    marginLine(r.marginRates),
    ...fitWarnings('purchase model', r.purchaseFit),
    ...fitWarnings('spend model', r.spendFit),
  ].join('\n');
}

function fitWarnings(what: string, f: { degenerate: boolean; warnings: string[] }): string[] {
  return [...(f.degenerate ? [`DEGENERATE ${what}: do not act on these estimates`] : []), ...f.warnings.map((w) => `warning (${what}): ${w}`)];
}

function holdoutLines(r: ClvRunResult): string[] {
  const h = r.choice.candidates.find((c) => c.model === r.model)?.holdout;
  if (!h) return [];
  const pct = (e: number | null) => (e === null ? 'n/a' : `${e > 0 ? '+' : ''}${(e * 100).toFixed(1)}%`);
  return [
    `holdout check (fitted up to ${h.calibrationEnd}, ${h.weeks.toFixed(0)} weeks held out): expected ${h.expected.toFixed(0)} repeat purchases, ${h.actual.toFixed(0)} happened (${pct(h.error)})`,
    ...(h.groups.length > 1 ? h.groups.map((g) => `  ${g.name || '(no value)'}: expected ${g.expected.toFixed(0)}, happened ${g.actual.toFixed(0)} (${pct(g.error)})`) : []),
  ];
}

function marginLine(m: ClvRunResult['marginRates']): string {
  const weight =
    m.halfWeightRevenue === null
      ? "every customer's margin rate is its segment's (the data show no difference between customers' rates beyond chance)"
      : `each customer's margin rate is weighted toward its segment's by its sales (half weight at ${m.halfWeightRevenue.toLocaleString('en-US', { maximumFractionDigits: 0 })} of invoice revenue)`;
  return `margin rates: ${weight}; ${m.shrunkOverTenPoints.toLocaleString('en-US')} moved by more than 10 points, ${m.bounded.toLocaleString('en-US')} held at the -100%/+100% bound`;
}
