/**
 * The global filters answered from memory where they can be: a small pre-aggregated table per
 * published generation (read once, a few hundred rows), so a filter on the customer attributes
 * costs a few array walks instead of a scan of the customer P&L.
 * - per combination of segment, channel and region: customers, loss-makers, the money of
 *   profitable and loss-making customers, and every {@link FilteredColumn}, over the year;
 * - per combination and month: the months of `pnl_monthly` summed;
 * - per customer in order of contribution (descending): its contribution in cents and the codes
 *   of its three attributes, for the filtered whale curve.
 * Sums are integer cents (BigInt) written back as the engine writes a DECIMAL(18,2) sum, so every
 * answer equals the read model's SQL one ({@link readFilteredTotals} and the rest) to the cent and
 * to the byte: a test compares them for every filter of a demo workspace. A period (for the
 * totals, whale curve, roll-ups) and the deciles need each customer's figures: they come from the
 * figures held per customer ({@link HeldFigures}), summed over the period's months.
 */
import { fromScaled, normaliseMoney, toScaled } from '../core/index.ts';
import { MONTHLY_COLUMNS } from '../profit/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import {
  FILTER_ATTRIBUTES,
  filtersKey,
  hasPeriod,
  type FilterAttribute,
  type FilteredTotals,
  type FilteredWhalePoint,
  type Filters,
} from './filters.ts';
import { loadHeldFigures, monthRange, type HeldFigures } from './heldFigures.ts';
import { buildPeriodCells, periodOfCell, type CellMonth, type PeriodCells } from './periodCells.ts';
import { curveRanks, decileEnds, rankGroups, topSums } from './rankGroups.ts';
import type { Grain } from './request.ts';
import { customerTrendOfMonths, type Trend, type TrendFigures } from './trend.ts';

/** One combination of the three attributes (null: the customer has none, or no customers row). */
type Key = [string | null, string | null, string | null];

interface YearCell {
  key: Key;
  customers: number;
  lossMakers: number;
  profitable: number;
  positive: bigint;
  negative: bigint;
  sums: bigint[];
}

interface MonthCell {
  key: Key;
  month: string;
  sums: bigint[];
}

/** The pre-aggregated figures of one generation (see the file's comment). */
export interface FilterCube {
  readonly year: YearCell[];
  readonly months: MonthCell[];
  /** Each attribute's distinct values, in code order (code = index + 1; 0 = none). */
  readonly values: [string[], string[], string[]];
  /** Customers by contribution, descending: contribution in cents. */
  readonly contribution: Float64Array;
  /** The same customers' attribute codes, three per customer (segment, channel, region). */
  readonly codes: Uint16Array;
  /** The same customers' figures, year and months (null: not held exactly; a period and the deciles go to SQL). */
  readonly held: HeldFigures | null;
  /** The same customers' combination of attributes: an index into {@link cellKeys}. */
  readonly cell: Uint32Array;
  /** The combinations of attributes the customers have. */
  readonly cellKeys: Key[];
  /** Each of {@link months}' combination: an index into {@link cellKeys} (-1: no analysed customer has it). */
  readonly monthCell: Int32Array;
  /** The customers' positions grouped by combination (ascending within one): combination c's are `byCell[cellStart[c]]` to `byCell[cellStart[c + 1] - 1]`. */
  readonly byCell: Int32Array;
  readonly cellStart: Int32Array;
  /** A period's figures per combination (null: not held; a period's totals then sum each customer's months). */
  readonly periods: PeriodCells | null;
}

const SCALE = 2;

/**
 * Reads the cube, or null when the workspace cannot be answered from it (no customers table,
 * an attribute that is not text, more than 65,535 values, or money beyond 2^53 cents).
 */
export async function loadFilterCube(engine: Engine): Promise<FilterCube | null> {
  if (!(await engine.tableExists('customers')) || !(await engine.tableExists('customer_pnl'))) return null;
  const kinds = new Map((await engine.columnTypes('customers')).map((c) => [c.name, c.kind]));
  // A missing attribute is a WorthError of the SQL path; a non-text one compares otherwise there.
  if (FILTER_ATTRIBUTES.some((a) => kinds.get(a) !== 'text')) return null;
  const q = engine.dialect.quoteIdent;
  const attrs = FILTER_ATTRIBUTES.map((a) => `c.${q(a)} AS ${q(`a_${a}`)}`).join(', ');
  const group = FILTER_ATTRIBUTES.map((a) => q(`a_${a}`)).join(', ');
  const text = (e: string) => `CAST(coalesce(sum(${e}), 0) AS VARCHAR)`;
  const yearRows = await engine.query(
    `SELECT ${group}, count(*) AS n, sum(CASE WHEN contribution < 0 THEN 1 ELSE 0 END) AS neg_n, ` +
      `sum(CASE WHEN contribution > 0 THEN 1 ELSE 0 END) AS pos_n, ` +
      `${text('CASE WHEN contribution > 0 THEN contribution ELSE 0 END')} AS pos, ${text('CASE WHEN contribution < 0 THEN contribution ELSE 0 END')} AS neg, ` +
      `${MONTHLY_COLUMNS.map((c) => `${text(q(c))} AS ${q(c)}`).join(', ')} ` +
      `FROM (SELECT p.*, ${attrs} FROM customer_pnl p LEFT JOIN customers c ON c.customer_id = p.customer_id) f GROUP BY ${group}`,
  );
  const key = (r: Row): Key =>
    FILTER_ATTRIBUTES.map((a) => {
      const v = r[`a_${a}`];
      return v === null || v === undefined ? null : String(v);
    }) as Key;
  const sumsOf = (r: Row) => MONTHLY_COLUMNS.map((c) => toScaled(String(r[c] ?? '0'), SCALE));
  const year: YearCell[] = yearRows.map((r) => ({
    key: key(r),
    customers: Number(r.n),
    lossMakers: Number(r.neg_n ?? 0),
    profitable: Number(r.pos_n ?? 0),
    positive: toScaled(String(r.pos ?? '0'), SCALE),
    negative: toScaled(String(r.neg ?? '0'), SCALE),
    sums: sumsOf(r),
  }));
  const months: MonthCell[] = [];
  if (await engine.tableExists('pnl_monthly')) {
    const rows = await engine.query(
      `SELECT ${group}, CAST(m.month AS VARCHAR) AS month, ${MONTHLY_COLUMNS.map((c) => `${text(`m.${q(c)}`)} AS ${q(c)}`).join(', ')} ` +
        `FROM pnl_monthly m LEFT JOIN (SELECT customer_id, ${FILTER_ATTRIBUTES.map((a) => `${q(a)} AS ${q(`a_${a}`)}`).join(', ')} FROM customers) c ` +
        `ON c.customer_id = m.customer_id GROUP BY ${group}, m.month`,
    );
    for (const r of rows) months.push({ key: key(r), month: String(r.month), sums: sumsOf(r) });
  }
  // Each attribute's values coded 1.. in the database's own order (code 0: none).
  const dictionary = (a: FilterAttribute) =>
    `(SELECT value, CAST(row_number() OVER (ORDER BY value) AS INTEGER) AS code FROM (SELECT DISTINCT ${q(a)} AS value FROM customers WHERE ${q(a)} IS NOT NULL) d)`;
  const values = [] as string[][];
  for (const a of FILTER_ATTRIBUTES)
    values.push(
      (await engine.query(`SELECT value FROM ${dictionary(a)} ORDER BY code`)).map((r) => String(r.value)),
    );
  if (values.some((v) => v.length > 65_535)) return null;
  const order = await engine.queryNumericColumns(
    `SELECT CAST(round(p.contribution * 100) AS DOUBLE) AS cents, ` +
      FILTER_ATTRIBUTES.map((a) => `CAST(coalesce(v_${a}.code, 0) AS DOUBLE) AS ${q(`code_${a}`)}`).join(
        ', ',
      ) +
      ` FROM customer_pnl p LEFT JOIN customers c ON c.customer_id = p.customer_id ` +
      FILTER_ATTRIBUTES.map((a) => `LEFT JOIN ${dictionary(a)} v_${a} ON v_${a}.value = c.${q(a)}`).join(
        ' ',
      ) +
      ` ORDER BY p.contribution DESC, p.customer_id`, // CUBE_ORDER: the held figures' order
  );
  const cents = order.cents ?? new Float64Array(0);
  // Whole cents whose absolute values add up below 2^53: every running sum is exact in a double.
  let abs = 0;
  for (const c of cents) {
    if (!Number.isSafeInteger(c)) return null;
    abs += Math.abs(c);
  }
  if (abs >= Number.MAX_SAFE_INTEGER) return null;
  const codes = new Uint16Array(cents.length * 3);
  FILTER_ATTRIBUTES.forEach((a, i) => {
    const col = order[`code_${a}`] ?? new Float64Array(0);
    for (let k = 0; k < col.length; k++) codes[k * 3 + i] = col[k]!;
  });
  const held = await loadHeldFigures(engine);
  if (held && held.customers !== cents.length)
    throw new Error('held figures and cube disagree on the customers');
  // Each customer's combination of codes, numbered in order of first appearance.
  const cell = new Uint32Array(cents.length);
  const cellKeys: Key[] = [];
  const cellIndex = new Map<number, number>();
  const value = (i: number, code: number) => (code === 0 ? null : values[i]![code - 1]!);
  for (let k = 0; k < cents.length; k++) {
    const packed = codes[k * 3]! * 2 ** 32 + codes[k * 3 + 1]! * 2 ** 16 + codes[k * 3 + 2]!;
    let at = cellIndex.get(packed);
    if (at === undefined) {
      at = cellKeys.length;
      cellIndex.set(packed, at);
      cellKeys.push([value(0, codes[k * 3]!), value(1, codes[k * 3 + 1]!), value(2, codes[k * 3 + 2]!)]);
    }
    cell[k] = at;
  }
  const cellOfKey = new Map(cellKeys.map((k, i) => [JSON.stringify(k), i]));
  const monthCell = Int32Array.from(months, (m) => cellOfKey.get(JSON.stringify(m.key)) ?? -1);
  // The positions by combination: a counting pass, then each customer after its combination's earlier ones.
  const cellStart = new Int32Array(cellKeys.length + 1);
  for (let k = 0; k < cell.length; k++) cellStart[cell[k]! + 1]!++;
  for (let c = 0; c < cellKeys.length; c++) cellStart[c + 1]! += cellStart[c]!;
  const byCell = new Int32Array(cell.length);
  const fill = cellStart.slice(0, cellKeys.length);
  for (let k = 0; k < cell.length; k++) byCell[fill[cell[k]!]!++] = k;
  return {
    periods: held ? periodCellsOf(held, cell, cellKeys.length, months, monthCell) : null,
    byCell,
    cellStart,
    monthCell,
    year,
    months,
    values: values as [string[], string[], string[]],
    contribution: cents,
    codes,
    held,
    cell,
    cellKeys,
  };
}

/** The period tables from the held figures and the cube's months; null when a month is not among the held ones. */
function periodCellsOf(
  held: HeldFigures,
  cell: Uint32Array,
  cells: number,
  months: MonthCell[],
  monthCell: Int32Array,
): PeriodCells | null {
  const monthAt = new Map(held.monthNames.map((m, i) => [m, i]));
  const cellMonths: CellMonth[] = [];
  for (const [i, m] of months.entries()) {
    const c = monthCell[i]!;
    if (c < 0) continue;
    const at = monthAt.get(m.month);
    if (at === undefined) return null;
    cellMonths.push({ cell: c, month: at, cents: m.sums });
  }
  return buildPeriodCells(held, cell, cells, cellMonths);
}

/** Whether a cell's attributes match the filters (a set attribute equals, as SQL's `=`: never a missing one). */
function matches(key: Key, f: Filters): boolean {
  return FILTER_ATTRIBUTES.every((a, i) => f[a] === undefined || key[i] === f[a]);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const money = (u: bigint) => fromScaled(u, SCALE);

function figures(sums: bigint[]): TrendFigures {
  return Object.fromEntries(MONTHLY_COLUMNS.map((c, i) => [c, money(sums[i]!)])) as TrendFigures;
}

function addInto(into: bigint[], from: bigint[]): void {
  for (let i = 0; i < into.length; i++) into[i] = into[i]! + from[i]!;
}

/** The filtered totals from the cube (a period from the held figures); null when they are not held (the SQL answers it). */
export function cubeTotals(cube: FilterCube, f: Filters): FilteredTotals | null {
  const cells = cellsOf(cube, f);
  if (!cells) return null;
  let n = 0;
  let neg = 0;
  let pos = 0;
  let positive = 0n;
  let negative = 0n;
  const sums = MONTHLY_COLUMNS.map(() => 0n);
  for (const c of cells) {
    if (!matches(c.key, f)) continue;
    n += c.customers;
    neg += c.lossMakers;
    pos += c.profitable;
    positive += c.positive;
    negative += c.negative;
    addInto(sums, c.sums);
  }
  const totals = figures(sums);
  const total = Number(totals.contribution);
  const share = (k: number) => (n ? round6(k / n) : 0);
  const negText = normaliseMoney(money(negative));
  return {
    customers: n,
    totals,
    lossMakers: { customers: neg, contribution: negText },
    whale: {
      peak: total > 0 ? round6(Number(money(positive)) / total) : null,
      peakCustomerShare: share(pos),
      lossMakingShare: share(neg),
      valueDestroyed: negText.replace(/^-/, ''),
    },
  };
}

/** The filtered roll-up by segment, channel or region; null for another attribute, or a period without held figures. */
export function cubeRollup(cube: FilterCube, f: Filters, attribute: string): Row[] | null {
  const at = (FILTER_ATTRIBUTES as readonly string[]).indexOf(attribute);
  const cells = at < 0 ? null : cellsOf(cube, f);
  if (!cells) return null;
  const groups = new Map<string, { customers: number; lossMakers: number; sums: bigint[] }>();
  for (const c of cells) {
    if (!matches(c.key, f)) continue;
    const value = c.key[at] ?? '(none)';
    let g = groups.get(value);
    if (!g) groups.set(value, (g = { customers: 0, lossMakers: 0, sums: MONTHLY_COLUMNS.map(() => 0n) }));
    g.customers += c.customers;
    g.lossMakers += c.lossMakers;
    addInto(g.sums, c.sums);
  }
  const contribution = MONTHLY_COLUMNS.indexOf('contribution');
  return [...groups.entries()]
    .sort(([va, a], [vb, b]) => {
      const ca = a.sums[contribution]!;
      const cb = b.sums[contribution]!;
      if (ca !== cb) return ca > cb ? -1 : 1;
      return Buffer.compare(Buffer.from(va), Buffer.from(vb));
    })
    .map(([value, g]) => ({
      attribute,
      value,
      customers: g.customers,
      loss_making_customers: g.lossMakers,
      ...Object.fromEntries(MONTHLY_COLUMNS.map((c, i) => [c, money(g.sums[i]!)])),
    }));
}

/** The filtered trend (any period, any of the three attributes) from the cube's months. */
export function cubeTrend(cube: FilterCube, f: Filters, grain: Grain): Trend {
  const from = f.from === undefined ? null : `${f.from}-01`;
  const to = f.to === undefined ? null : `${f.to}-01`;
  const byMonth = new Map<string, bigint[]>();
  for (const c of cube.months) {
    if ((from !== null && c.month < from) || (to !== null && c.month > to) || !matches(c.key, f)) continue;
    let s = byMonth.get(c.month);
    if (!s) byMonth.set(c.month, (s = MONTHLY_COLUMNS.map(() => 0n)));
    addInto(s, c.sums);
  }
  const rows = [...byMonth.keys()].sort().map((month) => ({ month, ...figures(byMonth.get(month)!) }));
  return { ...customerTrendOfMonths(rows, grain), segment: f.segment ?? null };
}

/** The codes a filter asks for per attribute: -1 any, -2 a value no customer has (nothing matches), else the code. */
function wantedCodes(cube: FilterCube, f: Filters): number[] {
  return FILTER_ATTRIBUTES.map((a, i) => {
    const v = f[a];
    if (v === undefined) return -1;
    const at = cube.values[i]?.indexOf(v) ?? -1;
    return at < 0 ? -2 : at + 1;
  });
}

/**
 * The positions (in the cube's order) of the customers whose attributes match, ascending (the
 * whole period's ranks are that order; a period's reads then walk the held months front to back).
 */
function pickedOf(cube: FilterCube, f: Filters): Int32Array {
  const want = wantedCodes(cube, f);
  if (want.includes(-2)) return new Int32Array(0);
  const { byCell, cellStart, cellKeys } = cube;
  const wanted: number[] = [];
  let m = 0;
  for (let c = 0; c < cellKeys.length; c++)
    if (matches(cellKeys[c]!, f)) {
      wanted.push(c);
      m += cellStart[c + 1]! - cellStart[c]!;
    }
  if (wanted.length === 1) return byCell.subarray(cellStart[wanted[0]!]!, cellStart[wanted[0]! + 1]!);
  const picked = new Int32Array(m);
  const take = new Uint8Array(cellKeys.length);
  for (const c of wanted) take[c] = 1;
  const cell = cube.cell;
  const n = cell.length;
  for (let k = 0, at = 0; k < n; k++) if (take[cell[k]!] === 1) picked[at++] = k;
  return picked;
}

const CONTRIBUTION = MONTHLY_COLUMNS.indexOf('contribution');

/** The selected customers and their figures (the last filter's kept: a page asks several reads with one filter). */
interface Selected {
  /** Positions in the cube's order, ascending (with a period too: each customer's months are then read in storage order). */
  picked: Int32Array;
  /** With a period, each picked customer's rows in it: `from[i]` to `to[i] - 1`. */
  from: Uint32Array | null;
  to: Uint32Array | null;
  /** Their figures over the filtered months in cents, per {@link MONTHLY_COLUMNS} (one value per picked customer), summed when first asked. */
  figures: (Float64Array | undefined)[];
}

const lastSelected = new WeakMap<FilterCube, { key: string; value: Selected }>();

/** Picked customers kept for the next read at most (each column 8 bytes a customer). */
const KEEP_SELECTED = 4_194_304 / 9;

/**
 * The customers the filters select and, with a period, where their months in it are. A
 * customer's months are one run of rows in ascending month, so a period is one stretch of that
 * run, found once per customer.
 */
function selectedOf(cube: FilterCube, held: HeldFigures, f: Filters): Selected {
  const key = filtersKey(f);
  const kept = lastSelected.get(cube);
  if (kept?.key === key) return kept.value;
  // Ascending with a period too, though a period's reads rank or sum in any order: the months
  // and figures are then read front to back instead of one combination after another, which at
  // 1,000,000 customers costs ~1.4x less CPU for the whale curve and deciles (BENCHMARKS.md).
  const picked = pickedOf(cube, f);
  const n = picked.length;
  let from: Uint32Array | null = null;
  let to: Uint32Array | null = null;
  if (hasPeriod(f)) {
    const [a, b] = monthRange(held, f.from, f.to);
    const { start, month } = held;
    from = new Uint32Array(n);
    to = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const k = picked[i]!;
      let r = start[k]!;
      const end = start[k + 1]!;
      while (r < end && month[r]! < a) r++;
      from[i] = r;
      while (r < end && month[r]! <= b) r++;
      to[i] = r;
    }
  }
  const value: Selected = { picked, from, to, figures: MONTHLY_COLUMNS.map(() => undefined) };
  if (n <= KEEP_SELECTED) lastSelected.set(cube, { key, value });
  return value;
}

/** Column `c` (an index into {@link MONTHLY_COLUMNS}) of the selected customers: the year's, or summed over their months in the period. */
function columnOf(held: HeldFigures, s: Selected, c: number): Float64Array {
  const found = s.figures[c];
  if (found) return found;
  const { picked, from, to } = s;
  const n = picked.length;
  const out = new Float64Array(n);
  if (!from || !to) {
    const col = held.year[c]!;
    for (let i = 0; i < n; i++) out[i] = col[picked[i]!]!;
  } else {
    const col = held.money[c]!;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let r = from[i]!, e = to[i]!; r < e; r++) sum += col[r]!;
      out[i] = sum;
    }
  }
  s.figures[c] = out;
  return out;
}

/**
 * The cells the totals and roll-ups sum: the year's, or with a period per combination of
 * attributes its months in the period summed (from the cube's months) and its customers'
 * contributions over the period (loss-makers and the profitable: each selected customer's, held);
 * null when the figures are not held.
 */
function cellsOf(cube: FilterCube, f: Filters): YearCell[] | null {
  if (!hasPeriod(f)) return cube.year;
  const held = cube.held;
  if (!held) return null;
  if (cube.periods) return periodCells(cube, cube.periods, held, f);
  const selected = selectedOf(cube, held, f);
  const { picked } = selected;
  const cells = cube.cellKeys.length;
  const count = new Float64Array(cells);
  const neg = new Float64Array(cells);
  const pos = new Float64Array(cells);
  const positive = new Float64Array(cells);
  const negative = new Float64Array(cells);
  const contribution = columnOf(held, selected, CONTRIBUTION);
  const cellOf = cube.cell;
  for (let i = 0; i < picked.length; i++) {
    const cell = cellOf[picked[i]!]!;
    const c = contribution[i]!;
    count[cell]!++;
    if (c < 0) {
      neg[cell]!++;
      negative[cell]! += c;
    } else if (c > 0) {
      pos[cell]!++;
      positive[cell]! += c;
    }
  }
  // Every column per cell from the cube's months: the same cents the customers' months add up to.
  const sums = Array.from({ length: cells }, () => MONTHLY_COLUMNS.map(() => 0n));
  const first = f.from === undefined ? null : `${f.from}-01`;
  const last = f.to === undefined ? null : `${f.to}-01`;
  cube.months.forEach((m, at) => {
    const cell = cube.monthCell[at]!;
    if (cell < 0 || count[cell] === 0) return;
    if ((first !== null && m.month < first) || (last !== null && m.month > last)) return;
    addInto(sums[cell]!, m.sums);
  });
  const out: YearCell[] = [];
  for (let cell = 0; cell < cells; cell++)
    if (count[cell]! > 0)
      out.push({
        key: cube.cellKeys[cell]!,
        customers: count[cell]!,
        lossMakers: neg[cell]!,
        profitable: pos[cell]!,
        positive: BigInt(positive[cell]!),
        negative: BigInt(negative[cell]!),
        sums: sums[cell]!,
      });
  return out;
}

/** {@link cellsOf} with a period from the period tables: one look-up per matching combination. */
function periodCells(cube: FilterCube, periods: PeriodCells, held: HeldFigures, f: Filters): YearCell[] {
  if (wantedCodes(cube, f).includes(-2)) return [];
  const [a, b] = monthRange(held, f.from, f.to);
  const out: YearCell[] = [];
  cube.cellKeys.forEach((key, cell) => {
    if (!matches(key, f)) return;
    const p = periodOfCell(periods, cell, a, b);
    out.push({
      key,
      customers: cube.cellStart[cell + 1]! - cube.cellStart[cell]!,
      lossMakers: p.lossMakers,
      profitable: p.profitable,
      positive: BigInt(p.positive),
      negative: BigInt(p.negative),
      sums: p.sums.map((v) => BigInt(v)),
    });
  });
  return out;
}

/** The filtered whale curve from the customers in contribution order (a period: its contributions ranked); null for a period without held figures. */
export function cubeWhale(cube: FilterCube, f: Filters, points: number): FilteredWhalePoint[] | null {
  const held = cube.held;
  if (hasPeriod(f) && !held) return null;
  // The contributions; the year's are held in descending order already.
  let contribution: Float64Array;
  if (!hasPeriod(f)) {
    // Ascending with a period too, though a period's reads rank or sum in any order: the months
    // and figures are then read front to back instead of one combination after another, which at
    // 1,000,000 customers costs ~1.4x less CPU for the whale curve and deciles (BENCHMARKS.md).
    const picked = pickedOf(cube, f);
    contribution = new Float64Array(picked.length);
    for (let i = 0; i < picked.length; i++) contribution[i] = cube.contribution[picked[i]!]!;
  } else contribution = columnOf(held!, selectedOf(cube, held!, f), CONTRIBUTION);
  const n = contribution.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += contribution[i]!;
  const step = Math.max(1, Math.ceil(n / Math.max(1, points - 1)));
  const ranks = curveRanks(n, step);
  // Integer cents add exactly in a double below 2^53 (checked at load); ties in contribution give
  // the same running sum in any order, so the order of equal customers does not matter here.
  let sums: number[];
  if (!hasPeriod(f)) {
    sums = [];
    let cum = 0;
    let at = 0;
    for (const rk of ranks) {
      while (at < rk) cum += contribution[at++]!;
      sums.push(cum);
    }
  } else sums = topSums(contribution, n, ranks);
  const totalNumber = Number(money(BigInt(total)));
  return [
    { customerShare: 0, contributionShare: 0 },
    ...ranks.map((rk, i) => ({
      customerShare: rk / n,
      contributionShare: totalNumber === 0 ? 0 : Number(money(BigInt(sums[i]!))) / totalNumber,
    })),
  ];
}

/**
 * The filtered deciles (any period): the matching customers by contribution, descending, ties by
 * id, in ten groups of (nearly) equal size, rank r in decile ceil(10 r / n), as the SQL read
 * numbers them; null when the figures are not held.
 */
export function cubeDeciles(cube: FilterCube, f: Filters): Row[] | null {
  const held = cube.held;
  if (!held) return null;
  const selected = selectedOf(cube, held, f);
  const { picked, from, to } = selected;
  const n = picked.length;
  const ends = decileEnds(n);
  let group: Uint32Array;
  if (!from || !to) {
    // The cube's order is contribution descending, ties by id: the ranks as they are.
    group = new Uint32Array(n);
    let g = 0;
    for (let r = 1; r <= n; r++) {
      while (ends[g]! < r) g++;
      group[r - 1] = g;
    }
  } else {
    const tie = new Float64Array(n);
    for (let i = 0; i < n; i++) tie[i] = held.idRank[picked[i]!]!;
    group = rankGroups(columnOf(held, selected, CONTRIBUTION), n, ends, tie);
  }
  const customers = new Float64Array(10);
  for (let i = 0; i < n; i++) customers[group[i]!]!++;
  // Each column summed straight into the groups (a customer's months in the period, or its year):
  // no column of per-customer sums unless one is kept already.
  const sums = MONTHLY_COLUMNS.map((_, c) => {
    const out = new Float64Array(10);
    const kept = selected.figures[c];
    if (kept) for (let i = 0; i < n; i++) out[group[i]!]! += kept[i]!;
    else if (!from || !to) {
      const col = held.year[c]!;
      for (let i = 0; i < n; i++) out[group[i]!]! += col[picked[i]!]!;
    } else {
      const col = held.money[c]!;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let r = from[i]!, e = to[i]!; r < e; r++) sum += col[r]!;
        out[group[i]!]! += sum;
      }
    }
    return out;
  });
  const rows: Row[] = [];
  for (let g = 0; g < 10; g++)
    if (customers[g]! > 0)
      rows.push({
        decile: g + 1,
        customers: customers[g]!,
        ...Object.fromEntries(MONTHLY_COLUMNS.map((c, i) => [c, money(BigInt(sums[i]![g]!))])),
      });
  return rows;
}

/**
 * The customers the filters select for the customer list, from memory: their positions in the
 * customer table (ascending id: the held figures' id ranks) and their net sales, gross margin,
 * cost to serve and contribution in cents over the filtered months; null when the figures are
 * not held or the table is not the cube's customers.
 */
export function cubeListFigures(
  cube: FilterCube,
  f: Filters,
  tableSize: number,
): { positions: Int32Array; cents: Float64Array } | null {
  const held = cube.held;
  if (!held || held.customers !== tableSize) return null;
  const selected = selectedOf(cube, held, f);
  const { picked } = selected;
  const columns = LIST_COLUMNS.map((c) => columnOf(held, selected, MONTHLY_COLUMNS.indexOf(c)));
  const positions = new Int32Array(picked.length);
  const cents = new Float64Array(picked.length * 4);
  for (let i = 0; i < picked.length; i++) {
    positions[i] = held.idRank[picked[i]!]!;
    for (let j = 0; j < 4; j++) cents[i * 4 + j] = columns[j]![i]!;
  }
  return { positions, cents };
}

/** The list's money columns, in the customer table's order of {@link FILTERED_MONEY}. */
const LIST_COLUMNS = ['net_sales', 'gross_margin', 'cost_to_serve', 'contribution'] as const;
