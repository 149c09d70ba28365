/**
 * `GET /api/what-if?rates=activity:rate,...`: the read model's what-if on the reader's
 * connections, with the answer the read function leaves to its callers (a `workspace` WorthError before an
 * analyze run has stored the activities' usage). Answers are kept per generation (a published
 * generation never changes), the most recent {@link KEPT} sets of rates.
 */
import { parseWhatIfRequest, readWhatIf, type WhatIf } from './whatIf.ts';
import { workspaceLacks } from './readErrors.ts';
import { LruCache } from './lruCache.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

const KEPT = 64;
const kept = new WeakMap<WorkspaceReader, LruCache<Promise<WhatIf>>>();

/** The run with the asked rates per minute, not saved. */
export function whatIfOf(
  reader: WorkspaceReader,
  query: Record<string, string | undefined>,
): Promise<WhatIf> {
  const changes = parseWhatIfRequest(query);
  let answers = kept.get(reader);
  if (!answers) kept.set(reader, (answers = new LruCache<Promise<WhatIf>>(KEPT)));
  const key = JSON.stringify(changes);
  const found = answers.get(key);
  if (found) return found;
  const p = reader.read(async (engine) => {
    if (!(await engine.tableExists('activity_usage')))
      throw workspaceLacks(
        'the workspace has no activity_usage table (run `worth analyze` again: older runs did not store it)',
      );
    return readWhatIf(engine, changes);
  });
  answers.set(key, p);
  p.catch(() => answers.delete(key));
  return p;
}
