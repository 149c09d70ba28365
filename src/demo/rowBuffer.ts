/**
 * Rows written straight into bytes: a 64 KB buffer per table, filled field by field
 * (digits, dates and money formatted in place from integers) and handed to the file when
 * full. No intermediate strings per row, so millions of rows cost little garbage.
 */

/** Size of each chunk handed to the file, in bytes. */
export const CHUNK_BYTES = 64 * 1024;
/** Room guaranteed for one row (no demo row comes near it). */
const ROW_ROOM = 2048;
/** Largest integer formatted with 32-bit arithmetic. */
const SMALL = 0x7fffffff;
/** Powers of ten up to 10^10. */
const POW10 = Array.from({ length: 11 }, (_, i) => 10 ** i);
/** The two ASCII digits of 00 .. 99, in pairs. */
const PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)),
);

/** A byte buffer with field writers; `emit` receives each full chunk. */
export class RowBuffer {
  private buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;

  constructor(private readonly emit: (chunk: Buffer) => void) {}

  /** Starts a row: makes sure a whole row fits in the current chunk. */
  row(): void {
    if (this.pos + ROW_ROOM > CHUNK_BYTES) this.flush();
  }

  /** Hands what is buffered to `emit` and starts a new chunk. */
  flush(): void {
    if (this.pos === 0) return;
    this.emit(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.pos = 0;
  }

  /** One byte (a delimiter, a newline, a decimal mark). */
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** Bytes written before (ids, dates, names of things). */
  bytes(b: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  /** `length` bytes of `b` from `start` (one date out of a table of dates). */
  slice(b: Uint8Array, start: number, length: number): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < length; i++) buf[p++] = b[start + i]!;
    this.pos = p;
  }

  /** A string: ASCII copied directly, anything else encoded as UTF-8. */
  text(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        this.pos = p;
        this.pos += buf.write(s.slice(i), p, 'utf8');
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    if (n > SMALL) return this.bigUint(n);
    let len = 1;
    while (len < 10 && n >= POW10[len]!) len++;
    this.digits(n, len);
  }

  /** A non-negative integer with at least `width` digits (zero-padded). */
  padded(n: number, width: number): void {
    if (n > SMALL || width === 0 || n >= POW10[width]!) return this.uint(n);
    this.digits(n, width);
  }

  /** Exactly `len` digits of n, zero-padded (needs 1 <= n's digits <= len, n <= 2^31 - 1); two at a time. */
  private digits(n: number, len: number): void {
    const buf = this.buf;
    const start = this.pos;
    let p = start + len;
    this.pos = p;
    while (n >= 100) {
      const q = (n / 100) | 0;
      const r = (n - q * 100) << 1;
      buf[--p] = PAIRS[r + 1]!;
      buf[--p] = PAIRS[r]!;
      n = q;
    }
    if (n >= 10) {
      buf[--p] = PAIRS[(n << 1) + 1]!;
      buf[--p] = PAIRS[n << 1]!;
    } else buf[--p] = 48 + n;
    while (p > start) buf[--p] = 48;
  }

  /** Integers beyond 32 bits (rare: sums of cents over a million euros are still below). */
  private bigUint(n: number): void {
    this.text(String(n));
  }

  /** Integer cents as money with two decimals and the given decimal mark byte. */
  cents(c: number, mark: number): void {
    if (c < 0) {
      this.buf[this.pos++] = 45; // '-'
      c = -c;
    }
    const whole = Math.floor(c / 100);
    const rest = c - whole * 100;
    this.uint(whole);
    const buf = this.buf;
    buf[this.pos++] = mark;
    const tens = Math.floor(rest / 10);
    buf[this.pos++] = 48 + tens;
    buf[this.pos++] = 48 + rest - tens * 10;
  }

  /** Integer tenths with one decimal and the given decimal mark byte. */
  tenths(t: number, mark: number): void {
    const whole = Math.floor(t / 10);
    this.uint(whole);
    this.buf[this.pos++] = mark;
    this.buf[this.pos++] = 48 + t - whole * 10;
  }
}
