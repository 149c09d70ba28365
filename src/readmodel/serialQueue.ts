/** Runs async work one at a time, in arrival order (the work queued on one database connection). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `fn` after everything queued before it; its result or error goes to the caller only. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
