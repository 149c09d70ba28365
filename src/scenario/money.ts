/** Money at the edges: projections run in doubles, output is a decimal string in cents. */

/** A double rounded to cents as a decimal string (`-0` prints as `0.00`). */
export function cents(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 100) / 100;
  return (r === 0 ? 0 : r).toFixed(2);
}
