/**
 * The bulk load into ClickHouse (issue 16): tables of a DuckDB database streamed to a real
 * server as TabSeparated (`loadTablesInto`), on one node and on a cluster of two shards by both
 * routes (each shard sent its own customers straight, or all rows through a Distributed table).
 * The rows read back equal the fixture's own values, generated here: money to the cent
 * (BigInt cents, the largest DECIMAL(18,2) values and negatives), NULLs apart from empty text,
 * text with tabs, newlines, backslashes, quotes and a literal `\N`, dates, booleans, doubles.
 * On the cluster every row is on the shard the server's own `cityHash64(customer_id)` names
 * (the Distributed tables' key), whichever route sent it, and a failed load leaves the previous
 * tables as they were.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WorthError } from '../../../src/core/index.ts';
import { errorText } from '../../../src/words/index.ts';
import { ClickHouseEngine, loadTablesInto, openEngine, type Engine } from '../../../src/warehouse/index.ts';
import {
  describeWithClickHouse,
  startClickHouse,
  startClickHouseCluster,
  type ClickHouseCluster,
  type ClickHouseServer,
} from './server.ts';

/** Customer names that TabSeparated must escape, and the ones it must tell apart. */
const NAMES: (string | null)[] = [
  'plain',
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  '',
  null,
  '"quoted", with; delimiters',
  'Café Ünïcode ✓',
];

/** The fixture: one row per customer and several order lines each, every value known here. */
interface Fixture {
  customers: { id: string; name: string | null; vip: boolean | null }[];
  lines: { id: number; customer: string; cents: bigint | null; day: string | null; score: number | null }[];
}

function fixture(): Fixture {
  const customers: Fixture['customers'] = [];
  const lines: Fixture['lines'] = [];
  const largest = 999_999_999_999_999_999n; // DECIMAL(18,2)'s largest value, in cents
  for (let c = 0; c < 300; c++) {
    const id = `C${String(c).padStart(5, '0')}`;
    customers.push({ id, name: NAMES[c % NAMES.length]!, vip: c % 3 === 0 ? null : c % 3 === 1 });
    for (let l = 0; l < 1 + (c % 7); l++) {
      const n = lines.length;
      const cents =
        n % 11 === 0
          ? null
          : n % 13 === 0
            ? largest
            : n % 17 === 0
              ? -largest
              : BigInt((n * 7919) % 200_003) - 100_000n;
      const day = n % 19 === 0 ? null : new Date(Date.UTC(2024, 0, 1 + (n % 700))).toISOString().slice(0, 10);
      lines.push({ id: n, customer: id, cents, day, score: n % 23 === 0 ? null : n / 8 });
    }
  }
  return { customers, lines };
}

/** Cents as the exact decimal text of DECIMAL(18,2). */
function money(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** A DuckDB database holding the fixture (values bound, never formatted by the code under test). */
async function source(f: Fixture): Promise<Engine> {
  const db = await openEngine();
  await db.run('CREATE TABLE customers (customer_id VARCHAR, name VARCHAR, vip BOOLEAN)');
  for (const c of f.customers)
    await db.run('INSERT INTO customers VALUES ($1, $2, $3)', [c.id, c.name, c.vip]);
  await db.run(
    'CREATE TABLE order_lines (line_id BIGINT, customer_id VARCHAR, net_amount DECIMAL(18,2), order_date DATE, score DOUBLE)',
  );
  const values = f.lines.map(
    (l) =>
      `(${l.id}, '${l.customer}', ${l.cents === null ? 'NULL' : `CAST('${money(l.cents)}' AS DECIMAL(18,2))`}, ${l.day === null ? 'NULL' : `DATE '${l.day}'`}, ${l.score === null ? 'NULL' : String(l.score)})`,
  );
  await db.run(`INSERT INTO order_lines VALUES ${values.join(', ')}`);
  // A table without customers (spread over the shards by row, as the Distributed table's rand()).
  await db.run('CREATE TABLE cost_rates (activity VARCHAR, rate DECIMAL(18,4))');
  await db.run("INSERT INTO cost_rates VALUES ('picking', 1.2345), ('returns', -0.0001), ('service', NULL)");
  return db;
}

/** The rows of `table` read back, as text, sorted by its first column. */
async function readBack(engine: Engine, table: string, order: string): Promise<Record<string, unknown>[]> {
  return engine.query(`SELECT * FROM ${table} ORDER BY ${order}`);
}

/** Checks what the server holds against the fixture itself. */
async function expectFixture(engine: Engine, f: Fixture): Promise<void> {
  const customers = await readBack(engine, 'customers', 'customer_id');
  expect(customers).toEqual(f.customers.map((c) => ({ customer_id: c.id, name: c.name, vip: c.vip })));
  const lines = await engine.query(
    'SELECT line_id, customer_id, toString(net_amount) AS net, toString(order_date) AS day, score FROM order_lines ORDER BY line_id',
  );
  expect(lines).toEqual(
    f.lines.map((l) => ({
      line_id: l.id,
      customer_id: l.customer,
      net: l.cents === null ? null : money(l.cents),
      day: l.day,
      score: l.score,
    })),
  );
  const [sum] = await engine.query('SELECT toString(sum(net_amount)) AS s FROM order_lines');
  expect(sum!.s).toBe(money(f.lines.reduce((s, l) => s + (l.cents ?? 0n), 0n)));
  expect(
    await engine.query('SELECT activity, toString(rate) AS rate FROM cost_rates ORDER BY activity'),
  ).toEqual([
    { activity: 'picking', rate: '1.2345' },
    { activity: 'returns', rate: '-0.0001' },
    { activity: 'service', rate: null },
  ]);
}

describeWithClickHouse('bulk load into ClickHouse', () => {
  const f = fixture();
  let server: ClickHouseServer;
  let cluster: ClickHouseCluster;
  let from: Engine;

  beforeAll(async () => {
    [server, cluster, from] = await Promise.all([startClickHouse(), startClickHouseCluster(), source(f)]);
    const admin = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: server.user, password: server.password },
    });
    await admin.run('CREATE DATABASE one');
    await admin.close();
    for (const shard of cluster.shards) {
      const a = await openEngine({
        kind: 'clickhouse',
        connection: { url: shard.url, database: 'default', user: cluster.user, password: cluster.password },
      });
      for (const db of ['direct', 'distributed']) await a.run(`CREATE DATABASE ${db}`);
      await a.close();
    }
  }, 120_000);

  afterAll(async () => {
    await from?.close();
    await Promise.all([server?.stop(), cluster?.stop()]);
  });

  const TABLES = ['customers', 'order_lines', 'cost_rates'];

  it('loads every value exactly on one node, and counts the bytes it sends', async () => {
    const engine = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'one', user: server.user, password: server.password },
    });
    try {
      const sent = new Map<string, number>();
      const loaded = await loadTablesInto(from, engine, TABLES, { sent });
      expect(loaded).toEqual({ customers: f.customers.length, order_lines: f.lines.length, cost_rates: 3 });
      await expectFixture(engine, f);
      // One line per row, ending in a newline: at least one byte per value sent.
      expect(sent.get('url')).toBeGreaterThan(f.lines.length * 5);
    } finally {
      await engine.close();
    }
  });

  for (const route of ['direct', 'distributed'] as const)
    it(`on two shards (${route}) every customer's rows are on the shard its hash names`, async () => {
      const engine = (await openEngine({
        kind: 'clickhouse',
        connection: {
          url: cluster.url,
          database: route,
          user: cluster.user,
          password: cluster.password,
          cluster: cluster.cluster,
        },
      })) as ClickHouseEngine;
      try {
        const sent = new Map<string, number>();
        await loadTablesInto(from, engine, TABLES, { route, sent });
        await expectFixture(engine, f);
        let lines = 0;
        for (const host of engine.clusterHosts) {
          // The server's own hash (the Distributed table's key), two shards of weight 1 each.
          const [wrong] = await engine.queryOnHost(
            host,
            `SELECT count() AS n FROM worth_shard_order_lines WHERE cityHash64(customer_id) % 2 + 1 != ${host.shard}`,
          );
          expect(Number(wrong!.n)).toBe(0);
          const [here] = await engine.queryOnHost(host, 'SELECT count() AS n FROM worth_shard_order_lines');
          expect(Number(here!.n)).toBeGreaterThan(0);
          lines += Number(here!.n);
        }
        expect(lines).toBe(f.lines.length);
        // Straight to each shard: each host is sent rows; through the Distributed table: only `url`.
        if (route === 'direct')
          for (const host of engine.clusterHosts) expect(sent.get(host.url)).toBeGreaterThan(0);
        else expect([...sent.keys()]).toEqual(['url']);
      } finally {
        await engine.close();
      }
    });

  it('a date ClickHouse 18.16 would change is refused, and the previous tables stay as they were', async () => {
    const engine = (await openEngine({
      kind: 'clickhouse',
      connection: {
        url: cluster.url,
        database: 'direct',
        user: cluster.user,
        password: cluster.password,
        cluster: cluster.cluster,
      },
    })) as ClickHouseEngine;
    const bad = await openEngine();
    try {
      // customers loads, then order_lines is refused: 18.16 stores 1960-01-01 as 0000-00-00.
      await bad.run("CREATE TABLE customers AS SELECT 'X1' AS customer_id, 'new' AS name, true AS vip");
      await bad.run(
        "CREATE TABLE order_lines AS SELECT 1 AS line_id, 'X1' AS customer_id, DATE '2024-05-01' AS order_date UNION ALL SELECT 2, 'X1', DATE '1960-01-01'",
      );
      const refused = await loadTablesInto(bad, engine, ['customers', 'order_lines']).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(WorthError);
      expect((refused as WorthError).message).toContain(
        'table order_lines, column order_date holds the date 1960-01-01',
      );
      expect(errorText('nl', (refused as WorthError).said!)).toContain(
        'kolom order_date bevat de datum 1960-01-01',
      );
      // Nothing of the refused load is visible or left behind.
      await expectFixture(engine, f);
      for (const host of engine.clusterHosts) {
        const [next] = await engine.queryOnHost(
          host,
          "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'worth_next_%'",
        );
        expect(Number(next!.n)).toBe(0);
      }
    } finally {
      await bad.close();
      await engine.close();
    }
  });
});
