/**
 * The `worth` command line: the only place that calls `process.exit`, and the one place a
 * failure is turned into words (src/cli/failure.ts). `--debug` (anywhere on the line, or
 * WORTH_DEBUG=1) prints the full error with its stack as well.
 */
import { dropOutputWhenClosed } from './closedPipe.ts';
import { describeFailure, failureLanguage, workspaceOf } from './failure.ts';
import { cleanUpOnInterrupt } from './interrupted.ts';
import { jsonFailure, watchStdout } from './jsonFailure.ts';
import { registerCommands } from './commands.ts';
import { WorthCommand } from './worthCommand.ts';
import { cliWord } from '../words/index.ts';

const argv = process.argv.filter((a) => a !== '--debug');
const debug = argv.length !== process.argv.length || process.env.WORTH_DEBUG === '1';

function fail(e: unknown): void {
  const { text, exitCode } = describeFailure(e, argv.slice(2), failureLanguage(argv.slice(2)));
  process.exitCode = exitCode;
  if (debug)
    process.stderr.write(
      `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n${e instanceof Error && e.cause !== undefined ? `cause: ${String((e.cause as Error).stack ?? e.cause)}\n` : ''}`,
    );
  // One line ending in exactly one newline, and the exit only once stderr has taken it: where
  // stderr is written asynchronously (a pipe or socket of a terminal program), exiting at once
  // cut the message's end, its newline with it, and the shell prompt landed on the error line.
  const json = jsonFailure(argv.slice(2), text.trimEnd(), exitCode);
  if (json !== null) process.stdout.write(json);
  process.stderr.write(`worth: ${text.trimEnd()}\n`, () =>
    // standard output, a pipe to a script, is flushed before the exit as well
    json === null ? process.exit(exitCode) : process.stdout.write('', () => process.exit(exitCode)),
  );
}

// Errors that escape the command's promise (a stream's 'error' event, a timer) take the same way out.
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// Ctrl-C: this run's copy of the database and its lock are removed before the process ends.
cleanUpOnInterrupt(workspaceOf(argv.slice(2)));
// A reader that stops reading (`| head -1`) is not a failure: the command finishes and its output is dropped.
dropOutputWhenClosed(process.stdout, fail);
dropOutputWhenClosed(process.stderr, fail);
// `--json` scripts get their failure as JSON on standard output when nothing else was written there.
watchStdout();

// commander's refusals (an unknown option or command) speak the workspace's language.
const lang = failureLanguage(argv.slice(2));
const program = new WorthCommand(undefined, lang);
program
  .name('worth')
  .description('Customer profitability: what every customer is worth, in money.')
  .addHelpText('after', '\nAdd --debug to any command to print the full details of an internal error.')
  // A mistyped command or option is said as every other failure is (`worth: ...`), with where to look.
  // With --json, standard output gets the failure as JSON too, as for every other failure (a
  // command without --json of its own, `worth export --json`, gave a script an empty output).
  .configureOutput({
    outputError: (text, write) => {
      const json = jsonFailure(argv.slice(2), text.replace(/^error: /, '').trimEnd(), 1);
      if (json !== null) process.stdout.write(json);
      write(`worth: ${text.replace(/^error: /, '')}`);
    },
  })
  .showHelpAfterError(cliWord(lang, 'cliHelpAfterError'));
await registerCommands(program, argv[2]);

try {
  await program.parseAsync(argv);
} catch (e) {
  fail(e);
}
