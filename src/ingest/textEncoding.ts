/**
 * UTF-16 text, as Excel writes "Unicode text (*.txt)" and some ERP exports: told from its byte
 * order mark, or without one from the zero bytes every other byte that ASCII text has in
 * UTF-16; and a file in another encoding copied as UTF-8 (the engine reads UTF-8), its lines
 * and their numbers unchanged.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';

/** A UTF-16 byte order. */
export type Utf16 = 'utf16le' | 'utf16be';

/** Bytes looked at without a byte order mark. */
const LOOK = 4096;

/** The UTF-16 byte order of text starting with `head`, or null when it is not UTF-16. */
export function utf16Of(head: Buffer): Utf16 | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  // Without a mark: mostly-ASCII text has a zero in every character's high byte (odd bytes in
  // little-endian, even in big-endian) and almost none in the other.
  const n = Math.min(head.length, LOOK) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.6 * pairs && evenZero < 0.05 * pairs) return 'utf16le';
  if (evenZero > 0.6 * pairs && oddZero < 0.05 * pairs) return 'utf16be';
  return null;
}

/** Copies `src` (gzip or not) in `from` to `out` as UTF-8 without a byte order mark. */
export async function copyAsUtf8(
  src: string,
  out: string,
  from: Utf16 | 'win1252' | 'latin1',
): Promise<void> {
  const gz = await isGzip(src);
  const decode = iconv.decodeStream(from);
  const encode = iconv.encodeStream('utf8');
  if (gz) await pipeline(createReadStream(src), createGunzip(), decode, encode, createWriteStream(out));
  else await pipeline(createReadStream(src), decode, encode, createWriteStream(out));
}

async function isGzip(file: string): Promise<boolean> {
  const stream = createReadStream(file, { start: 0, end: 1 });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const b = Buffer.concat(chunks);
  return b[0] === 0x1f && b[1] === 0x8b;
}
