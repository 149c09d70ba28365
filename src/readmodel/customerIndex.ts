/**
 * The customer table held in memory, built once when the server opens a workspace (the data
 * cannot change while it serves): every customer's shown columns in typed arrays, text as
 * UTF-8 buffers with offsets, segment and quadrants dictionary-coded, money as exact scaled
 * integers, and per sort key the order the database itself sorts in (so ties, missing values
 * and string collation are SQL's). A page is then a slice of an order and only its rows are
 * turned into objects. About 200 bytes per customer.
 */
import type { Engine } from '../warehouse/index.ts';
import { CUSTOMER_SORTS, type CustomerSort } from './customersQuery.ts';
import { TextSearch } from './textSearch.ts';

/** Text fields laid out row by row: field f of row i = `bytes[starts[k] .. starts[k + 1])` (UTF-8), k = i * fields + f. */
export interface TextColumns {
  bytes: Buffer;
  starts: Int32Array;
  fields: number;
}

/** A dictionary-coded text column: code 0 = missing, code c = `values[c - 1]`; the positions with code c (ascending) = `positions[starts[c] .. starts[c + 1])`. */
export interface CodedColumn {
  codes: Int32Array;
  values: string[];
  positions: Int32Array;
  starts: Int32Array;
}

/** Money as exact integers in units of 10^-scale (|value| < 2^53 units). */
export interface MoneyColumn {
  units: Float64Array;
  scale: number;
}

/** Every customer of the table, by position 0..size-1 (ascending customer id). */
export interface CustomerIndex {
  size: number;
  /** Field 0: customer id, field 1: name (empty when missing). */
  text: TextColumns;
  /** 1 where the name is missing. */
  nameMissing: Uint8Array;
  segment: CodedColumn;
  vocQuadrant: CodedColumn;
  matrixQuadrant: CodedColumn;
  /** Positions (ascending) with contribution < 0, and with contribution >= 0. */
  lossMakers: Int32Array;
  notLossMakers: Int32Array;
  netSales: MoneyColumn;
  grossMargin: MoneyColumn;
  costToServe: MoneyColumn;
  contribution: MoneyColumn;
  /** Per sort key: positions in descending order (missing values last, ties by customer id descending); ascending is the exact reverse. */
  order: Record<CustomerSort, Int32Array>;
  /** Per sort key: each position's index in `order` (its rank - 1). */
  rank: Record<CustomerSort, Int32Array>;
  /** Lower-cased id and name of each customer, for "contains" search. */
  search: TextSearch;
}

/** The temporary table the index is read from (dropped once read); stored in customer-id order, so a position is a rowid. */
const BASE = 'serve_customer_base';

const MONEY = {
  netSales: 'net_sales',
  grossMargin: 'gross_margin',
  costToServe: 'cost_to_serve',
  contribution: 'contribution',
} as const;

/**
 * Reads the customer table into memory: `has` = optional columns of `customers` present,
 * `tables` = analysis tables present. A few queries: one join into a temporary table in
 * customer-id order, the text of every customer as one aggregated string, the numbers as
 * columns, and the sort by name; money and coded columns are sorted here (integers).
 */
export async function loadCustomerIndex(
  engine: Engine,
  has: ReadonlySet<string>,
  tables: ReadonlySet<string>,
): Promise<CustomerIndex> {
  const id = engine.dialect.quoteIdent;
  const fold = engine.dialect.foldText;
  const opt = (c: string) => (has.has(c) ? `c.${id(c)}` : 'CAST(NULL AS VARCHAR)');
  const voc = tables.has('voice_of_customer');
  const matrix = tables.has('profitability_matrix');
  const joins = [
    has.size ? 'LEFT JOIN customers c ON c.customer_id = p.customer_id' : '',
    voc ? 'LEFT JOIN voice_of_customer v ON v.customer_id = p.customer_id' : '',
    matrix ? 'LEFT JOIN profitability_matrix m ON m.customer_id = p.customer_id' : '',
  ].join(' ');
  const scales = await moneyScales(engine);
  await engine.run(`DROP TABLE IF EXISTS ${BASE}`);
  await engine.run(
    `CREATE TEMPORARY TABLE ${BASE} AS SELECT p.customer_id, ${opt('name')} AS name, ${opt('segment')} AS segment, ${opt('region')} AS region, ` +
      `p.net_sales, p.gross_margin, p.cost_to_serve, p.contribution, ` +
      `${voc ? 'v.quadrant' : 'CAST(NULL AS VARCHAR)'} AS voc_quadrant, ${matrix ? 'm.quadrant' : 'CAST(NULL AS VARCHAR)'} AS matrix_quadrant ` +
      `FROM customer_pnl p ${joins} ORDER BY p.customer_id`,
  );
  try {
    const segment = await dictionary(engine, 'segment');
    const vocQuadrant = await dictionary(engine, 'voc_quadrant');
    const matrixQuadrant = await dictionary(engine, 'matrix_quadrant');
    // Codes by joining each value onto its dictionary (sorted distinct values, numbered from 1).
    const dict = (c: string, alias: string) =>
      `LEFT JOIN (SELECT ${c} AS v, CAST(row_number() OVER (ORDER BY ${c}) AS INTEGER) AS code FROM ${BASE} WHERE ${c} IS NOT NULL GROUP BY ${c}) ${alias} ON ${alias}.v = b.${c}`;
    const bytes = (e: string) => `CAST(${engine.dialect.byteLength(e)} AS INTEGER)`;
    const units = (c: keyof typeof MONEY) =>
      `CAST(CAST(b.${MONEY[c]} * ${10 ** scales[c]} AS BIGINT) AS DOUBLE) AS ${MONEY[c]}`;
    const [count] = await engine.query(`SELECT count(*) AS n FROM ${BASE}`);
    // queryNumericColumns fails on an empty result (no column chunks), so an empty table reads no columns.
    const numeric = (sql: string, names: string[]): Promise<Record<string, Float64Array>> =>
      Number(count?.n) > 0
        ? engine.queryNumericColumns(sql)
        : Promise.resolve(Object.fromEntries(names.map((c) => [c, new Float64Array(0)])));
    const cols = await numeric(
      `SELECT ${bytes('b.customer_id')} AS id_bytes, coalesce(${bytes('b.name')}, -1) AS name_bytes, ` +
        `${bytes(fold('b.customer_id'))} AS id_lc_bytes, ${bytes(`coalesce(${fold('b.name')}, '')`)} AS name_lc_bytes, ` +
        `${bytes(`coalesce(${fold('b.region')}, '')`)} AS region_lc_bytes, ` +
        `coalesce(ds.code, 0) AS segment_code, coalesce(dv.code, 0) AS voc_code, coalesce(dm.code, 0) AS matrix_code, ` +
        `${(Object.keys(MONEY) as (keyof typeof MONEY)[]).map(units).join(', ')} ` +
        `FROM ${BASE} b ${dict('segment', 'ds')} ${dict('voc_quadrant', 'dv')} ${dict('matrix_quadrant', 'dm')} ORDER BY ${engine.dialect.insertedRowNumber('b')}`,
      [
        'id_bytes',
        'name_bytes',
        'id_lc_bytes',
        'name_lc_bytes',
        'region_lc_bytes',
        'segment_code',
        'voc_code',
        'matrix_code',
        ...Object.values(MONEY),
      ],
    );
    const size = cols.id_bytes!.length;
    const money = (c: keyof typeof MONEY): MoneyColumn => {
      const u = cols[MONEY[c]]!;
      for (let i = 0; i < size; i++) {
        if (Number.isNaN(u[i]))
          throw new Error(
            `customer_pnl.${MONEY[c]} is missing for a customer (expected a value for every customer)`,
          );
        if (!(Math.abs(u[i]!) <= Number.MAX_SAFE_INTEGER))
          throw new Error(
            `customer_pnl.${MONEY[c]}: ${u[i]} units of 10^-${scales[c]} is beyond what the customer table holds exactly (2^53 units)`,
          );
      }
      return { units: u, scale: scales[c] };
    };
    const netSales = money('netSales');
    const grossMargin = money('grossMargin');
    const costToServe = money('costToServe');
    const contribution = money('contribution');
    const segmentColumn = coded(Int32Array.from(cols.segment_code!), segment);
    const nameMissing = new Uint8Array(size);
    const nameBytes = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const len = cols.name_bytes![i]!;
      nameMissing[i] = len < 0 ? 1 : 0;
      nameBytes[i] = Math.max(0, len);
    }
    // The database sorts by name (its collation) while the integer keys are sorted here; one query at a time on the connection.
    // A position is the rank by customer id, so "ties by customer id descending" is "ties by position descending".
    const pos = engine.dialect.insertedRowNumber('b');
    const byName = numeric(
      `SELECT CAST(${pos} - 1 AS INTEGER) AS pos FROM ${BASE} b ORDER BY name DESC NULLS LAST, ${pos} DESC`,
      ['pos'],
    );
    const sorted = settle(() => ({
      netSales: descendingOrder(netSales.units),
      grossMargin: descendingOrder(grossMargin.units),
      costToServe: descendingOrder(costToServe.units),
      contribution: descendingOrder(contribution.units),
    }));
    const order: Record<CustomerSort, Int32Array> = {
      customerId: Int32Array.from({ length: size }, (_, i) => size - 1 - i),
      // Positions grouped by code ascending, ascending within a code, read backwards: code descending (missing = 0 last), ties by position descending.
      segment: segmentColumn.positions.slice().reverse(),
      name: Int32Array.from((await byName).pos!),
      ...sorted(),
    };
    const texts = engine.query(
      `SELECT ${engine.dialect.orderedConcat("b.customer_id || coalesce(b.name, '')", "''", pos)} AS shown, ` +
        `${engine.dialect.orderedConcat(`${fold('b.customer_id')} || coalesce(${fold('b.name')}, '') || coalesce(${fold('b.region')}, '')`, "''", pos)} AS search FROM ${BASE} b`,
    );
    const ranks = settle(() => {
      const rank = {} as Record<CustomerSort, Int32Array>;
      for (const key of Object.keys(CUSTOMER_SORTS) as CustomerSort[]) {
        const r = new Int32Array(size);
        const o = order[key];
        for (let i = 0; i < size; i++) r[o[i]!] = i;
        rank[key] = r;
      }
      return rank;
    });
    const [text] = await texts;
    const rank = ranks();
    const buffer = (v: unknown) => Buffer.from(typeof v === 'string' ? v : '', 'utf8');
    const shown = textColumn(buffer(text?.shown), [cols.id_bytes!, nameBytes], 'customer_id || name');
    const lowered = textColumn(
      buffer(text?.search),
      [cols.id_lc_bytes!, cols.name_lc_bytes!, cols.region_lc_bytes!],
      'the folded customer_id || name || region',
    );
    return {
      size,
      text: shown,
      nameMissing,
      segment: segmentColumn,
      vocQuadrant: coded(Int32Array.from(cols.voc_code!), vocQuadrant),
      matrixQuadrant: coded(Int32Array.from(cols.matrix_code!), matrixQuadrant),
      lossMakers: positionsWhere(contribution.units, (v) => v < 0),
      notLossMakers: positionsWhere(contribution.units, (v) => v >= 0),
      netSales,
      grossMargin,
      costToServe,
      contribution,
      order,
      rank,
      search: new TextSearch(lowered.bytes, lowered.starts, 3),
    };
  } finally {
    await engine.run(`DROP TABLE IF EXISTS ${BASE}`);
  }
}

/** A coded column with its positions grouped by code (a counting sort, so ascending within a code). */
function coded(codes: Int32Array, values: string[]): CodedColumn {
  const starts = new Int32Array(values.length + 2);
  for (let i = 0; i < codes.length; i++) starts[codes[i]! + 1]!++;
  for (let c = 1; c < starts.length; c++) starts[c]! += starts[c - 1]!;
  const next = starts.slice(0, -1);
  const positions = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) positions[next[codes[i]!]!++] = i;
  return { codes, values, positions, starts };
}

/** Positions (ascending) whose value passes `test`. */
function positionsWhere(values: Float64Array, test: (v: number) => boolean): Int32Array {
  const out = new Int32Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (test(values[i]!)) out[k++] = i;
  return out.slice(0, k);
}

/**
 * Runs `fn` now (while a query started before it runs in the database's threads) and returns
 * its result or rethrows its error when asked, so the pending query is always awaited first.
 */
function settle<T>(fn: () => T): () => T {
  try {
    const value = fn();
    return () => value;
  } catch (e) {
    return () => {
      throw e;
    };
  }
}

/** The decimal scale of each money column of `customer_pnl` (they are DECIMAL). */
async function moneyScales(engine: Engine): Promise<Record<keyof typeof MONEY, number>> {
  const rows = await engine.columnTypes('customer_pnl');
  const out = {} as Record<keyof typeof MONEY, number>;
  for (const [key, col] of Object.entries(MONEY) as [keyof typeof MONEY, string][]) {
    const r = rows.find((x) => x.name === col);
    if (!r || r.kind !== 'decimal' || r.scale === null) {
      throw new Error(`customer_pnl.${col} is ${r ? r.type : 'missing'} (expected a DECIMAL money column)`);
    }
    out[key] = r.scale;
  }
  return out;
}

/**
 * Positions 0..n-1 in descending order of integer `values` (money units), ties by position
 * descending: the ascending order of the exact key `value * n + position` (one native sort of
 * doubles) read backwards; a comparator sort when that key could pass 2^53.
 */
export function descendingOrder(values: Float64Array | Int32Array): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(values[i]!));
  if ((max + 1) * n <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = values[i]! * n + i;
    keys.sort();
    for (let i = 0; i < n; i++) {
      const p = keys[n - 1 - i]! % n; // exact: keys are integers below 2^53
      out[i] = p < 0 ? p + n : p;
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  return out.sort((a, b) => values[b]! - values[a]! || b - a);
}

/** The distinct values of a text column of the base table, sorted (code c = values[c - 1]). */
async function dictionary(engine: Engine, column: string): Promise<string[]> {
  const rows = await engine.query(
    `SELECT ${column} AS v FROM ${BASE} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${column}`,
  );
  return rows.map((r) => String(r.v));
}

/** Offsets of fields laid out row by row (`lengths[f][i]` = bytes of field f of row i); checks they add up to the buffer. */
function textColumn(bytes: Buffer, lengths: Float64Array[], what: string): TextColumns {
  const rows = lengths[0]!.length;
  const starts = new Int32Array(rows * lengths.length + 1);
  let at = 0;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (const len of lengths) {
      starts[k++] = at;
      at += len[i]!;
    }
  }
  starts[k] = at;
  if (at !== bytes.length)
    throw new Error(
      `customer table: ${what} has ${bytes.length} bytes but its values' lengths add up to ${at}`,
    );
  return { bytes, starts, fields: lengths.length };
}
