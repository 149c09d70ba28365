/**
 * The first k items of a list in a comparator's order without sorting the list: a bounded heap
 * of the k best seen, O(n log k), then sorted; a page of a long list costs one pass, not a sort.
 */

/** The first `k` of `items` by `cmp` (negative: a before b), in order; the whole list sorted when k is most of it. */
export function firstBy(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.slice().sort(cmp).slice(0, k);
  // A max-heap (by cmp) of the k best: its root is the worst kept.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && cmp(heap[l]!, heap[w]!) > 0) w = l;
      if (r < heap.length && cmp(heap[r]!, heap[w]!) > 0) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (const x of items) {
    if (heap.length < k) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (cmp(heap[i]!, heap[p]!) <= 0) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (cmp(x, heap[0]!) < 0) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(cmp);
}
