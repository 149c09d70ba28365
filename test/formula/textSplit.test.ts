/**
 * before(text, sep) and after(text, sep): a code and a name in one column ("10003 - Café Het
 * Hoekje", "Café Het Hoekje (10003)") split into its parts, on a real DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula, type FormulaScope } from '../../src/formula/index.ts';
import { DuckDBEngine, type SqlValue } from '../../src/warehouse/index.ts';

/** A scope over a one-column table `t` (column `Debiteur`, text). */
function scope(engine: DuckDBEngine, params: SqlValue[]): FormulaScope {
  return {
    dialect: engine.dialect,
    params,
    names: () => ['Debiteur'],
    resolve: (name) =>
      name.toLowerCase() === 'debiteur' ? { type: 'text', sql: () => 't."Debiteur"' } : undefined,
  };
}

describe('before() and after() on a real DuckDB', () => {
  let engine: DuckDBEngine;
  beforeAll(async () => {
    engine = await DuckDBEngine.open(':memory:');
  });
  afterAll(async () => {
    await engine.close();
  });
  const value = async (formula: string, debiteur: string | null) => {
    const params: SqlValue[] = [];
    const c = compileFormula(formula, scope(engine, params), 'test', 'text');
    params.push(debiteur);
    const row = `SELECT CAST($${params.length} AS VARCHAR) AS "Debiteur"`;
    const [r] = await engine.query(`SELECT ${c.sql} AS v FROM (${row}) t`, params);
    return r!.v;
  };

  it('split "id - name" at the first separator', async () => {
    expect(await value("before(Debiteur, ' - ')", '10003 - Café Het Hoekje')).toBe('10003');
    expect(await value("after(Debiteur, ' - ')", '10003 - Café Het Hoekje')).toBe('Café Het Hoekje');
    // Only the first separator splits: the name keeps its own dash.
    expect(await value("after(Debiteur, ' - ')", '10004 - Bakker - Utrecht')).toBe('Bakker - Utrecht');
  });

  it('"name (id)": the id between the brackets, the name before them', async () => {
    expect(await value("before(after(Debiteur, '('), ')')", 'Café Het Hoekje (10003)')).toBe('10003');
    expect(await value("trim(before(Debiteur, '('))", 'Café Het Hoekje (10003)')).toBe('Café Het Hoekje');
  });

  it('without the separator: all of it before, nothing (missing) after; missing stays missing', async () => {
    expect(await value("before(Debiteur, ' - ')", 'Losse verkoop')).toBe('Losse verkoop');
    expect(await value("after(Debiteur, ' - ')", 'Losse verkoop')).toBe(null);
    expect(await value("before(Debiteur, ' - ')", null)).toBe(null);
    // coalesce binds its text arguments once (a value bound twice left a placeholder unused and failed the statement).
    expect(await value("coalesce(after(Debiteur, ' - '), Debiteur)", 'Losse verkoop')).toBe('Losse verkoop');
    expect(await value("coalesce(after(Debiteur, ' - '), Debiteur)", '7 - Bos')).toBe('Bos');
  });

  it('a separator is bound as a value, never pasted into the SQL', () => {
    const params: SqlValue[] = [];
    const c = compileFormula('before(Debiteur, "\' OR 1=1 --")', scope(engine, params), 'test', 'text');
    expect(c.sql).not.toContain('OR 1=1');
    expect(params).toEqual(["' OR 1=1 --"]);
  });

  it('takes exactly two arguments', () => {
    expect(() => compileFormula('before(Debiteur)', scope(engine, []), 'test', 'text')).toThrow(
      'before() takes 2 arguments, got 1',
    );
  });
});
