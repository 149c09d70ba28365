/**
 * `GET /api/what-if?rates=activity:rate,...`: the read model's what-if, from what a rate change
 * needs held in memory ({@link loadHeldWhatIf}, read on the first what-if of a generation), or
 * on the reader's connections where that cannot be held exactly, with the answer the read
 * function leaves to its callers (a `workspace` WorthError before an analyze run has stored the
 * activities' usage). Answers are kept per generation (a published generation never changes),
 * the most recent {@link KEPT} sets of rates.
 */
import { parseWhatIfRequest, readWhatIf, type WhatIf } from './whatIf.ts';
import { heldWhatIf, loadHeldWhatIf, type HeldWhatIf } from './whatIfHeld.ts';
import { workspaceLacks } from './readErrors.ts';
import { LruCache } from './lruCache.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

const KEPT = 64;
const kept = new WeakMap<WorkspaceReader, LruCache<Promise<WhatIf>>>();
const helds = new WeakMap<WorkspaceReader, Promise<HeldWhatIf | null>>();

/** The generation's held what-if figures, read once (null: not held; the SQL path answers and says what is wrong). */
function heldOf(reader: WorkspaceReader): Promise<HeldWhatIf | null> {
  let held = helds.get(reader);
  if (!held) {
    held = reader
      .read(async (engine) =>
        (await engine.tableExists('activity_usage')) && (await engine.tableExists('activity_summary'))
          ? loadHeldWhatIf(engine)
          : null,
      )
      .catch(() => null);
    helds.set(reader, held);
  }
  return held;
}

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
  const p = (async () => {
    const held = await heldOf(reader);
    const answer = held && heldWhatIf(held, changes);
    if (answer) return answer;
    return reader.read(async (engine) => {
      if (!(await engine.tableExists('activity_usage')))
        throw workspaceLacks(
          'the workspace has no activity_usage table (run `worth analyze` again: older runs did not store it)',
          { key: 'tableOfNewerRun', vars: { table: 'activity_usage' } },
        );
      return readWhatIf(engine, changes);
    });
  })();
  answers.set(key, p);
  p.catch(() => answers.delete(key));
  return p;
}
