/**
 * Files a command writes for the user (the report, its PDF) appear whole or not at all: each is
 * written under a temporary name beside its place and renamed over it only when it is complete,
 * so a full disk, a crash or Ctrl-C leaves the previous file as it was.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** A temporary name beside `file`, hidden, keeping its extension (a browser still reads `.html` as HTML). */
export function besideTemp(file: string): string {
  return path.join(path.dirname(file), `.worth-part-${process.pid}-${path.basename(file)}`);
}

/**
 * Writes the files in `targets` through temporary names: `write` gets the temporary name of
 * each target; when it has returned, each temporary file it wrote is renamed into place (in
 * order; a target it did not write stays as it was). When `write` throws, every temporary file
 * is removed and the targets are left untouched.
 */
export async function writeWhole<T>(
  targets: readonly string[],
  write: (temps: string[]) => Promise<T>,
): Promise<T> {
  const temps = targets.map(besideTemp);
  try {
    const result = await write(temps);
    targets.forEach((target, i) => {
      if (existsSync(temps[i]!)) renameSync(temps[i]!, target);
    });
    return result;
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}
