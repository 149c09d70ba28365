/**
 * Amounts as ledgers and distributors write them, read by ingest's number parse (parseSql.ts) in
 * a real DuckDB: a currency code after or before the number (`1,234.56 GBP`, `USD 12.50`, also
 * inside parentheses), a ledger's credit and debit marks (`12.50 CR` below zero, `12.50 DR` above)
 * beside the marks read before (`£`, `(12.50)`, `12.50-`); a quantity in thousands (`1.2k`) and
 * words stay no number.
 */
import { describe, expect, it } from 'vitest';
import { numberSql } from '../../src/ingest/parseSql.ts';
import { openEngine } from '../../src/warehouse/index.ts';
import type { SourceFormat } from '../../src/workspace/index.ts';

describe('amounts with a currency code or a credit mark', () => {
  it('read as the number they mean, others stay not a number', async () => {
    const engine = await openEngine();
    try {
      const f: SourceFormat = {
        delimiter: ',',
        decimal: '.',
        thousands: ',',
        date_format: 'yyyy-mm-dd',
        encoding: 'utf-8',
        header: true,
        quote: '"',
        skip_lines: 0,
      };
      const cases: [string, string | null][] = [
        ['1,234.56 GBP', '1234.56'],
        ['85.00 USD', '85.00'],
        ['USD 12.50', '12.50'],
        ['(1,234.56 USD)', '-1234.56'],
        ['69.98 CR', '-69.98'],
        ['1,200.00CR', '-1200.00'],
        ['£12.50 CR', '-12.50'],
        ['12.50 DR', '12.50'],
        ['-£12.50', '-12.50'],
        ['(12.50)', '-12.50'],
        ['12.50-', '-12.50'],
        ['1.2k', null],
        ['12.50 CREDIT', null],
        ['twelve', null],
        ['#VALUE!', null],
      ];
      for (const [text, want] of cases) {
        const sql = numberSql(`CAST($1 AS VARCHAR)`, f, engine.dialect, 18, 2);
        const row = (await engine.query(`SELECT CAST(${sql} AS VARCHAR) AS v`, [text]))[0]!;
        expect(row.v ?? null, `${text}: ${sql}`).toBe(want);
      }
    } finally {
      await engine.close();
    }
  });
});

describe("Dutch bookkeeping's minus", () => {
  it('-/- 12,50 is -12,50 with a decimal comma and thousands dots; a -/- inside or after a number stays no number', async () => {
    const engine = await openEngine();
    try {
      const f: SourceFormat = {
        delimiter: ';',
        decimal: ',',
        date_format: 'dd-mm-yyyy',
        encoding: 'utf-8',
        header: true,
        quote: '"',
        skip_lines: 0,
      };
      const cases: [string, string | null][] = [
        ['-/- 12,50', '-12.50'],
        ['-/-12,50', '-12.50'],
        ['-/- 1.458,63', '-1458.63'],
        ['-/- € 450,00', '-450.00'],
        ['-/- 9,000', '-9.00'],
        ['12,50 -/-', null],
        ['1-/-2', null],
        ['-/-', null],
      ];
      for (const [text, want] of cases) {
        const sql = numberSql(`CAST($1 AS VARCHAR)`, f, engine.dialect, 18, 2);
        const row = (await engine.query(`SELECT CAST(${sql} AS VARCHAR) AS v`, [text]))[0]!;
        expect(row.v ?? null, `${text}: ${sql}`).toBe(want);
      }
    } finally {
      await engine.close();
    }
  });
});
