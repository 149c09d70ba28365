/** A small least-recently-used cache (Map insertion order): the server's data cannot change while it runs. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  /** The value for `key`, marked as most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.map.delete(key);
  }

  /** Stores `value`, dropping the least recently used entry when full. */
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}
