/**
 * Drill from a segment's total to its source rows: every order line, return and rebate of the
 * segment's customers behind one figure of the roll-up by segment (net sales, or one of the sales
 * lines and the cost of goods), each with its customer, file and physical line, 100 a page, and
 * their total, which is the roll-up's figure to the cent (the P&L sums the same rows). The other
 * global filters narrow it as they narrow the roll-up: channel and region select customers, a
 * period the rows dated in its months (sales, returns and rebates fall in the month of their own
 * date, as `pnl_monthly` puts them).
 */
import { WorthError, type MoneyString } from '../core/index.ts';
import {
  NamedBinder,
  pageWithTotals,
  type Engine,
  type NamedParams,
  type SqlValue,
} from '../warehouse/index.ts';
import {
  DRILL_LINES,
  DRILL_PAGE_SIZE,
  drillRowOf,
  drillRowsSql,
  parseDrillPage,
  type DrillRow,
  type SourceLine,
} from './drill.ts';
import { FILTER_ATTRIBUTES, parseFilters, type Filters } from './filters.ts';

/** The roll-up figures that drill to source rows: net sales and the lines that make it up, and the cost of goods. */
export const SEGMENT_DRILL_LINES = ['net_sales', ...DRILL_LINES] as const satisfies readonly SourceLine[];

/** One source row behind a segment's figure: a customer drill's row and whose it is. */
export interface SegmentDrillRow extends DrillRow {
  customerId: string;
}

/** One page of the rows behind a segment's figure, and the total over all of them. */
export interface SegmentDrill {
  /** The filters the figure is under; `segment` always set. */
  filters: Filters & { segment: string };
  line: SourceLine;
  /** Sum over every row (not just this page): the roll-up's figure. */
  total: MoneyString;
  rows: number;
  page: number;
  pageSize: number;
  items: SegmentDrillRow[];
}

/** A parsed segment drill request. */
export interface SegmentDrillRequest {
  filters: Filters & { segment: string };
  line: SourceLine;
  page: number;
}

/** Parses `segment` (required), the other global filters, `line` and `page`; a bad value is a `WorthError` naming it. */
export function parseSegmentDrillRequest(raw: Record<string, string | undefined>): SegmentDrillRequest {
  const filters = parseFilters(raw);
  const segment = filters.segment;
  if (segment === undefined)
    throw new WorthError('input', { path: 'segment' }, raw.segment ?? '', 'a segment', undefined, {
      key: 'segmentDrillNoSegment',
    });
  const line = SEGMENT_DRILL_LINES.find((l) => l === (raw.line ?? 'net_sales'));
  if (!line)
    throw new WorthError(
      'input',
      { path: 'line' },
      (raw.line ?? '').slice(0, 40),
      `one of ${SEGMENT_DRILL_LINES.join(', ')}`,
      undefined,
      {
        key: 'segmentDrillLine',
        vars: { value: (raw.line ?? '').slice(0, 40), lines: SEGMENT_DRILL_LINES.join(', ') },
      },
    );
  return { filters: { ...filters, segment }, line, page: parseDrillPage(raw.page) };
}

/** The SELECT of the request's rows and its bound parameters (the attributes, then the months). */
function scopedSql(engine: Engine, request: SegmentDrillRequest): { sql: string; params: NamedParams } {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const f = request.filters;
  const binder = new NamedBinder('s');
  const bind = (v: SqlValue) => binder.bind(v);
  // The roll-up's customers: those of the customer P&L whose attributes match.
  const attributes = FILTER_ATTRIBUTES.flatMap((a) => {
    const v = f[a];
    return v === undefined ? [] : [`c.${q(a)} = ${bind(v)}`];
  });
  const customers =
    `customer_id IN (SELECT p.customer_id FROM customer_pnl p JOIN customers c ON c.customer_id = p.customer_id ` +
    `WHERE ${attributes.join(' AND ')})`;
  // A period: the rows dated in its months, compared as pnl_monthly's months are (first days as text).
  const from = f.from === undefined ? null : bind(`${f.from}-01`);
  const to = f.to === undefined ? null : bind(`${f.to}-01`);
  const where = (date: string) =>
    [
      customers,
      ...(from ? [`CAST(${d.monthStart(date)} AS VARCHAR) >= ${from}`] : []),
      ...(to ? [`CAST(${d.monthStart(date)} AS VARCHAR) <= ${to}`] : []),
    ].join(' AND ');
  const sql = drillRowsSql(request.line, d, {
    lines: `FROM order_lines WHERE ${where('order_date')}`,
    where,
  });
  return { sql, params: binder.values };
}

/** The request's customers must have segments: otherwise a `WorthError` naming the segment asked. */
async function checkSegments(engine: Engine, request: SegmentDrillRequest): Promise<void> {
  if (!(await engine.columns('customers')).includes('segment'))
    throw new WorthError(
      'input',
      { path: 'segment' },
      request.filters.segment.slice(0, 40),
      'an attribute the customers have',
      undefined,
      {
        key: 'filterNoAttribute',
        vars: { key: 'segment', value: request.filters.segment.slice(0, 40) },
      },
    );
}

/** The count and total of a segment's rows (every page's): the roll-up's figure. */
export interface SegmentDrillSum {
  rows: number;
  total: MoneyString;
}

/**
 * One page of the request's rows, by date, file and line (customer and table on ties), with the
 * count and total over every row (every page's): the segment's figure. `known`, the count and
 * total kept from an earlier page, spares their reading.
 */
export async function readSegmentDrill(
  engine: Engine,
  request: SegmentDrillRequest,
  known?: SegmentDrillSum,
): Promise<SegmentDrillSum & { items: SegmentDrillRow[] }> {
  await checkSegments(engine, request);
  const d = engine.dialect;
  const { sql, params } = scopedSql(engine, request);
  const order = `ORDER BY r.date, r.file, r.line, r.customer_id, r.tbl LIMIT ${DRILL_PAGE_SIZE} OFFSET $page_offset`;
  // One query for the page and, beside each of its rows, the count and total over every row. With
  // window aggregates the segment's rows are read once (a period's first page 1.7-2.1x less CPU at
  // 1,000,000 customers, the whole period's 0.9-1.05x: its rows cheap to read, many to hold;
  // BENCHMARKS.md); without, a second read of them joined to the page (as the customer drill).
  const rows = await engine.query(
    known ? `SELECT r.* FROM (${sql}) r ${order}` : pageWithTotals(d, sql, 'amount', order),
    { ...params, page_offset: (request.page - 1) * DRILL_PAGE_SIZE },
  );
  const items = rows.map((r) => ({ ...drillRowOf(r), customerId: String(r.customer_id) }));
  if (known) return { ...known, items };
  if (rows.length) return { rows: Number(rows[0]!.rows_all), total: String(rows[0]!.total_all), items };
  if (request.page === 1) return { rows: 0, total: '0.00', items };
  // A page past the last: the count and total asked apart.
  const [sum] = await engine.query(
    `SELECT count(*) AS n, CAST(coalesce(sum(amount), 0) AS VARCHAR) AS total FROM (${sql}) r`,
    params,
  );
  return { rows: Number(sum?.n ?? 0), total: String(sum?.total ?? '0.00'), items };
}
