/**
 * UTF-16 text, as Excel writes "Unicode text (*.txt)" and some ERP exports: told from its byte
 * order mark, or without one from the zero bytes every other byte that ASCII text has in
 * UTF-16; and a file in another encoding copied as UTF-8 (the engine reads UTF-8), its lines
 * and their numbers unchanged.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
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
  from: Utf16 | 'win1252' | 'latin1' | 'macintosh',
): Promise<void> {
  const gz = await isGzip(src);
  const decode = iconv.decodeStream(from);
  const encode = iconv.encodeStream('utf8');
  // A UTF-16 file starts FF FE or FE FF: dropping a UTF-8 mark leaves it as it is.
  if (gz)
    await pipeline(
      createReadStream(src),
      createGunzip(),
      dropUtf8Bom(),
      decode,
      encode,
      createWriteStream(out),
    );
  else await pipeline(createReadStream(src), dropUtf8Bom(), decode, encode, createWriteStream(out));
}

/**
 * Drops a UTF-8 byte order mark (EF BB BF) at the start of a byte stream, before it is decoded as
 * Windows-1252 or Latin-1: a file made by putting a UTF-8 header in front of an ANSI export
 * (or saved by a tool that always writes one) would otherwise start with "ï»¿", and its first
 * column name would not be recognised.
 */
export function dropUtf8Bom(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) return done();
      const out = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
      head = null;
      done(null, out);
    },
    flush(done: TransformCallback) {
      done(null, head ?? undefined);
    },
  });
}

async function isGzip(file: string): Promise<boolean> {
  const stream = createReadStream(file, { start: 0, end: 1 });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const b = Buffer.concat(chunks);
  return b[0] === 0x1f && b[1] === 0x8b;
}
