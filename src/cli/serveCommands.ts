/**
 * `worth serve [DIR]` (the HTTP API and the dashboard) and `worth report [DIR]` (the board
 * report as one self-contained HTML file and optionally a PDF). The work is in
 * `serveActions.ts` and `reportActions.ts`, loaded only when one of them runs: the report's
 * chart renderer and the server cost seconds to load, and every other command would pay for them.
 */
import type { Command } from 'commander';
import { CliError } from '../core/index.ts';
import { HOLD_PAGES, type HoldPages } from '../workspace/index.ts';
import { outputPath } from './outputPath.ts';

/** Registers `worth serve` and `worth report`. */
export function registerServeCommands(program: Command): void {
  registerServeCommand(program);
  registerReportCommand(program);
}

/** Registers `worth serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .argument('[dir]', 'workspace folder (ingested and analysed)', '.')
    .option('--port <port>', 'port to listen on (0: any free port)', '4173')
    .option(
      '--host <host>',
      'address to bind; anything but a loopback address needs --token or WORTH_TOKEN',
      '127.0.0.1',
    )
    .option('--token <token>', 'access token every API request must carry (default: WORTH_TOKEN)')
    .option('--no-build', 'serve dist/web as it is (do not rebuild the dashboard when its sources are newer)')
    .option(
      '--hold-pages <when>',
      `${HOLD_PAGES.join(' | ')}: hold every customer's page in memory (default: serve.hold_pages in worth.yaml, else auto: up to 1,000,000 customers)`,
    )
    .description('the HTTP API and the dashboard over an analysed workspace (read-only)')
    .action(
      async (
        dir: string,
        opts: { port: string; host: string; token?: string; build: boolean; holdPages?: string },
      ) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new CliError({ key: 'optionNotPort', vars: { value: JSON.stringify(opts.port) } });
        const holdPages = holdPagesOption(opts.holdPages);
        const { serveWorkspace } = await import('./serveActions.ts');
        await serveWorkspace(dir, { port, host: opts.host, token: opts.token, build: opts.build, holdPages });
      },
    );
}

function holdPagesOption(given: string | undefined): HoldPages | undefined {
  if (given === undefined) return undefined;
  const found = HOLD_PAGES.find((h) => h === given);
  if (!found)
    throw new CliError({
      key: 'optionNotSupported',
      vars: { option: '--hold-pages', value: JSON.stringify(given), expected: HOLD_PAGES.join(', ') },
    });
  return found;
}

/** Registers `worth report`. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .argument('[dir]', 'workspace folder (ingested and analysed)', '.')
    .option(
      '--out <file>',
      'HTML file to write (self-contained: charts inline, no network); default DIR/report.html, with DIR/report.pdf when a browser is available',
    )
    .option('--pdf <file>', 'also print the report to this PDF (headless Chromium)')
    .option('--lang <lang>', 'nl or en (default: language in worth.yaml)')
    .option(
      '--filter <filters>',
      "the dashboard's global filters, said on the cover with a section of their figures: segment=Retail,channel=...,region=...,period=2025-01..2025-03 (or the dashboard's query: segment=Retail&from=2025-01&to=2025-03)",
    )
    .description(
      'the board report: findings, whale curve, waterfall, segments, over-served and at-risk customers, lifetime value (after worth clv) and the initiatives in DIR/scenarios priced',
    )
    .action(async (dir: string, opts: { out?: string; pdf?: string; lang?: string; filter?: string }) => {
      // Files given are checked before the report is built: a typo costs no waiting.
      const out = opts.out === undefined ? undefined : outputPath('--out', opts.out);
      const pdf = opts.pdf === undefined ? undefined : outputPath('--pdf', opts.pdf);
      const { writeReport } = await import('./reportActions.ts');
      await writeReport(dir, { ...opts, out, pdf });
    });
}
