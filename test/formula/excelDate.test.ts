/**
 * `excel_date(n)` on a real DuckDB: an Excel day number (1900 date system) as the date text
 * yyyy-mm-dd. The expected dates are Excel's own (`=DATE(2025,1,1)` is 45658, `=DATE(2025,12,31)`
 * 46022, `=DATE(1970,1,1)` 25569, `=DATE(2100,1,1)` 73051), written here by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula, type FormulaScope } from '../../src/formula/index.ts';
import { DuckDBEngine, type SqlValue } from '../../src/warehouse/index.ts';

describe('excel_date on a real DuckDB', () => {
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open(':memory:');
  });
  afterAll(async () => {
    await engine.close();
  });
  const value = async (formula: string) => {
    const params: SqlValue[] = [];
    const scope: FormulaScope = {
      dialect: engine.dialect,
      params,
      names: () => [],
      resolve: () => undefined,
    };
    const c = compileFormula(formula, scope, 'test');
    const [row] = await engine.query(`SELECT CAST(${c.sql} AS VARCHAR) AS v`, params);
    return row!.v;
  };

  it("reads Excel's day numbers as its dates; a time of day (a fraction) is dropped", async () => {
    expect(await value('excel_date(45658)')).toBe('2025-01-01');
    expect(await value('excel_date(46022)')).toBe('2025-12-31');
    expect(await value('excel_date(45658.75)')).toBe('2025-01-01');
    expect(await value('excel_date(25569)')).toBe('1970-01-01');
    expect(await value('excel_date(73050)')).toBe('2099-12-31');
    // A workbook in the 1904 date system: its day 44196 is 2025-01-01.
    expect(await value('excel_date(44196 + 1462)')).toBe('2025-01-01');
  });

  it('is missing outside 1970-2099 (never an engine error on a stray number)', async () => {
    for (const n of ['25568', '73051', '-5', '0', '100000000000000000000'])
      expect(await value(`excel_date(${n})`), n).toBeNull();
  });
});
