/**
 * Answers kept per published generation: a generation never changes, so a read asked again
 * (the same trend, the same filters) costs no query. Keyed by the generation's reader, so a new
 * generation starts empty and the old answers go with the old reader; bounded, the least recently
 * asked answer making room for a new one (a burst of one-off periods does not freeze out the
 * filters asked again and again), and a failed read is forgotten so the next request tries again.
 */
import { LruCache } from './lruCache.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/** A keeper of at most `max` answers per generation: `keep(reader, key, read)` reads once per key while it is kept. */
export function keptAnswers(
  max: number,
): <T>(reader: WorkspaceReader, key: string, read: () => Promise<T>) => Promise<T> {
  const kept = new WeakMap<WorkspaceReader, LruCache<Promise<unknown>>>();
  return <T>(reader: WorkspaceReader, key: string, read: () => Promise<T>): Promise<T> => {
    let answers = kept.get(reader);
    if (!answers) kept.set(reader, (answers = new LruCache<Promise<unknown>>(max)));
    const found = answers.get(key) as Promise<T> | undefined;
    if (found) return found;
    const p = read();
    const held = answers;
    held.set(key, p);
    // Forgotten on failure, unless another answer has taken its place since.
    p.catch(() => {
      if (held.peek(key) === p) held.delete(key);
    });
    return p;
  };
}
