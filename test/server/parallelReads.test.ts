/** The server's reader runs database reads on several connections at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_CONNECTIONS } from '../../src/readmodel/workspaceReader.ts';
import { WorkspaceReader } from '../../src/server/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let ws: AnalysedWorkspace;
beforeAll(async () => {
  ws = await analysedWorkspace(200, 19);
});
afterAll(() => ws.remove());

describe('WorkspaceReader', () => {
  it(`runs ${READ_CONNECTIONS} reads at the same time (one connection each), each with correct results`, async () => {
    const reader = await WorkspaceReader.open(ws.dir);
    try {
      let started = 0;
      let release: () => void = () => {};
      const allStarted = new Promise<void>((r) => (release = r));
      // Each read waits inside its connection until every read has started: on one connection
      // (one queue) the second would never start and the guard below would end the wait instead.
      const guard = new Promise<void>((r) => setTimeout(r, 60_000).unref());
      const reads = Array.from({ length: READ_CONNECTIONS }, (_, i) =>
        reader.read(async (engine) => {
          if (++started === READ_CONNECTIONS) release();
          await Promise.race([allStarted, guard]);
          const rows = await engine.query('SELECT count(*) AS n FROM customer_pnl WHERE $1 >= 0', [i]);
          return { seen: started, n: Number(rows[0]!.n) };
        }),
      );
      const results = await Promise.all(reads);
      expect(results).toEqual(
        Array.from({ length: READ_CONNECTIONS }, () => ({ seen: READ_CONNECTIONS, n: ws.result.customers })),
      );
    } finally {
      await reader.close();
    }
  });
});
