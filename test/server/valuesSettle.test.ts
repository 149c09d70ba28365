/**
 * `ingest && analyze && clv` with the dashboard open: the generation `worth analyze` publishes
 * has no lifetime values yet; while a writer is at work (or was, within the settle time) the
 * server keeps the valued generation, so the Lifetime value and Scenarios pages never go empty
 * between `analyze` and `clv`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveWorkspace } from '../../src/server/liveWorkspace.ts';
import { openWorkspaceDatabase } from '../../src/warehouse/index.ts';
import { writeValuedDemo } from './valuedWorkspace.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'worth-settle-'));
const dir = path.join(root, 'ws');
beforeAll(async () => {
  await writeValuedDemo(dir, 120, 21);
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Publishes the next generation as `command`, with `change` run on it first. */
async function publish(command: string, change: string): Promise<void> {
  const w = await openWorkspaceDatabase(dir, 'write', { command, start: 'copy' });
  await w.engine.run(change);
  await w.publish();
}

describe('a generation without lifetime values', () => {
  it('does not replace a valued one while writers are at work; the valued one after it does', async () => {
    const live = await LiveWorkspace.open(dir, { pollMs: 0, settleMs: 60_000 });
    try {
      const g = live.generation;
      expect(live.served.reader.valued).toBe(true);
      // `worth analyze` publishes its figures without lifetime values (kept aside here, as `worth clv` would make them again).
      await publish('worth analyze', 'ALTER TABLE customer_clv RENAME TO customer_clv_next');
      await live.check();
      expect(live.generation).toBe(g);
      expect(live.latest).toBe(g + 1);
      expect(live.served.reader.valued).toBe(true);
      await live.check();
      expect(live.generation).toBe(g);
      // `worth clv` publishes the lifetime values: served at once.
      await publish('worth clv', 'ALTER TABLE customer_clv_next RENAME TO customer_clv');
      await live.check();
      expect(live.generation).toBe(g + 2);
      expect(live.served.reader.valued).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('replaces it once no writer has been at work for the settle time (nobody runs `worth clv`)', async () => {
    const live = await LiveWorkspace.open(dir, { pollMs: 0, settleMs: 300 });
    try {
      const g = live.generation;
      await publish('worth analyze', 'ALTER TABLE customer_clv RENAME TO customer_clv_gone');
      // `worth clv` at work on it: not yet, however long ago the publication was.
      const clv = await openWorkspaceDatabase(dir, 'write', { command: 'worth clv', start: 'copy' });
      await new Promise((r) => setTimeout(r, 400));
      await live.check();
      expect(live.generation).toBe(g);
      // It stops without publishing (killed, or a mistake in its input): after the settle time the figures of the analysis are served.
      await clv.discard();
      await live.check();
      expect(live.generation).toBe(g);
      await new Promise((r) => setTimeout(r, 400));
      await live.check();
      expect(live.generation).toBe(g + 1);
      expect(live.served.reader.valued).toBe(false);
    } finally {
      await live.close();
    }
  });
});
