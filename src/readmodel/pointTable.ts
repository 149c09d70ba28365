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

/** A missing boolean. */
const NO_BOOLEAN = 2;

/** What a point table is read from: a FROM clause with a `customer_id` column, the columns (SQL expressions named), and the order of a customer's rows. */
export interface PointTableSpec {
  /** Name for messages. */
  name: string;
  /** A table with at least as many rows as the spec gives (the first size of the arrays). */
  table: string;
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
   * Reads the table into memory: its column types from an empty copy, then its rows in one
   * query streamed chunk by chunk straight into growing typed arrays (no sorted copy in the
   * engine, no whole result in memory, no arrays of rows). `size` = customers in
   * {@link POSITIONS}. Throws {@link NotHeld} for a column type it cannot hold exactly.
   */
  static async load(engine: Engine, spec: PointTableSpec, size: number): Promise<PointTable> {
    const q = engine.dialect.quoteIdent;
    const join = `FROM ${spec.from} JOIN ${POSITIONS} serve_k ON serve_k.customer_id = ${fromAlias(spec.from)}.customer_id`;
    const plan = await columnPlan(engine, spec, join);
    const [bound] = await engine.query(`SELECT count(*) AS n FROM ${q(spec.table)}`);
    const builders = plan.map((p) => builderOf(spec.name, p, Number(bound?.n ?? 0)));
    const reads = [
      'CAST(serve_k.pos AS DOUBLE) AS _pos',
      ...plan.map((p) => `${readOf(engine, p)} AS ${q(`v_${p.name}`)}`),
    ];
    const starts = new Int32Array(size + 1);
    let last = -1;
    await engine.streamColumns(
      `SELECT ${reads.join(', ')} ${join} ORDER BY serve_k.pos${spec.orderBy ? `, ${spec.orderBy}` : ''}`,
      (columns, rows) => {
        const pos = columns[0] as Float64Array;
        for (let j = 0; j < rows; j++) {
          const p = pos[j]!;
          if (!(p >= last && p < size))
            throw new Error(`${spec.name}: position ${p} after ${last} of ${size}`);
          starts[p + 1]!++;
          last = p;
        }
        builders.forEach((b, i) => b.add(columns[i + 1]!, rows));
      },
    );
    for (let i = 1; i <= size; i++) starts[i]! += starts[i - 1]!;
    return new PointTable(
      spec.name,
      builders.map((b) => b.done()),
      starts,
    );
  }
}

/** How one column is read: its output name, how it is held, and its decimal scale. */
interface ColumnPlan {
  name: string;
  /** The column's SQL expression. */
  sql: string;
  kind: Exclude<Held['kind'], 'code'>;
  scale: number;
}

/** Each column's kind and scale, from the types of an empty copy of the spec's rows. */
async function columnPlan(engine: Engine, spec: PointTableSpec, join: string): Promise<ColumnPlan[]> {
  const q = engine.dialect.quoteIdent;
  await engine.run(`DROP TABLE IF EXISTS ${STAGE}`);
  await engine.run(
    `CREATE TEMPORARY TABLE ${STAGE} AS SELECT ${spec.columns.map((c) => `${c.sql} AS ${q(c.name)}`).join(', ')} ${join} LIMIT 0`,
  );
  try {
    const types = await engine.columnTypes(STAGE);
    return types.map((t, i) => {
      const kind = t.kind;
      if (!kind) throw new NotHeld(`${spec.name}.${t.name} is ${t.type}`);
      return {
        name: t.name,
        sql: spec.columns[i]!.sql,
        kind,
        scale: t.scale ?? 0,
      };
    });
  } finally {
    await engine.run(`DROP TABLE IF EXISTS ${STAGE}`);
  }
}

/** The SQL that reads a column as the engine streams it: a DOUBLE (money as whole units, dates as day numbers), or text. */
function readOf(engine: Engine, p: ColumnPlan): string {
  const c = `(${p.sql})`;
  switch (p.kind) {
    case 'decimal':
      return `CAST(CAST(${c} * ${10 ** p.scale} AS BIGINT) AS DOUBLE)`;
    case 'number':
      return `CAST(${c} AS DOUBLE)`;
    case 'date':
      return `CAST(${engine.dialect.dateDiffDays("DATE '1970-01-01'", c)} AS DOUBLE)`;
    case 'boolean':
      return `CAST(CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 END AS DOUBLE)`;
    case 'text':
      return `CAST(${c} AS VARCHAR)`;
    default:
      return unreachable(p.kind, 'column kind');
  }
}

/** Collects one column chunk by chunk; `done` gives it as held. */
interface Builder {
  add(values: Float64Array | (string | null)[], rows: number): void;
  done(): Held;
}

/** A typed array of at least `n` elements holding `a`'s first `used`. */
function grown<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array>(
  a: T,
  used: number,
  n: number,
): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (length: number) => T)(Math.max(n, Math.ceil(a.length * 1.5), 1024));
  b.set(a.subarray(0, used));
  return b;
}

/** `a` cut to its first `n` elements (a copy only when shorter). */
const trimmed = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array>(
  a: T,
  n: number,
): T => (a.length === n ? a : a.slice(0, n)) as T;

function builderOf(table: string, p: ColumnPlan, capacity: number): Builder {
  switch (p.kind) {
    case 'decimal':
    case 'number':
    case 'date':
      return numberBuilder(table, p, capacity);
    case 'boolean': {
      let values = new Uint8Array(capacity);
      let n = 0;
      return {
        add(v, rows) {
          values = grown(values, n, n + rows);
          const x = v as Float64Array;
          for (let j = 0; j < rows; j++) values[n++] = Number.isNaN(x[j]!) ? NO_BOOLEAN : x[j]!;
        },
        done: () => ({ kind: 'boolean', name: p.name, values: trimmed(values, n) }),
      };
    }
    case 'text':
      return textBuilder(p.name, capacity);
    default:
      return unreachable(p.kind, 'column kind');
  }
}

/**
 * Money units, numbers and day numbers: in 32 bits while every value is a whole number that
 * fits (|v| < 2^31: 21 million at cents, what almost every customer line is), switched to
 * doubles (exact below 2^53) at the first that does not.
 */
function numberBuilder(table: string, p: ColumnPlan, capacity: number): Builder {
  let small: Int32Array | null = new Int32Array(capacity);
  let wide: Float64Array | null = null;
  let n = 0;
  const widen = () => {
    const w = new Float64Array(small!.length);
    for (let j = 0; j < n; j++) w[j] = small![j] === NO_UNITS ? Number.NaN : small![j]!;
    wide = w;
    small = null;
  };
  return {
    add(v, rows) {
      const x = v as Float64Array;
      if (small) small = grown(small, n, n + rows);
      else wide = grown(wide!, n, n + rows);
      for (let j = 0; j < rows; j++) {
        const u = x[j]!;
        if (!Number.isNaN(u) && !(Math.abs(u) <= Number.MAX_SAFE_INTEGER))
          throw new NotHeld(`${table}.${p.name} has a value beyond 2^53 units`);
        if (small && !Number.isNaN(u) && !(Math.abs(u) < 2147483648 && Number.isInteger(u))) {
          if (p.kind === 'date') throw new NotHeld(`${table}.${p.name}: day ${u} out of range`);
          widen();
        }
        if (small) small[n++] = Number.isNaN(u) ? NO_UNITS : u;
        else wide![n++] = u;
      }
    },
    done(): Held {
      const values = small ? trimmed(small, n) : trimmed(wide!, n);
      switch (p.kind) {
        case 'decimal':
          return { kind: 'decimal', name: p.name, scale: p.scale, units: values };
        case 'number':
          return { kind: 'number', name: p.name, values };
        case 'date':
          // Dates always fit 32 bits (checked above); NO_UNITS is NO_DATE.
          return { kind: 'date', name: p.name, days: values as Int32Array };
        default:
          throw new Error(`numberBuilder for ${p.kind}`);
      }
    },
  };
}

/**
 * Text: as 16-bit codes into its distinct values while they fit, kept as codes where values
 * repeat (see {@link coded}), otherwise as UTF-8 with offsets (written out from the codes, or
 * directly once there are too many distinct values for codes).
 */
function textBuilder(name: string, capacity: number): Builder {
  let codes: Uint16Array | null = new Uint16Array(capacity);
  const words = new Map<string, number>();
  // UTF-8 form, once codes are given up
  let pieces: Buffer[] = [];
  let ends = new Uint32Array(0);
  let missing = new Uint8Array(0);
  let bytes = 0;
  let n = 0;
  const appendText = (values: readonly (string | null)[], count: number) => {
    ends = grown(ends, n, n + count);
    missing = grown(missing, n, n + count);
    let text = '';
    for (let j = 0; j < count; j++) {
      const v = values[j] ?? null;
      if (v === null) missing[n] = 1;
      else {
        text += v;
        bytes += Buffer.byteLength(v, 'utf8');
      }
      if (bytes > 0xffffffff) throw new NotHeld(`${name}: more than 4 GiB of text`);
      ends[n++] = bytes;
    }
    pieces.push(Buffer.from(text, 'utf8'));
  };
  const giveUpCodes = () => {
    const list = [...words.keys()];
    const held = codes!;
    const count = n;
    codes = null;
    n = 0;
    const page: (string | null)[] = [];
    for (let j = 0; j < count; j++) {
      const c = held[j]!;
      page.push(c === NO_CODE ? null : list[c]!);
      if (page.length === 4096 || j === count - 1) {
        appendText(page, page.length);
        page.length = 0;
      }
    }
  };
  return {
    add(v, rows) {
      const values = v as (string | null)[];
      if (codes) {
        codes = grown(codes, n, n + rows);
        for (let j = 0; j < rows; j++) {
          const s = values[j] ?? null;
          if (s === null) {
            codes[n++] = NO_CODE;
            continue;
          }
          let c = words.get(s);
          if (c === undefined) {
            if (words.size >= NO_CODE) {
              giveUpCodes();
              appendText(values.slice(j, rows), rows - j);
              return;
            }
            c = words.size;
            words.set(s, c);
          }
          codes[n++] = c;
        }
      } else appendText(values, rows);
    },
    done(): Held {
      if (codes && coded(words.size, n))
        return { kind: 'code', name, codes: trimmed(codes, n), words: [...words.keys()] };
      if (codes) giveUpCodes();
      const all = Buffer.concat(pieces);
      pieces = [];
      if (all.length !== bytes) throw new NotHeld(`${name}: ${all.length} bytes against ${bytes} counted`);
      const starts = new Uint32Array(n + 1);
      starts.set(ends.subarray(0, n), 1);
      return { kind: 'text', name, bytes: all, starts, missing: trimmed(missing, n) };
    },
  };
}

/** The alias of a FROM clause (`t`, or the last word of `(SELECT ...) x`). */
function fromAlias(from: string): string {
  return from.trim().split(/\s+/).pop()!;
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
