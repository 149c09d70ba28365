import type { Command } from 'commander';
import { registerAnalyzeCommands } from './analyzeCommands.ts';
import { registerClvCommands } from './clvCommands.ts';
import { registerClvWorkspaceCommand } from './clvWorkspaceCommand.ts';
import { registerDemoCommand } from './demoCommand.ts';
import { registerIngestCommands } from './ingestCommands.ts';
import { registerScenarioCommands } from './scenarioCommands.ts';
import { registerServeCommands } from './serveCommands.ts';
import { registerStartCommand } from './startCommand.ts';

/** What `worth version` and `worth --version` print. */
const VERSION = 'worth 0.1.0';

/** Registers every sub-command on the program. */
export function registerCommands(program: Command): void {
  program
    .command('version')
    .description('print the version')
    .action(() => {
      process.stdout.write(`${VERSION}\n`);
    });
  // `worth --version` and `-V`, as a stranger types first.
  program.version(VERSION, '-V, --version', 'print the version');
  registerAnalyzeCommands(program);
  registerClvCommands(program);
  registerClvWorkspaceCommand(program);
  registerDemoCommand(program);
  registerIngestCommands(program);
  registerScenarioCommands(program);
  registerServeCommands(program);
  registerStartCommand(program);
}
