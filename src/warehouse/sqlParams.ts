/**
 * Named SQL parameters: a statement says `$pool` or `$f3_1` where a value goes, and the values
 * travel as a record by name, so SQL built from parts (a formula inside a stage inside a join)
 * binds each part's values under its own names, never renumbered. Positional `$1`, `$2`, ...
 * stay for a statement written whole. The one place names become positions is
 * {@link positionalParams}; every engine binds its result.
 */
import type { SqlValue } from './engine.ts';

/** Values bound by name: `$name` in the statement (a letter or `_`, then letters, digits, `_`). */
export type NamedParams = Readonly<Record<string, SqlValue>>;

/** A statement's values: by position (`$1`, `$2`, ...) or by name (`$name`). */
export type SqlParams = readonly SqlValue[] | NamedParams;

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/**
 * The statement with its named placeholders as positions (the first name met is `$1`; a name
 * used twice binds once) and the values in that order. Text inside string literals, quoted
 * names and comments is left alone, so a `$name` there is text. A name without a value, a
 * value no placeholder uses, or positions mixed with names is a bug: a bare Error.
 * Positional values pass through unchanged.
 */
export function positionalParams(
  sql: string,
  params: SqlParams | undefined,
): { sql: string; values: SqlValue[] | undefined } {
  if (params === undefined) return { sql, values: undefined };
  if (isPositional(params)) return { sql, values: [...params] };
  const order = new Map<string, number>();
  const values: SqlValue[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const skipTo = skipped(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
      continue;
    }
    if (c === '$' && NAME_START.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && NAME_PART.test(sql[j]!)) j++;
      const name = sql.slice(i + 1, j);
      if (!Object.hasOwn(params, name)) throw new Error(`no value for parameter $${name}`);
      let at = order.get(name);
      if (at === undefined) {
        values.push(params[name]!);
        at = values.length;
        order.set(name, at);
      }
      out += `$${at}`;
      i = j;
      continue;
    }
    if (c === '$' && /[0-9]/.test(sql[i + 1] ?? ''))
      throw new Error('a statement binds by name or by position, not both');
    out += c;
    i++;
  }
  const unused = Object.keys(params).filter((name) => !order.has(name));
  if (unused.length) throw new Error(`parameters not in the statement: ${unused.join(', ')}`);
  return { sql: out, values };
}

function isPositional(params: SqlParams): params is readonly SqlValue[] {
  return Array.isArray(params);
}

/** Where the literal, quoted name or comment starting at `i` ends (`i` itself when none starts there). */
function skipped(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1;
      } else j++;
    }
    return sql.length;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

/**
 * Names values as a statement is built: `bind(v)` gives a fresh placeholder (`$<prefix>1`,
 * `$<prefix>2`, ...) and records the value under it, so parts built with different prefixes
 * combine by merging their {@link values} without renumbering.
 */
export class NamedBinder {
  /** The values bound so far, by name (without the `$`). */
  readonly values: Record<string, SqlValue> = {};
  private count = 0;

  /** `prefix`: the start of every name this binder makes (a letter or `_`, then letters, digits, `_`). */
  constructor(readonly prefix: string) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) throw new Error(`not a parameter name prefix: ${prefix}`);
  }

  /** The placeholder of a new parameter holding `value`. */
  bind(value: SqlValue): string {
    this.count++;
    const name = `${this.prefix}${this.count}`;
    this.values[name] = value;
    return `$${name}`;
  }
}
