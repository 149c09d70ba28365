/**
 * `--filter` of `worth export` and `worth report`: the dashboard's global filters as text, read
 * by the read model's parser; a mistake in them, or a table they cannot narrow, is said as
 * `--filter: ...` in the workspace's language (the sentences are in src/words).
 */
import { CliError, WorthError } from '../core/index.ts';
import { parseFilterText, type Filters } from '../readmodel/index.ts';

/** `--filter`'s filters (none without it). */
export function parseFilterOption(text: string | undefined): Filters {
  if (text === undefined) return {};
  try {
    return parseFilterText(text);
  } catch (e) {
    throw filterError(e);
  }
}

/** Runs a filtered read, saying a problem with the filters as `--filter: ...`. */
export async function filterProblem<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throw filterError(e);
  }
}

/** A user's mistake in `--filter` as a CliError (its sentence from the words catalogue where it has one); anything else as it was. */
function filterError(e: unknown): unknown {
  if (!(e instanceof WorthError)) return e;
  return new CliError(e.said ? { key: 'filterOption', vars: { problem: e.said } } : `--filter: ${e.message}`);
}
