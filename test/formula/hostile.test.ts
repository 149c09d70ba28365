/**
 * Formulas are where a user's text meets SQL: hostile text either stays a value (string
 * literals are bound parameters) or is refused with a WorthError naming the setting and the
 * position, and nothing of it runs as SQL. Checked on a real DuckDB with a table that must
 * survive every formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { compileFormula, type FormulaScope } from '../../src/formula/index.ts';
import { DuckDBEngine, type SqlValue } from '../../src/warehouse/index.ts';

const SUBJECT = 'sources.order_lines.columns.customer_id';

/** A scope over table `t` whose text columns are the given names (any characters). */
function scope(engine: DuckDBEngine, params: SqlValue[], names: string[]): FormulaScope {
  const q = engine.dialect.quoteIdent;
  return {
    dialect: engine.dialect,
    params,
    names: () => names,
    resolve(name) {
      const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
      if (!found) return undefined;
      const ref = `t.${q(found)}`;
      return { type: 'text', sql: (as) => (as === 'number' ? engine.dialect.tryDouble(ref) : ref) };
    },
  };
}

describe('hostile formulas on a real DuckDB', () => {
  let engine: DuckDBEngine;
  const names = ['Klant', 'Naam "x"', 'Ümlaut 客户', 'a;b'];
  beforeAll(async () => {
    engine = await DuckDBEngine.open(':memory:');
    await engine.run(
      `CREATE TABLE t AS SELECT 'K1' AS "Klant", 'O''Brien; DROP TABLE t; --' AS "Naam ""x""", '客户 🙂' AS "Ümlaut 客户", '1;2' AS "a;b"`,
    );
  });
  afterAll(async () => {
    await engine.close();
  });

  /** The formula's value on the one row of `t`, as text; the table is checked to be intact after. */
  const value = async (formula: string): Promise<unknown> => {
    const params: SqlValue[] = [];
    const c = compileFormula(formula, scope(engine, params, names), SUBJECT, 'text');
    const [row] = await engine.query(`SELECT CAST(${c.sql} AS VARCHAR) AS v FROM t`, params);
    const [still] = await engine.query('SELECT count(*) AS n FROM t');
    expect(Number(still!.n)).toBe(1);
    return row!.v;
  };
  const refusal = (formula: string): string => {
    try {
      compileFormula(formula, scope(engine, [], names), SUBJECT, 'text');
    } catch (e) {
      expect(e).toBeInstanceOf(WorthError);
      return (e as Error).message;
    }
    return '(accepted)';
  };

  it('SQL inside a string literal stays text: quotes, semicolons and comments are the value', async () => {
    expect(await value(`concat(Klant, '\\'; DROP TABLE t; --')`)).toBe(`K1'; DROP TABLE t; --`);
    expect(await value(`concat('/* x */', Klant, ' -- y')`)).toBe('/* x */K1 -- y');
    expect(await value(`concat("it's", ';')`)).toBe(`it's;`);
  });

  it('a column whose value is SQL is read as data', async () => {
    expect(await value('col("Naam \\"x\\"")')).toBe(`O'Brien; DROP TABLE t; --`);
  });

  it('unicode names and values (accents, CJK, emoji) pass through unchanged', async () => {
    expect(await value('col("Ümlaut 客户")')).toBe('客户 🙂');
    expect(await value(`concat(Klant, ' — ', 'café ☕')`)).toBe('K1 — café ☕');
    expect(await value('col("a;b")')).toBe('1;2');
  });

  it('SQL outside quotes is refused with the setting named, not run', () => {
    for (const f of [
      'Klant; DROP TABLE t',
      'Klant -- comment',
      'Klant /* c */',
      "Klant' OR '1'='1",
      'Klant) OR (1=1',
    ]) {
      const m = refusal(f);
      expect(m, f).not.toBe('(accepted)');
      expect(m, f).toContain(SUBJECT);
    }
  });

  it('a name that is not a column is refused with the names it could be', () => {
    const m = refusal('col("Klant\\"; DROP TABLE t; --")');
    expect(m).toContain(SUBJECT);
    expect(m).not.toMatch(/SELECT|DuckDB|Binder|at .*\.ts/);
  });

  it('a long string literal (3,000 characters) is one bound value', async () => {
    const long = 'é'.repeat(3000);
    expect(await value(`concat(Klant, '${long}')`)).toBe(`K1${long}`);
  });
});
