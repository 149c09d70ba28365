/**
 * `worth clv predict --summary FILE (--fit FILE [--fit FILE] | --workspace DIR)`: a fitted
 * model applied to a customer summary file: per customer expected purchases over the horizon,
 * P(alive), expected spend per order and CLV on revenue, with 90% intervals, as CSV or JSON.
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  clvModelKind,
  CliError,
  csvSafeValue,
  modelIdList,
  PURCHASE_MODEL_IDS,
  WorthError,
} from '../core/index.ts';
import {
  idColumn,
  parseFitFile,
  parseSummaryCsv,
  predictCustomers,
  readCustomerSummary,
  withExactErrors,
  type PredictSettings,
  type Predictions,
  type StoredFit,
  type TimeUnit,
} from '../clv/index.ts';
import { readSummaryTyped, readWorkspaceFit } from '../value/index.ts';
import { outputPath } from './outputPath.ts';
import { writeWhole } from './wholeFile.ts';
import { readText } from './readText.ts';
import { readRun } from './workspaceRuns.ts';

interface PredictOptions {
  summary: string;
  fit: string[];
  workspace?: string;
  horizon?: string;
  periods?: string;
  discountRate?: string;
  unit: string;
  json?: boolean;
  out?: string;
}

const UNITS: readonly TimeUnit[] = ['days', 'weeks', 'months'];

/** Adds `predict` to the `clv` command. */
export function registerClvPredictCommand(clv: Command): void {
  clv
    .command('predict')
    .description(
      'predict with a fitted model for a summary CSV: expected purchases, P(alive), expected spend and CLV on revenue per customer, with 90% intervals',
    )
    .requiredOption(
      '--summary <file>',
      'summary CSV (customer_id, frequency, recency, T[, monetary_value]), as `worth clv fit` reads',
    )
    .option(
      '--fit <file>',
      'a parameters file from `worth clv fit --out` (a purchase model; again for a gamma-gamma fit to get spend and CLV)',
      (file: string, all: string[]) => [...all, file],
      [] as string[],
    )
    .option('--workspace <dir>', "use the workspace's stored fit (pooled purchase model and spend model)")
    .option('--horizon <years>', 'horizon in years, 0-100 (default 5, or the workspace run’s)')
    .option(
      '--periods <n>',
      'horizon in time units of recency and T instead (e.g. 52 with --unit weeks), as lifetimes’ t',
    )
    .option(
      '--discount-rate <rate>',
      'yearly discount rate, 0 <= r < 1 (default 0.08, or the workspace run’s)',
    )
    .option('--unit <unit>', 'time unit of recency and T: days, weeks or months', 'weeks')
    .option('--json', 'print JSON instead of CSV')
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(new Option('--covariates <columns>').hideHelp())
    .action(async (opts: PredictOptions & { covariates?: string }) => {
      refuseCovariates('predict', opts.covariates);
      const out = opts.out === undefined ? undefined : outputPath('--out', opts.out);
      const text = await predictCommand(opts);
      if (out === undefined) {
        process.stdout.write(text);
        return;
      }
      // written whole, then moved into place: a failed write (a full disk) leaves neither half a
      // file under the name nor the temporary file beside it
      await writeWhole([out], ([tmp]) => Promise.resolve(writeFileSync(tmp!, text)));
    });
}

function numberOption(
  option: string,
  raw: string | undefined,
  fallback: number,
  ok: (v: number) => boolean,
  expected: string,
): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !ok(v))
    throw new CliError(`${option}: ${JSON.stringify(raw)} is not valid (expected ${expected})`);
  return v;
}

async function predictCommand(opts: PredictOptions): Promise<string> {
  if (opts.workspace !== undefined && opts.fit.length > 0)
    throw new CliError(
      '--fit and --workspace: give one of them (a parameters file, or the workspace whose stored fit to use)',
    );
  if (opts.workspace === undefined && opts.fit.length === 0)
    throw new CliError(
      '--fit FILE or --workspace DIR is needed (a parameters file from `worth clv fit --out`, or a workspace after `worth clv`)',
    );
  const unit = UNITS.find((u) => u === opts.unit);
  if (!unit)
    throw new CliError(
      `--unit: ${JSON.stringify(opts.unit)} is not valid (expected one of ${UNITS.join(', ')})`,
    );
  const fits = opts.workspace !== undefined ? await workspaceFits(opts.workspace) : fileFits(opts.fit);
  const settings: PredictSettings = {
    horizonYears: numberOption(
      '--horizon',
      opts.horizon,
      fits.horizonYears,
      (v) => v > 0 && v <= 100,
      '0 < years <= 100',
    ),
    discountRate: numberOption(
      '--discount-rate',
      opts.discountRate,
      fits.discountRate,
      (v) => v >= 0 && v < 1,
      '0 <= r < 1',
    ),
    unit,
    ...(opts.periods === undefined
      ? {}
      : {
          horizonUnits: numberOption(
            '--periods',
            opts.periods,
            0,
            (v) => v > 0,
            'a number of time units > 0',
          ),
        }),
  };
  if (opts.periods !== undefined && opts.horizon !== undefined)
    throw new CliError('--horizon and --periods: give one of them (years, or time units of the summary)');
  const needSpend = fits.spend !== null;
  const exact = () => parseSummaryCsv(readText(opts.summary), opts.summary);
  // The typed read first (no row objects for the numbers); a value it cannot take is read and reported by the text read.
  const typed = await readSummaryTyped(opts.summary, { ids: true });
  const { ids, summary } = withExactErrors(typed ?? exact(), exact, (t) => ({
    summary: readCustomerSummary(t, needSpend),
    ids: idColumn(t),
  }));
  const p = predictCustomers(fits.purchase, fits.spend, summary, settings);
  return opts.json ? toJson(ids, p, fits, settings) : toCsv(ids, p);
}

interface Fits {
  purchase: StoredFit;
  spend: StoredFit | null;
  horizonYears: number;
  discountRate: number;
}

function fileFits(files: string[]): Fits {
  const fits = files.map((f) => ({ file: f, fit: parseFitFile(readText(f), f) }));
  const spend = fits.filter((f) => clvModelKind(f.fit.model) === 'spend');
  const purchase = fits.filter((f) => clvModelKind(f.fit.model) !== 'spend');
  if (purchase.length !== 1 || spend.length > 1)
    throw new CliError(
      `--fit ${files.join(', ')}: ${purchase.length} purchase model fits and ${spend.length} spend fits (expected one purchase model fit, ${modelIdList(PURCHASE_MODEL_IDS)}, and at most one gamma-gamma fit)`,
    );
  return { purchase: purchase[0]!.fit, spend: spend[0]?.fit ?? null, horizonYears: 5, discountRate: 0.08 };
}

async function workspaceFits(dir: string): Promise<Fits> {
  return readRun(dir, 'runClvFirst', (engine) => readWorkspaceFit(engine));
}

/** The CSV columns, in order; interval and spend columns are left out when not available. */
function columns(p: Predictions): { name: string; values: Float64Array; digits: number }[] {
  const all: { name: string; values: Float64Array | null; digits: number }[] = [
    { name: 'expected_purchases', values: p.purchases, digits: 6 },
    { name: 'expected_purchases_lo', values: p.purchasesLo, digits: 6 },
    { name: 'expected_purchases_hi', values: p.purchasesHi, digits: 6 },
    { name: 'p_alive', values: p.pAlive, digits: 6 },
    { name: 'expected_spend', values: p.spend, digits: 2 },
    { name: 'clv', values: p.clv, digits: 2 },
    { name: 'clv_lo', values: p.clvLo, digits: 2 },
    { name: 'clv_hi', values: p.clvHi, digits: 2 },
  ];
  return all.flatMap((c) => (c.values ? [{ name: c.name, values: c.values, digits: c.digits }] : []));
}

/** A finite number with fixed decimals; a bare Error (a bug) for anything else, so no NaN reaches a file. */
function fixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) throw new Error(`clv predict: a non-finite prediction (${v})`);
  return v.toFixed(digits);
}

function csvText(id: string): string {
  const safe = csvSafeValue(id);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toCsv(ids: string[], p: Predictions): string {
  const cols = columns(p);
  const lines = [['customer_id', ...cols.map((c) => c.name)].join(',')];
  for (let i = 0; i < ids.length; i++)
    lines.push([csvText(ids[i]!), ...cols.map((c) => fixed(c.values[i]!, c.digits))].join(','));
  return `${lines.join('\n')}\n`;
}

function toJson(ids: string[], p: Predictions, fits: Fits, s: PredictSettings): string {
  const cols = columns(p);
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const round = (v: number | null, digits: number) => (v === null ? null : Number(fixed(v, digits)));
  return `${JSON.stringify({
    model: fits.purchase.model,
    spendModel: fits.spend?.model ?? null,
    horizonYears: s.horizonUnits === undefined ? s.horizonYears : null,
    periods: s.horizonUnits ?? null,
    discountRate: s.discountRate,
    unit: s.unit,
    intervalLevel: p.purchasesLo ? 0.9 : null,
    customers: ids.length,
    totals: {
      expectedPurchases: round(p.totals.purchases, 6),
      clv: round(p.totals.clv, 2),
      clvLo: round(p.totals.clvLo, 2),
      clvHi: round(p.totals.clvHi, 2),
    },
    predictions: ids.map((id, i) => {
      const row: Record<string, string | number> = { customerId: id };
      for (const c of cols) row[camel(c.name)] = Number(fixed(c.values[i]!, c.digits));
      return row;
    }),
  })}\n`;
}

/**
 * `--covariates` on a summary file: refused by name with where covariates are fitted (a
 * workspace's clv.covariates), not commander's "unknown option" (issue 13 names covariates for
 * the per-segment workspace fits; a summary file's fit is one fit over all its rows).
 */
export function refuseCovariates(command: 'fit' | 'predict', value: string | undefined): void {
  if (value === undefined) return;
  throw new WorthError(
    'input',
    { path: '--covariates' },
    value,
    'no covariates on a summary file (worth.yaml clv.covariates in a workspace)',
    undefined,
    { key: 'clvFileNoCovariates', vars: { command } },
  );
}
