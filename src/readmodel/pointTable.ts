/**
 * A table held in memory for point reads by customer: its rows grouped by customer position
 * (the customer table's order, ascending customer id), each column in a typed array (money as
 * exact scaled integers, dates as day numbers, text that repeats (segment, channel, reason, ...)
 * as 16-bit codes into its distinct values, other text as UTF-8 with offsets). Reading one
 * customer's rows is then a few array reads instead of a database query: an analytical engine
 * scans at least one row group (~122,880 rows) per lookup, 2-12 ms of CPU each at 1,000,000
 * customers, where a served page needs well under one.
 *
 * Rows come out as {@link Row}s in the same JSON shape as `Engine.query` gives them (money and
 * other decimals as exact decimal strings, dates as `YYYY-MM-DD`, integers as numbers), so an
 * answer read from memory is byte for byte the answer read from the database.
 */
import { unreachable } from '../core/index.ts';
import type { Engine, Row } from '../warehouse/index.ts';
import { formatUnits } from './customerTable.ts';

/** The temporary table of customer positions every point table is joined to. */
export const POSITIONS = 'serve_positions';
const STAGE = 'serve_point_stage';

/** How one column is held. */
type Held =
  | { kind: 'decimal'; name: string; scale: number; units: Float64Array | Int32Array }
  | { kind: 'number'; name: string; values: Float64Array | Int32Array }
  | { kind: 'date'; name: string; days: Int32Array }
  | { kind: 'boolean'; name: string; values: Uint8Array }
  | { kind: 'text'; name: string; bytes: Buffer; starts: Uint32Array; missing: Uint8Array }
  | { kind: 'code'; name: string; codes: Uint16Array; words: string[] };

/** A missing value in a coded text column. */
const NO_CODE = 0xffff;
/** Text is coded when its distinct values fit 16-bit codes and repeat (at least 4 rows a value on average): 2 bytes a row and one string a value. */
const coded = (distinct: number, rows: number) => distinct < NO_CODE && distinct * 4 <= rows;

/** A missing date (day numbers of real dates are far from it). */
const NO_DATE = -2147483648;
/** A missing value in a compacted money or count column (Int32Array). */
const NO_UNITS = -2147483648;

/**
 * Money units (or counts) in half the memory where every value is a whole number that fits
 * (|units| < 2^31: 21 million at cents, what almost every customer line is); otherwise kept as
 * doubles (exact below 2^53).
 */
function compact(units: Float64Array): Float64Array | Int32Array {
  for (const u of units)
    if (!Number.isNaN(u) && !(Math.abs(u) < 2147483648 && Number.isInteger(u))) return units;
  return Int32Array.from(units, (u) => (Number.isNaN(u) ? NO_UNITS : u));
}

/** A missing boolean. */
const NO_BOOLEAN = 2;

/** What a point table is read from: a FROM clause with a `customer_id` column, the columns (SQL expressions named), and the order of a customer's rows. */
export interface PointTableSpec {
  /** Name for messages. */
  name: string;
  /** `SELECT <columns> FROM <from>`: a table or a subquery with an alias, with `customer_id`. */
  from: string;
  /** Output name and SQL expression of each column, in output order. */
  columns: { name: string; sql: string }[];
  /** The order of one customer's rows (a SQL ORDER BY list over the columns' output names); empty: one row per customer. */
  orderBy: string;
}

/** Why a table could not be held: its rows are then read from the database. */
export class NotHeld extends Error {}

/** One customer's rows of a table, from memory. */
export class PointTable {
  private constructor(
    readonly name: string,
    private readonly columns: Held[],
    /** Rows of customer position p: `starts[p] .. starts[p + 1]`. */
    private readonly starts: Int32Array,
  ) {}

  /** Rows held (for figures). */
  get rowCount(): number {
    return this.starts[this.starts.length - 1]!;
  }

  /** The rows of the customer at `position`, in the spec's order. */
  rowsAt(position: number): Row[] {
    const out: Row[] = [];
    for (let r = this.starts[position]!; r < this.starts[position + 1]!; r++) {
      const row: Row = {};
      for (const c of this.columns) row[c.name] = valueOf(c, r);
      out.push(row);
    }
    return out;
  }

  /**
   * Reads the table into memory, in a handful of queries. `size` = customers in
   * {@link POSITIONS}. Throws {@link NotHeld} for a column type it cannot hold exactly.
   */
  static async load(engine: Engine, spec: PointTableSpec, size: number): Promise<PointTable> {
    const q = engine.dialect.quoteIdent;
    const cols = spec.columns.map((c) => `${c.sql} AS ${q(c.name)}`).join(', ');
    await engine.run(`DROP TABLE IF EXISTS ${STAGE}`);
    await engine.run(
      `CREATE TEMP TABLE ${STAGE} AS SELECT serve_k.pos AS _pos, ${cols} FROM ${spec.from} JOIN ${POSITIONS} serve_k ON serve_k.customer_id = ${fromAlias(spec.from)}.customer_id ` +
        `ORDER BY _pos${spec.orderBy ? `, ${spec.orderBy}` : ''}`,
    );
    try {
      const types = await engine.query(
        `SELECT column_name, data_type, numeric_scale FROM information_schema.columns WHERE table_name = '${STAGE}' ORDER BY ordinal_position`,
      );
      const texts = types
        .filter((t) => kindOf(String(t.data_type)) === 'text')
        .map((t) => String(t.column_name));
      const [count] = await engine.query(
        `SELECT count(*) AS n${texts.map((t, i) => `, count(DISTINCT ${q(t)}) AS d${i}`).join('')} FROM ${STAGE}`,
      );
      const n = Number(count?.n ?? 0);
      const distinct = new Map(texts.map((t, i) => [t, Number(count?.[`d${i}`] ?? 0)]));
      const reads: string[] = ['_pos'];
      const plan: { name: string; kind: Held['kind']; scale: number }[] = [];
      for (const t of types) {
        const name = String(t.column_name);
        if (name === '_pos') continue;
        const sqlKind = kindOf(String(t.data_type));
        if (!sqlKind) throw new NotHeld(`${spec.name}.${name} is ${String(t.data_type)}`);
        const kind = sqlKind === 'text' && coded(distinct.get(name) ?? 0, n) ? 'code' : sqlKind;
        const scale = kind === 'decimal' ? Number(t.numeric_scale) : 0;
        plan.push({ name, kind, scale });
        const c = q(name);
        switch (kind) {
          case 'decimal':
            reads.push(`CAST(CAST(${c} * ${10 ** scale} AS BIGINT) AS DOUBLE) AS ${q(`v_${name}`)}`);
            break;
          case 'number':
            reads.push(`CAST(${c} AS DOUBLE) AS ${q(`v_${name}`)}`);
            break;
          case 'date':
            reads.push(
              `CAST(${engine.dialect.dateDiffDays("DATE '1970-01-01'", c)} AS DOUBLE) AS ${q(`v_${name}`)}`,
            );
            break;
          case 'boolean':
            reads.push(`CAST(CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 END AS DOUBLE) AS ${q(`v_${name}`)}`);
            break;
          case 'text':
            reads.push(
              `CAST(coalesce(${engine.dialect.byteLength(c)}, 0) AS DOUBLE) AS ${q(`v_${name}`)}`,
              `CAST(${c} IS NULL AS INTEGER) AS ${q(`m_${name}`)}`,
            );
            break;
          case 'code':
            // The value's place among the distinct values in the same order as the words are read below.
            reads.push(
              `CAST(CASE WHEN ${c} IS NOT NULL THEN dense_rank() OVER (ORDER BY ${c} NULLS LAST) - 1 END AS DOUBLE) AS ${q(`v_${name}`)}`,
            );
            break;
          default:
            return unreachable(kind, 'column kind');
        }
      }
      const numbers =
        n > 0
          ? await engine.queryNumericColumns(`SELECT ${reads.join(', ')} FROM ${STAGE} ORDER BY rowid`)
          : null;
      const column = (key: string) => numbers?.[key] ?? new Float64Array(0);
      const held: Held[] = [];
      for (const p of plan) {
        const v = column(`v_${p.name}`);
        switch (p.kind) {
          case 'decimal':
          case 'number':
          case 'date':
            for (const x of v)
              if (!Number.isNaN(x) && !(Math.abs(x) <= Number.MAX_SAFE_INTEGER))
                throw new NotHeld(`${spec.name}.${p.name} has a value beyond 2^53 units`);
            held.push(
              p.kind === 'decimal'
                ? { kind: 'decimal', name: p.name, scale: p.scale, units: compact(v) }
                : p.kind === 'date'
                  ? {
                      kind: 'date',
                      name: p.name,
                      days: Int32Array.from(v, (x) => (Number.isNaN(x) ? NO_DATE : x)),
                    }
                  : { kind: 'number', name: p.name, values: compact(v) },
            );
            break;
          case 'boolean':
            held.push({
              kind: 'boolean',
              name: p.name,
              values: Uint8Array.from(v, (x) => (Number.isNaN(x) ? NO_BOOLEAN : x)),
            });
            break;
          case 'text': {
            const [agg] =
              n > 0
                ? await engine.query(
                    `SELECT string_agg(coalesce(${q(p.name)}, ''), '' ORDER BY rowid) AS s FROM ${STAGE}`,
                  )
                : [];
            const bytes = Buffer.from(typeof agg?.s === 'string' ? agg.s : '', 'utf8');
            let total = 0;
            for (const len of v) total += len;
            if (total !== bytes.length || total > 0xffffffff)
              throw new NotHeld(`${spec.name}.${p.name}: ${bytes.length} bytes against ${total} counted`);
            const starts = new Uint32Array(n + 1);
            for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + v[i]!;
            held.push({
              kind: 'text',
              name: p.name,
              bytes,
              starts,
              missing: Uint8Array.from(column(`m_${p.name}`)),
            });
            break;
          }
          case 'code': {
            const words = (
              await engine.query(
                `SELECT ${q(p.name)} AS w FROM ${STAGE} WHERE ${q(p.name)} IS NOT NULL GROUP BY ${q(p.name)} ORDER BY ${q(p.name)} NULLS LAST`,
              )
            ).map((r) => String(r.w));
            const codes = Uint16Array.from(v, (x) => (Number.isNaN(x) ? NO_CODE : x));
            for (const x of codes)
              if (x !== NO_CODE && x >= words.length)
                throw new NotHeld(`${spec.name}.${p.name}: code ${x} of ${words.length} values`);
            held.push({ kind: 'code', name: p.name, codes, words });
            break;
          }
          default:
            return unreachable(p.kind, 'column kind');
        }
      }
      const pos = column('_pos');
      const starts = new Int32Array(size + 1);
      for (const p of pos) starts[p + 1]!++;
      for (let i = 1; i <= size; i++) starts[i]! += starts[i - 1]!;
      return new PointTable(spec.name, held, starts);
    } finally {
      await engine.run(`DROP TABLE IF EXISTS ${STAGE}`);
    }
  }
}

/** The alias of a FROM clause (`t`, or the last word of `(SELECT ...) x`). */
function fromAlias(from: string): string {
  return from.trim().split(/\s+/).pop()!;
}

function kindOf(sqlType: string): Exclude<Held['kind'], 'code'> | null {
  if (/^DECIMAL\(/.test(sqlType)) return 'decimal';
  if (
    /^(DOUBLE|FLOAT|REAL|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/.test(
      sqlType,
    )
  )
    return 'number';
  if (sqlType === 'DATE') return 'date';
  if (sqlType === 'BOOLEAN') return 'boolean';
  if (sqlType === 'VARCHAR') return 'text';
  return null;
}

const DAY = 86_400_000;

function valueOf(c: Held, r: number): Row[string] {
  switch (c.kind) {
    case 'decimal': {
      const u = c.units[r]!;
      return Number.isNaN(u) || u === NO_UNITS ? null : formatUnits(u, c.scale);
    }
    case 'number': {
      const v = c.values[r]!;
      return Number.isNaN(v) || (v === NO_UNITS && c.values instanceof Int32Array) ? null : v;
    }
    case 'date': {
      const d = c.days[r]!;
      return d === NO_DATE ? null : new Date(d * DAY).toISOString().slice(0, 10);
    }
    case 'boolean': {
      const v = c.values[r]!;
      return v === NO_BOOLEAN ? null : v === 1;
    }
    case 'text':
      return c.missing[r] === 1 ? null : c.bytes.toString('utf8', c.starts[r]!, c.starts[r + 1]!);
    case 'code': {
      const code = c.codes[r]!;
      return code === NO_CODE ? null : c.words[code]!;
    }
    default:
      return unreachable(c, 'column kind');
  }
}
