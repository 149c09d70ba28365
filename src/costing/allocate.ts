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
 *
 * Nothing is materialised here: the totals are read from the usage table, and the customers'
 * costs are SQL ({@link CostPlan}) that the P&L computes while it joins the usage table.
 * Every statement recomputes the same DOUBLE expressions from the same stored minutes, so all
 * see the same bases and remainders.
 */
import type { Dialect, Engine, NamedParams, SqlValue } from '../warehouse/index.ts';
import type { UsageColumns } from './measure.ts';

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

/** How a customer's cost of one activity is computed from its usage columns (see {@link customerCostsSql}). */
export interface CostPlan {
  usage: UsageColumns;
  /** Time-driven: the pool is spread (params: `pool` cents, `den`ominator, then the correction's). */
  spread: boolean;
  /** The correction of a customer's rounded share: SQL given its remainder, its id and the prefix of its parameters' names. */
  correction: (r: string, cid: string, prefix: string) => string;
  /** The values the plan binds, by name without a prefix (`pool`, `den`, `r`, `kind`, `cid`). */
  params: NamedParams;
}

/** Rounds a non-negative DOUBLE to a whole number, exact halves to even (portable SQL). */
function roundHalfEven(x: string): string {
  return `(CASE WHEN ${x} - floor(${x}) = CAST(0.5 AS DOUBLE) THEN floor(${x}) + (CAST(floor(${x}) AS BIGINT) % 2) ELSE round(${x}) END)`;
}

/** A party's exact share in cents, given the pool and denominator placeholders. */
function share(minutes: string, pool: string, denominator: string): string {
  // The minutes as DOUBLE too: DuckDB widens DECIMAL itself, ClickHouse refuses Float64 x Decimal.
  return `CAST(${pool} AS DOUBLE) * CAST(${minutes} AS DOUBLE) / CAST(${denominator} AS DOUBLE)`;
}

/** Direct money in whole cents (rounded half away from zero, as DECIMAL rounds). */
function directCents(direct: string): string {
  return `CAST(round(${direct} * 100) AS BIGINT)`;
}

/**
 * The parties of a time-driven activity as a subquery (kind, cid, base, r, direct_cents): the
 * usage rows with events of this activity, and the unused party as one more row. Binds
 * $pool (cents), $den (the denominator, minutes), $unused (minutes).
 */
function partiesSql(u: UsageColumns): string {
  const rows = (from: string) =>
    `SELECT kind, cid, CAST(${roundHalfEven('x')} AS BIGINT) AS base, x - ${roundHalfEven('x')} AS r, direct_cents FROM (SELECT ${from}) a`;
  const parties = rows(
    `${KIND} AS kind, coalesce(customer_id, '') AS cid, ${share(u.minutes, '$pool', '$den')} AS x, ${directCents(u.direct)} AS direct_cents ` +
      `FROM ${u.table} WHERE ${u.events} > 0`,
  );
  const unused = rows(
    `${PARTY.unused} AS kind, '' AS cid, ${share('CAST($unused AS DOUBLE)', '$pool', '$den')} AS x, CAST(0 AS BIGINT) AS direct_cents`,
  );
  return `(${parties} UNION ALL ${unused})`;
}

/**
 * Allocates the activity whose usage per party is in `u`: `poolCents` over `denominator`
 * minutes, of which `unusedMinutes` are idle. Returns the cents per kind of party and the
 * plan of the customers' costs.
 */
export async function allocate(
  engine: Engine,
  u: UsageColumns,
  poolCents: bigint,
  denominator: number,
  unusedMinutes: number,
): Promise<Allocation & { plan: CostPlan }> {
  if (poolCents === 0n) return allocateDirect(engine, u);
  const bound: NamedParams = { pool: poolCents, den: denominator, unused: unusedMinutes };
  const [sums] = await engine.query(
    `SELECT CAST(sum(base) AS VARCHAR) AS base, count(*) AS n FROM ${partiesSql(u)} p`,
    bound,
  );
  const left = poolCents - BigInt(String(sums!.base ?? '0'));
  const fix = await correction(engine, u, bound, left, Number(sums!.n));
  const rows = await engine.query(
    `SELECT kind, CAST(sum(base + ${fix.sql('r', 'kind', 'cid', '')} + direct_cents) AS VARCHAR) AS cents, ` +
      `CAST(sum(direct_cents) AS VARCHAR) AS direct FROM ${partiesSql(u)} p GROUP BY kind`,
    { ...bound, ...fix.params },
  );
  const plan: CostPlan = {
    usage: u,
    spread: true,
    correction: (r, cid, prefix) => fix.sql(r, String(PARTY.customer), cid, prefix),
    params: { pool: poolCents, den: denominator, ...fix.params },
  };
  return { ...byKind(rows), plan };
}

/** No pool to spread: each party pays its own direct money, rounded to cents. */
async function allocateDirect(engine: Engine, u: UsageColumns): Promise<Allocation & { plan: CostPlan }> {
  const rows = await engine.query(
    `SELECT ${KIND} AS kind, CAST(CAST(sum(CAST(round(${u.direct}, 2) AS ${engine.dialect.decimalType(18, 2)})) * 100 AS BIGINT) AS VARCHAR) AS cents ` +
      `FROM ${u.table} WHERE ${u.events} > 0 GROUP BY ${KIND}`,
  );
  const a = byKind(rows);
  return {
    ...a,
    direct: a.customers + a.unattributed,
    plan: { usage: u, spread: false, correction: () => '0', params: {} },
  };
}

function byKind(rows: Record<string, unknown>[]): Allocation {
  const get = (k: number, col = 'cents') =>
    BigInt(String(rows.find((r) => Number(r.kind) === k)?.[col] ?? '0'));
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
  u: UsageColumns,
  bound: NamedParams,
  left: bigint,
  rows: number,
): Promise<{ sql: (r: string, kind: string, cid: string, prefix: string) => string; params: NamedParams }> {
  if (left === 0n) return { sql: () => '0', params: {} };
  const n = Number(left < 0n ? -left : left);
  if (n > rows) throw new Error(`allocation left ${left} cents over ${rows} parties`);
  const order = left > 0n ? 'r DESC, kind, cid' : 'r, kind DESC, cid DESC';
  const [edge] = await engine.query(
    `SELECT r, kind, cid FROM ${partiesSql(u)} p ORDER BY ${order} LIMIT 1 OFFSET ${n - 1}`,
    bound,
  );
  const [gt, lt] = left > 0n ? ['>', '<'] : ['<', '>'];
  // The boundary row's values by name ($r, $kind, $cid), after the caller's prefix.
  const sql = (r: string, kind: string, cid: string, p: string) =>
    `(CASE WHEN ${r} ${gt} CAST($${p}r AS DOUBLE) OR (${r} = CAST($${p}r AS DOUBLE) AND (${kind} ${lt} CAST($${p}kind AS INTEGER) ` +
    `OR (${kind} = CAST($${p}kind AS INTEGER) AND ${cid} ${lt}= $${p}cid))) THEN ${left > 0n ? 1 : -1} ELSE 0 END)`;
  return { sql, params: { r: edge!.r as number, kind: edge!.kind as number, cid: edge!.cid as string } };
}

/**
 * A SELECT over one usage table giving customer_id, the cost of each planned activity as
 * DECIMAL(18,2) (named by `costs`; NULL or no row where the customer had none of it) and the
 * `keep` columns as they are. The i-th plan's values are named `<prefix>c<i>_<name>`;
 * {@link customerCostsParams} gives them.
 */
export function customerCostsSql(
  d: Dialect,
  table: string,
  costs: { plan: CostPlan; name: string }[],
  keep: string[],
  prefix: string,
): string {
  const through = ['customer_id', ...keep];
  const shares: string[] = [];
  const rounded: string[] = [];
  const cents: string[] = [];
  costs.forEach(({ plan, name }, i) => {
    const u = plan.usage;
    const p = `${prefix}c${i}_`;
    if (plan.spread) {
      shares.push(
        `${share(u.minutes, `$${p}pool`, `$${p}den`)} AS x${i}`,
        `${directCents(u.direct)} AS dc${i}`,
      );
      rounded.push(
        `CAST(${roundHalfEven(`x${i}`)} AS BIGINT) AS b${i}`,
        `x${i} - ${roundHalfEven(`x${i}`)} AS r${i}`,
        `dc${i}`,
      );
      cents.push(
        `CAST(CAST(b${i} + ${plan.correction(`r${i}`, 'customer_id', p)} + dc${i} AS ${d.decimalType(18, 0)}) * 0.01 AS ${d.decimalType(18, 2)}) AS ${name}`,
      );
    } else {
      shares.push(`CAST(round(${u.direct}, 2) AS ${d.decimalType(18, 2)}) AS c${i}`);
      rounded.push(`c${i}`);
      cents.push(`c${i} AS ${name}`);
    }
  });
  const list = (cols: string[]) => [...through, ...cols].join(', ');
  // Direct money only (fixed fees, cost of credit): most customers pay none, and a smaller
  // table is a cheaper join (no row reads as no cost, the same as 0.00).
  const some =
    !keep.length && costs.every((c) => !c.plan.spread)
      ? ` AND (${costs.map((c) => `${c.plan.usage.direct} <> 0`).join(' OR ')})`
      : '';
  return (
    `SELECT ${list(cents)} FROM (SELECT ${list(rounded)} FROM (` +
    `SELECT ${list(shares)} FROM ${table} WHERE customer_id IS NOT NULL${some}) a) b`
  );
}

/** The values {@link customerCostsSql} with `prefix` binds, by their names there. */
export function customerCostsParams(costs: { plan: CostPlan }[], prefix: string): NamedParams {
  const out: Record<string, SqlValue> = {};
  costs.forEach(({ plan }, i) => {
    if (!plan.spread) return;
    for (const [name, value] of Object.entries(plan.params)) out[`${prefix}c${i}_${name}`] = value;
  });
  return out;
}
