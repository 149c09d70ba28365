/**
 * The reject budget: rejects counted per reason (rows and money, with one example line each)
 * and, per table, the share of lines and of money rejected against `max_rejected_share`.
 */
import { fromScaled, moneyColumns, toScaled, type MoneyString, type TableName } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** One reason for rejects in one table and column, with the first line that has it. */
export interface RejectReason {
  table: string;
  column: string;
  /** The reason's stable code (rejects.csv's `code` column), e.g. `not_a_number`. */
  code: string;
  /** The reason as rejects.csv words it, in the workspace's language (a duplicate key's first line left out). */
  reason: string;
  /** Rejects with this reason. */
  rows: number;
  /** The table's main money column, when it has one (order_lines: gross_amount). */
  amountColumn?: string;
  /** Sum of the absolute amounts of those rows in `amountColumn` (unreadable amounts count 0). */
  amount?: MoneyString;
  /** The first line with this reason. */
  example: { file: string; line: number; column: string; value: string };
}

/** One table against the budget. */
export interface TableBudget {
  table: string;
  rowsRead: number;
  rowsRejected: number;
  /** Of rowsRejected, totals lines (the file's own sums) and repeated headers: not counted against the budget. */
  totalsLines: number;
  /** (rowsRejected - totalsLines) / rowsRead (0 without rows). */
  lineShare: number;
  amountColumn?: string;
  /** Sum of absolute amounts read, and of the rejected rows' (exact decimal strings). */
  amountRead?: MoneyString;
  amountRejected?: MoneyString;
  /** amountRejected / amountRead (0 when nothing was read). */
  amountShare?: number;
  /**
   * Rejected lines the floor allows whatever the share (`reject_floor`), when the table is so
   * small that the share allows fewer (113 lines at 1%): 0 from `reject_floor / max_rejected_share`
   * lines on (500 at the defaults), where the share alone decides.
   */
  floorLines: number;
  /** Whether the line share or the money share is over the budget (the floor's when `floorLines` > 0). */
  exceeded: boolean;
}

/** Rejects per reason and every table against the budget. */
export interface RejectSummary {
  /** The budget: `max_rejected_share` of worth.yaml (0.01 = 1%). */
  maxRejectedShare: number;
  /** The floor: `reject_floor` of worth.yaml, rejected lines a small table may always have (default 5). */
  rejectFloor: number;
  /** Whether any table is over it (the load then fails and keeps the previous one). */
  exceeded: boolean;
  tables: TableBudget[];
  reasons: RejectReason[];
}

/** One typed route table of a canonical table, as the load built it. */
export interface RoutePart {
  /** The typed work table (`_line`, `_rid`, `_flags` and the canonical columns). */
  typed: string;
  /** The route's id (the `route` column of `rejects`). */
  routeId: number;
}

/**
 * The reasons and the budget line of one canonical table, read from `rejects` joined back to
 * the typed rows on the physical line (unique within a route), so the money of a rejected row
 * is its parsed amount. `dupTable` lists the rows rejected as duplicate keys.
 */
export async function tableRejects(
  engine: Engine,
  table: TableName,
  parts: RoutePart[],
  dupTable: string,
  counts: { rowsRead: number; rowsRejected: number },
  limits: BudgetLimits,
): Promise<{ budget: TableBudget; reasons: RejectReason[] }> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const amountColumn = moneyColumns(table)[0];
  const absSum = (expr: string) => `CAST(coalesce(sum(abs(${expr})), 0) AS ${d.decimalType(38, 2)})`;
  const groups: RejectReason[] = [];
  let amountRead = 0n;
  let amountRejected = 0n;
  for (const p of parts) {
    const money = amountColumn ? `t.${q(amountColumn)}` : 'NULL';
    const rows = await engine.query(
      `SELECT r.check_ord AS k, count(*) AS n, ${absSum(money)} AS amount, min(r.line) AS line, ${d.argMin('r.file', 'r.line')} AS file, ${d.argMin('r.column_name', 'r.line')} AS col, ${d.argMin('r.value', 'r.line')} AS val, ${d.argMin('r.code', 'r.line')} AS code, ${d.argMin('r.kind', 'r.line')} AS reason FROM rejects r JOIN ${q(p.typed)} t ON t._line = r.line WHERE r.route = $1 GROUP BY r.check_ord`,
      [p.routeId],
    );
    for (const r of rows) {
      groups.push({
        table,
        column: String(r.col),
        code: String(r.code),
        reason: String(r.reason),
        rows: Number(r.n),
        ...(amountColumn ? { amountColumn, amount: String(r.amount) } : {}),
        example: {
          file: String(r.file),
          line: Number(r.line),
          column: String(r.col),
          value: String(r.val ?? ''),
        },
      });
    }
    if (amountColumn) {
      const a = q(amountColumn);
      const [s] = await engine.query(
        `SELECT ${absSum(a)} AS total, ${absSum(`CASE WHEN _flags <> 0 OR _rid IN (SELECT _rid FROM ${q(dupTable)}) THEN ${a} END`)} AS rejected FROM ${q(p.typed)}`,
      );
      amountRead += toScaled(String(s!.total));
      amountRejected += toScaled(String(s!.rejected));
    }
  }
  // A totals line (the file's own sum: "Total", "Total for <customer>") is rejected as what it
  // is but loses no data: like its money, its line does not count against the budget, so a
  // report with a subtotal per customer (QuickBooks) is not refused for its subtotals.
  // A repeated header (two exports joined into one file) is the same: the column names, no data.
  const totalsLines = groups
    .filter((g) => g.code === 'totals_line' || g.code === 'repeated_header')
    .reduce((a, g) => a + g.rows, 0);
  const budgeted = counts.rowsRejected - totalsLines;
  const lineShare = counts.rowsRead > 0 ? budgeted / counts.rowsRead : 0;
  const amountShare = amountRead > 0n ? ratio(amountRejected, amountRead) : 0;
  const floorLines = floorFor(counts.rowsRead, limits);
  const budget: TableBudget = {
    table,
    rowsRead: counts.rowsRead,
    rowsRejected: counts.rowsRejected,
    totalsLines,
    lineShare,
    ...(amountColumn
      ? {
          amountColumn,
          amountRead: fromScaled(amountRead),
          amountRejected: fromScaled(amountRejected),
          amountShare,
        }
      : {}),
    floorLines,
    exceeded: overBudget(
      { lines: BigInt(budgeted), money: amountRejected },
      { lines: BigInt(counts.rowsRead), money: amountRead },
      limits,
    ),
  };
  return { budget, reasons: mergeReasons(groups) };
}

/** The budget of worth.yaml: `max_rejected_share` and `reject_floor`. */
export interface BudgetLimits {
  /** Share of a table's lines, or of its money, that may be rejected (0.01 = 1%). */
  share: number;
  /** Rejected lines a table may always have while the share allows fewer (a small table). */
  floor: number;
}

/**
 * Rejected lines the floor allows in a table of `read` lines: the floor while the share allows
 * fewer (read x share < floor), else 0 (the share alone decides; always with a share of 0).
 * Decided on integers.
 */
export function floorFor(read: number, limits: BudgetLimits): number {
  const m = millionths(limits.share);
  // A share of 0 asks for no rejects at all: no floor either.
  const small = m > 0n && BigInt(read) * m < BigInt(limits.floor) * 1_000_000n;
  return small ? limits.floor : 0;
}

/** The table size from which the share alone decides (floor / share lines, rounded up; 500 at 1% and 5); undefined for a share of 0 (no floor). */
export function floorEnds(share: number, floor: number): number | undefined {
  const m = millionths(share);
  return m === 0n ? undefined : Number((BigInt(floor) * 1_000_000n + m - 1n) / m);
}

/**
 * Whether `rejected` of `read` (lines and absolute money) is over the budget. A small table
 * (see floorFor) may reject `floor` lines, and the money of `floor` average lines: its share
 * is floor / lines read instead of the configured one, so 2 broken lines of a 113-line export
 * pass while one line holding most of the money does not. From `floor / share` lines on (500 at
 * 1% and 5), the share alone decides, as the issue set it.
 */
export function overBudget(
  rejected: { lines: bigint; money: bigint },
  read: { lines: bigint; money: bigint },
  limits: BudgetLimits,
): boolean {
  if (read.lines === 0n) return false;
  const floor = BigInt(floorFor(Number(read.lines), limits));
  const linesOver = floor > 0n ? rejected.lines > floor : overBig(rejected.lines, read.lines, limits.share);
  // Money: rejected / moneyRead > floor / linesRead, cross-multiplied to stay on integers.
  const moneyOver =
    read.money > 0n &&
    (floor > 0n
      ? rejected.money * read.lines > floor * read.money
      : overBig(rejected.money, read.money, limits.share));
  return linesOver || moneyOver;
}

/** Puts the tables together: the summary the report and the CLI show. */
export function rejectSummary(
  limits: BudgetLimits,
  parts: { budget: TableBudget; reasons: RejectReason[] }[],
): RejectSummary {
  const tables = parts.map((p) => p.budget).filter((b) => b.rowsRead > 0);
  return {
    maxRejectedShare: limits.share,
    rejectFloor: limits.floor,
    exceeded: tables.some((t) => t.exceeded),
    tables,
    reasons: parts.flatMap((p) => p.reasons),
  };
}

/** Groups of the same table, column and reason (from several routes or checks) become one. */
function mergeReasons(groups: RejectReason[]): RejectReason[] {
  const out = new Map<string, RejectReason>();
  for (const g of groups) {
    const key = `${g.table}\u0000${g.column}\u0000${g.reason}`;
    const seen = out.get(key);
    if (!seen) {
      out.set(key, { ...g });
      continue;
    }
    seen.rows += g.rows;
    if (seen.amount !== undefined && g.amount !== undefined)
      seen.amount = fromScaled(toScaled(seen.amount) + toScaled(g.amount));
    if (g.example.line < seen.example.line) seen.example = g.example;
  }
  return [...out.values()].sort((a, b) => b.rows - a.rows || a.example.line - b.example.line);
}

/** rejected / read > share, decided on integers (share to a millionth). */
function overBig(rejected: bigint, read: bigint, share: number): boolean {
  return rejected * 1_000_000n > read * millionths(share);
}

const millionths = (share: number): bigint => BigInt(Math.round(share * 1_000_000));

function ratio(a: bigint, b: bigint): number {
  // Six significant decimals are plenty for a share; BigInt keeps huge sums exact until here.
  return Number((a * 1_000_000n) / b) / 1_000_000;
}
