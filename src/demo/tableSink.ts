/**
 * Where a table's bytes go: a file stream, written in chunks of about 64 KB; the generator
 * awaits `drain` when the stream asks it to slow down (backpressure), so memory stays flat
 * at any size. Or nowhere, to compute totals only.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** A destination for one table's bytes. */
export interface TableSink {
  /** Takes a chunk of whole rows (the sink may keep the buffer). */
  write(chunk: Uint8Array): void;
  /** True when the underlying stream is over its high-water mark. */
  readonly blocked: boolean;
  /** Resolves when the stream has room again. */
  drain(): Promise<void>;
  /** Closes the file once everything is written. */
  close(): Promise<void>;
}

/** A sink writing to a file. */
export class FileSink implements TableSink {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private drained: Promise<unknown> | undefined;

  constructor(path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    // Kept and rethrown on the next call: an unhandled stream error would end the process.
    this.stream.on('error', (e) => (this.failure = e));
  }

  write(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    // Listen for 'drain' at once: awaited later, the event may already have passed.
    if (!this.stream.write(chunk) && !this.drained) this.drained = once(this.stream, 'drain');
  }

  get blocked(): boolean {
    return this.drained !== undefined;
  }

  async drain(): Promise<void> {
    if (!this.drained) return;
    await this.drained;
    this.drained = undefined;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** A sink that keeps nothing: for computing totals without writing. */
export class NullSink implements TableSink {
  readonly blocked = false;
  write(): void {}
  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}

/** A sink keeping the chunks in memory, joined into one buffer with its own memory (transferable). */
export class MemorySink implements TableSink {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  readonly blocked = false;

  write(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {}

  /** Everything written, in a fresh Uint8Array (never a slice of a shared pool). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
