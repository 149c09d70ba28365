/**
 * "Contains" search over a few text fields per row, in memory. The fields (already
 * lower-cased by the database, so the answer equals SQL's `contains(lower(x), term)`) are
 * concatenated as UTF-8 into one buffer with the byte offset where each field starts. A
 * trigram index (every 3-byte sequence inside a field -> the rows that have it, ascending)
 * answers a term of 3 bytes directly and narrows a longer one to the rows that have all its
 * trigrams, each then checked byte by byte; a term of 1 or 2 bytes is the union of the
 * trigrams it begins plus the fields it ends. A hit that runs over the end of its field is
 * never a match (no separator needed).
 */
/** A growable list of 32-bit integers. */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** The value at `i` (below `length`). */
  at(i: number): number {
    return this.data[i]!;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Trigram -> rows: `codes` sorted ascending (b0 << 16 | b1 << 8 | b2), rows of code i = `rows[offsets[i] .. offsets[i + 1])`. */
interface TrigramIndex {
  codes: Int32Array;
  offsets: Int32Array;
  rows: Int32Array;
}

/**
 * How the trigram index is built (the same index either way): `table` counts into two tables of
 * 2^24 entries (128 MiB and about half a second of CPU whatever the size, the fastest per byte),
 * `sort` sorts the (trigram, row) pairs (its cost follows the data), `auto` sorts below
 * {@link SORT_BELOW} trigram positions and counts above.
 */
export type TrigramBuild = 'auto' | 'sort' | 'table';

/**
 * Trigram positions (3-byte windows inside the fields) below which `auto` sorts pairs: where
 * sorting them costs about what the tables' fixed cost does (measured side by side, 2026-12:
 * near 2-3 million positions, some 60,000 customers); fifty customers sort in under a millisecond.
 */
export const SORT_BELOW = 1 << 21;

/** Searches `fieldsPerRow` text fields of each row. */
export class TextSearch {
  private readonly rowCount: number;
  private readonly trigrams: TrigramIndex;
  /** How the index was built (`auto` resolved by the positions' count). */
  readonly built: 'sort' | 'table';

  /**
   * @param bytes every field of row 0, then of row 1, ..., as UTF-8 without separators.
   * @param starts byte offset where each field starts (`rows * fieldsPerRow + 1` entries, the last = bytes.length).
   * @param fieldsPerRow fields per row (e.g. 2: id and name).
   * @param build how the index is built (the answers are the same); `auto` by default.
   */
  constructor(
    private readonly bytes: Buffer,
    private readonly starts: Int32Array,
    private readonly fieldsPerRow: number,
    build: TrigramBuild = 'auto',
  ) {
    if (
      starts.length < 1 ||
      (starts.length - 1) % fieldsPerRow !== 0 ||
      starts[starts.length - 1] !== bytes.length
    ) {
      throw new Error(
        `TextSearch: ${starts.length} field offsets do not describe ${bytes.length} bytes in rows of ${fieldsPerRow} fields`,
      );
    }
    this.rowCount = (starts.length - 1) / fieldsPerRow;
    this.built = build === 'auto' ? (trigramPositions(starts) < SORT_BELOW ? 'sort' : 'table') : build;
    this.trigrams =
      this.built === 'sort'
        ? trigramsBySort(bytes, starts, fieldsPerRow)
        : trigramsByTable(bytes, starts, fieldsPerRow);
  }

  /** Bytes held by the trigram index. */
  get indexBytes(): number {
    const t = this.trigrams;
    return t.codes.byteLength + t.offsets.byteLength + t.rows.byteLength;
  }

  /**
   * Rows (ascending) that contain every word of `query` (split on white space), each word in
   * any field and in any order: "bakkerij haarlem" finds "Bakkerij Jansen Haarlem", and so
   * does "haarlem bakkerij". Pass it lower-cased; one word is {@link find} itself.
   */
  findWords(query: string): Int32Array {
    const words = [...new Set(query.split(/\s+/).filter(Boolean))];
    if (words.length <= 1) return this.find(words[0] ?? '');
    const needles = words.map((w) => Buffer.from(w, 'utf8'));
    const long = needles.filter((n) => n.length >= 3);
    if (long.length === 0)
      return words
        .map((w) => this.find(w))
        .reduce((a, b) => (a.length <= b.length ? intersect(a, b) : intersect(b, a)));
    // The words with trigrams narrow (the rarest first); a word of 1 or 2 bytes is then checked
    // on those rows only, never by its own scan over every row (as "de" in "de vries" would be).
    const lists = long.map((n) => this.find(n.toString('utf8'))).sort((a, b) => a.length - b.length);
    let rows = lists[0]!;
    for (let i = 1; i < lists.length && rows.length > 0; i++) rows = intersect(rows, lists[i]!);
    const short = needles.filter((n) => n.length < 3);
    if (short.length === 0) return rows;
    const out = new IntList();
    for (let i = 0; i < rows.length; i++)
      if (short.every((n) => this.rowContains(rows[i]!, n))) out.push(rows[i]!);
    return out.toArray();
  }

  /** Rows (ascending) with a field that contains `term` (compared byte for byte, so pass it lower-cased); an empty term matches every row. */
  find(term: string): Int32Array {
    const needle = Buffer.from(term, 'utf8');
    if (needle.length === 0) return Int32Array.from({ length: this.rowCount }, (_, i) => i);
    if (needle.length < 3) return this.short(needle);
    const lists: Int32Array[] = [];
    const seen = new Set<number>();
    for (let j = 0; j + 3 <= needle.length; j++) {
      const code = (needle[j]! << 16) | (needle[j + 1]! << 8) | needle[j + 2]!;
      if (seen.has(code)) continue;
      seen.add(code);
      const list = this.rowsWith(code);
      if (list.length === 0) return list;
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    if (needle.length === 3) return lists[0]!.slice();
    let candidates = lists[0]!;
    for (let i = 1; i < lists.length && candidates.length > 32; i++)
      candidates = intersect(candidates, lists[i]!);
    const out = new IntList();
    for (let i = 0; i < candidates.length; i++)
      if (this.rowContains(candidates[i]!, needle)) out.push(candidates[i]!);
    return out.toArray();
  }

  /** The rows that have trigram `code` (a view into the index; empty when none). */
  private rowsWith(code: number): Int32Array {
    const { codes, offsets, rows } = this.trigrams;
    let lo = 0;
    let hi = codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (codes[mid]! < code) lo = mid + 1;
      else hi = mid;
    }
    if (lo === codes.length || codes[lo] !== code) return new Int32Array(0);
    return rows.subarray(offsets[lo], offsets[lo + 1]);
  }

  /** Whether a field of `row` contains `needle` (byte comparison within the field). */
  private rowContains(row: number, needle: Buffer): boolean {
    const { bytes, starts, fieldsPerRow } = this;
    const len = needle.length;
    const first = needle[0]!;
    for (let f = row * fieldsPerRow; f < (row + 1) * fieldsPerRow; f++) {
      const end = starts[f + 1]! - len;
      for (let at = starts[f]!; at <= end; at++) {
        if (bytes[at] !== first) continue;
        let k = 1;
        while (k < len && bytes[at + k] === needle[k]) k++;
        if (k === len) return true;
      }
    }
    return false;
  }

  /**
   * Rows with a 1- or 2-byte `needle`: where a trigram of a field starts with it (a range of
   * codes: the lists are marked in a byte per row), or where it starts in a field's last two
   * bytes (no trigram starts there; checked directly).
   */
  private short(needle: Buffer): Int32Array {
    const { codes, offsets, rows } = this.trigrams;
    const { bytes, starts, fieldsPerRow } = this;
    const len = needle.length;
    const b0 = needle[0]!;
    const b1 = len > 1 ? needle[1]! : 0;
    const lo = len === 1 ? b0 << 16 : (b0 << 16) | (b1 << 8);
    const hi = lo + (len === 1 ? 0xffff : 0xff);
    const mark = new Uint8Array(this.rowCount);
    let i = 0;
    let top = codes.length;
    while (i < top) {
      const mid = (i + top) >>> 1;
      if (codes[mid]! < lo) i = mid + 1;
      else top = mid;
    }
    for (; i < codes.length && codes[i]! <= hi; i++)
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) mark[rows[j]!] = 1;
    for (let row = 0, f = 0; row < mark.length; row++) {
      for (const last = f + fieldsPerRow; f < last; f++) {
        if (mark[row]) continue;
        const end = starts[f + 1]!;
        for (let at = Math.max(starts[f]!, end - 2); at + len <= end; at++) {
          if (bytes[at] === b0 && (len === 1 || bytes[at + 1] === b1)) mark[row] = 1;
        }
      }
    }
    const out = new IntList();
    for (let r = 0; r < mark.length; r++) if (mark[r]) out.push(r);
    return out.toArray();
  }
}

/** Rows in both ascending lists (`a` the shorter): each of `a` looked up in `b` by galloping search. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new IntList();
  let lo = 0;
  for (let i = 0; i < a.length && lo < b.length; i++) {
    const x = a[i]!;
    let step = 1;
    let hi = lo;
    while (hi < b.length && b[hi]! < x) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, b.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < b.length && b[lo] === x) out.push(x);
  }
  return out.toArray();
}

/** How many 3-byte windows lie inside the fields (the trigrams read, repeats included). */
function trigramPositions(starts: Int32Array): number {
  let n = 0;
  for (let f = 0; f + 1 < starts.length; f++) n += Math.max(0, starts[f + 1]! - starts[f]! - 2);
  return n;
}

/**
 * The trigram index from its (code, row) pairs sorted: each pair one exact number
 * `code * 2^k + row` (2^k the power of two at or above the row count, so code and row come back
 * by an exact division), sorted as a Float64Array, repeats (a trigram twice in a row) skipped.
 * Memory and time follow the number of trigram positions.
 */
function trigramsBySort(bytes: Buffer, starts: Int32Array, fieldsPerRow: number): TrigramIndex {
  const rowCount = (starts.length - 1) / fieldsPerRow;
  let scale = 1;
  while (scale < rowCount) scale *= 2;
  // 2^24 codes times the scale stays an exact double up to 2^29 rows.
  if (scale > 2 ** 29) throw new Error(`TextSearch: ${rowCount} rows are too many to sort trigram pairs`);
  const keys = new Float64Array(trigramPositions(starts));
  let n = 0;
  for (let row = 0; row < rowCount; row++) {
    for (let f = row * fieldsPerRow; f < (row + 1) * fieldsPerRow; f++) {
      const end = starts[f + 1]!;
      for (let at = starts[f]!; at + 3 <= end; at++)
        keys[n++] = ((bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!) * scale + row;
    }
  }
  keys.sort();
  const codes = new IntList();
  const offsets = new IntList();
  const rows = new IntList();
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (key === previous) continue;
    previous = key;
    const code = Math.floor(key / scale);
    if (codes.length === 0 || codes.at(codes.length - 1) !== code) {
      codes.push(code);
      offsets.push(rows.length);
    }
    rows.push(key - code * scale);
  }
  offsets.push(rows.length);
  return { codes: codes.toArray(), offsets: offsets.toArray(), rows: rows.toArray() };
}

/**
 * The trigram index in two passes over the bytes: count the rows per trigram (each row once),
 * then fill. Two transient tables of 2^24 entries (128 MiB) keyed by the 3 bytes; what is kept
 * is the sorted codes present, their offsets, and 4 bytes per (row, distinct trigram).
 */
function trigramsByTable(bytes: Buffer, starts: Int32Array, fieldsPerRow: number): TrigramIndex {
  const rowCount = (starts.length - 1) / fieldsPerRow;
  const slot = new Int32Array(1 << 24); // pass 1: rows per code; then: index of the code's next free row entry
  const last = new Int32Array(1 << 24); // last row (+1) counted for a code
  // Pass 1: rows per code, each row counted once per code (written out twice below: a callback per trigram costs more than the loop).
  for (let row = 0; row < rowCount; row++) {
    for (let f = row * fieldsPerRow; f < (row + 1) * fieldsPerRow; f++) {
      const end = starts[f + 1]!;
      for (let at = starts[f]!; at + 3 <= end; at++) {
        const code = (bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!;
        if (last[code] !== row + 1) {
          last[code] = row + 1;
          slot[code]!++;
        }
      }
    }
  }
  let distinct = 0;
  for (let c = 0; c < slot.length; c++) if (slot[c]) distinct++;
  const codes = new Int32Array(distinct);
  const offsets = new Int32Array(distinct + 1);
  let total = 0;
  for (let c = 0, i = 0; c < slot.length; c++) {
    const n = slot[c]!;
    if (!n) continue;
    codes[i] = c;
    offsets[i++] = total;
    slot[c] = total;
    total += n;
  }
  offsets[distinct] = total;
  const rows = new Int32Array(total);
  last.fill(0);
  for (let row = 0; row < rowCount; row++) {
    for (let f = row * fieldsPerRow; f < (row + 1) * fieldsPerRow; f++) {
      const end = starts[f + 1]!;
      for (let at = starts[f]!; at + 3 <= end; at++) {
        const code = (bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!;
        if (last[code] !== row + 1) {
          last[code] = row + 1;
          rows[slot[code]!++] = row;
        }
      }
    }
  }
  return { codes, offsets, rows };
}

/**
 * A search term folded as the database folds the ids and names it searches (the dialect's
 * `foldText`: lower case, accents removed), so "cafe emile" finds "Café Émile": decomposed,
 * combining marks dropped, composed again.
 */
export function foldSearchText(term: string): string {
  return term.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}
