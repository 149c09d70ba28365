/** Checks a file the user asked a command to write, before any work is done. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../core/index.ts';

/**
 * The absolute path of `file` given for `option` (e.g. `--out`); a CliError when its folder
 * does not exist or is not a folder, or when the file itself is a folder.
 */
export function outputPath(option: string, file: string): string {
  const abs = path.resolve(file);
  const folder = path.dirname(abs);
  let isDir: boolean;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw new CliError(
      `${option} ${file}: the folder ${folder} does not exist (expected an existing folder; create it first)`,
    );
  }
  if (!isDir)
    throw new CliError(`${option} ${file}: ${folder} is a file, not a folder (expected an existing folder)`);
  try {
    if (statSync(abs).isDirectory())
      throw new CliError(`${option} ${file} is a folder (expected a file name to write)`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    // The file does not exist yet: the usual case.
  }
  return abs;
}
