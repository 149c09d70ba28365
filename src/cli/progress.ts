import cliProgress from 'cli-progress';
import { noProgress, type Progress } from '../core/index.ts';

/** A progress bar on standard error when it is a terminal; nothing otherwise (CI, pipes, --json). */
export function terminalProgress(): Progress {
  if (!process.stderr.isTTY) return noProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{label} [{bar}] {value}/{total} steps | {duration_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (label, total) => bar.start(total, 0, { label }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
