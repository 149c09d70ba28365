/**
 * Ctrl-C (SIGINT) or SIGTERM in the middle of a command: Node's default ends the process at
 * once, before any `finally`, so a writer's copy of the workspace database (as large as the
 * database itself) stayed in the workspace until the next writer cleaned it up. Here the
 * files this process made in the workspace (its `.worth-tmp-<pid>` scratch copy, its writer
 * lock) are removed first; the previous generation is untouched, as after any failed run.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WRITER_LOCK_FILE } from '../warehouse/index.ts';
import { errorText, type ErrorVar, type Lang } from '../words/index.ts';
import { configuredLanguage } from '../workspace/index.ts';
import { removePendingTemps } from './wholeFile.ts';

/** Files of this process in `dir`: its scratch copy and folder, and the writer lock when it holds it. */
export function removeOwnWorkFiles(dir: string, pid: number = process.pid): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (
      name.startsWith(`.worth-tmp-${pid}.`) ||
      name === `.worth-tmp-${pid}` ||
      name === `${WRITER_LOCK_FILE}.${pid}`
    )
      rmSync(path.join(dir, name), { recursive: true, force: true });
    if (name === WRITER_LOCK_FILE) {
      try {
        const owner = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { pid?: unknown };
        if (owner.pid === pid) rmSync(path.join(dir, name), { force: true });
      } catch {
        // Not ours, or not readable: the next writer decides.
      }
    }
  }
}

/**
 * On SIGINT and SIGTERM, removes this process's work files from the workspace `dir` (when the
 * command names one) and the files it was writing whole (an export's, a report's temporary
 * file beside its place), then says in one sentence that nothing was published and the previous
 * results and files are kept (before, a Ctrl-C ended without a word), and ends by the signal as
 * Node would (the shell sees 130, 143) unless the command has a handler of its own for the
 * signal (`worth serve` stops gracefully).
 */
export function cleanUpOnInterrupt(dir: string | null): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const handler = () => {
      if (dir) removeOwnWorkFiles(dir);
      removePendingTemps();
      if (process.listenerCount(signal) > 1) return;
      const lang: Lang = (dir ? configuredLanguage(dir) : undefined) ?? 'en';
      const where: ErrorVar = dir ? { key: 'interruptedIn', vars: { dir } } : '';
      process.stderr.write(`worth: ${errorText(lang, { key: 'interrupted', vars: { where } })}\n`);
      // Ended by the signal itself, as without this handler (the shell sees 128 + its number): process.exit would run the database engine's shutdown, which wrote the removed
      // copy back to disk.
      process.off(signal, handler);
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}
