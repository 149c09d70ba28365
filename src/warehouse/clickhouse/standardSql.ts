/**
 * The standard SQL the stages write, said in ClickHouse's words: `$n` parameters become
 * literals (18.16 has no query parameters), `CREATE TABLE` gets Nullable columns and an engine
 * (MergeTree; Memory for a temporary table), `CAST(x AS T)` keeps NULL (`Nullable(T)`), `BOOLEAN`
 * is `UInt8`, `TRUE`/`FALSE` are 1/0, `DATE '...'` is `toDate('...')` and a number with a
 * fraction (`0.5`) is the exact Decimal standard SQL reads it as. A string literal is
 * read as standard SQL (a backslash is itself, `''` a quote) and written with ClickHouse's
 * backslash escapes, so every piece of SQL, the dialect's included, is written in standard
 * form; names (from `quoteIdent`) are never touched.
 */
import type { SqlValue } from '../engine.ts';

/** A piece of SQL text: a word, a string literal, a quoted name, or anything else. */
interface Token {
  kind: 'word' | 'string' | 'quoted' | 'param' | 'number' | 'other';
  text: string;
}

/** Splits SQL into tokens; string literals and quoted names stay whole (backslash escapes too). */
function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      for (; j < sql.length; j++) {
        // A name from quoteIdent has backslash escapes; a string literal is standard SQL ('' only).
        if (sql[j] === '\\' && c !== "'") j++;
        else if (sql[j] === c) {
          if (sql[j + 1] === c) j++;
          else break;
        }
      }
      out.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(sql[j] ?? '')) j++;
      out.push({ kind: 'param', text: sql.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c) && !/[A-Za-z0-9_.]/.test(sql[i - 1] ?? '')) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(sql.slice(i))!;
      out.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (/[A-Za-z0-9_]/.test(sql[j] ?? '')) j++;
      out.push({ kind: 'word', text: sql.slice(i, j) });
      i = j;
    } else {
      out.push({ kind: 'other', text: c });
      i++;
    }
  }
  return out;
}

/** A value as a ClickHouse literal: text quoted with backslash escapes, numbers finite only. */
export function literal(v: SqlValue): string {
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'string':
      return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? '1' : '0';
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
      return String(v);
    default:
      throw new Error(`not a SQL value: ${typeof v}`);
  }
}

/** Standard type names ClickHouse 18.16 does not know, in its words. */
const TYPE_WORDS: Record<string, string> = { BOOLEAN: 'UInt8', BOOL: 'UInt8' };

/** Whether a token is the word `w` (any case). */
const is = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toUpperCase() === w;

/** The SQL with parameters bound, types and literals renamed and `CAST` keeping NULL. */
function rewriteExpressions(sql: string, params: SqlValue[]): Token[] {
  const ts = tokens(sql);
  // INSERT ... VALUES reads each literal by its column's type, exactly: numbers stay as written.
  const values = /^\s*INSERT\b[\s\S]*\bVALUES\b/i.test(sql);
  const out: Token[] = [];
  // The depth of each open CAST( and whether its AS has been seen.
  const casts: { depth: number; typeStart: number; at: number }[] = [];
  let depth = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.kind === 'string') {
      // Standard SQL reads a backslash as itself; ClickHouse reads it as an escape.
      out.push({ kind: 'other', text: literal(t.text.slice(1, -1).replaceAll("''", "'")) });
      continue;
    }
    if (t.kind === 'number' && !values && /^[0-9]+\.[0-9]+$/.test(t.text)) {
      // A number with a fraction is exact in standard SQL (DECIMAL), a Float64 in ClickHouse,
      // which refuses Float64 times Decimal: written as the Decimal it is.
      const digits = t.text.replace('.', '').replace(/^0+/, '').length;
      const scale = t.text.split('.')[1]!.length;
      const fn = digits > 18 ? 'toDecimal128' : 'toDecimal64';
      out.push({ kind: 'other', text: `${fn}('${t.text}', ${scale})` });
      continue;
    }
    if (t.kind === 'param') {
      const n = Number(t.text.slice(1));
      if (n < 1 || n > params.length) throw new Error(`no value for parameter ${t.text}`);
      out.push({ kind: 'other', text: literal(params[n - 1]!) });
      continue;
    }
    if (t.kind === 'word') {
      const up = t.text.toUpperCase();
      const next = ts[i + 1]?.text === ' ' ? i + 2 : i + 1;
      if (up === 'DATE' && ts[next]?.kind === 'string' && !isTypePosition(out)) {
        out.push({
          kind: 'other',
          text: `toDate(${literal(ts[next]!.text.slice(1, -1).replaceAll("''", "'"))})`,
        });
        i = next;
        continue;
      }
      if (TYPE_WORDS[up]) {
        out.push({ kind: 'word', text: TYPE_WORDS[up] });
        continue;
      }
      if (up === 'TRUE' || up === 'FALSE') {
        out.push({ kind: 'other', text: up === 'TRUE' ? '1' : '0' });
        continue;
      }
      if (up === 'AS' && casts.length > 0 && casts[casts.length - 1]!.depth === depth) {
        out.push(t);
        casts[casts.length - 1]!.typeStart = out.length;
        continue;
      }
      if (up === 'CAST' && ts[i + 1]?.text === '(') {
        out.push(t, ts[i + 1]!);
        i++;
        depth++;
        casts.push({ depth, typeStart: -1, at: out.length - 2 });
        continue;
      }
    }
    if (t.text === '(') depth++;
    if (t.text === ')') {
      const open = casts[casts.length - 1];
      if (open && open.depth === depth) {
        casts.pop();
        if (open.typeStart >= 0) {
          const type = out
            .splice(open.typeStart)
            .map((x) => x.text)
            .join('')
            .trim();
          const isNull = /^NULL$/i.test(text(out.slice(open.at + 2, open.typeStart - 1)).trim());
          if (/^(VARCHAR|TEXT|String)$/i.test(type) && !isNull) {
            // 18.16 refuses a CAST of a Nullable value to Nullable(String): toString keeps NULL.
            out.splice(open.typeStart - 1, 1);
            out[open.at] = { kind: 'word', text: 'toString' };
          } else {
            // A literal is never NULL: its CAST keeps the plain type (18.16 crashes on
            // coalesce(Nullable(Date), CAST('...' AS Nullable(Date)))); not in INSERT ... VALUES,
            // where 18.16 refuses a plain Decimal CAST ("Type mismatch") and reads a Nullable one.
            const inner = text(out.slice(open.at + 2, open.typeStart - 1)).trim();
            const constant = !values && /^('(?:[^'\\]|\\.)*'|-?[0-9]+(\.[0-9]+)?)$/.test(inner);
            out.push({
              kind: 'other',
              text:
                constant || /^Nullable\(/i.test(type)
                  ? ` ${type}`
                  : ` Nullable(${/^(VARCHAR|TEXT)$/i.test(type) ? 'String' : type})`,
            });
          }
        }
      }
      depth--;
    }
    out.push(t);
  }
  return out;
}

/** Whether the tokens so far end in a column type position (`x DATE`, in a column list): never `DATE '...'` there. */
function isTypePosition(out: Token[]): boolean {
  const last = [...out].reverse().find((t) => t.text.trim() !== '');
  return is(last, 'AS');
}

/** Splits a parenthesised list's inside at top-level commas. */
function splitTop(ts: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of ts) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (t.text === ',' && depth === 0) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts;
}

/** Index of the `)` that closes the `(` at `open`. */
function closing(ts: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < ts.length; i++) {
    if (ts[i]!.text === '(') depth++;
    if (ts[i]!.text === ')' && --depth === 0) return i;
  }
  throw new Error('unbalanced parentheses in SQL');
}

const text = (ts: Token[]) => ts.map((t) => t.text).join('');

/**
 * A standard statement as ClickHouse runs it. `CREATE [TEMPORARY] TABLE name (columns)` and
 * `CREATE [TEMPORARY] TABLE name AS SELECT` without an `ENGINE` get one; other statements only
 * have their expressions rewritten.
 */
export function toClickHouseSql(
  sql: string,
  params: SqlValue[] = [],
  names?: TableNames,
  options: { distributed?: ReadonlySet<string> } = {},
): string {
  const rewritten = rewriteExpressions(sql, params);
  const ts = options.distributed ? forCluster(rewritten, options.distributed) : rewritten;
  const words = ts.filter((t) => t.kind !== 'other' || t.text.trim() !== '');
  if (!is(words[0], 'CREATE') || ts.some((t) => is(t, 'ENGINE'))) return text(ts);
  const temporary = is(words[1], 'TEMPORARY') || is(words[1], 'TEMP');
  if (!is(words[temporary ? 2 : 1], 'TABLE')) return text(ts);
  const engine = temporary ? 'ENGINE = Memory' : 'ENGINE = MergeTree ORDER BY tuple()';
  // Find the name (a word or quoted name after TABLE [IF NOT EXISTS]).
  let at = ts.indexOf(words[temporary ? 2 : 1]!) + 1;
  const skipBlank = () => {
    while (at < ts.length && ts[at]!.kind === 'other' && ts[at]!.text.trim() === '') at++;
  };
  skipBlank();
  if (is(ts[at], 'IF')) {
    at++;
    for (const w of ['NOT', 'EXISTS']) {
      skipBlank();
      if (is(ts[at], w)) at++;
    }
    skipBlank();
  }
  // name, possibly db.name
  at++;
  while (ts[at]?.text === '.') at += 2;
  const head = text(ts.slice(0, at)).replace(/\bTEMP\b(?=\s+TABLE)/i, 'TEMPORARY');
  skipBlank();
  const rest = ts.slice(at);
  if (ts[at]?.text === '(') {
    const end = closing(ts, at);
    const columns = splitTop(ts.slice(at + 1, end)).map((col) => {
      const c = text(col).trim();
      const m =
        /^("(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|[A-Za-z_][A-Za-z0-9_]*)\s+([\s\S]+?)(\s+NOT\s+NULL)?$/i.exec(
          c,
        );
      if (!m) throw new Error(`column definition not understood: ${c}`);
      const type = m[2]!.trim();
      return m[3] || /^Nullable\(/i.test(type) ? `${m[1]} ${type}` : `${m[1]} Nullable(${type})`;
    });
    return `${head} (${columns.join(', ')}) ${engine}${text(ts.slice(end + 1))}`;
  }
  if (is(ts[at], 'AS'))
    return `${head} ${engine} ${text(temporary && names ? qualified(rest, names) : rest)}`;
  return text(ts);
}

/** Words after a table's name that are not its alias. */
const NOT_ALIAS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'LIMIT',
  'UNION',
  'ON',
  'USING',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'FULL',
  'CROSS',
  'OUTER',
  'ANY',
  'ALL',
  'GLOBAL',
  'ARRAY',
  'SETTINGS',
  'FORMAT',
  'PREWHERE',
  'FINAL',
  'SAMPLE',
  'WITH',
  'AS',
]);

const blank = (t: Token | undefined) => t !== undefined && t.kind === 'other' && t.text.trim() === '';

/**
 * For tables sharded over a cluster. Every `IN (SELECT ...)` becomes GLOBAL: the subquery is
 * computed once on the node that runs the statement and sent to every shard (without it a query
 * over a Distributed table sends the subquery to each shard as written, where a work table of
 * this node does not exist, "Table doesn't exist", and a second Distributed table is refused,
 * code 288). In a statement with a JOIN, every Distributed table read is gathered first, as
 * `(SELECT * FROM t) t`: the join then runs on this node. `GLOBAL JOIN` was not taken: 18.16
 * loses the right side's alias under it (`ON p.customer_id = b.customer_id` is "Unknown
 * identifier: p.customer_id" when b is Distributed). A statement without a JOIN reads its
 * Distributed tables as they are, so an aggregation runs on the shards and only its groups
 * travel. `ARRAY JOIN` is not a join.
 */
function forCluster(ts: Token[], distributed: ReadonlySet<string>): Token[] {
  const hasJoin = ts.some((t, i) => {
    if (!is(t, 'JOIN')) return false;
    let j = i - 1;
    while (j >= 0 && blank(ts[j])) j--;
    return !is(ts[j], 'ARRAY');
  });
  const out: Token[] = [];
  /** Index in `out` of the previous non-blank token before `at`, or -1. */
  const previous = (at: number) => {
    let j = at - 1;
    while (j >= 0 && blank(out[j])) j--;
    return j;
  };
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (is(t, 'IN')) {
      let k = i + 1;
      while (blank(ts[k])) k++;
      if (ts[k]?.text === '(') {
        k++;
        while (blank(ts[k])) k++;
        if (is(ts[k], 'SELECT')) {
          const p = previous(out.length);
          const at = is(out[p], 'NOT') ? p : out.length;
          if (!is(out[previous(at)], 'GLOBAL'))
            out.splice(at, 0, { kind: 'word', text: 'GLOBAL' }, { kind: 'other', text: ' ' });
        }
      }
    }
    out.push(t);
    if (!hasJoin || (!is(t, 'FROM') && !is(t, 'JOIN'))) continue;
    let j = i + 1;
    while (blank(ts[j])) j++;
    const name = ts[j];
    if (!name || (name.kind !== 'word' && name.kind !== 'quoted')) continue;
    if (ts[j + 1]?.text === '(' || ts[j + 1]?.text === '.') continue;
    if (!distributed.has(name.text)) continue;
    let k = j + 1;
    while (blank(ts[k])) k++;
    const next = ts[k];
    const aliased =
      next !== undefined &&
      (next.kind === 'quoted' ||
        (next.kind === 'word' && !NOT_ALIAS.has(next.text.toUpperCase())) ||
        is(next, 'AS'));
    out.push(
      ...ts.slice(i + 1, j),
      { kind: 'other', text: '(' },
      { kind: 'word', text: 'SELECT' },
      { kind: 'other', text: ' * ' },
      { kind: 'word', text: 'FROM' },
      { kind: 'other', text: ' ' },
      name,
      { kind: 'other', text: ')' },
      ...(aliased ? [] : [{ kind: 'other' as const, text: ' ' }, { ...name }]),
    );
    i = j;
  }
  return out;
}

/** What the engine knows to qualify table names: its database and the temporary tables of its session. */
export interface TableNames {
  /** The database, as `quoteIdent` writes it. */
  database: string;
  /** Names of this session's temporary tables (never qualified), as written in SQL (quoted). */
  temporary: ReadonlySet<string>;
}

/**
 * The tables named after FROM and JOIN, qualified with the database: 18.16 reads them in its
 * default database inside `CREATE TEMPORARY TABLE ... AS SELECT`, whatever the session's is.
 * A temporary table, a subquery, a table function and a qualified name are left as they are.
 */
function qualified(ts: Token[], names: TableNames): Token[] {
  const out = [...ts];
  for (let i = 0; i < out.length; i++) {
    if (!is(out[i], 'FROM') && !is(out[i], 'JOIN')) continue;
    let j = i + 1;
    while (j < out.length && out[j]!.kind === 'other' && out[j]!.text.trim() === '') j++;
    const t = out[j];
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) continue;
    const after = out[j + 1]?.text;
    if (after === '(' || after === '.') continue;
    const name = t.kind === 'word' ? `"${t.text}"` : t.text;
    if (names.temporary.has(name) || names.temporary.has(t.text)) continue;
    out[j] = { kind: 'quoted', text: `${names.database}.${t.text}` };
  }
  return out;
}
