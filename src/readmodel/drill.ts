/**
 * Drill to the source: the source rows behind one bar of a customer's waterfall, each with its
 * file and physical line as ingest kept them (`_source`, `_line` on every canonical table), and
 * their total, which is the bar's figure in `customer_pnl` to the cent (the P&L sums the same
 * rows). Cost-to-serve bars are not drilled here (their per-event cost is an allocation).
 */
import { WorthError, unreachable, type MoneyString } from '../core/index.ts';
import { notValidText } from '../words/index.ts';
import { DRILL_HASH_COLUMN, DRILL_LINES_TABLE } from '../profit/index.ts';
import { pageWithTotals, type Dialect, type Engine, type Row } from '../warehouse/index.ts';

/** The waterfall bars that drill to source rows. */
export const DRILL_LINES = ['gross_sales', 'discounts', 'returns', 'rebates', 'cogs'] as const;

/** A waterfall bar that drills to source rows. */
export type DrillLine = (typeof DRILL_LINES)[number];

/** Rows per page of a drill. */
export const DRILL_PAGE_SIZE = 100;

/** One source row behind a bar. */
export interface DrillRow {
  /** The source file as worth.yaml names it. */
  file: string;
  /** Physical line in that file (the header is line 1). */
  line: number;
  /** The table the row is in. */
  table: 'order_lines' | 'returns' | 'rebates';
  /** What the row is, in English for the API: `order O1 line 2`, `return R1`, `rebate 2024-12-31` (the dashboard words it from `table`, `ref`, `refLine`). */
  reference: string;
  /** The id in the reference: the order id, the return id or the rebate's period end (yyyy-mm-dd). */
  ref: string;
  /** An order line's line number in its order; null for returns and rebates. */
  refLine: number | null;
  /** yyyy-mm-dd. */
  date: string;
  /** Its amount in the bar (a cost of goods recovered on a return counts negative in the cogs bar). */
  amount: MoneyString;
  /** The amount rests on an estimated cost of goods. */
  estimated: boolean;
}

/** One page of the rows behind a bar, and the total over all of them. */
export interface Drill {
  customerId: string;
  line: DrillLine;
  /** Sum over every row (not just this page): the bar's figure. */
  total: MoneyString;
  rows: number;
  page: number;
  pageSize: number;
  items: DrillRow[];
}

/** Parses a drill request (`line`, `page`); a bad value is a `WorthError` naming it. */
export function parseDrillRequest(raw: Record<string, string | undefined>): {
  line: DrillLine;
  page: number;
} {
  const line = DRILL_LINES.find((l) => l === raw.line);
  if (!line)
    throw new WorthError(
      'input',
      { path: 'line' },
      (raw.line ?? '').slice(0, 40),
      `one of ${DRILL_LINES.join(', ')}, or a cost line cost_<activity>`,
      undefined,
      notValidText((raw.line ?? '').slice(0, 40), {
        key: 'expectedDrillLine',
        vars: { values: DRILL_LINES.join(', ') },
      }),
    );
  return { line, page: parseDrillPage(raw.page) };
}

/** A drill's `page` (default 1): a whole number from 1 to 1,000,000, else a `WorthError` naming it (every drill's one check). */
export function parseDrillPage(raw: string | undefined): number {
  const page = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000)
    throw new WorthError(
      'input',
      { path: 'page' },
      (raw ?? '').slice(0, 40),
      'a whole number from 1 to 1000000',
      undefined,
      notValidText((raw ?? '').slice(0, 40), { key: 'expectedPage', vars: { max: '1000000' } }),
    );
  return page;
}

/**
 * Whether the engine's workspace has analyze's order lines sorted for the drill (a workspace
 * analysed before they were written reads the order lines as loaded). Asked once per engine:
 * a reader's engine sees one finished run.
 */
const sortedLines = new WeakMap<Engine, Promise<boolean>>();

function hasSortedLines(engine: Engine): Promise<boolean> {
  let known = sortedLines.get(engine);
  if (!known) {
    known = engine.tableExists(DRILL_LINES_TABLE);
    sortedLines.set(engine, known);
  }
  return known;
}

/**
 * Which source rows a drill reads: the FROM and WHERE of the order lines (`lines`), and a WHERE
 * condition on returns and rebates given the row's date column (`where`). A customer's drill
 * reads one customer; a segment's reads every customer of the segment (`segmentDrill.ts`).
 */
export interface DrillScope {
  lines: string;
  where: (dateColumn: string) => string;
}

/** A sales line of the waterfall, or the net sales they add up to (deductions negative). */
export type SourceLine = DrillLine | 'net_sales';

/**
 * The SELECT of one bar's source rows in `scope` (columns customer_id, file, line, tbl,
 * reference, ref, ref_line, date, amount, estimated). Net sales are the order lines' gross less
 * discount, less the returns credited and the rebates (those two negative).
 */
export function drillRowsSql(line: SourceLine, d: Dialect, scope: DrillScope): string {
  const cols = (
    tbl: string,
    reference: string,
    ref: [string, string],
    date: string,
    amount: string,
    estimated: string,
  ) =>
    `SELECT customer_id, _source AS file, _line AS line, '${tbl}' AS tbl, ${reference} AS reference, CAST(${ref[0]} AS VARCHAR) AS ref, ${ref[1]} AS ref_line, ` +
    `CAST(${date} AS VARCHAR) AS date, CAST(${amount} AS ${d.decimalType(18, 2)}) AS amount, ${estimated} AS estimated`;
  const orderRef = "'order ' || order_id || ' line ' || CAST(line_no AS VARCHAR)";
  const none = 'CAST(NULL AS BIGINT)';
  const lines = (amount: string, estimated = 'FALSE') =>
    `${cols('order_lines', orderRef, ['order_id', 'CAST(line_no AS BIGINT)'], 'order_date', amount, estimated)} ${scope.lines}`;
  const returns = (amount: string, estimated = 'FALSE') =>
    `${cols('returns', "'return ' || return_id", ['return_id', none], 'return_date', amount, estimated)} FROM returns WHERE ${scope.where('return_date')}`;
  const rebates = (amount: string) =>
    `${cols('rebates', "'rebate ' || CAST(period_end AS VARCHAR)", ['period_end', none], 'period_end', amount, 'FALSE')} FROM rebates WHERE ${scope.where('period_end')}`;
  switch (line) {
    case 'gross_sales':
      return lines('gross_amount');
    case 'discounts':
      return `${lines('coalesce(discount_amount, 0)')} AND coalesce(discount_amount, 0) <> 0`;
    case 'returns':
      return returns('credited_amount');
    case 'rebates':
      return rebates('amount');
    case 'cogs':
      return (
        `${lines('coalesce(cogs_amount, 0)', 'coalesce(cogs_estimated, FALSE)')} UNION ALL ` +
        `${returns('-coalesce(cogs_recovered, 0)', 'coalesce(cogs_estimated, FALSE)')} AND coalesce(cogs_recovered, 0) <> 0`
      );
    case 'net_sales':
      return (
        `${lines('gross_amount - coalesce(discount_amount, 0)')} UNION ALL ` +
        `${returns('-credited_amount')} UNION ALL ${rebates('-amount')}`
      );
    default:
      return unreachable(line, 'drill line');
  }
}

/** The scope of one customer (`$1`): order lines from the sorted copy when `sorted` (one row group by the id's hash), else a scan of the order lines as loaded. */
function customerScope(d: Dialect, sorted: boolean): DrillScope {
  return {
    lines: sorted
      ? `FROM ${d.quoteIdent(DRILL_LINES_TABLE)} WHERE ${d.quoteIdent(DRILL_HASH_COLUMN)} = ${d.hashOf(['$1'])} AND customer_id = $1`
      : 'FROM order_lines WHERE customer_id = $1',
    where: () => 'customer_id = $1',
  };
}

/** A row of a drill's page as the engine gives it, typed. */
export function drillRowOf(r: Row): DrillRow {
  return {
    file: String(r.file),
    line: Number(r.line),
    table: String(r.tbl) as DrillRow['table'],
    reference: String(r.reference),
    ref: String(r.ref),
    refLine: r.ref_line === null || r.ref_line === undefined ? null : Number(r.ref_line),
    date: String(r.date),
    amount: String(r.amount),
    estimated: r.estimated === true,
  };
}

/**
 * One page of the source rows behind `line` for a customer, or null when the customer is not in
 * the customer P&L; `known` says whether it is when the caller knows (a server's customer table in
 * memory), else the database is asked when the bar has no rows.
 */
export async function readDrill(
  engine: Engine,
  customerId: string,
  line: DrillLine,
  page: number,
  known?: boolean,
): Promise<Drill | null> {
  if (known === false) return null;
  const d = engine.dialect;
  const sql = drillRowsSql(line, d, customerScope(d, await hasSortedLines(engine)));
  // One query for the page and, beside each of its rows, the count and total over every row: one
  // round trip to the engine instead of two. With window aggregates the bar's rows are read once
  // (2-3x less CPU per drill at 1,000,000 customers than reading them twice, BENCHMARKS.md);
  // without, a second read of them joined to the page.
  const items = await engine.query(
    pageWithTotals(d, sql, 'amount', `ORDER BY r.date, r.file, r.line LIMIT ${DRILL_PAGE_SIZE} OFFSET $2`),
    [customerId, (page - 1) * DRILL_PAGE_SIZE],
  );
  let sum: { n: number; total: string };
  if (items.length) sum = { n: Number(items[0]!.rows_all), total: String(items[0]!.total_all) };
  else if (page === 1) sum = { n: 0, total: '0.00' };
  else {
    // A page past the last: the count and total asked apart.
    const [r] = await engine.query(
      `SELECT count(*) AS n, CAST(coalesce(sum(amount), 0) AS VARCHAR) AS total FROM (${sql}) r`,
      [customerId],
    );
    sum = { n: Number(r?.n ?? 0), total: String(r?.total ?? '0.00') };
  }
  // Only a bar without rows needs the second look: a known customer with none, or no such customer.
  if (
    !sum.n &&
    known === undefined &&
    !(await engine.query('SELECT 1 AS ok FROM customer_pnl WHERE customer_id = $1', [customerId])).length
  )
    return null;
  return {
    customerId,
    line,
    total: sum.total,
    rows: sum.n,
    page,
    pageSize: DRILL_PAGE_SIZE,
    items: items.map(drillRowOf),
  };
}
