/**
 * Spreads an activity's money over the parties that used it, exact to the cent.
 *
 * Parties: each customer, the unattributed events (no customer), and unused capacity.
 * A time-driven pool P (cents) is charged at P / D per minute, where D = practical capacity,
 * or the minutes actually used when they exceed it (then nothing is unused). Each party's
 * exact share is rounded to whole cents (exact halves to the even cent, so ties do not all
 * round one way), and the few cents by which the rounded shares miss P are settled one each
 * on the parties whose rounding was furthest from their exact share (ties: customers before
 * unattributed before unused, then by customer id): a largest-remainder allocation, so the
 * parties' cents add up to P exactly and no party is more than a cent off its exact share.
 * Rounding first keeps the correction small (about the square root of the number of
 * parties), so the boundary row is found with ORDER BY ... LIMIT 1 OFFSET k for a small k (a
 * top-k scan: no full sort, no window function). Direct money (freight, fixed fees, cost of
 * credit) is rounded to cents per party and is its own pool.
 */
import type { Engine, SqlValue } from '../warehouse/index.ts';
import { createWorkTable } from './sql.ts';

/** Party kinds, in tie-break order. */
export const PARTY = { customer: 0, unattributed: 1, unused: 2 } as const;

const KIND = `CASE WHEN customer_id IS NULL THEN ${PARTY.unattributed} ELSE ${PARTY.customer} END`;

/** The cents of one activity per kind of party. */
export interface Allocation {
  customers: bigint;
  unattributed: bigint;
  unused: bigint;
  /** Direct money in cents (part of the totals above). */
  direct: bigint;
}

/** Rounds a non-negative DOUBLE to a whole number, exact halves to even (portable SQL). */
function roundHalfEven(x: string): string {
  return `(CASE WHEN ${x} - floor(${x}) = 0.5 THEN floor(${x}) + (CAST(floor(${x}) AS BIGINT) % 2) ELSE round(${x}) END)`;
}

/**
 * The parties of a time-driven activity as a subquery (kind, cid, base, r, direct_cents), read
 * straight from the usage table with the unused party as one more row: nothing is
 * materialised, each statement below recomputes the same DOUBLE expressions from the same
 * stored minutes, so every statement sees the same bases and remainders. Binds $1 = pool
 * (cents), $2 = denominator (minutes), $3 = unused minutes; `customersOnly` leaves out the
 * unattributed and unused parties (and binds only $1 and $2).
 */
function partiesSql(usage: string, customersOnly = false): string {
  const x = 'CAST($1 AS DOUBLE) * minutes / CAST($2 AS DOUBLE)';
  const rows = (kind: string, cid: string, from: string, directCents: string, where = '') =>
    `SELECT ${kind} AS kind, ${cid} AS cid, CAST(${roundHalfEven('x')} AS BIGINT) AS base, x - ${roundHalfEven('x')} AS r, ${directCents} AS direct_cents ` +
    `FROM (SELECT ${from}) a${where}`;
  const parties = rows(
    'kind',
    'cid',
    `${KIND} AS kind, coalesce(customer_id, '') AS cid, ${x} AS x, direct FROM ${usage}${customersOnly ? ' WHERE customer_id IS NOT NULL' : ''}`,
    'CAST(round(direct * 100) AS BIGINT)',
  );
  if (customersOnly) return `(${parties})`;
  const unused = rows(String(PARTY.unused), "''", 'CAST($1 AS DOUBLE) * CAST($3 AS DOUBLE) / CAST($2 AS DOUBLE) AS x', 'CAST(0 AS BIGINT)');
  return `(${parties} UNION ALL ${unused})`;
}

/**
 * Allocates the activity whose usage per party is in `usage` (customer_id, minutes, direct):
 * `poolCents` over `denominator` minutes, of which `unusedMinutes` are idle. Writes the
 * customers' cost to `out` (customer_id, cost) and returns the cents per kind of party.
 */
export async function allocate(engine: Engine, usage: string, out: string, poolCents: bigint, denominator: number, unusedMinutes: number): Promise<Allocation> {
  if (poolCents === 0n) return allocateDirect(engine, usage, out);
  const bound: SqlValue[] = [poolCents, denominator, unusedMinutes];
  const [sums] = await engine.query(`SELECT CAST(sum(base) AS VARCHAR) AS base, count(*) AS n FROM ${partiesSql(usage)} p`, bound);
  const left = poolCents - BigInt(String(sums!.base ?? '0'));
  const fix = await correction(engine, usage, bound, left, Number(sums!.n));
  const cents = (offset: number) => `(base + ${fix.sql(offset)} + direct_cents)`;
  // The customers' statement binds neither the unused minutes ($3) nor the unused row.
  await createWorkTable(
    engine,
    out,
    `SELECT cid AS customer_id, CAST(CAST(${cents(2)} AS DECIMAL(18,0)) * 0.01 AS DECIMAL(18,2)) AS cost FROM ${partiesSql(usage, true)} p`,
    [...bound.slice(0, 2), ...fix.params],
  );
  const rows = await engine.query(
    `SELECT kind, CAST(sum(${cents(3)}) AS VARCHAR) AS cents, CAST(sum(direct_cents) AS VARCHAR) AS direct FROM ${partiesSql(usage)} p GROUP BY kind`,
    [...bound, ...fix.params],
  );
  return byKind(rows);
}

/** No pool to spread: each party pays its own direct money, rounded to cents. */
async function allocateDirect(engine: Engine, usage: string, out: string): Promise<Allocation> {
  const cost = 'CAST(round(direct, 2) AS DECIMAL(18,2))';
  await createWorkTable(engine, out, `SELECT customer_id, ${cost} AS cost FROM ${usage} WHERE customer_id IS NOT NULL`);
  const rows = await engine.query(
    `SELECT ${KIND} AS kind, CAST(CAST(sum(${cost}) * 100 AS BIGINT) AS VARCHAR) AS cents FROM ${usage} GROUP BY ${KIND}`,
  );
  const a = byKind(rows);
  return { ...a, direct: a.customers + a.unattributed };
}

function byKind(rows: Record<string, unknown>[]): Allocation {
  const get = (k: number, col = 'cents') => BigInt(String(rows.find((r) => Number(r.kind) === k)?.[col] ?? '0'));
  return {
    customers: get(PARTY.customer),
    unattributed: get(PARTY.unattributed),
    unused: get(PARTY.unused),
    direct: rows.reduce((s, r) => s + BigInt(String(r.direct ?? '0')), 0n),
  };
}

/**
 * SQL giving each row's correction: +1 cent for the `left` rows rounded furthest down
 * (largest r; ties by kind, then cid), or -1 for the rows rounded furthest up when the
 * rounded shares overshoot. The boundary row comes from a top-k query.
 */
async function correction(
  engine: Engine,
  usage: string,
  bound: SqlValue[],
  left: bigint,
  rows: number,
): Promise<{ sql: (offset: number) => string; params: SqlValue[] }> {
  if (left === 0n) return { sql: () => '0', params: [] };
  const n = Number(left < 0n ? -left : left);
  if (n > rows) throw new Error(`allocation left ${left} cents over ${rows} parties`);
  const order = left > 0n ? 'r DESC, kind, cid' : 'r, kind DESC, cid DESC';
  const [edge] = await engine.query(`SELECT r, kind, cid FROM ${partiesSql(usage)} p ORDER BY ${order} LIMIT 1 OFFSET ${n - 1}`, bound);
  const [gt, lt] = left > 0n ? ['>', '<'] : ['<', '>'];
  // Placeholders follow the `offset` parameters the statement already binds.
  const sql = (o: number) =>
    `(CASE WHEN r ${gt} CAST($${o + 1} AS DOUBLE) OR (r = CAST($${o + 1} AS DOUBLE) AND (kind ${lt} CAST($${o + 2} AS INTEGER) ` +
    `OR (kind = CAST($${o + 2} AS INTEGER) AND cid ${lt}= $${o + 3}))) THEN ${left > 0n ? 1 : -1} ELSE 0 END)`;
  return { sql, params: [edge!.r as number, edge!.kind as number, edge!.cid as string] };
}
