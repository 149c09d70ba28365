/**
 * `--json` on a failure: a script that pipes `worth analyze DIR --json` into a JSON parser got
 * an empty standard output when the command failed, and its parser failed with it. When a
 * command run with `--json` fails before it has written anything to standard output, the failure
 * is written there as JSON too (`{"error": {"message", "exitCode"}}`), besides the sentence on
 * standard error; a command that has already written its JSON (ingest over its reject budget
 * prints its summary, then fails) is left as it is, so standard output stays one JSON document.
 */

/** Whether anything has been written to standard output since {@link watchStdout}. */
let written = false;

/** Notes the first write to standard output (call once, at start-up, before any command runs). */
export function watchStdout(stdout: NodeJS.WriteStream = process.stdout): void {
  const write = stdout.write.bind(stdout) as (...args: unknown[]) => boolean;
  stdout.write = ((...args: unknown[]) => {
    written = true;
    return write(...args);
  }) as typeof stdout.write;
}

/**
 * The failure as one line of JSON for standard output when `argv` asks for `--json` and nothing
 * has been written there yet; else null. `message` is the sentence standard error gets.
 */
export function jsonFailure(argv: readonly string[], message: string, exitCode: number): string | null {
  if (written || !argv.includes('--json')) return null;
  return `${JSON.stringify({ error: { message, exitCode } })}\n`;
}
