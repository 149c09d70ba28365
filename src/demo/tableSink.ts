/**
 * Buffered output for one table file: rows are appended to a string and handed to the
 * file stream in chunks of about 64 KB; the generator awaits `drain` when the stream
 * asks it to slow down (backpressure), so memory stays flat at any size.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Chunk size handed to the stream, in UTF-16 code units (about bytes for this data). */
export const CHUNK_CHARS = 64 * 1024;

/** Where a table's text goes: a file, or nowhere (totals only). */
export interface TableSink {
  /** Appends text (whole rows, each ending in a newline). */
  add(text: string): void;
  /** True when the underlying stream is over its high-water mark. */
  readonly blocked: boolean;
  /** Resolves when the stream has room again. */
  drain(): Promise<void>;
  /** Flushes what is buffered and closes the file. */
  close(): Promise<void>;
}

/** A sink writing UTF-8 text to a file. */
export class FileSink implements TableSink {
  private buf = '';
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  blocked = false;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    // Kept and rethrown on the next call: an unhandled stream error would end the process.
    this.stream.on('error', (e) => (this.failure = e));
  }

  add(text: string): void {
    if (this.failure) throw this.failure;
    this.buf += text;
    if (this.buf.length >= CHUNK_CHARS) {
      if (!this.stream.write(this.buf)) this.blocked = true;
      this.buf = '';
    }
  }

  async drain(): Promise<void> {
    if (!this.blocked) return;
    await once(this.stream, 'drain');
    this.blocked = false;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buf) this.stream.write(this.buf);
    this.buf = '';
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** A sink that keeps nothing: for computing totals without writing. */
export class NullSink implements TableSink {
  readonly blocked = false;
  add(): void {}
  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}
