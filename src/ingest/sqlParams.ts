import type { SqlValue } from '../warehouse/index.ts';

/**
 * The values a statement binds, each numbered once as it is bound (`$1`, `$2`, ...): SQL is
 * built by asking for a placeholder, never by adding to a number. A value bound under a name
 * is bound once however often it is asked for (the words that mean "missing", a date bound).
 */
export class SqlParams {
  /** The bound values in placeholder order; a formula compiler may push onto it directly (FormulaScope.params). */
  readonly values: SqlValue[] = [];
  private readonly named = new Map<string, string>();

  /** The placeholder of a new parameter holding `value`. */
  bind(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The placeholder of the parameter named `name`, bound to `value` the first time the name is asked for. */
  bindNamed(name: string, value: SqlValue): string {
    const known = this.named.get(name);
    if (known !== undefined) return known;
    const placeholder = this.bind(value);
    this.named.set(name, placeholder);
    return placeholder;
  }
}
