import type { Command } from 'commander';
import { registerIngestCommands } from './ingestCommands.ts';

/** What `worth version` and `worth --version` print. */
const VERSION = 'worth 0.1.0';

/**
 * Registers the sub-commands on the program: every one, or only `ingest` and `init` when
 * `asked` (the command line's first word) is `ingest`. The other commands' modules bring the
 * lifetime-value models (stdlib's special functions), the scenarios and the server, which an
 * ingest never uses: loading them cost it about 0.1 CPU-s at start-up (BENCHMARKS.md).
 */
export async function registerCommands(program: Command, asked: string | undefined): Promise<void> {
  program
    .command('version')
    .description('print the version')
    .action(() => {
      process.stdout.write(`${VERSION}\n`);
    });
  // `worth --version` and `-V`, as a stranger types first.
  program.version(VERSION, '-V, --version', 'print the version');
  if (asked === 'ingest') {
    registerIngestCommands(program);
    return;
  }
  const [analyze, clv, clvWorkspace, demo, scenario, serve, start] = await Promise.all([
    import('./analyzeCommands.ts'),
    import('./clvCommands.ts'),
    import('./clvWorkspaceCommand.ts'),
    import('./demoCommand.ts'),
    import('./scenarioCommands.ts'),
    import('./serveCommands.ts'),
    import('./startCommand.ts'),
  ]);
  // In the order `worth --help` has always listed them.
  analyze.registerAnalyzeCommands(program);
  clv.registerClvCommands(program);
  clvWorkspace.registerClvWorkspaceCommand(program);
  demo.registerDemoCommand(program);
  registerIngestCommands(program);
  scenario.registerScenarioCommands(program);
  serve.registerServeCommands(program);
  start.registerStartCommand(program);
}
