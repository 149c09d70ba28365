import type { Command } from 'commander';
import { registerClvCommands } from './clvCommands.ts';
import { registerDemoCommand } from './demoCommand.ts';

/** Registers every sub-command on the program. */
export function registerCommands(program: Command): void {
  program.command('version').description('print the version').action(() => {
    process.stdout.write('worth 0.1.0\n');
  });
  registerClvCommands(program);
  registerDemoCommand(program);
}
