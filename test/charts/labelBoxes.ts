/** Test helper: text boxes of a chart as a browser drew them, and which of them lie over each other. */

/** A text's box on the page, as `getBoundingClientRect` gives it. */
export interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Pairs of boxes that overlap by more than half a pixel either way, as `"a" over "b"`. */
export function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 0.5 && y > 0.5) found.push(`"${a.text}" over "${b.text}"`);
    }
  return found;
}
