/**
 * `worth demo [DIR]`: writes the demo company's workspace (worth.yaml and data/*.csv) and
 * prints what it wrote, as a table or as JSON.
 */
import type { Command } from 'commander';
import { CliError, noProgress, stderrLogger } from '../core/index.ts';
import {
  DEMO_DEFAULTS,
  DEMO_TABLES,
  writeDemoWorkspace,
  type DemoFormat,
  type DemoSummary,
} from '../demo/index.ts';
import { terminalProgress } from './progress.ts';
import { cliWord } from '../words/index.ts';
import { configuredLanguage } from '../workspace/index.ts';

/** Default folder of the demo workspace. */
export const DEFAULT_DEMO_DIR = 'demo-workspace';

function wholeNumber(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new CliError(`--${name}: ${JSON.stringify(value)} is not a whole number`);
    return Number(value);
  };
}

function format(value: string): DemoFormat {
  if (value !== 'standard' && value !== 'dutch') {
    throw new CliError(`--format: ${JSON.stringify(value)} is not a format (expected standard or dutch)`);
  }
  return value;
}

function summaryText(s: DemoSummary): string {
  const lines = [
    `${s.company}: demo workspace in ${s.dir} (${s.period.start} .. ${s.period.end}, seed ${s.options.seed}, ${s.options.format} format)`,
  ];
  for (const t of DEMO_TABLES) {
    const tot = s.totals[t];
    const money = Object.entries(tot.amounts).map(([c, v]) => `${c} ${v}`);
    lines.push(
      `  ${t.padEnd(17)} ${String(tot.rows).padStart(10)} rows${money.length ? `  ${money.join(', ')}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Registers `worth demo` on the program. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('write a demo workspace: a Dutch wholesaler with a web shop')
    .argument('[dir]', 'workspace folder to write', DEFAULT_DEMO_DIR)
    .option(
      '--customers <n>',
      'number of customers (about 10 order lines each)',
      wholeNumber('customers'),
      DEMO_DEFAULTS.customers,
    )
    .option('--years <y>', 'whole years in the analysis period', wholeNumber('years'), DEMO_DEFAULTS.years)
    .option('--seed <s>', 'random seed (same seed, same files)', wholeNumber('seed'), DEMO_DEFAULTS.seed)
    .option(
      '--format <format>',
      'file format: standard (, . yyyy-mm-dd) or dutch (; , dd-mm-yyyy)',
      format,
      DEMO_DEFAULTS.format,
    )
    .option(
      '--threads <n>',
      'worker threads generating customers (same files for any number)',
      wholeNumber('threads'),
      1,
    )
    .option('--force', 'overwrite a worth.yaml that was not written by worth demo')
    .option('--json', 'print what was written as JSON')
    .action(
      async (
        dir: string,
        opts: {
          customers: number;
          years: number;
          seed: number;
          format: DemoFormat;
          threads: number;
          force?: boolean;
          json?: boolean;
        },
      ) => {
        const summary = await writeDemoWorkspace(
          dir,
          { customers: opts.customers, years: opts.years, seed: opts.seed, format: opts.format },
          {
            force: opts.force === true,
            threads: Math.max(1, opts.threads),
            progress: opts.json ? noProgress : terminalProgress(),
          },
        );
        if (opts.json) {
          const { company, period, options, files, totals } = summary;
          process.stdout.write(`${JSON.stringify({ dir, company, period, options, files, totals })}\n`);
        } else {
          process.stdout.write(summaryText(summary));
          stderrLogger.info(cliWord(configuredLanguage(dir) ?? 'en', 'nextIngest', { dir }));
        }
      },
    );
}
