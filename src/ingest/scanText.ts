import { createReadStream, createWriteStream } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { WorthError } from '../core/index.ts';
import type { SourceFormat } from '../workspace/index.ts';

/** What a pass over a whole text file found. */
export interface TextScan {
  /** Both CRLF and bare LF line ends occur (as after a hand edit); the engine needs one kind. */
  mixedLineEndings: boolean;
  /**
   * Lines end in a lone CR (old Mac exports), alone or beside CRLF, and never in a bare LF:
   * the engine reads none of that as lines, so the file is read from a copy with LF ends.
   * (In a file whose lines end in LF a lone CR is part of a value, and stays.)
   */
  crLineEnds: boolean;
  /** Lines in the file (line feeds, plus a last line without one): tells whether any record spans lines. */
  lines: number;
}

/** Bytes that Windows-1252 leaves undefined: a file with them is Latin-1 rather than Windows-1252. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Reads the whole file once (through gunzip when `gz`) and checks what the engine would
 * otherwise trip over deep in a big file with its own words: a NUL byte, invalid UTF-8 (when
 * the format says UTF-8), and whether line ends are mixed. The checks are native buffer
 * searches, so a clean file costs one read. `columns` names the fields in error messages.
 */
export async function scanText(
  abs: string,
  gz: boolean,
  shown: string,
  format: SourceFormat,
  columns: string[],
): Promise<TextScan> {
  let offset = 0;
  let carry = Buffer.alloc(0);
  let crlf = 0;
  let bareLf = 0;
  let loneCr = 0;
  let lastByte = -1;
  let lineFeeds = 0;
  let bad: { offset: number; kind: 'nul' | 'utf8' } | undefined;
  const checkUtf8 = format.encoding === 'utf-8';
  for await (const chunk of gz ? (open(abs, gz) as AsyncIterable<Buffer>) : chunksOf(abs)) {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      bad = { offset: offset + nul, kind: 'nul' };
      break;
    }
    if (checkUtf8) {
      // A multi-byte character cut by the chunk's end is checked with the next chunk.
      const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const keep = incompleteTail(joined);
      const body = joined.subarray(0, joined.length - keep);
      if (!isUtf8(body)) {
        bad = { offset: offset - carry.length + firstInvalidUtf8(body), kind: 'utf8' };
        break;
      }
      carry = Buffer.from(joined.subarray(joined.length - keep));
    }
    // Only a chunk with carriage returns needs its line ends looked at one by one.
    if (chunk.indexOf(13) >= 0 || lastByte === 13) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        lineFeeds++;
        if ((i > 0 ? chunk[i - 1] : lastByte) === 13) crlf++;
        else bareLf++;
      }
      // A CR whose next byte (in this chunk, or the next one's first) is not LF is a lone CR.
      if (lastByte === 13 && chunk[0] !== 10) loneCr++;
      for (let i = chunk.indexOf(13); i >= 0 && i < chunk.length - 1; i = chunk.indexOf(13, i + 1))
        if (chunk[i + 1] !== 10) loneCr++;
    } else {
      const before = lineFeeds;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lineFeeds++;
      bareLf += lineFeeds - before;
    }
    lastByte = chunk[chunk.length - 1] ?? lastByte;
    offset += chunk.length;
  }
  if (!bad && checkUtf8 && carry.length) bad = { offset: offset - carry.length, kind: 'utf8' };
  if (bad) throw await describeBadByte(abs, gz, shown, format, columns, bad.offset, bad.kind);
  // A CR as the file's very last byte ends its last line.
  if (lastByte === 13) loneCr++;
  // Excel on a Mac ends lines with CR and writes a line break typed in a cell as LF: lone CRs
  // outnumbering bare LFs are the line ends (the LFs then sit in quoted cells).
  const crLineEnds = loneCr > bareLf;
  const ends = lineFeeds + (crLineEnds ? loneCr : 0);
  const lastEnded = lastByte === 10 || (crLineEnds && lastByte === 13);
  return {
    mixedLineEndings: crlf > 0 && bareLf > 0,
    crLineEnds,
    lines: ends + (offset > 0 && !lastEnded ? 1 : 0),
  };
}

/**
 * Writes a copy of the file with every CRLF turned into LF, and with `loneCr` every lone CR
 * too (line numbers stay the same).
 */
export async function normalizeLineEndings(
  abs: string,
  gz: boolean,
  out: string,
  loneCr = false,
): Promise<void> {
  await pipeline(open(abs, gz), loneCr ? toLf() : crlfToLf(), createWriteStream(out));
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

/** A stream transform that drops the CR of every CRLF (a CR at a chunk's end waits for the next byte). */
export function crlfToLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const input = pendingCr ? Buffer.concat([Buffer.from([13]), chunk]) : chunk;
      pendingCr = input.length > 0 && input[input.length - 1] === 13;
      const body = pendingCr ? input.subarray(0, input.length - 1) : input;
      const parts: Buffer[] = [];
      let start = 0;
      for (let i = body.indexOf(13); i >= 0; i = body.indexOf(13, i + 1)) {
        if (body[i + 1] === 10) {
          parts.push(body.subarray(start, i));
          start = i + 1;
        }
      }
      parts.push(body.subarray(start));
      done(null, Buffer.concat(parts));
    },
    flush(done: TransformCallback) {
      done(null, pendingCr ? Buffer.from([13]) : undefined);
    },
  });
}

/** The size of the one buffer {@link chunksOf} reads into (1 MiB, as the streams' chunks). */
const CHUNK = 1 << 20;

/**
 * A plain file's bytes as chunks of one buffer that is read into again for every chunk (each
 * chunk is only valid until the next is asked for: the scan keeps none of them). A read stream
 * allocates a new buffer per chunk, and touching that fresh memory cost more CPU than the scan's
 * own work (the demo's 260 MB: 0.07-0.17 CPU-s against 0.03 for reads into one buffer).
 */
async function* chunksOf(abs: string): AsyncGenerator<Buffer> {
  const file = await openFile(abs, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

function open(abs: string, gz: boolean): Readable {
  const raw = createReadStream(abs, { highWaterMark: 1 << 20 });
  return gz ? raw.pipe(createGunzip()) : raw;
}

/** Bytes at the end that start a multi-byte character not yet complete (0-3). */
function incompleteTail(b: Buffer): number {
  for (let i = 1; i <= 3 && b.length - i >= 0; i++) {
    const byte = b[b.length - i]!;
    if ((byte & 0xc0) === 0x80) continue;
    if ((byte & 0xc0) === 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return need > i ? i : 0;
    }
    return 0;
  }
  return 0;
}

/** Index of the first byte that breaks UTF-8 (the buffer is known to be invalid somewhere). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return i;
      if ((b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return b.length;
}

/**
 * The error for a bad byte at `at`: a second pass finds its line (the header is line 1) and
 * the line's bytes, so the message can name the column and show the value as Windows-1252
 * would read it. Only runs when a file is already refused.
 */
async function describeBadByte(
  abs: string,
  gz: boolean,
  shown: string,
  format: SourceFormat,
  columns: string[],
  at: number,
  kind: 'nul' | 'utf8',
): Promise<WorthError> {
  let line = 1;
  let offset = 0;
  let lineStart: Buffer[] = [];
  let rest: Buffer | undefined;
  for await (const chunk of open(abs, gz) as AsyncIterable<Buffer>) {
    if (offset + chunk.length <= at) {
      let last = -1;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        line++;
        last = i;
      }
      lineStart = last >= 0 ? [chunk.subarray(last + 1)] : [...lineStart, chunk].slice(-4);
      offset += chunk.length;
      continue;
    }
    const pos = at - offset;
    let last = -1;
    for (let i = chunk.indexOf(10); i >= 0 && i < pos; i = chunk.indexOf(10, i + 1)) {
      line++;
      last = i;
    }
    const before =
      last >= 0 ? chunk.subarray(last + 1, pos) : Buffer.concat([...lineStart, chunk.subarray(0, pos)]);
    const end = chunk.indexOf(10, pos);
    rest = chunk.subarray(pos, end >= 0 ? end : chunk.length);
    lineStart = [before];
    break;
  }
  const before = Buffer.concat(lineStart);
  const byte = rest?.[0] ?? 0;
  const field = fieldAt(Buffer.concat([before, rest ?? Buffer.alloc(0)]), before.length, format);
  const column = format.header ? columns[field.index] : `column${field.index + 1}`;
  const where = { file: shown, line, column };
  if (kind === 'nul') {
    return new WorthError(
      'file_format',
      where,
      undefined,
      'a text CSV file',
      `contains binary data (a NUL byte at byte ${at + 1}); expected a text CSV file`,
    );
  }
  const latin1 = UNDEFINED_IN_1252.has(byte);
  const encoding = latin1 ? 'latin-1' : 'windows-1252';
  const asRead = iconv.decode(field.bytes, latin1 ? 'latin1' : 'win1252').replace(/\r$/, '');
  return new WorthError(
    'file_format',
    where,
    asRead,
    'UTF-8 text',
    `${JSON.stringify(asRead.slice(0, 80))} (as ${encoding} reads it) is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} at byte ${at + 1}); set format.encoding: ${encoding} if the file was saved that way (Excel on Windows), or correct that line`,
  );
}

/** The field (quote-aware) of a line that holds byte `pos`: its index and its bytes. */
function fieldAt(line: Buffer, pos: number, format: SourceFormat): { index: number; bytes: Buffer } {
  const delim = format.delimiter.charCodeAt(0);
  const quote = format.quote.charCodeAt(0);
  let index = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === quote) quoted = !quoted;
    else if (c === delim && !quoted) {
      if (i >= pos) return { index, bytes: unquote(line.subarray(start, i), quote) };
      index++;
      start = i + 1;
    }
  }
  return { index, bytes: unquote(line.subarray(start), quote) };
}

function unquote(b: Buffer, quote: number): Buffer {
  return b.length >= 2 && b[0] === quote && b[b.length - 1] === quote ? b.subarray(1, b.length - 1) : b;
}
