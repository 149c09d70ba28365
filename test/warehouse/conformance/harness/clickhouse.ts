// How the conformance suite gets a fresh ClickHouse: a single-node server of the test's own
// (Debian's clickhouse-server, 18.16), a new empty database per open as DuckDB's :memory: is.
import { afterAll, beforeAll } from 'vitest';
import { openEngine, type Engine } from '../../../../src/warehouse/index.ts';
import { describeWithClickHouse, startClickHouse, type ClickHouseServer } from '../../clickhouse/server.ts';

/** Runs `suite` inside a block that starts (and stops) a server of its own. */
export function harness(suite: (open: () => Promise<Engine>) => void): void {
  describeWithClickHouse('ClickHouse single node', () => {
    let server: ClickHouseServer;
    let n = 0;
    beforeAll(async () => {
      server = await startClickHouse();
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
    }, 60_000);
    const login = () => ({ url: server.url, user: server.user, password: server.password });
    suite(async () => {
      const admin = await openEngine({ kind: 'clickhouse', connection: { ...login(), database: 'default' } });
      const database = `conformance_${++n}`;
      await admin.run(`CREATE DATABASE ${admin.dialect.quoteIdent(database)}`);
      await admin.close();
      return openEngine({ kind: 'clickhouse', connection: { ...login(), database } });
    });
  });
}
