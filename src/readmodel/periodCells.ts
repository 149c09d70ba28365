/**
 * A period's totals and roll-ups per combination of attributes without a pass over the customers:
 * for every combination (a cell of the filter cube) and every period of whole months `[a, b]` (month
 * indexes into the held figures' months, inclusive), the customers whose contribution over the
 * period is below zero and above zero and the money of each, and every {@link MONTHLY_COLUMNS}
 * summed over the period.
 *
 * The columns are cumulative sums over months per cell (a period is the difference of two). The
 * loss-makers are not a sum over months (a customer's sign depends on its months in the period),
 * but a customer's months in a period are always one stretch of its run of months, and the periods
 * that take exactly the stretch `i..j` of its rows are a rectangle of `(a, b)`: `a` after the month
 * of row `i - 1` up to that of row `i`, `b` from the month of row `j` up to before that of row
 * `j + 1`. Each stretch adds its sign to its rectangle in a two-dimensional difference table per
 * cell, and running sums over both axes turn that into the answer for every `(a, b)`: built once per
 * generation, about six stretches a customer on the demo (three months each), then O(1) a cell.
 * Sums are whole cents in doubles, exact below 2^53: the build refuses (null, and the reads keep
 * summing customer by customer) when the money it adds up could reach that, or when the tables
 * would pass {@link MAX_ENTRIES}.
 */
import { MONTHLY_COLUMNS } from '../profit/index.ts';
import type { HeldFigures } from './heldFigures.ts';

/** The stretch sums of one generation (see the file's comment). */
export interface PeriodCells {
  /** Months (the held figures' months): periods are `[a, b]` with `0 <= a <= b < months`. */
  readonly months: number;
  /** Per cell and period `a * months + b`: loss-makers, the profitable, their money (cents). */
  readonly lossMakers: Float64Array;
  readonly profitable: Float64Array;
  readonly negative: Float64Array;
  readonly positive: Float64Array;
  /** Per cell, month boundary `m` (0..months) and column: the column summed over months `< m` (cents). */
  readonly cumulative: Float64Array;
}

/** The entries one table may hold (cells x months^2): 2^21, 16 MiB for the four tables. */
export const MAX_ENTRIES = 2 ** 21;

/** One cell's summed months: its combination's index and the month's index, with its cents per column. */
export interface CellMonth {
  cell: number;
  month: number;
  cents: readonly bigint[];
}

/**
 * Builds the tables from the held figures (customers in the cube's order), each customer's cell,
 * and the cube's months summed per cell; null when they cannot be exact or would be too large.
 */
export function buildPeriodCells(
  held: HeldFigures,
  cellOf: Uint32Array,
  cells: number,
  cellMonths: readonly CellMonth[],
): PeriodCells | null {
  const M = held.monthNames.length;
  const side = M + 1;
  if (cells * side * side > MAX_ENTRIES) return null;
  const contribution = held.money[MONTHLY_COLUMNS.indexOf('contribution')]!;
  const { start, month } = held;
  // Difference tables (side x side per cell): a stretch's value at its rectangle's four corners.
  const negN = new Float64Array(cells * side * side);
  const posN = new Float64Array(cells * side * side);
  const neg = new Float64Array(cells * side * side);
  const pos = new Float64Array(cells * side * side);
  let bound = 0;
  for (let k = 0; k < held.customers; k++) {
    const first = start[k]!;
    const end = start[k + 1]!;
    const base = cellOf[k]! * side * side;
    for (let i = first; i < end; i++) {
      const a0 = i > first ? month[i - 1]! + 1 : 0;
      const a1 = month[i]! + 1; // exclusive
      let s = 0;
      for (let j = i; j < end; j++) {
        s += contribution[j]!;
        if (s === 0) continue;
        const b0 = month[j]!;
        const b1 = j + 1 < end ? month[j + 1]! : M; // exclusive
        const count = s < 0 ? negN : posN;
        const money = s < 0 ? neg : pos;
        count[base + a0 * side + b0]! += 1;
        count[base + a0 * side + b1]! -= 1;
        count[base + a1 * side + b0]! -= 1;
        count[base + a1 * side + b1]! += 1;
        money[base + a0 * side + b0]! += s;
        money[base + a0 * side + b1]! -= s;
        money[base + a1 * side + b0]! -= s;
        money[base + a1 * side + b1]! += s;
        bound += 4 * Math.abs(s);
      }
    }
  }
  if (!(bound < Number.MAX_SAFE_INTEGER)) return null;
  // Running sums over b, then over a: each entry becomes its period's answer.
  for (const t of [negN, posN, neg, pos])
    for (let c = 0; c < cells; c++) {
      const base = c * side * side;
      for (let a = 0; a < side; a++)
        for (let b = 1; b < side; b++) t[base + a * side + b]! += t[base + a * side + b - 1]!;
      for (let a = 1; a < side; a++)
        for (let b = 0; b < side; b++) t[base + a * side + b]! += t[base + (a - 1) * side + b]!;
    }
  // The columns: each cell's months, then running sums over them.
  const cols = MONTHLY_COLUMNS.length;
  const cumulative = new Float64Array(cells * side * cols);
  const abs = MONTHLY_COLUMNS.map(() => 0);
  for (const m of cellMonths) {
    const at = (m.cell * side + m.month + 1) * cols;
    for (let c = 0; c < cols; c++) {
      const v = Number(m.cents[c]!);
      cumulative[at + c]! += v;
      abs[c]! += Math.abs(v);
    }
  }
  if (!abs.every((x) => x < Number.MAX_SAFE_INTEGER)) return null;
  for (let cell = 0; cell < cells; cell++)
    for (let m = 1; m < side; m++) {
      const at = (cell * side + m) * cols;
      for (let c = 0; c < cols; c++) cumulative[at + c]! += cumulative[at - cols + c]!;
    }
  // Compact the four tables to months x months per cell (the difference tables' extra row and column go).
  const squeeze = (t: Float64Array) => {
    const out = new Float64Array(cells * M * M);
    for (let c = 0; c < cells; c++)
      for (let a = 0; a < M; a++)
        out.set(t.subarray(c * side * side + a * side, c * side * side + a * side + M), (c * M + a) * M);
    return out;
  };
  return {
    months: M,
    lossMakers: squeeze(negN),
    profitable: squeeze(posN),
    negative: squeeze(neg),
    positive: squeeze(pos),
    cumulative,
  };
}

/** One cell's figures over the months `[a, b]` (a > b: no month, all zero). */
export function periodOfCell(
  p: PeriodCells,
  cell: number,
  a: number,
  b: number,
): { lossMakers: number; profitable: number; negative: number; positive: number; sums: number[] } {
  const M = p.months;
  const cols = MONTHLY_COLUMNS.length;
  if (a > b || a >= M || b < 0)
    return { lossMakers: 0, profitable: 0, negative: 0, positive: 0, sums: MONTHLY_COLUMNS.map(() => 0) };
  const at = (cell * M + a) * M + b;
  const hi = (cell * (M + 1) + b + 1) * cols;
  const lo = (cell * (M + 1) + a) * cols;
  return {
    lossMakers: p.lossMakers[at]!,
    profitable: p.profitable[at]!,
    negative: p.negative[at]!,
    positive: p.positive[at]!,
    sums: MONTHLY_COLUMNS.map((_, c) => p.cumulative[hi + c]! - p.cumulative[lo + c]!),
  };
}
