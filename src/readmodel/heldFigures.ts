/**
 * Every customer's figures held in memory for the global filters that need them one customer at
 * a time: a period (each customer's months in it summed) and the deciles (customers ranked by
 * contribution). Per customer, in the filter cube's order (contribution descending, ties by id):
 * its year figures and its months of `pnl_monthly` (compressed rows: a customer's months are one
 * run of rows), every {@link MONTHLY_COLUMNS} in integer cents. Sums run in doubles, which are
 * exact for integers below 2^53: the load refuses figures whose absolute values add up beyond
 * that, so every partial sum is exact, and the answers equal the SQL reads' to the cent.
 */
import { MONTHLY_COLUMNS } from '../profit/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Cents of one column for every row: 32-bit where every value fits, else doubles. */
type Cents = Int32Array | Float64Array;

/** The held figures of one generation (see the file's comment). */
export interface HeldFigures {
  /** Customers, in the cube's order. */
  readonly customers: number;
  /** Each customer's rank by id (0-based, the engine's order of `customer_id`). */
  readonly idRank: Uint32Array;
  /** Each customer's year figures (`customer_pnl`), one array per {@link MONTHLY_COLUMNS}. */
  readonly year: Cents[];
  /** The months of `pnl_monthly` as the engine writes them (yyyy-mm-dd), ascending. */
  readonly monthNames: string[];
  /** Customer k's months are rows `start[k]` to `start[k + 1] - 1`. */
  readonly start: Uint32Array;
  /** Each row's month, an index into {@link monthNames}. */
  readonly month: Uint16Array;
  /** Each row's money, one array per {@link MONTHLY_COLUMNS}. */
  readonly money: Cents[];
}

/** The order of the cube's customers: contribution descending, ties by id (SQL's deciles' order). */
export const CUBE_ORDER = 'contribution DESC, customer_id';

/** Cents arrays that start 32-bit and turn into doubles when a value does not fit. */
class CentsColumns {
  readonly cols: Cents[];
  /** Sum of absolute values per column (the exactness bound). */
  readonly abs: number[];
  constructor(size: number) {
    this.cols = MONTHLY_COLUMNS.map(() => new Int32Array(size));
    this.abs = MONTHLY_COLUMNS.map(() => 0);
  }
  set(c: number, at: number, v: number): void {
    let col = this.cols[c]!;
    if (col instanceof Int32Array && (v > 2_147_483_647 || v < -2_147_483_648)) {
      col = Float64Array.from(col);
      this.cols[c] = col;
    }
    col[at] = v;
    this.abs[c]! += Math.abs(v);
  }
  /** Whether every sum over these rows is exact in a double. */
  exact(): boolean {
    return this.abs.every((a) => a < Number.MAX_SAFE_INTEGER);
  }
}

/**
 * Reads the held figures (customers in the order `CUBE_ORDER` of `customer_pnl`), or null when
 * they cannot be held exactly: no months stored, a value that is not whole cents, more than
 * 65,535 months, or figures beyond 2^53 cents.
 */
export async function loadHeldFigures(engine: Engine): Promise<HeldFigures | null> {
  if (!(await engine.tableExists('pnl_monthly'))) return null;
  const q = engine.dialect.quoteIdent;
  const cents = (e: string) => `CAST(${e} * 100 AS DOUBLE)`;
  let ok = true;
  const whole = (v: number) => {
    if (!Number.isSafeInteger(v)) ok = false;
    return v;
  };
  const [count] = await engine.query('SELECT count(*) AS n FROM customer_pnl');
  const customers = Number(count?.n ?? 0);
  const idRank = new Uint32Array(customers);
  const year = new CentsColumns(customers);
  let k = 0;
  await engine.streamColumns(
    `SELECT CAST(row_number() OVER (ORDER BY customer_id) - 1 AS DOUBLE) AS id_rank, ` +
      `${MONTHLY_COLUMNS.map((c) => `${cents(`coalesce(${q(c)}, 0)`)} AS ${q(c)}`).join(', ')} ` +
      `FROM customer_pnl ORDER BY ${CUBE_ORDER}`,
    (columns, rows) => {
      const ranks = columns[0] as Float64Array;
      for (let r = 0; r < rows; r++, k++) {
        idRank[k] = ranks[r]!;
        for (let c = 0; c < MONTHLY_COLUMNS.length; c++)
          year.set(c, k, whole((columns[c + 1] as Float64Array)[r]!));
      }
    },
  );
  const monthNames = (
    await engine.query('SELECT DISTINCT CAST(month AS VARCHAR) AS month FROM pnl_monthly ORDER BY month')
  ).map((r) => String(r.month));
  if (monthNames.length > 65_535) return null;
  const from =
    `FROM pnl_monthly m JOIN (SELECT customer_id, row_number() OVER (ORDER BY ${CUBE_ORDER}) - 1 AS pos FROM customer_pnl) o ON o.customer_id = m.customer_id ` +
    `JOIN (SELECT month, row_number() OVER (ORDER BY month) - 1 AS code FROM (SELECT DISTINCT month FROM pnl_monthly) d) mm ON mm.month = m.month`;
  const [rowCount] = await engine.query(`SELECT count(*) AS n ${from}`);
  const size = Number(rowCount?.n ?? 0);
  const start = new Uint32Array(customers + 1);
  const month = new Uint16Array(size);
  const money = new CentsColumns(size);
  let row = 0;
  let next = 0; // the next customer whose run has not started
  await engine.streamColumns(
    `SELECT CAST(o.pos AS DOUBLE) AS pos, CAST(mm.code AS DOUBLE) AS code, ` +
      `${MONTHLY_COLUMNS.map((c) => `${cents(`coalesce(m.${q(c)}, 0)`)} AS ${q(c)}`).join(', ')} ${from} ORDER BY o.pos, mm.code`,
    (columns, rows) => {
      const pos = columns[0] as Float64Array;
      const code = columns[1] as Float64Array;
      for (let r = 0; r < rows; r++, row++) {
        const p = pos[r]!;
        while (next <= p) start[next++] = row;
        month[row] = code[r]!;
        for (let c = 0; c < MONTHLY_COLUMNS.length; c++)
          money.set(c, row, whole((columns[c + 2] as Float64Array)[r]!));
      }
    },
  );
  while (next <= customers) start[next++] = row;
  if (!ok || row !== size || k !== customers || !year.exact() || !money.exact()) return null;
  return { customers, idRank, year: year.cols, monthNames, start, month, money: money.cols };
}

/** The month indexes of a period (`YYYY-MM` bounds, either open), inclusive; from > to when none. */
export function monthRange(held: HeldFigures, from?: string, to?: string): [number, number] {
  const names = held.monthNames;
  let a = 0;
  if (from !== undefined) while (a < names.length && names[a]! < `${from}-01`) a++;
  let b = names.length - 1;
  if (to !== undefined) while (b >= 0 && names[b]! > `${to}-01`) b--;
  return [a, b];
}
