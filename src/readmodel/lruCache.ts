/**
 * A small least-recently-used cache (Map insertion order): the server's data cannot change
 * while it runs. Bounded by a number of entries, or by a total weight (e.g. bytes) when a
 * weight function is given.
 */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  private total = 0;

  /**
   * @param capacity most entries kept, or (with `weigh`) the most total weight kept.
   * @param weigh weight of one value (default 1 per entry); a value heavier than `capacity` is not kept.
   */
  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  /** The value for `key`, marked as most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  /** The value for `key` without marking it used; undefined when absent. */
  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    this.map.delete(key);
    this.total -= this.weigh(v);
  }

  /** Stores `value`, dropping the least recently used entries while over capacity. */
  set(key: string, value: V): void {
    this.delete(key);
    const w = this.weigh(value);
    if (w > this.capacity) return;
    this.map.set(key, value);
    this.total += w;
    while (this.total > this.capacity) this.delete(this.map.keys().next().value!);
  }

  /** Number of entries held. */
  get size(): number {
    return this.map.size;
  }
}
