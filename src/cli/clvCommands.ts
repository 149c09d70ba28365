/**
 * `worth clv …` commands. `worth clv fit --model MODEL --summary FILE [--json]` fits one CLV
 * model on a summary CSV and prints parameters, standard errors, total log-likelihood,
 * customers, iterations, convergence and seconds.
 */
import { Option, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import {
  fitFileJson,
  MODELS,
  modelEntry,
  parseSummaryCsv,
  withExactErrors,
  type FitResult,
} from '../clv/index.ts';
import { refuseCovariates, registerClvPredictCommand } from './clvPredictCommand.ts';
import { readText } from './readText.ts';
import { outputPath } from './outputPath.ts';
import { writeWhole } from './wholeFile.ts';
import { readSummaryTyped } from '../value/index.ts';

/** The stable JSON shape other tools rely on. */
function toJson(r: FitResult): Record<string, unknown> {
  return {
    model: r.model,
    params: r.params,
    standardErrors: r.standardErrors,
    logLikelihood: r.logLikelihood,
    customers: r.customers,
    iterations: r.iterations,
    converged: r.converged,
    degenerate: r.degenerate,
    warnings: r.warnings,
    seconds: r.seconds,
  };
}

function toText(r: FitResult, label: string, rowsInFile: number): string {
  const names = Object.keys(r.params);
  const w = Math.max(9, ...names.map((n) => n.length));
  const used =
    r.customers < rowsInFile
      ? ` (the ${r.customers} with at least one repeat purchase, of ${rowsInFile} rows in the file)`
      : '';
  const lines = [
    `${label} fitted on ${r.customers} customers${used}`,
    `${'parameter'.padEnd(w)}  ${'estimate'.padStart(12)}  ${'std. error'.padStart(12)}`,
    ...names.map(
      (n) =>
        `${n.padEnd(w)}  ${r.params[n]!.toPrecision(6).padStart(12)}  ${r.standardErrors[n]!.toPrecision(4).padStart(12)}`,
    ),
    `log-likelihood ${r.logLikelihood.toFixed(3)}`,
    `${r.converged ? 'converged' : 'NOT converged'} after ${r.iterations} iterations (${r.message}) in ${r.seconds.toFixed(3)} s`,
    ...(r.degenerate ? ['DEGENERATE: do not act on these estimates (see the warnings)'] : []),
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Registers `worth clv` and its sub-commands on the program. */
export function registerClvCommands(program: Command): void {
  const clv = program.command('clv').description('customer lifetime value models');
  clv
    .command('fit')
    .description('fit a CLV model on a summary CSV file')
    .requiredOption('--model <model>', `model: ${[...MODELS.keys()].join(', ')}`)
    .requiredOption(
      '--summary <file>',
      'summary CSV (customer_id, frequency, recency, T[, monetary_value][, weight]; bgbb: frequency, recency, periods, weights; sbg: period, alive)',
    )
    .option('--json', 'print JSON for machines')
    .option(
      '--out <file>',
      'also write the fit to this parameters file (the JSON plus the covariance), for `worth clv predict --fit`',
    )
    .addOption(new Option('--covariates <columns>').hideHelp())
    .action(
      async (opts: { model: string; summary: string; json?: boolean; out?: string; covariates?: string }) => {
        refuseCovariates('fit', opts.covariates);
        const entry = modelEntry(opts.model);
        const out = opts.out === undefined ? undefined : outputPath('--out', opts.out);
        const exact = () => parseSummaryCsv(readText(opts.summary), opts.summary);
        // The typed read first (no row objects); a value it cannot take is read and reported by the text read.
        const typed = await readSummaryTyped(opts.summary);
        const table = typed ?? exact();
        const result = withExactErrors(table, exact, (t) => entry.fitTable(t));
        if (out !== undefined) {
          // written whole, then moved into place: a failed write (a full disk) leaves neither half a
          // file under the name nor the temporary file beside it
          const json = `${JSON.stringify(fitFileJson(result, toJson(result)), null, 2)}\n`;
          await writeWhole([out], ([tmp]) => Promise.resolve(writeFileSync(tmp!, json)));
        }
        process.stdout.write(
          opts.json ? `${JSON.stringify(toJson(result))}\n` : toText(result, entry.label, table.size),
        );
      },
    );
  registerClvPredictCommand(clv);
}
