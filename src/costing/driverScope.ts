import type { Dialect, NamedParams, SqlValue } from '../warehouse/index.ts';
import type { FormulaColumn, FormulaScope, FormulaType } from '../formula/index.ts';

/** A name a formula may use: its natural type and its SQL. */
export interface ScopeColumn {
  name: string;
  type: FormulaType;
  sql: string;
  /** Stored as a DATE: read as yyyy-mm-dd text. */
  date?: boolean;
  /** A number stored as a binary float (DOUBLE), not exact. */
  float?: boolean;
}

/** How a value of one type reads as another (numbers from text, conditions from numbers, ...). */
function convert(d: Dialect, c: ScopeColumn, as: FormulaType): string {
  if (c.date) return as === 'text' ? `CAST(${c.sql} AS VARCHAR)` : 'NULL';
  if (as === c.type) return c.sql;
  if (as === 'text') return `CAST(${c.sql} AS VARCHAR)`;
  if (as === 'number') return c.type === 'boolean' ? `CAST(${c.sql} AS INTEGER)` : d.tryDouble(c.sql);
  return c.type === 'number' ? `(${c.sql} <> 0)` : `(lower(${c.sql}) IN ('true', 'yes', 'ja', '1'))`;
}

/**
 * A formula scope over a fixed list of columns (case-insensitive names). Bound values go
 * to `params`; the n-th is named `$<prefix>n` (see {@link namedValues}), so the compiled SQL
 * joins any statement without renumbering.
 */
export function columnScope(
  dialect: Dialect,
  columns: ScopeColumn[],
  params: SqlValue[],
  prefix: string,
): FormulaScope & { used: Set<string> } {
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const used = new Set<string>();
  return {
    dialect,
    params,
    used,
    placeholder: (n) => `$${prefix}${n}`,
    names: () => columns.map((c) => c.name),
    resolve(name: string): FormulaColumn | undefined {
      const c = byName.get(name.toLowerCase());
      if (!c) return undefined;
      used.add(c.name);
      // Read as a number: a DOUBLE column, or text through tryDouble, is a binary float.
      const float = c.type === 'number' ? c.float === true : c.type === 'text' && !c.date;
      return { type: c.type, sql: (as) => convert(dialect, c, as), float };
    },
  };
}

/** The values a {@link columnScope} with `prefix` bound, by the names its placeholders use. */
export function namedValues(prefix: string, params: readonly SqlValue[]): NamedParams {
  return Object.fromEntries(params.map((v, i) => [`${prefix}${i + 1}`, v]));
}
