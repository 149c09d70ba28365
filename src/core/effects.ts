/**
 * Side effects behind small interfaces so tests can pin them: the clock and the logger.
 * Nothing deeper in the code calls `new Date()` or writes to the console directly.
 */

/** The clock: the current time. */
export interface Clock {
  now(): Date;
}

/** Messages for a person (progress, warnings). Silent in `--json` mode and in tests. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, reproducible runs). */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {} };

/** A logger writing to standard error (keeps standard output clean for `--json`). */
export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
};

/** A progress reporter for long work: `start` a task of `total` units, `tick` as it goes. */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

/** A progress reporter that shows nothing. */
export const noProgress: Progress = { start: () => {}, update: () => {}, stop: () => {} };
