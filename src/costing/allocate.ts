/**
 * Spreads an activity's money over the parties that used it, exact to the cent.
 *
 * Parties: each customer, the unattributed events (no customer), and unused capacity.
 * A time-driven pool P (cents) is charged at P / D per minute, where D = practical capacity,
 * or the minutes actually used when they exceed it (then nothing is unused). Each party gets
 * the whole cents of its exact share; the cents left over go one each to the parties with the
 * largest fractions (ties: customers before unattributed before unused, then by customer id),
 * so the parties' cents add up to P exactly. Direct money (freight, fixed fees, cost of credit)
 * is rounded to cents per party and added; it is its own pool, so the identity holds for it too.
 */
import type { Engine, SqlValue } from '../warehouse/index.ts';
import { USAGE_TABLE } from './measure.ts';
import { createTableAs } from './sql.ts';

/** Party kinds in `cost_alloc`, in tie-break order. */
export const PARTY = { customer: 0, unattributed: 1, unused: 2 } as const;

const ALLOC = 'cost_alloc';

/** The cents of one activity per kind of party, and its measured volume. */
export interface Allocation {
  customers: bigint;
  unattributed: bigint;
  unused: bigint;
  /** Direct money in cents (part of the totals above). */
  direct: bigint;
  /** Minutes used, all parties. */
  minutes: number;
  /** Events counted, all parties. */
  events: number;
}

/**
 * Allocates activity `id` (usage already in `cost_usage`): `poolCents` over `denominator`
 * minutes, of which `unusedMinutes` are idle. Appends the customers' cents to `activity_cost`
 * (and the unattributed cents with a NULL customer).
 */
export async function allocate(engine: Engine, id: string, poolCents: bigint, denominator: number, unusedMinutes: number): Promise<Allocation> {
  await createTableAs(
    engine,
    ALLOC,
    'SELECT kind, cid, CAST(floor(x) AS BIGINT) AS base, x - floor(x) AS frac, direct_cents FROM (' +
      `SELECT CASE WHEN customer_id IS NULL THEN ${PARTY.unattributed} ELSE ${PARTY.customer} END AS kind, coalesce(customer_id, '') AS cid, ` +
      'CAST($2 AS DOUBLE) * minutes / CAST($3 AS DOUBLE) AS x, CAST(round(direct * 100) AS BIGINT) AS direct_cents ' +
      `FROM ${USAGE_TABLE} WHERE activity_id = $1) a`,
    [id, poolCents, denominator],
  );
  await engine.run(
    `INSERT INTO ${ALLOC} SELECT ${PARTY.unused}, '', CAST(floor(x) AS BIGINT), x - floor(x), 0 FROM (SELECT CAST($1 AS DOUBLE) * CAST($2 AS DOUBLE) / CAST($3 AS DOUBLE) AS x) a`,
    [poolCents, unusedMinutes, denominator],
  );
  const [sums] = await engine.query(`SELECT sum(base) AS base, count(*) AS n FROM ${ALLOC}`);
  const left = poolCents - BigInt(String(sums!.base ?? 0));
  const bonus = await bonusSql(engine, left, Number(sums!.n));
  const cents = (offset: number) => `(base + ${bonus.sql(offset)} + direct_cents)`;
  await engine.run(
    `INSERT INTO activity_cost SELECT $1, CASE WHEN kind = ${PARTY.customer} THEN cid END, CAST(CAST(${cents(1)} AS DECIMAL(18,0)) * 0.01 AS DECIMAL(18,2)) ` +
      `FROM ${ALLOC} WHERE kind <> ${PARTY.unused}`,
    [id, ...bonus.params],
  );
  const rows = await engine.query(
    `SELECT kind, CAST(sum(${cents(0)}) AS VARCHAR) AS cents, CAST(sum(direct_cents) AS VARCHAR) AS direct FROM ${ALLOC} GROUP BY kind`,
    bonus.params,
  );
  const byKind = new Map(rows.map((r) => [Number(r.kind), r]));
  const get = (k: number) => BigInt(String(byKind.get(k)?.cents ?? '0'));
  const [usage] = await engine.query(`SELECT sum(minutes) AS m, sum(events) AS e FROM ${USAGE_TABLE} WHERE activity_id = $1`, [id]);
  return {
    customers: get(PARTY.customer),
    unattributed: get(PARTY.unattributed),
    unused: get(PARTY.unused),
    direct: rows.reduce((s, r) => s + BigInt(String(r.direct ?? '0')), 0n),
    minutes: Number(usage?.m ?? 0),
    events: Number(usage?.e ?? 0),
  };
}

/**
 * SQL giving each row's extra cent (+1, or -1 when floating-point rounding left the floors
 * one cent over): the `left` rows first in (frac desc, kind, cid) order. The boundary row is
 * found with ORDER BY ... LIMIT 1 OFFSET, so no window function is needed.
 */
async function bonusSql(engine: Engine, left: bigint, rows: number): Promise<{ sql: (offset: number) => string; params: SqlValue[] }> {
  if (left === 0n) return { sql: () => '0', params: [] };
  const n = Number(left < 0n ? -left : left);
  if (n > rows) throw new Error(`allocation left ${left} cents over ${rows} parties`);
  const order = left > 0n ? 'frac DESC, kind, cid' : 'frac, kind DESC, cid DESC';
  const [edge] = await engine.query(`SELECT frac, kind, cid FROM ${ALLOC} ORDER BY ${order} LIMIT 1 OFFSET ${n - 1}`);
  const [gt, lt] = left > 0n ? ['>', '<'] : ['<', '>'];
  // Placeholders follow the `offset` parameters the statement already binds.
  const sql = (o: number) =>
    `(CASE WHEN frac ${gt} CAST($${o + 1} AS DOUBLE) OR (frac = CAST($${o + 1} AS DOUBLE) AND (kind ${lt} CAST($${o + 2} AS INTEGER) ` +
    `OR (kind = CAST($${o + 2} AS INTEGER) AND cid ${lt}= $${o + 3}))) THEN ${left > 0n ? 1 : -1} ELSE 0 END)`;
  return { sql, params: [edge!.frac as number, edge!.kind as number, edge!.cid as string] };
}
