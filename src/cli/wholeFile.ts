/**
 * Files a command writes for the user (the report, its PDF) appear whole or not at all: each is
 * written under a temporary name beside its place and renamed over it only when it is complete,
 * so a full disk, a crash or Ctrl-C leaves the previous file as it was.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Temporary files being written now: removed on Ctrl-C (interrupted.ts), when no `finally` runs. */
const pending = new Set<string>();

/** Removes the temporary files of writes still under way (the process is ending on a signal). */
export function removePendingTemps(): void {
  for (const t of pending) rmSync(t, { force: true });
  pending.clear();
}

/** The targets a failed {@link writeWhole} left as they were (that existed before it), set on the error it threw. */
const KEPT = Symbol('worth.keptFiles');

/** A temporary name beside `file`, hidden, keeping its extension (a browser still reads `.html` as HTML). */
export function besideTemp(file: string): string {
  return path.join(path.dirname(file), `.worth-part-${process.pid}-${path.basename(file)}`);
}

/**
 * Writes the files in `targets` through temporary names: `write` gets the temporary name of
 * each target; when it has returned, each temporary file it wrote is renamed into place (in
 * order; a target it did not write stays as it was). When `write` throws, every temporary file
 * is removed (DuckDB's own `tmp_` file beside it too), the targets are left untouched, and the
 * error carries the targets that existed ({@link keptFiles}: the failure says they are kept)
 * and, when a system error names no file (exceljs' stream), the temporary name of the first.
 */
export async function writeWhole<T>(
  targets: readonly string[],
  write: (temps: string[]) => Promise<T>,
): Promise<T> {
  const temps = targets.map(besideTemp);
  for (const t of temps) pending.add(t);
  try {
    const result = await write(temps);
    targets.forEach((target, i) => {
      if (existsSync(temps[i]!)) renameSync(temps[i]!, target);
    });
    return result;
  } catch (e) {
    if (e instanceof Error) {
      const kept = targets.filter((t) => existsSync(t));
      if (kept.length) Object.defineProperty(e, KEPT, { value: kept });
      const system = e as Error & { code?: unknown; path?: unknown };
      if (typeof system.code === 'string' && system.path === undefined && temps[0]) system.path = temps[0];
    }
    throw e;
  } finally {
    for (const t of temps) {
      pending.delete(t);
      rmSync(t, { force: true });
      rmSync(path.join(path.dirname(t), `tmp_${path.basename(t)}`), { force: true });
    }
  }
}

/** The files a failed {@link writeWhole} kept as they were (empty for any other error). */
export function keptFiles(e: unknown): readonly string[] {
  const kept = e instanceof Error ? (e as Error & { [KEPT]?: readonly string[] })[KEPT] : undefined;
  return kept ?? [];
}
