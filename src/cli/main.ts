/**
 * The `worth` command line: the only place that calls `process.exit`.
 */
import { Command } from 'commander';
import { isUserError } from '../core/index.ts';
import { registerCommands } from './commands.ts';

const program = new Command();
program.name('worth').description('Customer profitability: what every customer is worth, in money.');
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (isUserError(e)) {
    process.stderr.write(`worth: ${e.message}\n`);
    process.exit('exitCode' in e ? (e.exitCode as number) : 1);
  }
  throw e;
}
