/**
 * The files of one source: `file:` is a path, a pattern (`exports/verkoop-2024-*.csv`) or a
 * list of them, because a real user gets one export per month. Patterns are expanded with
 * tinyglobby (matches in name order, so January comes before February); a plain path is
 * kept as written, so a missing file is reported by the file checks with its own words.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { WorthError } from '../core/index.ts';

/** The file entries of a source as worth.yaml writes them: one, or a list. */
export type FileEntry = string | readonly string[];

/** The entries of `file:` as a list. */
export function fileEntries(entry: FileEntry): string[] {
  return typeof entry === 'string' ? [entry] : [...entry];
}

/**
 * The files a source names, relative to the workspace as the user knows them, in order: list
 * order, and name order within a pattern. A pattern that matches nothing, or a file named
 * twice (by two entries, or by a pattern and a path), is a WorthError naming both entries:
 * loading one file twice would count its money twice.
 */
export function sourceFiles(dir: string, entry: FileEntry, configPath: string): string[] {
  const out: { file: string; abs: string; entry: string }[] = [];
  fileEntries(entry).forEach((written, i) => {
    const at = typeof entry === 'string' ? configPath : `${configPath}[${i}]`;
    const files = isDynamicPattern(written)
      ? globSync(written, { cwd: dir, absolute: true, onlyFiles: true, expandDirectories: false }).sort()
      : [path.resolve(dir, written)];
    if (!files.length) {
      throw new WorthError(
        'file_missing',
        { file: written, path: at },
        written,
        'a pattern that matches at least one file',
        undefined,
        { key: 'patternMatchesNothing', vars: { pattern: written, dir } },
      );
    }
    for (const abs of files) {
      const file = isDynamicPattern(written) ? path.relative(dir, abs) || abs : written;
      const same = out.find((o) => sameFile(o.abs, abs));
      if (same) {
        throw new WorthError('config', { file, path: at }, file, 'each file once', undefined, {
          key: 'fileListedTwice',
          vars: { file, first: same.entry, second: written },
        });
      }
      out.push({ file, abs, entry: written });
    }
  });
  return out.map((o) => o.file);
}

/** Whether two paths are one file (links followed where the file exists). */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    // A path that does not exist is reported by the file checks; it is not the other file.
    return false;
  }
}
