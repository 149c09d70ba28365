/**
 * One kind of line end for the sniffer: DuckDB's `sniff_csv` settles on one line end per file
 * and gives up on a header ending in LF above lines ending in CRLF (a hand edit), so the
 * export is profiled from a copy whose CRLF and lone CR (old Mac exports) are all LF. Line
 * numbers stay the same; ingest evens out line ends itself, with the same transform (`toLf`).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { toLf } from '../ingest/index.ts';

/** Whether `head` (the file's first bytes, decompressed) has a carriage return anywhere. */
export function hasCarriageReturn(head: Buffer): boolean {
  return head.includes(13);
}

/** Whether `head` ends lines with a CR alone (old Mac exports; Excel on a Mac's "CSV (Macintosh)"). */
export function hasLoneCr(head: Buffer): boolean {
  for (let i = head.indexOf(13); i >= 0 && i < head.length - 1; i = head.indexOf(13, i + 1))
    if (head[i + 1] !== 10) return true;
  return false;
}

/** Writes `file` (gzip-compressed when its name ends in .gz) to `out` with every CRLF and lone CR as LF. */
export async function copyWithLf(file: string, out: string): Promise<void> {
  const read = createReadStream(file, { highWaterMark: 1 << 20 });
  if (/\.gz$/i.test(file)) await pipeline(read, createGunzip(), toLf(), createWriteStream(out));
  else await pipeline(read, toLf(), createWriteStream(out));
}
