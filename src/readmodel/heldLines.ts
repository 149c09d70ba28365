/**
 * The lines cube held in memory per published generation (`lines_cube`: a few tens of thousands
 * of rows at 1,000,000 customers), so the line roll-ups under the global filters cost one walk
 * over typed arrays instead of a query (measured at 1,000,000 customers: about 60 ms of CPU for
 * the query on the stored cube, its engine's threads included). Money is held as whole cents in
 * doubles, exact below 2^53; a cube whose sums could pass that is not held (the SQL path answers).
 * An answer is row for row the SQL one ({@link readFilteredLines}): the same columns, money as
 * the engine writes a DECIMAL sum, the same order (a test compares them for many filters).
 */
import { fromScaled, toScaled } from '../core/index.ts';
import { LINES_CUBE_ATTRIBUTES, LINES_CUBE_TABLE, linesCubeAttribute } from '../profit/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import { FILTER_ATTRIBUTES, type Filters } from './filters.ts';
import type { LineKey, LineRollups } from './lineFilters.ts';

/** The held cube: one entry per row of `lines_cube` in each array. */
export interface HeldLines {
  readonly groups: string[];
  readonly channels: string[];
  /** Each row's product group and order channel: indexes into {@link groups} and {@link channels}. */
  readonly group: Uint32Array;
  readonly channel: Uint32Array;
  /** Each row's month, `yyyy-mm-01` (null: a line without an order date). */
  readonly month: (string | null)[];
  /** Each row's segment, channel and region (null: none), three per row. */
  readonly attrs: (string | null)[];
  readonly lines: Float64Array;
  /** Gross, discount and cost of goods in cents. */
  readonly gross: Float64Array;
  readonly discount: Float64Array;
  readonly cogs: Float64Array;
}

const LIMIT = 2 ** 53;

/** Reads the cube, or null when the workspace has none or its money could pass 2^53 cents. */
export async function loadHeldLines(engine: Engine): Promise<HeldLines | null> {
  if (!(await engine.tableExists(LINES_CUBE_TABLE))) return null;
  const q = engine.dialect.quoteIdent;
  const attrs = LINES_CUBE_ATTRIBUTES.map((a) => q(linesCubeAttribute(a))).join(', ');
  const rows = await engine.query(
    `SELECT product_group, channel, CAST(month AS VARCHAR) AS month, ${attrs}, CAST(line_count AS VARCHAR) AS n, ` +
      'CAST(gross_sum AS VARCHAR) AS g, CAST(discount_sum AS VARCHAR) AS d, CAST(cogs_sum AS VARCHAR) AS c FROM lines_cube',
  );
  const n = rows.length;
  const groups = new Map<string, number>();
  const channels = new Map<string, number>();
  const code = (m: Map<string, number>, v: string) => {
    let c = m.get(v);
    if (c === undefined) m.set(v, (c = m.size));
    return c;
  };
  const held = {
    group: new Uint32Array(n),
    channel: new Uint32Array(n),
    month: new Array<string | null>(n),
    attrs: new Array<string | null>(3 * n),
    lines: new Float64Array(n),
    gross: new Float64Array(n),
    discount: new Float64Array(n),
    cogs: new Float64Array(n),
  };
  const total = [0n, 0n, 0n];
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    held.group[i] = code(groups, String(r.product_group));
    held.channel[i] = code(channels, String(r.channel));
    held.month[i] = text(r.month);
    LINES_CUBE_ATTRIBUTES.forEach((a, k) => (held.attrs[3 * i + k] = text(r[linesCubeAttribute(a)])));
    held.lines[i] = Number(r.n);
    const cents = [r.g, r.d, r.c].map((v) => toScaled(String(v ?? '0')));
    cents.forEach((c, k) => (total[k]! += c < 0n ? -c : c));
    [held.gross[i], held.discount[i], held.cogs[i]] = cents.map(Number) as [number, number, number];
  }
  // Every partial sum of a column is at most the sum of its absolute values: below 2^53, exact.
  if (total.some((t) => t >= BigInt(LIMIT))) return null;
  return { ...held, groups: [...groups.keys()], channels: [...channels.keys()] };
}

/** Sums per key: lines, gross, discount, cost of goods (cents). */
type Sums = [number, number, number, number];

/** The line roll-ups under `f` from the held cube, as {@link readFilteredLines} gives them. */
export function heldLineRollups(held: HeldLines, f: Filters): LineRollups {
  const from = f.from === undefined ? null : `${f.from}-01`;
  const to = f.to === undefined ? null : `${f.to}-01`;
  const want = FILTER_ATTRIBUTES.map((a) => f[a] ?? null);
  const byGroup: Sums[] = held.groups.map(() => [0, 0, 0, 0]);
  const byChannel: Sums[] = held.channels.map(() => [0, 0, 0, 0]);
  const n = held.group.length;
  rows: for (let i = 0; i < n; i++) {
    if (from !== null || to !== null) {
      // SQL compares the month as text: a null month is never in a period.
      const m = held.month[i];
      if (m === null || m === undefined || (from !== null && m < from) || (to !== null && m > to)) continue;
    }
    for (let k = 0; k < 3; k++) if (want[k] !== null && held.attrs[3 * i + k] !== want[k]) continue rows;
    for (const s of [byGroup[held.group[i]!]!, byChannel[held.channel[i]!]!]) {
      s[0] += held.lines[i]!;
      s[1] += held.gross[i]!;
      s[2] += held.discount[i]!;
      s[3] += held.cogs[i]!;
    }
  }
  const seen = (sums: Sums[]) => sums.map((s, i) => [i, s] as const).filter(([, s]) => s[0] > 0);
  return {
    productGroups: rowsOf('product_group', held.groups, seen(byGroup)),
    channels: rowsOf('channel', held.channels, seen(byChannel)),
  };
}

const money = (cents: number) => fromScaled(BigInt(cents));

/** The roll-up rows of one key, largest margin first, ties by the key's bytes (as the engine orders text). */
function rowsOf(key: LineKey, names: string[], sums: (readonly [number, Sums])[]): Row[] {
  return sums
    .map(([i, [lines, gross, discount, cogs]]) => ({
      name: names[i]!,
      lines,
      gross,
      discount,
      sales: gross - discount,
      cogs,
      margin: gross - discount - cogs,
    }))
    .sort((a, b) =>
      a.margin !== b.margin ? b.margin - a.margin : Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
    )
    .map((s) => ({
      [key]: s.name,
      order_lines: s.lines,
      gross_sales: money(s.gross),
      discounts: money(s.discount),
      invoiced_sales: money(s.sales),
      cogs: money(s.cogs),
      invoiced_margin: money(s.margin),
      margin_share: s.sales === 0 ? null : Number(money(s.margin)) / Number(money(s.sales)),
    }));
}
