/**
 * Read-only access to an analysed workspace: the database opened read-only, one query at a
 * time, and every read the API, the dashboard and the report need. The data cannot change
 * while it is open, so the summary and the whale curve are kept, the customer table is held
 * in memory (built at open, see customerTable.ts) and its last 256 pages asked for are kept
 * (a page takes ~0.1 ms to make from memory; thousands of held page objects cost garbage collection).
 */
import path from 'node:path';
import { WorthError } from '../core/index.ts';
import { DATABASE_FILE, hasDatabase } from '../ingest/index.ts';
import { readAnalysisSummary, type AnalysisResult } from '../profit/index.ts';
import { openWorkspaceDatabase, readGeneration, type Engine, type Row } from '../warehouse/index.ts';
import {
  customerDetail,
  ORDER_HISTORY_TABLE,
  pageParts,
  type CustomerDetail,
  type PagePart,
  type PartKey,
} from './customerDetail.ts';
import { loadCustomerIndex } from './customerIndex.ts';
import { CustomerPages } from './customerPages.ts';
import { NotHeld } from './pointTable.ts';
import { CustomerTable, type CustomerPage } from './customerTable.ts';
import type { CustomersQuery } from './customersQuery.ts';
import { notAnalysed, notInPnl, workspaceLacks } from './readErrors.ts';
import { LruCache } from './lruCache.ts';
import { SerialQueue } from './serialQueue.ts';

/** One point of the whale curve: shares as fractions (x of customers, y of total contribution). */
export interface WhalePoint {
  customerShare: number;
  contributionShare: number;
}

/** Connections a server's reader opens to its database: reads (customer pages, CLV, scenario baselines) run in parallel on them. */
export const READ_CONNECTIONS = 4;

const OPTIONAL_CUSTOMER_COLUMNS = ['name', 'segment', 'channel', 'region', 'acquired_on'];

/** Reads an analysed workspace for the API and the report. Close it when done. */
export class WorkspaceReader {
  /** Connections to the database, each with its queue; a read goes to the one with the least work waiting. */
  private readonly lanes: { engine: Engine; queue: SerialQueue; waiting: number }[];
  private summaryCache: AnalysisResult | null = null;
  private readonly overviewCache = new Map<number, string>();
  private readonly whaleCache = new Map<number, WhalePoint[]>();
  private customerTable: CustomerTable | null = null;
  /** The customer page's parts (what each per-customer read selects), set when the workspace is analysed. */
  private parts: Record<PartKey, PagePart> | null = null;
  /** The customer pages held in memory, once {@link holdPages} has finished. */
  private customerPages: CustomerPages | null = null;
  private holding: Promise<CustomerPages | null> | null = null;
  private holdingDone = false;
  private readonly pages = new LruCache<string>(256);
  private readonly tableCache = new LruCache<Promise<Row[]>>(64);
  /** The workspace folder (absolute; set by {@link WorkspaceReader.open}, null for a reader made from an engine). */
  workspaceDir: string | null = null;
  /** The generation of the database it reads (a count of published runs; 0 before generations were stored). */
  generation = 0;
  /** The server engine the results were read from (`serverReader.ts`), for the reads of one customer's source rows; null on DuckDB. */
  private server: Engine | null = null;

  private constructor(
    engines: Engine[],
    private readonly tables: ReadonlySet<string>,
  ) {
    this.lanes = engines.map((engine) => ({ engine, queue: new SerialQueue(), waiting: 0 }));
  }

  /** Opens DIR/worth.duckdb read-only; a `workspace` WorthError when it is missing. */
  static async open(workspaceDir: string): Promise<WorkspaceReader> {
    const dir = path.resolve(workspaceDir);
    if (!hasDatabase(dir))
      throw workspaceLacks(
        `${dir} has no ${DATABASE_FILE} yet (run \`worth ingest\` and \`worth analyze\` first)`,
        { key: 'noDatabaseYet', vars: { dir, file: DATABASE_FILE } },
      );
    const engine = await openWorkspaceDatabase(dir, 'read');
    // Building the customer table passes ~1 GB through the database's allocator once; with background threads it hands the memory back
    // to the system (measured at 1,000,000 customers: ~0.4 GB resident 3 s after the build instead of ~0.7 GB).
    await engine.run('SET allocator_background_threads = true');
    const reader = await WorkspaceReader.fromEngine(engine, READ_CONNECTIONS);
    reader.workspaceDir = dir;
    return reader;
  }

  /** Wraps an open engine (tests use an in-memory database), with `connections` connections to it (default 1). */
  static async fromEngine(engine: Engine, connections = 1): Promise<WorkspaceReader> {
    const names = [
      'customers',
      'customer_pnl',
      'whale_curve',
      'deciles',
      'rollup_customer_attribute',
      'rollup_product_group',
      'rollup_order_channel',
      'profitability_matrix',
      'profitability_matrix_summary',
      'voice_of_customer',
      'voice_of_customer_summary',
      'loss_explanations',
      'segment_medians',
      'activity_summary',
      'feedback',
      'service_contacts',
      'order_lines',
      'customer_clv',
      'pnl_monthly',
      ORDER_HISTORY_TABLE,
    ];
    const tables = new Set<string>();
    for (const t of names) if (await engine.tableExists(t)) tables.add(t);
    const cols = tables.has('customers') ? await engine.columns('customers') : [];
    const has = new Set(OPTIONAL_CUSTOMER_COLUMNS.filter((c) => cols.includes(c)));
    const engines = [engine];
    while (engines.length < connections) engines.push(await engine.connect());
    const reader = new WorkspaceReader(engines, tables);
    reader.generation = await readGeneration(engine);
    if (tables.has('customer_pnl')) {
      reader.customerTable = new CustomerTable(await loadCustomerIndex(engine, has, tables));
      reader.parts = pageParts(
        engine,
        await engine.columns('customer_pnl'),
        has,
        tables.has('customer_clv') ? await engine.columns('customer_clv') : [],
        tables.has('pnl_monthly') ? await engine.columns('pnl_monthly') : [],
        tables.has(ORDER_HISTORY_TABLE) ? ORDER_HISTORY_TABLE : undefined,
      );
    }
    return reader;
  }

  /**
   * Reads every part of the customer page into memory (on one connection, beside other reads),
   * after which a customer's page and months are answered without the database. Resolves with
   * the pages, or null when the workspace is not analysed or a part cannot be held exactly
   * (the reason goes to `onSkip`; the pages are then read from the database, as before).
   */
  holdPages(onSkip: (reason: string) => void = () => {}): Promise<CustomerPages | null> {
    this.holding ??= (async () => {
      const table = this.customerTable;
      const parts = this.parts;
      if (!table || !parts) return null;
      try {
        this.customerPages = await this.onLane((engine) =>
          CustomerPages.load(engine, parts, this.tables, (id) => table.positionOf(id)),
        );
      } catch (e) {
        // A column it cannot hold exactly is said as such; anything else (a closed reader, memory) without engine text.
        onSkip(e instanceof NotHeld ? e.message : 'they could not be read into memory');
      }
      this.holdingDone = true;
      return this.customerPages;
    })();
    return this.holding;
  }

  /** Whether the workspace has been analysed (it has the customer P&L). */
  get analysed(): boolean {
    return this.tables.has('customer_pnl');
  }

  /** Whether the run stored the monthly P&L (`pnl_monthly`: trends, cohorts, a period filter). */
  get hasMonths(): boolean {
    return this.tables.has('pnl_monthly');
  }

  /** Whether the workspace has lifetime values (`worth clv` ran on this analysis). */
  get valued(): boolean {
    return this.tables.has('customer_clv');
  }

  /** The stored result of `worth analyze` (the same figures `worth analyze --json` printed); a `workspace` WorthError when not analysed. */
  async summary(): Promise<AnalysisResult> {
    if (this.summaryCache) return this.summaryCache;
    return this.onLane(async (engine) => {
      this.summaryCache ??= await readAnalysisSummary(engine);
      if (!this.summaryCache) throw notAnalysed();
      return this.summaryCache;
    });
  }

  /** The overview (summary and whale curve) as the API sends it, kept as text per number of points: the same for every request on this generation. */
  async overviewJson(points: number): Promise<string> {
    const cached = this.overviewCache.get(points);
    if (cached !== undefined) return cached;
    const text = JSON.stringify({ summary: await this.summary(), whale: await this.whale(points) });
    if (this.overviewCache.size < 50) this.overviewCache.set(points, text);
    return text;
  }

  /** About `points` points of the whale curve, from (0, 0) to (1, 1). */
  async whale(points: number): Promise<WhalePoint[]> {
    const cached = this.whaleCache.get(points);
    if (cached) return cached;
    const n = (await this.summary()).customers;
    this.need('whale_curve');
    const step = Math.max(1, Math.ceil(n / Math.max(1, points - 1)));
    const rows = await this.onLane((engine) =>
      engine.query(
        'SELECT customer_share, contribution_share FROM whale_curve WHERE customer_rank % $1 = 0 OR customer_rank = $2 ORDER BY customer_rank',
        [step, n],
      ),
    );
    const curve = [
      { customerShare: 0, contributionShare: 0 },
      ...rows.map((r) => ({
        customerShare: Number(r.customer_share),
        contributionShare: Number(r.contribution_share ?? 0),
      })),
    ];
    if (this.whaleCache.size < 50) this.whaleCache.set(points, curve);
    return curve;
  }

  /** One page of the customer table (computed in memory, without the database). */
  async customers(q: CustomersQuery): Promise<CustomerPage> {
    this.need('customer_pnl');
    return this.customerTable!.page(q);
  }

  /** The customer table held in memory (null before it is built), for the filtered list's page ({@link CustomerTable.filteredPage}). */
  heldCustomerTable(): CustomerTable | null {
    return this.customerTable;
  }

  /** {@link customers} as JSON text, what the API sends (the last pages asked for are kept as text). */
  async customersJson(q: CustomersQuery): Promise<string> {
    this.need('customer_pnl');
    const key = JSON.stringify([
      q.page,
      q.pageSize,
      q.sort,
      q.dir,
      q.q ?? null,
      q.segment ?? null,
      q.lossMaking ?? null,
      q.vocQuadrant ?? null,
      q.matrixQuadrant ?? null,
    ]);
    let page = this.pages.get(key);
    if (page === undefined) {
      page = this.customerTable!.pageJson(q);
      this.pages.set(key, page);
    }
    return page;
  }

  /** One customer's page. */
  async customer(customerId: string): Promise<CustomerDetail> {
    this.need('customer_pnl');
    if (this.customerPages) {
      const detail = await this.customerPages.detail(customerId);
      if (!detail) throw notInPnl(customerId);
      return detail;
    }
    return this.onLane((engine) => customerDetail(engine, this.parts!, this.tables, customerId));
  }

  /** Whether the customer pages are held in memory (see {@link holdPages}). */
  get pagesHeld(): boolean {
    return this.customerPages !== null;
  }

  /** Whether the customer pages are being read into memory now (started and not finished). */
  get pagesHolding(): boolean {
    return this.holding !== null && this.customerPages === null && !this.holdingDone;
  }

  /** Customers in the P&L (0 when not analysed). */
  get customerCount(): number {
    return this.customerTable?.size ?? 0;
  }

  /** Whether a customer is in the P&L, from the customer table in memory (undefined when it is not held: ask the database). */
  knowsCustomer(customerId: string): boolean | undefined {
    return this.customerTable ? this.customerTable.positionOf(customerId) >= 0 : undefined;
  }

  /** One customer's rows of `pnl_monthly` from memory (null: not in the P&L), or undefined when they are not held: read them from the database. */
  heldMonths(customerId: string): Row[] | null | undefined {
    return this.customerPages?.hasMonths ? this.customerPages.months(customerId) : undefined;
  }

  /** A customer's position in the customer table (ascending id; -1: not in the P&L), or undefined when the table is not held. */
  customerPosition(customerId: string): number | undefined {
    return this.customerTable?.positionOf(customerId);
  }

  /** One customer's row of `customer_pnl` from memory (null: not in the P&L), or undefined when the pages are not held: read it from the database. */
  heldPnl(customerId: string): Row | null | undefined {
    return this.customerPages ? this.customerPages.pnl(customerId) : undefined;
  }

  /** The waterfall per decile of contribution (1 = most profitable). */
  deciles(): Promise<Row[]> {
    return this.table('deciles', 'SELECT * FROM deciles ORDER BY decile');
  }

  /** Customer attributes with a roll-up (segment, channel, region, ...). */
  async attributes(): Promise<string[]> {
    const rows = await this.table(
      'rollup_customer_attribute',
      'SELECT DISTINCT attribute FROM rollup_customer_attribute ORDER BY attribute',
    );
    return rows.map((r) => String(r.attribute));
  }

  /** The waterfall per value of one customer attribute; an `input` WorthError when the attribute has no roll-up. */
  async rollup(attribute: string): Promise<Row[]> {
    const known = await this.attributes();
    if (!known.includes(attribute))
      throw new WorthError(
        'input',
        {},
        attribute,
        `one of: ${known.join(', ')}`,
        `attribute: ${JSON.stringify(attribute)} has no roll-up (expected one of: ${known.join(', ')})`,
        { key: 'noRollup', vars: { value: JSON.stringify(attribute), known: known.join(', ') } },
      );
    return this.table(
      'rollup_customer_attribute',
      'SELECT * FROM rollup_customer_attribute WHERE attribute = $1 ORDER BY contribution DESC, value',
      [attribute],
    );
  }

  /** Invoiced sales and margin per product group and per order channel. */
  async lines(): Promise<{ productGroups: Row[]; channels: Row[] }> {
    return {
      productGroups: await this.table(
        'rollup_product_group',
        'SELECT * FROM rollup_product_group ORDER BY invoiced_margin DESC, product_group',
      ),
      channels: await this.table(
        'rollup_order_channel',
        'SELECT * FROM rollup_order_channel ORDER BY invoiced_margin DESC, channel',
      ),
    };
  }

  /** Customers and money per profitability-matrix quadrant. */
  matrix(): Promise<Row[]> {
    return this.table(
      'profitability_matrix_summary',
      'SELECT * FROM profitability_matrix_summary ORDER BY quadrant',
    );
  }

  /** Customers per voice-of-customer quadrant and segment. */
  voiceOfCustomer(): Promise<Row[]> {
    return this.table(
      'voice_of_customer_summary',
      'SELECT * FROM voice_of_customer_summary ORDER BY quadrant, segment',
    );
  }

  /** Per activity: pool, capacity, minutes used, rate, assigned, unattributed, unused. */
  activities(): Promise<Row[]> {
    return this.table('activity_summary', 'SELECT * FROM activity_summary ORDER BY position');
  }

  /** Keeps the server engine this reader's tables were read from (closed with the reader): see `serverReader.ts`. */
  attachServer(engine: Engine): void {
    this.server = engine;
  }

  /** The server engine the results were read from, or null when the workspace's own database is read (DuckDB). */
  get serverEngine(): Engine | null {
    return this.server;
  }

  /** Runs `fn` on the database in turn with every other read (the reads kept in other files: lifetime value, scenarios). */
  read<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    return this.onLane(fn);
  }

  /** Closes the database. */
  close(): Promise<void> {
    // Queued on every connection now, so a read asked for later fails instead of running; the
    // extra connections close first (each after its queued reads), then the database itself.
    const [first, ...rest] = this.lanes;
    const others = Promise.all(rest.map((l) => l.queue.run(() => l.engine.close())));
    const server = this.server;
    return first!.queue.run(async () => {
      await others;
      await first!.engine.close();
      await server?.close();
    });
  }

  private table(name: string, sql: string, params: string[] = []): Promise<Row[]> {
    this.need(name);
    // A generation never changes once published: the small analysis tables are read once and
    // then answered from memory, beside every other request instead of in the database's queue.
    const key = JSON.stringify([sql, params]);
    let rows = this.tableCache.get(key);
    if (!rows) {
      rows = this.onLane((engine) => engine.query(sql, params));
      this.tableCache.set(key, rows);
      rows.catch(() => this.tableCache.delete(key));
    }
    return rows;
  }

  private onLane<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    let lane = this.lanes[0]!;
    for (const l of this.lanes) if (l.waiting < lane.waiting) lane = l;
    lane.waiting++;
    return lane.queue
      .run(() => fn(lane.engine))
      .finally(() => {
        lane.waiting--;
      });
  }

  private need(table: string): void {
    if (this.tables.has(table)) return;
    // Before any analyze, every analysis table is missing: say so as the overview does, not by a table's name.
    if (!this.tables.has('customer_pnl')) throw notAnalysed();
    throw workspaceLacks(`the workspace has no ${table} table (run \`worth analyze\` first)`, {
      key: 'noTableYet',
      vars: { table },
    });
  }
}
