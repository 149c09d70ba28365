import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula, type FormulaColumn, type FormulaScope } from '../../src/formula/index.ts';
import { DuckDBEngine, type SqlValue } from '../../src/warehouse/index.ts';

/** A scope over a one-row table `t` of text columns; `Date` can be read as a date. */
function scope(engine: DuckDBEngine, params: SqlValue[], withLine = true): FormulaScope {
  const q = engine.dialect.quoteIdent;
  const names = ['Invoice', 'Store', 'Customer', 'Date', 'Qty', 'Price'];
  return {
    dialect: engine.dialect,
    params,
    names: () => names,
    resolve(name) {
      const found = names.find((n) => n.toLowerCase() === name.toLowerCase());
      if (!found) return undefined;
      const ref = `t.${q(found)}`;
      const col: FormulaColumn = {
        type: 'text',
        sql: (as) =>
          as === 'number'
            ? `CAST(${ref} AS DECIMAL(38,6))`
            : as === 'boolean'
              ? `CAST(${ref} AS BOOLEAN)`
              : ref,
        ...(found === 'Date' ? { date: () => `CAST(${ref} AS DATE)` } : {}),
      };
      return col;
    },
    ...(withLine ? { lineNumber: () => 't.line' } : {}),
  };
}

const ROW =
  'SELECT \'INV7\' AS "Invoice", \'S2\' AS "Store", \'unknown\' AS "Customer", \'2024-08-17\' AS "Date", \'3\' AS "Qty", \'1.335\' AS "Price", CAST(43 AS BIGINT) AS line';

describe('formula functions on a real DuckDB', () => {
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open(':memory:');
  });
  afterAll(async () => {
    await engine.close();
  });
  const value = async (formula: string, type?: 'number' | 'text' | 'boolean') => {
    const params: SqlValue[] = [];
    const c = compileFormula(formula, scope(engine, params), 'test', type);
    const [row] = await engine.query(`SELECT CAST(${c.sql} AS VARCHAR) AS v FROM (${ROW}) t`, params);
    return row!.v;
  };

  it('concat joins text and numbers, leaving missing parts out', async () => {
    expect(await value("concat(Invoice, '-', Store)")).toBe('INV7-S2');
    expect(await value("concat(Invoice, '/', line_number())")).toBe('INV7/43');
    expect(await value("concat(Invoice, nullif(Customer, 'unknown'), '!')")).toBe('INV7!');
  });

  it('if() and in_list() bind each text of their arguments once (types are found without binding)', async () => {
    // A condition as a branch beside a number: the branch is read as 0/1; 'S2' is bound once.
    expect(await value("if(Qty = '3', Store = 'S2', 0)", 'number')).toBe('1');
    expect(await value("in_list(concat(Store, 'x'), 'S2x', 'S3x')")).toBe('true');
    expect(await value("in_list(concat(Store, 'y'), 'S2x', 'S3x')")).toBe('false');
    // Each text once: three texts, three parameters.
    const params: SqlValue[] = [];
    compileFormula("in_list(concat(Store, 'x'), 'S2x', 'S3x')", scope(engine, params), 'test');
    expect(params).toEqual(['x', 'S2x', 'S3x']);
  });

  it("line_number() is the row's line, as a number", async () => {
    expect(await value('line_number() * 10')).toBe('430');
  });

  it('nullif gives missing where both sides are equal, else the first', async () => {
    expect(await value("nullif(Customer, 'unknown')")).toBe(null);
    expect(await value("nullif(Store, 'unknown')")).toBe('S2');
    expect(await value('nullif(Qty, 0)', 'number')).toBe('3.000000');
    expect(await value('nullif(Qty, 3)', 'number')).toBe(null);
    expect(await value('coalesce(nullif(Qty, 3), 99)', 'number')).toBe('99.000000');
  });

  it('year, month, day and quarter of a date column (2024-08-17)', async () => {
    expect(await value('year(Date)')).toBe('2024');
    expect(await value('month(Date)')).toBe('8');
    expect(await value('day(Date)')).toBe('17');
    expect(await value('quarter(Date)')).toBe('3');
    expect(await value("concat(year(Date), '-Q', quarter(Date))")).toBe('2024-Q3');
  });

  it('a date part of something that is not a date column, or line_number() where there are no lines, is an error', () => {
    expect(() => compileFormula('year(Invoice)', scope(engine, []), 'test')).toThrow(
      'year() takes a column holding dates, found Invoice',
    );
    expect(() => compileFormula("month('2024-01-01')", scope(engine, []), 'test')).toThrow(
      "month() takes a column holding dates, found '2024-01-01'",
    );
    expect(() => compileFormula('line_number()', scope(engine, [], false), 'activity x')).toThrow(
      'line_number() is only known where a formula reads a source file',
    );
    expect(() => compileFormula('line_number(1)', scope(engine, []), 'test')).toThrow(
      'line_number() takes 0 arguments, got 1',
    );
  });

  it('numbers are exact and wide: a product beyond 18 digits does not overflow', async () => {
    // 3 x 1.335 = 4.005 exactly; 123456789012 x 123456789012 = 15241578753153483936144.
    expect(await value('Qty * Price')).toBe('4.005000000000');
    const params: SqlValue[] = [];
    const c = compileFormula('Qty * Qty', scope(engine, params), 'test');
    const [row] = await engine.query(
      `SELECT CAST(${c.sql} AS VARCHAR) AS v FROM (SELECT '123456789012' AS "Qty") t`,
      params,
    );
    expect(row!.v).toBe('15241578753153483936144.000000000000');
  });

  it('reports its divisors, and a DOUBLE twin of the same formula', () => {
    const c = compileFormula('Qty / Price + Qty % 2', scope(engine, []), 'test');
    expect(c.divisors).toHaveLength(2);
    const d = compileFormula('Qty * 2', scope(engine, []), 'test', 'number', 'double');
    expect(d.sql).toContain('AS DOUBLE');
  });

  it('hostile text in any function stays a bound parameter, never SQL', async () => {
    const evil = "x'); DROP TABLE t; --";
    const formulas = [
      `concat(Invoice, '${evil.replaceAll("'", "\\'")}')`,
      `nullif(Store, '${evil.replaceAll("'", "\\'")}')`,
      `starts_with(Invoice, "${evil}")`,
    ];
    for (const f of formulas) {
      const params: SqlValue[] = [];
      const c = compileFormula(f, scope(engine, params), 'test');
      expect(c.sql).not.toContain('DROP');
      expect(params).toEqual([evil]);
    }
    expect(await value(`concat(Invoice, "${evil}")`)).toBe(`INV7${evil}`);
  });
});
