/**
 * One kind of line end for the sniffer: DuckDB's `sniff_csv` settles on one line end per file
 * and gives up on a header ending in LF above lines ending in CRLF (a hand edit), so the
 * export is profiled from a copy whose CRLF and lone CR (old Mac exports) are all LF. Line
 * numbers stay the same; ingest reads the original (it evens out line ends itself).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** Whether `head` (the file's first bytes, decompressed) has a carriage return anywhere. */
export function hasCarriageReturn(head: Buffer): boolean {
  return head.includes(13);
}

/** Writes `file` (gzip-compressed when its name ends in .gz) to `out` with every CRLF and lone CR as LF. */
export async function copyWithLf(file: string, out: string): Promise<void> {
  const read = createReadStream(file, { highWaterMark: 1 << 20 });
  if (/\.gz$/i.test(file)) await pipeline(read, createGunzip(), toLf(), createWriteStream(out));
  else await pipeline(read, toLf(), createWriteStream(out));
}

/** A stream transform: CRLF -> LF and a lone CR -> LF (a CR at a chunk's end waits for the next byte). */
export function toLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const out = Buffer.allocUnsafe(chunk.length + 1);
      let n = 0;
      let i = 0;
      if (pendingCr) {
        out[n++] = 10;
        // The LF of a CRLF split across chunks is already written as the CR's.
        if (chunk[0] === 10) i = 1;
        pendingCr = false;
      }
      for (; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b !== 13) {
          out[n++] = b;
          continue;
        }
        if (i === chunk.length - 1) {
          pendingCr = true;
          break;
        }
        out[n++] = 10;
        if (chunk[i + 1] === 10) i++;
      }
      done(null, out.subarray(0, n));
    },
    flush(done: TransformCallback) {
      done(null, pendingCr ? Buffer.from([10]) : undefined);
    },
  });
}
