/** The server's generation switch, in process: published whole, old requests finish on the old file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveWorkspace } from '../../src/server/liveWorkspace.ts';
import { customersQuery } from '../../src/server/params.ts';
import { openWorkspaceDatabase } from '../../src/warehouse/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

let ws: AnalysedWorkspace;
beforeAll(async () => {
  ws = await analysedWorkspace(200, 13);
});
afterAll(() => ws.remove());

const firstCustomer = async (live: LiveWorkspace) => {
  const lease = live.acquire();
  try {
    const page = await lease.served.reader.customers(customersQuery.parse({ pageSize: 1 }));
    return page.rows[0]!;
  } finally {
    lease.release();
  }
};

describe('LiveWorkspace', () => {
  it('switches only when a run is published, lets requests on the old generation finish, then closes it', async () => {
    const live = await LiveWorkspace.open(ws.dir, { pollMs: 0 });
    try {
      const g = live.generation;
      const before = await firstCustomer(live);
      const old = live.acquire();

      const write = await openWorkspaceDatabase(ws.dir, 'write', { command: 'worth analyze', start: 'copy' });
      await write.engine.run(
        "UPDATE customers SET name = 'Renamed in the next generation' WHERE customer_id = $1",
        [before.customerId],
      );
      // Not published yet: nothing to switch to.
      await live.check();
      expect(live.generation).toBe(g);
      expect((await firstCustomer(live)).name).toBe(before.name);

      await write.publish();
      await live.check();
      expect(live.generation).toBe(g + 1);
      expect((await firstCustomer(live)).name).toBe('Renamed in the next generation');
      // The request that began before the switch still reads its own generation.
      expect(
        await old.served.reader.read((e) =>
          e.query('SELECT name FROM customers WHERE customer_id = $1', [before.customerId]),
        ),
      ).toEqual([{ name: before.name }]);
      old.release();
      // Released by its last request, the old generation is closed.
      await expect(old.served.reader.read((e) => e.query('SELECT 1 AS x'))).rejects.toThrow();
    } finally {
      await live.close();
    }
  });

  it('keeps the analysed generation when a load without analyses is published, and says a newer one exists', async () => {
    const live = await LiveWorkspace.open(ws.dir, { pollMs: 0 });
    try {
      const g = live.generation;
      const load = await openWorkspaceDatabase(ws.dir, 'write', { command: 'worth ingest', start: 'empty' });
      await load.publish();
      await live.check();
      expect(live.generation).toBe(g);
      expect(live.latest).toBe(g + 1);
      expect(live.acquire().served.reader.analysed).toBe(true);
    } finally {
      await live.close();
    }
  });
});
