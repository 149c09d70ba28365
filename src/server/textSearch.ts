/**
 * "Contains" search over a few text fields per customer, in memory: the fields (already
 * lower-cased by the database, so the result equals SQL's `contains(lower(x), term)`) are
 * concatenated as UTF-8 into one buffer with the byte offset where each field starts, and
 * a term is found with `Buffer.indexOf` (a native substring search) instead of a scan per
 * string. A hit that runs over the end of its field is not a match (no separator needed).
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

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Searches `fieldsPerRow` text fields of each of `rows` rows. */
export class TextSearch {
  /**
   * @param bytes every field of row 0, then of row 1, ..., as UTF-8 without separators.
   * @param starts byte offset where each field starts (`rows * fieldsPerRow + 1` entries, the last = bytes.length).
   * @param fieldsPerRow fields per row (e.g. 2: id and name).
   */
  constructor(
    private readonly bytes: Buffer,
    private readonly starts: Int32Array,
    private readonly fieldsPerRow: number,
  ) {
    if (starts.length < 1 || (starts.length - 1) % fieldsPerRow !== 0 || starts[starts.length - 1] !== bytes.length) {
      throw new Error(`TextSearch: ${starts.length} field offsets do not describe ${bytes.length} bytes in rows of ${fieldsPerRow} fields`);
    }
  }

  /** Rows (ascending) with a field that contains `term` (compared byte for byte, so pass it lower-cased); an empty term matches every row. */
  find(term: string): Int32Array {
    const rows = (this.starts.length - 1) / this.fieldsPerRow;
    const needle = Buffer.from(term, 'utf8');
    if (needle.length === 0) return Int32Array.from({ length: rows }, (_, i) => i);
    const { bytes, starts, fieldsPerRow } = this;
    const out = new IntList();
    let from = 0;
    for (;;) {
      const at = bytes.indexOf(needle, from);
      if (at < 0) break;
      const field = this.fieldAt(at);
      if (at + needle.length <= starts[field + 1]!) {
        const row = Math.floor(field / fieldsPerRow);
        out.push(row);
        from = starts[(row + 1) * fieldsPerRow]!; // the next row's first field: one hit per row
      } else {
        from = at + 1;
      }
    }
    return out.toArray();
  }

  /** The last field starting at or before byte `at` (fields may be empty, so the one that holds it). */
  private fieldAt(at: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1; // s[hi] = bytes.length > at
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! <= at) lo = mid;
      else hi = mid;
    }
    return lo;
  }
}
