import type { NamedParams, SqlValue } from '../warehouse/index.ts';

/**
 * The values a statement binds, each named once as it is bound (`$p1`, `$p2`, ...): SQL is
 * built by asking for a placeholder, never by adding to a number, and the statement binds
 * them by name ({@link SqlParams.byName}), so a part added later (the one pass's `$source`)
 * takes a name of its own. A value bound under a name is bound once however often it is
 * asked for (the words that mean "missing", a date bound).
 */
export class SqlParams {
  /** The bound values in placeholder order; a formula compiler may push onto it directly (FormulaScope.params, with {@link SqlParams.placeholder}). */
  readonly values: SqlValue[] = [];
  private readonly named = new Map<string, string>();

  /** The placeholder of the n-th value (1-based). */
  placeholder(n: number): string {
    return `$p${n}`;
  }

  /** The placeholder of a new parameter holding `value`. */
  bind(value: SqlValue): string {
    this.values.push(value);
    return this.placeholder(this.values.length);
  }

  /** The placeholder of the parameter named `name`, bound to `value` the first time the name is asked for. */
  bindNamed(name: string, value: SqlValue): string {
    const known = this.named.get(name);
    if (known !== undefined) return known;
    const placeholder = this.bind(value);
    this.named.set(name, placeholder);
    return placeholder;
  }

  /** The values by their names (`p1`, `p2`, ...), as a statement binds them. */
  byName(): NamedParams {
    return Object.fromEntries(this.values.map((v, i) => [`p${i + 1}`, v]));
  }
}
