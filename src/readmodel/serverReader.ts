/**
 * The read model over a server engine (ClickHouse, issue 16): `worth serve` on a workspace whose
 * results live on a server. The per-customer results and the aggregates a finished run stored
 * there (the customer P&L, its analyses, the lifetime values, the roll-ups, the lines cube) are
 * read once per generation into an embedded DuckDB in this process, and every read of the
 * dashboard runs there, with the same SQL as on a DuckDB workspace: the answers are the same
 * JSON by construction, and the SQL the dashboard needs (window functions, several joins, row
 * numbers) need not run on ClickHouse 18.16. The order lines never come here: the reads that
 * need them (the drill to source lines) read one customer's rows from the server when asked
 * (see `customerScope.ts`), and the reads over all order lines are not on this engine yet.
 *
 * Why a copy rather than each loader's SQL behind the dialect: the reader holds the customer
 * table and pages in memory anyway (about 200 bytes a customer, more with the pages), so the
 * per-customer results are in this process either way; one copy keeps a single set of reads
 * to test and keeps the served answers exactly DuckDB's.
 */
import path from 'node:path';
import { TABLE_NAMES, WorthError } from '../core/index.ts';
import { hasDatabase } from '../ingest/index.ts';
import {
  copyTable,
  GENERATION_TABLE,
  openEngine,
  openWorkspaceDatabase,
  readGeneration,
  type Engine,
} from '../warehouse/index.ts';
import { ORDER_HISTORY_TABLE } from './customerDetail.ts';
import { SerialQueue } from './serialQueue.ts';
import { READ_CONNECTIONS, WorkspaceReader } from './workspaceReader.ts';

/**
 * The tables a finished run stores on the server that the dashboard reads, each per customer
 * (or per customer and activity, month) or an aggregate: never the order lines.
 */
export const SERVED_TABLES = [
  GENERATION_TABLE,
  'customers',
  'customer_pnl',
  'analysis_summary',
  'whale_curve',
  'deciles',
  'rollup_customer_attribute',
  'rollup_product_group',
  'rollup_order_channel',
  'lines_cube',
  'profitability_matrix',
  'profitability_matrix_summary',
  'voice_of_customer',
  'voice_of_customer_summary',
  'loss_explanations',
  'segment_medians',
  'activity_summary',
  'activity_usage',
  'feedback',
  'service_contacts',
  'pnl_monthly',
  'pnl_monthly_segment',
  'cohort_monthly',
  'customer_clv',
  'clv_summary',
  'clv_segments',
  'clv_model_choice',
  'clv_fit',
  'clv_diagnostics',
] as const;

/**
 * What `worth ingest` keeps in the workspace's own database beside the load it sends to the
 * server (the reconciliation and the rejects: the data-quality page), read from there.
 */
export const INGEST_TABLES = [
  'reconciliation',
  'reconciliation_amounts',
  'ingest_sources',
  'ingest_reject_reasons',
  'ingest_exclusions',
  'rejects',
] as const;

/** Tries at reading one generation whole before giving up (a run published while it was being read starts it again). */
const TRIES = 3;

/**
 * Reads the served tables of `source` (a server engine, left open: the reader closes it) into
 * an embedded database and opens a reader over it; the workspace's own database in `dir` (if
 * any) gives the ingest tables. A run published meanwhile (the generation changed while the
 * tables were read) is read again, so a reader never mixes two runs.
 */
export async function openServerReader(source: Engine, dir: string): Promise<WorkspaceReader> {
  for (let attempt = 1; ; attempt++) {
    const before = await readGeneration(source);
    const copy = await openEngine();
    try {
      for (const table of SERVED_TABLES) if (table !== GENERATION_TABLE) await copyTable(source, copy, table);
      await copyIngestTables(dir, copy);
      await copyOrderHistory(source, copy);
      // The generation last: the one whose tables were read (checked unchanged below).
      await copyTable(source, copy, GENERATION_TABLE);
      if ((await readGeneration(source)) !== before) {
        if (attempt < TRIES) {
          await copy.close();
          continue;
        }
        throw new Error(`the server's results changed ${TRIES} times while being read`);
      }
      const reader = await WorkspaceReader.fromEngine(copy, READ_CONNECTIONS);
      reader.workspaceDir = path.resolve(dir);
      reader.attachServer(source);
      return reader;
    } catch (e) {
      await copy.close().catch(() => {});
      throw e;
    }
  }
}

/**
 * The customer page's order history where the run has no `pnl_monthly` to read it from (not
 * written on ClickHouse 18.16 yet): orders (counted once per order and date, as `pnl_monthly`
 * counts them) and sales (gross less discount) per customer and month, summed on the server;
 * one row per customer and month comes here.
 */
async function copyOrderHistory(source: Engine, copy: Engine): Promise<void> {
  if ((await source.tableExists('pnl_monthly')) || !(await source.tableExists('order_lines'))) return;
  const d = source.dialect;
  const month = d.monthStart('order_date');
  const money = d.decimalType(18, 2);
  const rows = await source.query(
    `SELECT customer_id, ${month} AS month, CAST(sum(orders) AS BIGINT) AS orders, CAST(sum(sales) AS ${money}) AS sales FROM ` +
      `(SELECT customer_id, order_date, ${d.countDistinct(['order_id'])} AS orders, sum(gross_amount - coalesce(discount_amount, 0)) AS sales ` +
      `FROM order_lines WHERE customer_id IS NOT NULL GROUP BY customer_id, order_date) o GROUP BY customer_id, ${d.groupKey(month, 'month')}`,
  );
  const q = copy.dialect.quoteIdent;
  await copy.run(
    `CREATE TABLE ${q(ORDER_HISTORY_TABLE)} (customer_id VARCHAR, month DATE, orders BIGINT, sales ${copy.dialect.decimalType(18, 2)})`,
  );
  const text = (k: string) => rows.map((r) => (r[k] === null || r[k] === undefined ? null : String(r[k])));
  await copy.appendColumns(ORDER_HISTORY_TABLE, [
    text('customer_id'),
    text('month'),
    text('orders'),
    text('sales'),
  ]);
}

async function copyIngestTables(dir: string, copy: Engine): Promise<void> {
  if (!hasDatabase(dir)) return;
  const local = await openWorkspaceDatabase(dir, 'read');
  try {
    for (const table of INGEST_TABLES) await copyTable(local, copy, table);
  } finally {
    await local.close();
  }
}

/**
 * The reads of the monthly P&L (trends, cohorts, a period filter) on a server engine's results
 * without it (`worth analyze` does not write it on ClickHouse 18.16 yet: window functions) are
 * not available there yet: said so in one sentence rather than "run `worth analyze` again".
 */
export function needServerMonths(reader: WorkspaceReader): void {
  if (reader.serverEngine && !reader.hasMonths) throw notOnServerYet(MONTHS);
}

/** What {@link needServerMonths} says is not available (a name the dashboard's pages use in both languages). */
const MONTHS = 'pnl_monthly (trend, cohorts, period filters)';

/** A read that does not run on a server engine yet, said in one sentence (HTTP 409: the workspace's engine). */
export function notOnServerYet(what: string): WorthError {
  return new WorthError('workspace', {}, undefined, 'a workspace on DuckDB', undefined, {
    key: 'serveNotOnEngineYet',
    vars: { what },
  });
}

/** One statement at a time per server engine: its HTTP session refuses a second one while the first runs. */
const serverQueues = new WeakMap<Engine, SerialQueue>();

function serverQueue(engine: Engine): SerialQueue {
  let queue = serverQueues.get(engine);
  if (!queue) serverQueues.set(engine, (queue = new SerialQueue()));
  return queue;
}

/** Per customer and activity results a customer's drills read beside its source rows. */
const CUSTOMER_RESULTS = ['customer_pnl', 'activity_usage'] as const;
/** Small aggregates a customer's drills read whole (the cost drill: each activity's pool and capacity). */
const DRILL_AGGREGATES = ['activity_summary'] as const;

/**
 * Runs a read of one customer's source rows (the drill to source lines, the cost drill, the
 * customer's product margin): on a workspace's own database as every other read; on a server
 * engine's results, on an embedded database holding only that customer's rows, read from the
 * server by customer (`customer_id = $1` on every canonical table) beside its rows of the
 * per-customer results and the activities' pools, so the read's SQL and answer are DuckDB's and only that customer's
 * rows travel.
 */
export async function readOneCustomer<T>(
  reader: WorkspaceReader,
  customerId: string,
  fn: (engine: Engine) => Promise<T>,
): Promise<T> {
  const server = reader.serverEngine;
  if (!server) return reader.read(fn);
  const scope = await openEngine();
  try {
    const where = { where: 'customer_id = $1', params: [customerId] };
    await serverQueue(server).run(async () => {
      for (const table of TABLE_NAMES)
        if ((await server.columns(table)).includes('customer_id'))
          await copyTable(server, scope, table, where);
    });
    await reader.read(async (engine) => {
      for (const table of CUSTOMER_RESULTS) await copyTable(engine, scope, table, where);
      for (const table of DRILL_AGGREGATES) await copyTable(engine, scope, table);
    });
    return await fn(scope);
  } finally {
    await scope.close();
  }
}

/**
 * Runs a read over the whole of the source rows (a segment's drill, a product group's
 * customers): on a server engine's results it runs there, one at a time, its SQL in the
 * engine's dialect, and only its answer (a page, per-customer sums) comes back.
 */
export function readOnServer<T>(reader: WorkspaceReader, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const server = reader.serverEngine;
  if (!server) return reader.read(fn);
  return serverQueue(server).run(() => fn(server));
}
