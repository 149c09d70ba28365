/**
 * Numbers with thousands grouped by a space (`1 234,56`, a no-break space from a spreadsheet):
 * read as numbers only where the spaces group digits by three; and a footer under a totals line
 * (`Aantal regels: 1234`, a signature) found by `endsWithTotals`. Real in-memory DuckDB; the
 * expected values are written by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberSql } from '../../src/ingest/parseSql.ts';
import { endsWithTotals } from '../../src/ingest/recordLines.ts';
import { openEngine } from '../../src/warehouse/index.ts';
import type { SourceFormat } from '../../src/workspace/index.ts';

const dutch = { delimiter: ';', quote: '"', decimal: ',' } as SourceFormat;

describe('thousands grouped by spaces', () => {
  it('reads 1 234,56 (space, no-break and narrow no-break) and refuses spaces that do not group by three', async () => {
    const engine = await openEngine();
    try {
      const cases: [string, string | null][] = [
        ['1 234,56', '1234.56'],
        ['12 345 678,90', '12345678.90'],
        ['1\u00a0234,56', '1234.56'],
        ['1\u202f234,56', '1234.56'],
        ['€ 1 234,56', '1234.56'],
        ['1 234,56-', '-1234.56'],
        ['(1 234,56)', '-1234.56'],
        ['-€ 12,50', '-12.50'],
        ['1.234,56', '1234.56'],
        ['1 23,45', null],
        ['€ 1 23,45', null],
        ['€ - 12,50', '-12.50'],
        ['12 34', null],
        ['1 2345,00', null],
      ];
      for (const [text, want] of cases) {
        const rows = await engine.query(
          `SELECT CAST(${numberSql('$1', dutch, engine.dialect, 18, 2)} AS VARCHAR) AS v`,
          [text],
        );
        expect(rows[0]!.v ?? null, JSON.stringify(text)).toBe(want);
      }
    } finally {
      await engine.close();
    }
  });
});

describe('endsWithTotals', () => {
  const file = (lines: string[]) => {
    const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-foot-')), 'x.csv');
    writeFileSync(f, `${lines.join('\r\n')}\r\n`);
    return f;
  };
  it('looks past a footer of one-field lines for the totals line, not past a data line', () => {
    const head = ['Factuur;Klant;Bedrag', 'F1;K1;12,50'];
    expect(
      endsWithTotals(
        file([...head, 'Totaal;;12,50', 'Aantal regels: 1', '', 'Afgedrukt door: J. Jansen']),
        dutch,
      ),
    ).toBe(true);
    expect(endsWithTotals(file([...head, 'Totaal;;12,50']), dutch)).toBe(true);
    expect(endsWithTotals(file([...head, 'Aantal regels: 1']), dutch)).toBe(false);
    expect(endsWithTotals(file([...head, 'Totaal;;12,50', 'F2;K1;3,00', 'einde']), dutch)).toBe(false);
  });
});
