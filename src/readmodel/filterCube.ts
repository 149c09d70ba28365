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
 * totals, whale curve, roll-ups) and the deciles stay in SQL: they need each customer's sum over
 * the months.
 */
import { fromScaled, normaliseMoney, toScaled } from '../core/index.ts';
import { MONTHLY_COLUMNS } from '../profit/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import {
  FILTER_ATTRIBUTES,
  hasPeriod,
  type FilterAttribute,
  type FilteredTotals,
  type FilteredWhalePoint,
  type Filters,
} from './filters.ts';
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
      ` ORDER BY p.contribution DESC`,
  );
  const cents = order.cents ?? new Float64Array(0);
  for (const c of cents) if (!Number.isSafeInteger(c)) return null;
  const codes = new Uint16Array(cents.length * 3);
  FILTER_ATTRIBUTES.forEach((a, i) => {
    const col = order[`code_${a}`] ?? new Float64Array(0);
    for (let k = 0; k < col.length; k++) codes[k * 3 + i] = col[k]!;
  });
  return { year, months, values: values as [string[], string[], string[]], contribution: cents, codes };
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

/** The filtered totals for the whole period from the cube; null with a period (the SQL answers it). */
export function cubeTotals(cube: FilterCube, f: Filters): FilteredTotals | null {
  if (hasPeriod(f)) return null;
  let n = 0;
  let neg = 0;
  let pos = 0;
  let positive = 0n;
  let negative = 0n;
  const sums = MONTHLY_COLUMNS.map(() => 0n);
  for (const c of cube.year) {
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

/** The filtered roll-up by segment, channel or region for the whole period; null with a period or another attribute. */
export function cubeRollup(cube: FilterCube, f: Filters, attribute: string): Row[] | null {
  const at = (FILTER_ATTRIBUTES as readonly string[]).indexOf(attribute);
  if (hasPeriod(f) || at < 0) return null;
  const groups = new Map<string, { customers: number; lossMakers: number; sums: bigint[] }>();
  for (const c of cube.year) {
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

/** The filtered whale curve for the whole period from the customers in contribution order; null with a period. */
export function cubeWhale(cube: FilterCube, f: Filters, points: number): FilteredWhalePoint[] | null {
  if (hasPeriod(f)) return null;
  const want = FILTER_ATTRIBUTES.map((a, i) => {
    const v = f[a];
    if (v === undefined) return -1;
    const at = cube.values[i]?.indexOf(v) ?? -1;
    return at < 0 ? -2 : at + 1; // -2: a value no customer has, nothing matches
  });
  const { contribution, codes } = cube;
  const picked: number[] = [];
  let total = 0n;
  if (!want.includes(-2))
    for (let k = 0; k < contribution.length; k++) {
      if (
        (want[0] === -1 || codes[k * 3] === want[0]) &&
        (want[1] === -1 || codes[k * 3 + 1] === want[1]) &&
        (want[2] === -1 || codes[k * 3 + 2] === want[2])
      ) {
        picked.push(k);
        total += BigInt(contribution[k]!);
      }
    }
  const n = picked.length;
  const step = Math.max(1, Math.ceil(n / Math.max(1, points - 1)));
  const totalNumber = Number(money(total));
  const out: FilteredWhalePoint[] = [{ customerShare: 0, contributionShare: 0 }];
  // Integer cents add exactly in a double below 2^53 (checked at load); ties in contribution give
  // the same running sum in any order, so the order of equal customers does not matter here.
  let cum = 0;
  for (let rk = 1; rk <= n; rk++) {
    cum += contribution[picked[rk - 1]!]!;
    if (rk % step === 0 || rk === n)
      out.push({
        customerShare: rk / n,
        contributionShare: totalNumber === 0 ? 0 : Number(money(BigInt(cum))) / totalNumber,
      });
  }
  return out;
}
