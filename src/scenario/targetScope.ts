/**
 * The names a target filter may use: customer attributes, customer P&L figures and CLV
 * columns (first table wins on a shared name), read from the database's own column types.
 */
import { compileFormula, type FormulaColumn, type FormulaScope, type FormulaType } from '../formula/index.ts';
import { unreachable } from '../core/index.ts';
import type { Engine, SqlValue, ValueKind } from '../warehouse/index.ts';

/** Tables and their aliases in the targeting query. */
export const TARGET_TABLES = [
  ['customers', 'c'],
  ['customer_pnl', 'p'],
  ['customer_clv', 'v'],
] as const;

function typeOf(kind: ValueKind | null): FormulaType {
  switch (kind) {
    case 'boolean':
      return 'boolean';
    case 'decimal':
    case 'number':
      return 'number';
    case 'date':
    case 'text':
    case null:
      return 'text';
    default:
      return unreachable(kind, 'value kind');
  }
}

/** Compiles the filter to SQL over the aliases of {@link TARGET_TABLES}; strings are bound in `params`. */
export async function compileTargets(
  engine: Engine,
  formula: string,
  subject: string,
): Promise<{ sql: string; params: SqlValue[] }> {
  const q = engine.dialect.quoteIdent;
  const columns = new Map<string, FormulaColumn>();
  for (const [table, alias] of TARGET_TABLES) {
    for (const r of await engine.columnTypes(table)) {
      const name = r.name;
      if (name.startsWith('_') || columns.has(name.toLowerCase())) continue;
      const type = typeOf(r.kind);
      const ref = `${alias}.${q(name)}`;
      columns.set(name.toLowerCase(), {
        type,
        sql: (as) =>
          as === type
            ? ref
            : as === 'text'
              ? `CAST(${ref} AS VARCHAR)`
              : as === 'number'
                ? engine.dialect.tryDouble(ref)
                : engine.dialect.tryBoolean(ref),
      });
    }
  }
  const params: SqlValue[] = [];
  const scope: FormulaScope = {
    dialect: engine.dialect,
    resolve: (n) => columns.get(n.toLowerCase()),
    names: () => [...columns.keys()],
    params,
  };
  return { sql: compileFormula(formula, scope, subject, 'boolean').sql, params };
}
