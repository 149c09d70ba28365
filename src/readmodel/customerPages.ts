/**
 * The customer page held in memory: every part of the page (customerDetail.ts) read once into a
 * {@link PointTable}, so a page or a customer's months cost array reads, not database queries.
 * Built in the background after the server opens a workspace (the pages are answered from the
 * database until it is ready); a part that cannot be held exactly leaves the whole page to the
 * database. Measured at 1,000,000 customers in BENCHMARKS.md (serve section).
 */
import type { Engine, Row } from '../warehouse/index.ts';
import { assembleDetail, type CustomerDetail, type PagePart, type PartKey } from './customerDetail.ts';
import { POSITIONS, PointTable } from './pointTable.ts';

/** Every part of the customer page, in memory, by customer position. */
export class CustomerPages {
  private constructor(
    private readonly parts: Map<PartKey, PointTable>,
    private readonly medians: Map<string, Row>,
    private readonly positionOf: (customerId: string) => number,
  ) {}

  /** Rows held over all parts (for figures). */
  get rowCount(): number {
    let n = 0;
    for (const t of this.parts.values()) n += t.rowCount;
    return n;
  }

  /** One customer's page, or null when the customer is not in the P&L. */
  detail(customerId: string): Promise<CustomerDetail | null> {
    const p = this.positionOf(customerId);
    if (p < 0) return Promise.resolve(null);
    return assembleDetail(
      (key) => this.parts.get(key)?.rowsAt(p) ?? [],
      (segment) => this.medians.get(segment) ?? null,
      customerId,
    );
  }

  /** One customer's rows of `pnl_monthly` (month as `YYYY-MM-DD`, money as decimal strings), or null when not in the P&L. */
  months(customerId: string): Row[] | null {
    const p = this.positionOf(customerId);
    if (p < 0) return null;
    return this.parts.get('months')?.rowsAt(p) ?? [];
  }

  /** One customer's row of `customer_pnl` (money as decimal strings), or null when not in the P&L. */
  pnl(customerId: string): Row | null {
    const p = this.positionOf(customerId);
    if (p < 0) return null;
    return this.parts.get('pnl')?.rowsAt(p)[0] ?? null;
  }

  /** Whether a customer's months are held (the workspace has `pnl_monthly`). */
  get hasMonths(): boolean {
    return this.parts.has('months');
  }

  /**
   * Reads every part present in `tables` into memory on `engine` (one connection: the
   * temporary tables live on it). `positionOf` maps a customer id to its position in
   * ascending customer-id order (-1: not in the P&L), as the customer table holds them.
   */
  static async load(
    engine: Engine,
    parts: Record<PartKey, PagePart>,
    tables: ReadonlySet<string>,
    positionOf: (customerId: string) => number,
  ): Promise<CustomerPages> {
    await engine.run(`DROP TABLE IF EXISTS ${POSITIONS}`);
    await engine.run(
      `CREATE TEMPORARY TABLE ${POSITIONS} AS SELECT customer_id, CAST(row_number() OVER (ORDER BY customer_id) - 1 AS INTEGER) AS pos FROM customer_pnl`,
    );
    try {
      const [count] = await engine.query(`SELECT count(*) AS n FROM ${POSITIONS}`);
      const size = Number(count?.n ?? 0);
      const held = new Map<PartKey, PointTable>();
      for (const [key, part] of Object.entries(parts) as [PartKey, PagePart][]) {
        if (!tables.has(part.table)) continue;
        // The latest N rows per customer: numbered in the part's order, the first N kept.
        const from = part.latest
          ? `(SELECT * FROM (SELECT ${part.alias}.*, row_number() OVER (PARTITION BY ${part.alias}.customer_id ORDER BY ${part.orderBy}) AS _n ` +
            `FROM ${part.from}) ${part.alias} WHERE _n <= ${part.latest}) ${part.alias}`
          : part.from;
        held.set(
          key,
          await PointTable.load(
            engine,
            { name: part.table, table: part.table, from, columns: part.columns, orderBy: part.orderBy },
            size,
          ),
        );
      }
      const medians = new Map<string, Row>();
      if (tables.has('segment_medians'))
        for (const r of await engine.query('SELECT * FROM segment_medians'))
          if (typeof r.segment === 'string') medians.set(r.segment, r);
      return new CustomerPages(held, medians, positionOf);
    } finally {
      await engine.run(`DROP TABLE IF EXISTS ${POSITIONS}`);
    }
  }
}
