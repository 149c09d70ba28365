/** Reading a summary or parameters file the user named on the command line. */
import { readFileSync } from 'node:fs';
import { WorthError } from '../core/index.ts';

/** The text of a file the user named; a WorthError naming it when it cannot be read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new WorthError('file_missing', { file }, file, 'a readable file', `${file}: cannot read the file`);
  }
}
