/**
 * Output to a reader that has gone away (`worth analyze DIR | head -1`): the first write after the
 * reader closes fails with EPIPE. Unix tools end quietly then; Worth goes one step further and
 * lets the command finish its work (a half-run analyze would throw the work away), dropping the
 * rest of its output, and exits with the command's own exit code. Without this the failed write
 * surfaces as an uncaught stream error, reported as an internal error.
 */
import type { Writable } from 'node:stream';

/** Whether an error is a write to a closed pipe (or socket). */
export function isClosedPipe(e: unknown): boolean {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * From the first closed-pipe error on `stream` on, its writes are dropped (they still report
 * success, so writers waiting for 'drain' carry on); any other error goes to `otherwise`.
 */
export function dropOutputWhenClosed(stream: Writable, otherwise: (e: unknown) => void): void {
  stream.on('error', (e: unknown) => {
    if (!isClosedPipe(e)) return otherwise(e);
    stream.write = dropped;
  });
}

function dropped(_chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean {
  const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
  if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
  return true;
}
