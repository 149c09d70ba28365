import cliProgress from 'cli-progress';
import { noProgress, stderrLogger, type Logger, type Progress } from '../core/index.ts';
import { cliWord, type Lang } from '../words/index.ts';

/** A progress bar and the logger to write beside it. */
export interface TerminalOutput {
  progress: Progress;
  /**
   * Writes each message on a line of its own: while the bar is drawn, the bar's line is cleared
   * first and the bar drawn again below the message. Without this a message landed on the end of
   * the bar's line (`ingest [██░░] 1/12 steps | 00:01data/orders.csv lezen`): the bar draws no
   * newline, which shows whenever stderr is a terminal and standard output is piped to a file.
   */
  logger: Logger;
}

/** A progress bar on standard error when it is a terminal; nothing otherwise (CI, pipes, --json). */
export function terminalProgress(): Progress {
  return terminalOutput().progress;
}

/**
 * The progress bar of {@link terminalProgress} with a logger that keeps messages off the bar's
 * line; its words in `lang` (default English). `stdoutToo`: no bar either when standard output is
 * no terminal (a command whose output is the result, piped or saved: only its final lines).
 */
export function terminalOutput(lang: Lang = 'en', stdoutToo = false): TerminalOutput {
  if (!process.stderr.isTTY || (stdoutToo && !process.stdout.isTTY))
    return { progress: noProgress, logger: stderrLogger };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{label} [{bar}] {value}/{total} ${cliWord(lang, 'progressSteps')} | {duration_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let drawn = false;
  const beside =
    (write: (m: string) => void) =>
    (m: string): void => {
      if (!drawn) return write(m);
      // Back to the start of the bar's line and clear it; the message; the bar again on the next line.
      process.stderr.write('\r\x1b[K');
      write(m);
      bar.render();
    };
  return {
    progress: {
      start: (label, total) => {
        bar.start(total, 0, { label });
        drawn = true;
      },
      update: (done) => bar.update(done),
      stop: () => {
        bar.stop();
        drawn = false;
      },
    },
    logger: { info: beside(stderrLogger.info), warn: beside(stderrLogger.warn) },
  };
}
