/**
 * The profile's date counts try a layout only on values with the marks its date part writes
 * (`dateMarksSql`: a digit, its separators, a letter for a month name). The condition must be
 * necessary only: on dates written under every layout and time (strftime, so not by the code
 * under test), on a month name's Dutch and weekday forms, an offset after a time, and on amounts,
 * codes and names, each layout reads exactly as many values with the condition as without it; and
 * it does pass over the amounts, or it would save nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateMarksSql } from '../../src/onboard/sniffExport.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';

let engine: DuckDBEngine;
beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
});
afterAll(async () => {
  await engine?.close();
});

// The date parts of sniffExport.ts's candidates and ISO, and the times it accepts after them.
const BASES = [
  '%Y-%m-%d',
  '%d-%m-%Y',
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%d.%m.%Y',
  '%Y/%m/%d',
  '%Y%m%d',
  '%d-%b-%Y',
  '%d-%b-%y',
  '%d %b %Y',
  '%b %Y',
  '%b %d, %Y',
  '%b-%d-%Y',
  '%b-%d-%y',
  '%m/%d/%y',
  '%d/%m/%y',
  '%d-%m-%y',
  '%d.%m.%y',
];
const TIMES = ['', ' %H:%M', ' %H:%M:%S', 'T%H:%M:%S', ' %H:%M:%S.%f', ' %I:%M %p', ' %I:%M:%S %p'];
const HANDWRITTEN = [
  'maandag 6 januari 2025',
  '5 mrt. 2025',
  'March 5, 2025',
  'Mon, 5 Mar 2025',
  'di 4 mrt 2025',
  '5-mrt-2025',
  '05-Okt-24',
  'december 2025',
  '2025-03-05T10:00:00Z',
  '2025-03-05 10:00 +0100',
  '05-03-2025 10:00 UTC',
  '3/14/2025 3:04 PM',
  '20250105',
  '1-2-25',
  '1.2.2025',
  '12,50',
  '-12,50',
  '1.234,56',
  '12.50',
  '1,234.56',
  '(12.50)',
  '€ 12,50',
  '12,5%',
  '17x',
  'C2024000005',
  'ART-1002',
  'Café Zoë 2014',
  'Passant',
  '0',
];

describe('dateMarksSql', () => {
  it('never passes over a value a layout reads, and passes over amounts', async () => {
    const generated = BASES.flatMap((b) =>
      TIMES.map(
        (t) =>
          `SELECT strftime(TIMESTAMP '1995-01-01' + INTERVAL (i * 7919) MINUTE, '${b}${t}') AS x FROM range(0, 60) r(i)`,
      ),
    );
    const amounts = `SELECT printf('%d,%02d', i * 37 % 5000, i % 100) AS x FROM range(0, 500) r(i)
      UNION ALL SELECT printf('%d.%03d,%02d', 1 + i % 90, i % 1000, i % 100) FROM range(0, 500) r(i)`;
    const written = HANDWRITTEN.map((v) => `SELECT '${v}' AS x`);
    await engine.run(
      `CREATE TEMP TABLE marks_values AS SELECT DISTINCT x FROM (${[...generated, amounts, ...written].join(' UNION ALL ')})`,
    );
    const d = engine.dialect;
    for (const base of BASES) {
      const read = d.tryDate(
        'x',
        TIMES.map((t) => `${base}${t}`),
      );
      const r = (
        await engine.query(
          `SELECT count(*) FILTER (WHERE ${read} IS NOT NULL) AS all_read,
             count(*) FILTER (WHERE ${dateMarksSql(d, 'x', base)} AND ${read} IS NOT NULL) AS marked
           FROM marks_values`,
        )
      )[0]!;
      expect(Number(r.all_read), base).toBeGreaterThan(0);
      expect(Number(r.marked), base).toBe(Number(r.all_read));
    }
    // Amounts with a decimal comma carry none of the marks of the dash, slash or dot layouts.
    const passed = (
      await engine.query(
        `SELECT count(*) FILTER (WHERE ${dateMarksSql(d, 'x', '%d-%m-%Y')}) AS dash,
           count(*) FILTER (WHERE ${dateMarksSql(d, 'x', '%d/%m/%y')}) AS slash FROM (${amounts}) a`,
      )
    )[0]!;
    expect(Number(passed.dash)).toBe(0);
    expect(Number(passed.slash)).toBe(0);
  });
});
