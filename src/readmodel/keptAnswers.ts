/**
 * Answers kept per published generation: a generation never changes, so a read asked again
 * (the same trend, the same filters) costs no query. Keyed by the generation's reader, so a new
 * generation starts empty and the old answers go with the old reader; bounded, and a failed
 * read is forgotten so the next request tries again.
 */
import type { WorkspaceReader } from './workspaceReader.ts';

/** A keeper of at most `max` answers per generation: `keep(reader, key, read)` reads once per key. */
export function keptAnswers(
  max: number,
): <T>(reader: WorkspaceReader, key: string, read: () => Promise<T>) => Promise<T> {
  const kept = new WeakMap<WorkspaceReader, Map<string, Promise<unknown>>>();
  return <T>(reader: WorkspaceReader, key: string, read: () => Promise<T>): Promise<T> => {
    let answers = kept.get(reader);
    if (!answers) kept.set(reader, (answers = new Map()));
    const found = answers.get(key) as Promise<T> | undefined;
    if (found) return found;
    const p = read();
    if (answers.size < max) {
      const held = answers;
      held.set(key, p);
      p.catch(() => held.delete(key));
    }
    return p;
  };
}
