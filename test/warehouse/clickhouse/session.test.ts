/**
 * The engine's HTTP session outlives a pause longer than the server's default session timeout:
 * `worth clv` fits its models in Node between statements (minutes at a million customers on a
 * busy machine) and then reads the temporary tables it made before. The server here expires an
 * idle session after 1 s (`default_session_timeout`, 60 s by default) so the pause is short; a
 * bare client on a session of its own shows the server does expire it.
 */
import { randomUUID } from 'node:crypto';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openEngine } from '../../../src/warehouse/index.ts';
import { describeWithClickHouse, startClickHouse, type ClickHouseServer } from './server.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithClickHouse('ClickHouse session', () => {
  let server: ClickHouseServer;
  beforeAll(async () => {
    server = await startClickHouse('<default_session_timeout>1</default_session_timeout>');
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  it('a session left idle past the server default loses its temporary tables (the premise)', async () => {
    const client = createClient({
      url: server.url,
      username: server.user,
      password: server.password,
      session_id: randomUUID(),
      log: { level: ClickHouseLogLevel.OFF },
    });
    try {
      await client.command({ query: 'CREATE TEMPORARY TABLE kept (x Int64)' });
      await client.command({ query: 'INSERT INTO kept VALUES (7)' });
      await pause(3500);
      await expect(client.query({ query: 'SELECT x FROM kept' })).rejects.toThrow(/kept/);
    } finally {
      await client.close();
    }
  }, 30_000);

  it("the engine's session keeps its temporary tables over the same pause", async () => {
    const engine = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: server.user, password: server.password },
    });
    try {
      await engine.run('CREATE TEMPORARY TABLE kept (x BIGINT)');
      await engine.run('INSERT INTO kept VALUES (7)');
      await pause(3500);
      expect(await engine.query('SELECT x FROM kept')).toEqual([{ x: 7 }]);
    } finally {
      await engine.close();
    }
  }, 30_000);
});
