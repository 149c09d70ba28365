/**
 * The customer table: one page of customers with their P&L headline columns, sorted,
 * filtered and searched in memory over the {@link CustomerIndex} (built once at open), with
 * the answers SQL gives (`ORDER BY key DESC NULLS LAST, customer_id DESC`, ascending the exact
 * reverse; every word of the term in `lower(id)` or `lower(name)`, in any order; filters by equality). Without a filter
 * a page is a slice of the key's order; with one, the matching positions are found once
 * (search: a native substring search; filters: one pass over coded columns), put in the
 * key's order (by rank when few, else by walking the order), and kept in a cache bounded in
 * bytes, so paging through a filtered list costs a slice.
 */
import { firstBy } from './firstBy.ts';
import { fromScaled } from '../core/index.ts';
import type { CodedColumn, CustomerIndex, MoneyColumn, TextColumns } from './customerIndex.ts';
import { LruCache } from './lruCache.ts';
import type { CustomersQuery } from './customersQuery.ts';
import { foldSearchText } from './textSearch.ts';

/** One row of the customer table. Money as exact decimal strings. */
export interface CustomerRow {
  customerId: string;
  name: string | null;
  segment: string | null;
  netSales: string;
  grossMargin: string;
  costToServe: string;
  contribution: string;
}

/** A page of the customer table with the number of customers that match. */
export interface CustomerPage {
  total: number;
  page: number;
  pageSize: number;
  rows: CustomerRow[];
}

/** Which optional customer columns the workspace has (`name`, `segment`, ...). */
export type CustomerColumns = ReadonlySet<string>;

/** Bytes of match lists kept (each is 4 bytes per matching customer). */
const CACHE_BYTES = 64 << 20;

/** Pages ending at most this far into a filtered list (and in the first quarter of the customers) are picked without ordering the whole list. */
const TOP_K = 2000;

/** The filters of a query, as codes of the index (-1: a value no customer has). */
interface Filter {
  term: string | undefined;
  segment: number | undefined;
  lossMaking: boolean | undefined;
  voc: number | undefined;
  matrix: number | undefined;
}

/** Pages of the customer table from the in-memory index. */
export class CustomerTable {
  /** Matching positions (ascending) per filter, and in a sort key's descending order per filter and key. */
  private readonly lists = new LruCache<Int32Array>(CACHE_BYTES, (a) => a.byteLength + 64);
  /** Per filter with many matches: a byte per customer, 1 = matches. */
  private readonly masks = new LruCache<Uint8Array>(CACHE_BYTES / 4, (a) => a.byteLength + 64);

  /** Whether ids are in ascending UTF-8 byte order (as the database sorted them), so {@link positionOf} can search; otherwise a map. */
  private byId: Map<string, number> | null = null;

  /** The page being written (one at a time: a page is written synchronously). */
  private readonly writer = new JsonBytes();
  /** Per segment code, its JSON as UTF-8 (code 0: null). */
  private readonly segmentJson: Buffer[];
  /**
   * What a page's row reads, side by side per position ({@link ROW_BYTES} each): the four money
   * figures (as units, 64-bit) and the id's start, the name's start and end and the segment code
   * x 2 + name missing (32-bit). A page by a sort key reads its rows at scattered positions; from
   * the columns that was nine memory reads far apart per row (three times a page of adjacent
   * rows), here one or two (measured at 1,000,000 customers, BENCHMARKS.md). 48 MB per million customers.
   */
  private readonly rowMoney: Float64Array;
  private readonly rowInts: Int32Array;

  constructor(private readonly index: CustomerIndex) {
    this.segmentJson = ['null', ...index.segment.values.map((v) => JSON.stringify(v))].map((j) =>
      Buffer.from(j, 'utf8'),
    );
    const t = index.text;
    const records = new ArrayBuffer(index.size * ROW_BYTES);
    this.rowMoney = new Float64Array(records);
    this.rowInts = new Int32Array(records);
    const money = [index.netSales, index.grossMargin, index.costToServe, index.contribution];
    for (let p = 0; p < index.size; p++) {
      const m = p * (ROW_BYTES / 8);
      for (let c = 0; c < 4; c++) this.rowMoney[m + c] = money[c]!.units[p]!;
      const i = p * (ROW_BYTES / 4) + 8;
      const k = p * t.fields;
      this.rowInts[i] = t.starts[k]!;
      this.rowInts[i + 1] = t.starts[k + 1]!;
      this.rowInts[i + 2] = t.starts[k + 2]!;
      this.rowInts[i + 3] = index.segment.codes[p]! * 2 + index.nameMissing[p]!;
    }
    for (let i = 1; i < index.size; i++) {
      const a = (i - 1) * t.fields;
      const b = i * t.fields;
      if (t.bytes.compare(t.bytes, t.starts[a], t.starts[a + 1], t.starts[b], t.starts[b + 1]) <= 0) {
        this.byId = new Map(Array.from({ length: index.size }, (_, j) => [text(t, j, 0), j]));
        break;
      }
    }
  }

  /** Number of customers. */
  get size(): number {
    return this.index.size;
  }

  /** The position of a customer (its rank by customer id, from 0), or -1 when it is not in the table. */
  positionOf(customerId: string): number {
    if (this.byId) return this.byId.get(customerId) ?? -1;
    const t = this.index.text;
    const key = Buffer.from(customerId, 'utf8');
    let lo = 0;
    let hi = this.index.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = mid * t.fields;
      const c = t.bytes.compare(key, 0, key.length, t.starts[k], t.starts[k + 1]); // the id at mid against the key
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** One page for `q` (page beyond the end: no rows, the total still given). */
  page(q: CustomersQuery): CustomerPage {
    const positions = this.positionsOf(q);
    return {
      total: positions.total,
      page: q.page,
      pageSize: q.pageSize,
      rows: Array.from(positions.rows, (p) => this.row(p)),
    };
  }

  /**
   * The JSON text of {@link page}, written straight from the columns without row objects: the
   * API's hot path (at 200 clients the server's CPU per request is the latency; building 50 row
   * objects and stringifying them was a third of a page's CPU). Equal to `JSON.stringify(page(q))`.
   */
  pageJson(q: CustomersQuery): string {
    const positions = this.positionsOf(q);
    this.touch(positions.rows);
    const w = this.writer;
    w.start(`{"total":${positions.total},"page":${q.page},"pageSize":${q.pageSize},"rows":[`);
    for (let i = 0; i < positions.rows.length; i++) {
      if (i > 0) w.bytes(COMMA);
      this.writeRow(positions.rows[i]!);
    }
    w.ascii(']}');
    return w.text();
  }

  /** The last page's {@link touch} result, kept so its reads are not left out as unused (means nothing). */
  touched = 0;

  /**
   * Reads each row's record and text once before the page is written, in loops of independent
   * reads the processor overlaps: a page by a sort key has its rows far apart in memory, each a
   * cache miss, which one after another while writing were most of the page's CPU.
   */
  private touch(rows: Int32Array): void {
    const ints = this.rowInts;
    const bytes = this.index.text.bytes;
    let t = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]! * (ROW_BYTES / 4);
      t ^= ints[r]! ^ ints[r + 11]!; // the record's first and last word: both its cache lines
    }
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]! * (ROW_BYTES / 4) + 8;
      t ^= bytes[ints[r]!]! ^ bytes[ints[r + 2]! - 1]!; // the id's first byte, the name's last (or the id's)
    }
    this.touched = t;
  }

  private positionsOf(q: CustomersQuery): { total: number; rows: Int32Array } {
    const ix = this.index;
    const filter: Filter = {
      term: q.q ? foldSearchText(q.q) : undefined,
      segment: q.segment === undefined ? undefined : code(ix.segment, q.segment),
      lossMaking: q.lossMaking,
      voc: q.vocQuadrant === undefined ? undefined : code(ix.vocQuadrant, q.vocQuadrant),
      matrix: q.matrixQuadrant === undefined ? undefined : code(ix.matrixQuadrant, q.matrixQuadrant),
    };
    return this.pagePositions(filter, q.sort, q.dir, (q.page - 1) * q.pageSize, q.pageSize);
  }

  /** The positions on a page and the number of matches. */
  private pagePositions(
    f: Filter,
    sort: CustomersQuery['sort'],
    dir: CustomersQuery['dir'],
    offset: number,
    size: number,
  ): { total: number; rows: Int32Array } {
    const ix = this.index;
    const order = ix.order[sort];
    const n = ix.size;
    const filtered =
      f.term !== undefined ||
      f.segment !== undefined ||
      f.lossMaking !== undefined ||
      f.voc !== undefined ||
      f.matrix !== undefined;
    const orderedKey = JSON.stringify([
      'ordered',
      sort,
      f.term ?? null,
      f.segment ?? null,
      f.lossMaking ?? null,
      f.voc ?? null,
      f.matrix ?? null,
    ]);
    const list = filtered ? this.lists.get(orderedKey) : order;
    const slice = (l: Int32Array) => {
      const rows = new Int32Array(Math.max(0, Math.min(l.length, offset + size) - offset));
      for (let i = 0; i < rows.length; i++)
        rows[i] = l[dir === 'desc' ? offset + i : l.length - 1 - offset - i]!;
      return { total: l.length, rows };
    };
    if (list) return slice(list);
    const matches = this.matches(f);
    const m = matches.length;
    const k = Math.min(m, offset + size);
    if (offset >= m) return { total: m, rows: new Int32Array(0) };
    if (k > Math.min(TOP_K, n >> 2)) {
      // A deep page: the whole filtered order, kept for the pages after it.
      const all = inOrder(matches, order, ix.rank[sort]);
      this.lists.set(orderedKey, all);
      return slice(all);
    }
    // A first page: only the first k in order are needed. The first TOP_K (or all matches, when
    // fewer) are found once per filter, key and direction and kept, so the pages up to there are slices.
    const topKey = JSON.stringify([
      'top',
      sort,
      dir,
      f.term ?? null,
      f.segment ?? null,
      f.lossMaking ?? null,
      f.voc ?? null,
      f.matrix ?? null,
    ]);
    let first = this.lists.get(topKey);
    if (!first) {
      const top = Math.min(m, TOP_K, n >> 2);
      first =
        m * 8 >= n
          ? this.firstByWalk(f, matches, order, dir, top)
          : firstByRank(matches, order, ix.rank[sort], dir, top);
      this.lists.set(topKey, first);
    }
    return { total: m, rows: first.slice(offset, k) };
  }

  /** The first `k` matches in the order (`dir` desc: from its start, asc: from its end), walking it with a mask of the matches (for many matches: about k * n / m steps). */
  private firstByWalk(
    f: Filter,
    matches: Int32Array,
    order: Int32Array,
    dir: CustomersQuery['dir'],
    k: number,
  ): Int32Array {
    const key = JSON.stringify([
      'mask',
      f.term ?? null,
      f.segment ?? null,
      f.lossMaking ?? null,
      f.voc ?? null,
      f.matrix ?? null,
    ]);
    let mask = this.masks.get(key);
    if (!mask) {
      mask = new Uint8Array(order.length);
      for (let i = 0; i < matches.length; i++) mask[matches[i]!] = 1;
      this.masks.set(key, mask);
    }
    const out = new Int32Array(k);
    const n = order.length;
    for (let i = 0, got = 0; got < k && i < n; i++) {
      const p = order[dir === 'desc' ? i : n - 1 - i]!;
      if (mask[p]) out[got++] = p;
    }
    return out;
  }

  /** Positions (ascending) that pass `f`. */
  private matches(f: Filter): Int32Array {
    const key = JSON.stringify([
      'matches',
      f.term ?? null,
      f.segment ?? null,
      f.lossMaking ?? null,
      f.voc ?? null,
      f.matrix ?? null,
    ]);
    const hit = this.lists.get(key);
    if (hit) return hit;
    const ix = this.index;
    // Candidates: the search hits, else the shortest of the lists the filters have ready (a code's positions, loss-makers or not); then every other filter is checked.
    let out: Int32Array;
    if (f.term !== undefined) {
      const alone =
        f.segment === undefined &&
        f.lossMaking === undefined &&
        f.voc === undefined &&
        f.matrix === undefined;
      out = alone
        ? ix.search.findWords(f.term)
        : keep(
            this.matches({
              term: f.term,
              segment: undefined,
              lossMaking: undefined,
              voc: undefined,
              matrix: undefined,
            }),
            f,
            ix,
          );
    } else {
      const lists: Int32Array[] = [];
      const ofCode = (col: CodedColumn, c: number) =>
        c < 1 ? new Int32Array(0) : col.positions.subarray(col.starts[c], col.starts[c + 1]);
      if (f.segment !== undefined) lists.push(ofCode(ix.segment, f.segment));
      if (f.voc !== undefined) lists.push(ofCode(ix.vocQuadrant, f.voc));
      if (f.matrix !== undefined) lists.push(ofCode(ix.matrixQuadrant, f.matrix));
      if (f.lossMaking !== undefined) lists.push(f.lossMaking ? ix.lossMakers : ix.notLossMakers);
      const shortest = lists.reduce((x, y) => (y.length < x.length ? y : x));
      out = lists.length === 1 ? shortest : keep(shortest, f, ix);
    }
    this.lists.set(key, out);
    return out;
  }

  /**
   * A page of the list under the global filters, from memory: `positions` are the customers the
   * filters select (any order) and `cents` their figures over the filtered months, four per
   * customer (net sales, gross margin, cost to serve, contribution); the list's own filters
   * (loss-makers on those figures, quadrants) and sort apply as {@link page}'s do: descending
   * with ties by id descending (text keys by the table's orders), ascending the exact reverse. A
   * search is not answered here (the caller reads it from the database).
   */
  filteredPage(positions: Int32Array, cents: Float64Array, q: CustomersQuery): CustomerPage {
    const ix = this.index;
    const voc = q.vocQuadrant === undefined ? 0 : code(ix.vocQuadrant, q.vocQuadrant);
    const matrix = q.matrixQuadrant === undefined ? 0 : code(ix.matrixQuadrant, q.matrixQuadrant);
    const kept: number[] = []; // indexes into positions
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      const contribution = cents[i * 4 + 3]!;
      if (q.lossMaking !== undefined && (q.lossMaking ? !(contribution < 0) : contribution < 0)) continue;
      if (voc !== 0 && ix.vocQuadrant.codes[p] !== voc) continue;
      if (matrix !== 0 && ix.matrixQuadrant.codes[p] !== matrix) continue;
      kept.push(i);
    }
    const money = FILTERED_MONEY.indexOf(q.sort as (typeof FILTERED_MONEY)[number]);
    const rank = ix.rank[q.sort];
    // Descending: the key descending, ties by id (position) descending; text keys by their rank in the table's descending order.
    const desc = (a: number, b: number) =>
      money >= 0
        ? cents[b * 4 + money]! - cents[a * 4 + money]! || positions[b]! - positions[a]!
        : rank[positions[a]!]! - rank[positions[b]!]!;
    const from = (q.page - 1) * q.pageSize;
    // Only the rows up to this page are put in order (ascending is the exact reverse of descending).
    const first = firstBy(kept, from + q.pageSize, q.dir === 'asc' ? (a, b) => desc(b, a) : desc);
    const text4 = (i: number, c: number) => fromScaled(BigInt(cents[i * 4 + c]!), 2);
    return {
      total: kept.length,
      page: q.page,
      pageSize: q.pageSize,
      rows: first.slice(from, from + q.pageSize).map((i) => ({
        ...this.row(positions[i]!),
        netSales: text4(i, 0),
        grossMargin: text4(i, 1),
        costToServe: text4(i, 2),
        contribution: text4(i, 3),
      })),
    };
  }

  /**
   * {@link row} as JSON into {@link writer} (the keys in the same order): the id's and name's
   * UTF-8 bytes copied as they are (JSON.stringify would give the same text unless a byte needs
   * escaping, then it is used), the segment's JSON kept per code, money digits written directly.
   */
  private writeRow(p: number): void {
    const ix = this.index;
    const w = this.writer;
    const bytes = ix.text.bytes;
    const money = this.rowMoney;
    const ints = this.rowInts;
    const m = p * (ROW_BYTES / 8);
    const i = p * (ROW_BYTES / 4) + 8;
    const coded = ints[i + 3]!;
    w.bytes(ID);
    w.quoted(bytes, ints[i]!, ints[i + 1]!);
    w.bytes(NAME);
    if (coded & 1) w.bytes(NULL);
    else w.quoted(bytes, ints[i + 1]!, ints[i + 2]!);
    w.bytes(SEGMENT);
    w.bytes(this.segmentJson[coded >> 1]!);
    w.bytes(NET_SALES);
    w.units(money[m]!, ix.netSales.scale);
    w.bytes(GROSS_MARGIN);
    w.units(money[m + 1]!, ix.grossMargin.scale);
    w.bytes(COST_TO_SERVE);
    w.units(money[m + 2]!, ix.costToServe.scale);
    w.bytes(CONTRIBUTION);
    w.units(money[m + 3]!, ix.contribution.scale);
    w.bytes(END);
  }

  private row(p: number): CustomerRow {
    const ix = this.index;
    return {
      customerId: text(ix.text, p, 0),
      name: ix.nameMissing[p] ? null : text(ix.text, p, 1),
      segment: value(ix.segment, p),
      netSales: money(ix.netSales, p),
      grossMargin: money(ix.grossMargin, p),
      costToServe: money(ix.costToServe, p),
      contribution: money(ix.contribution, p),
    };
  }
}

/** Bytes of one position's record in {@link CustomerTable}: four 64-bit money figures, four 32-bit integers. */
const ROW_BYTES = 48;

/** The money sort keys of {@link CustomerTable.filteredPage}, in the order of its four figures per customer. */
export const FILTERED_MONEY = ['netSales', 'grossMargin', 'costToServe', 'contribution'] as const;

/** The code of `v` in a coded column; -1 when no customer has it. */
function code(col: CodedColumn, v: string): number {
  // values are sorted by the database's (byte-wise) collation, which a JS comparison need not match: a linear scan is exact and the dictionaries are small.
  const i = col.values.indexOf(v);
  return i < 0 ? -1 : i + 1;
}

/** Positions (ascending) among `from` that pass the filters of `f` other than the search term. */
function keep(from: Int32Array, f: Filter, ix: CustomerIndex): Int32Array {
  const n = from.length;
  const seg = ix.segment.codes;
  const voc = ix.vocQuadrant.codes;
  const mat = ix.matrixQuadrant.codes;
  const contribution = ix.contribution.units;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const p = from[i]!;
    if (f.segment !== undefined && seg[p] !== f.segment) continue;
    if (f.voc !== undefined && voc[p] !== f.voc) continue;
    if (f.matrix !== undefined && mat[p] !== f.matrix) continue;
    if (f.lossMaking !== undefined && (f.lossMaking ? !(contribution[p]! < 0) : !(contribution[p]! >= 0)))
      continue;
    out[k++] = p;
  }
  return out.slice(0, k);
}

/**
 * The first `k` of `positions` in the order (`dir` desc: ascending rank, asc: descending rank):
 * a heap of the k best ranks seen, O(m log k), then sorted.
 */
function firstByRank(
  positions: Int32Array,
  order: Int32Array,
  rank: Int32Array,
  dir: CustomersQuery['dir'],
  k: number,
): Int32Array {
  const n = order.length;
  const heap = new Int32Array(k); // max-heap of keys; key = rank (desc) or n - 1 - rank (asc): smaller comes first
  let size = 0;
  for (let i = 0; i < positions.length; i++) {
    const r = rank[positions[i]!]!;
    const key = dir === 'desc' ? r : n - 1 - r;
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (heap[parent]! >= key) break;
        heap[c] = heap[parent]!;
        c = parent;
      }
      heap[c] = key;
    } else if (key < heap[0]!) {
      let c = 0;
      for (;;) {
        let child = 2 * c + 1;
        if (child >= k) break;
        if (child + 1 < k && heap[child + 1]! > heap[child]!) child++;
        if (heap[child]! <= key) break;
        heap[c] = heap[child]!;
        c = child;
      }
      heap[c] = key;
    }
  }
  heap.sort();
  for (let i = 0; i < k; i++) heap[i] = order[dir === 'desc' ? heap[i]! : n - 1 - heap[i]!]!;
  return heap;
}

/** `positions` in the descending order `order` of a key: sorted by rank when few, else picked out of the order with a mask. */
function inOrder(positions: Int32Array, order: Int32Array, rank: Int32Array): Int32Array {
  const m = positions.length;
  const n = order.length;
  const out = new Int32Array(m);
  if (m * Math.log2(m + 2) < n) {
    for (let i = 0; i < m; i++) out[i] = rank[positions[i]!]!;
    out.sort();
    for (let i = 0; i < m; i++) out[i] = order[out[i]!]!;
  } else {
    const mask = new Uint8Array(n);
    for (let i = 0; i < m; i++) mask[positions[i]!] = 1;
    let k = 0;
    for (let i = 0; i < n && k < m; i++) {
      const p = order[i]!;
      if (mask[p]) out[k++] = p;
    }
  }
  return out;
}

function text(col: TextColumns, row: number, field: number): string {
  const k = row * col.fields + field;
  return col.bytes.toString('utf8', col.starts[k], col.starts[k + 1]);
}

function value(col: CodedColumn, i: number): string | null {
  const c = col.codes[i]!;
  return c === 0 ? null : col.values[c - 1]!;
}

/** Exact integer units of 10^-scale (|u| < 2^53) as a decimal string, like the database prints a DECIMAL (`-5, 2` -> `"-0.05"`); number arithmetic only, no BigInt per value. */
export function formatUnits(u: number, scale: number): string {
  if (scale === 0) return String(u);
  const [whole, frac] = wholeAndFraction(Math.abs(u), 10 ** scale);
  return `${u < 0 ? '-' : ''}${whole}.${String(frac).padStart(scale, '0')}`;
}

/** `a` (a whole number, 0 <= a < 2^53) as whole units of `p` and the rest: exact in number arithmetic. */
function wholeAndFraction(a: number, p: number): [number, number] {
  let whole = Math.trunc(a / p);
  let frac = a - whole * p; // exact: whole * p <= a < 2^53
  if (frac < 0) {
    whole--;
    frac += p;
  } else if (frac >= p) {
    whole++;
    frac -= p;
  }
  return [whole, frac];
}

function money(col: MoneyColumn, i: number): string {
  return formatUnits(col.units[i]!, col.scale);
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** 10^i, exact, for i up to 22. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);
/** The fixed parts of a row's JSON. */
const [ID, NAME, NULL, SEGMENT, NET_SALES, GROSS_MARGIN, COST_TO_SERVE, CONTRIBUTION, END, COMMA] = [
  '{"customerId":',
  ',"name":',
  'null',
  ',"segment":',
  ',"netSales":',
  ',"grossMargin":',
  ',"costToServe":',
  ',"contribution":',
  '}',
  ',',
].map(ascii) as [
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
];

/**
 * A page's JSON written as UTF-8 bytes into one reused buffer (keys, copied text, digits),
 * decoded once at the end: no string per field, no number-to-string per figure.
 */
class JsonBytes {
  private buf = Buffer.allocUnsafe(1 << 16);
  private n = 0;

  /** Starts a new text with `s` (ASCII). */
  start(s: string): void {
    this.n = 0;
    this.ascii(s);
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + k));
    this.buf.copy(b, 0, 0, this.n);
    this.buf = b;
  }

  /** Appends ASCII text. */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.n++] = s.charCodeAt(i);
  }

  /** Appends bytes. */
  bytes(src: Uint8Array): void {
    this.room(src.length);
    const b = this.buf;
    let n = this.n;
    for (let i = 0; i < src.length; i++) b[n++] = src[i]!;
    this.n = n;
  }

  /**
   * Appends the UTF-8 text `src[from .. to)` as a JSON string: quoted as it is when no byte needs
   * escaping (a control character, `"` or `\`), else JSON.stringify's text of it.
   */
  quoted(src: Buffer, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = src[i]!;
      if (c < 0x20 || c === 0x22 || c === 0x5c) {
        const s = JSON.stringify(src.toString('utf8', from, to));
        this.room(Buffer.byteLength(s));
        this.n += this.buf.write(s, this.n, 'utf8');
        return;
      }
    }
    this.room(to - from + 2);
    const b = this.buf;
    let n = this.n;
    b[n++] = 0x22;
    for (let i = from; i < to; i++) b[n++] = src[i]!;
    b[n++] = 0x22;
    this.n = n;
  }

  /** Appends {@link formatUnits}`(u, scale)` as a JSON string. */
  units(u: number, scale: number): void {
    this.room(scale + 24);
    this.buf[this.n++] = 0x22;
    if (u < 0) this.buf[this.n++] = 0x2d;
    const a = Math.abs(u);
    if (scale === 0) this.digits(a, 0);
    else {
      const [whole, frac] = wholeAndFraction(a, POW10[scale] ?? 10 ** scale);
      this.digits(whole, 0);
      this.buf[this.n++] = 0x2e;
      this.digits(frac, scale);
    }
    this.buf[this.n++] = 0x22;
  }

  /** Appends the decimal digits of the integer `x` (0 <= x < 2^53), at least `width` of them (zeros in front). */
  private digits(x: number, width: number): void {
    let len = 1;
    while (len < 16 && x >= POW10[len]!) len++; // x < 2^53 has at most 16 digits
    len = Math.max(len, width);
    const b = this.buf;
    let i = this.n + len - 1;
    for (let k = 0; k < len; k++) {
      let q = Math.trunc(x / 10);
      let r = x - q * 10; // exact; q may be off by one where x / 10 rounds up
      if (r < 0) {
        q--;
        r += 10;
      } else if (r >= 10) {
        q++;
        r -= 10;
      }
      b[i--] = 0x30 + r;
      x = q;
    }
    this.n += len;
  }

  /** The text written since {@link start}. */
  text(): string {
    return this.buf.toString('utf8', 0, this.n);
  }
}
