/**
 * Amounts as accounting and shop exports write them: a currency sign (`€ 12,50`, `£12.50`),
 * a negative in parentheses (`(12.50)`) or with a trailing minus (`12.50-`), with thousands
 * separators; read the same on every path, and text that only looks like them still rejected.
 */
import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb } from './helpers.ts';

const HEAD =
  'company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nmax_rejected_share: 1\n';

async function load(format: string, rows: string[]) {
  const dir = makeWorkspace({
    'worth.yaml': `${HEAD}sources:\n  order_lines:\n    file: data/orders.csv\n    format: ${format}\n    columns: { cogs_amount: "0" }\n`,
    'data/orders.csv': `${rows.join('\n')}\n`,
  });
  await ingestWorkspace(loadWorkspace(dir));
  const loaded = await queryDb(
    dir,
    'SELECT order_id, CAST(gross_amount AS VARCHAR) AS g FROM order_lines ORDER BY _line',
  );
  const rejects = await queryDb(dir, 'SELECT line, value, reason FROM rejects ORDER BY line');
  // A negative amount is rejected as negative (so it was read as a number), not as "not a number".
  const kind = (reason: unknown) =>
    /^negative amount/.test(String(reason))
      ? 'negative'
      : /^not a number/.test(String(reason))
        ? 'not a number'
        : String(reason);
  return {
    loaded: loaded.map((r) => [r.order_id, r.g]),
    rejects: rejects.map((r) => [Number(r.line), r.value, kind(r.reason)]),
  };
}

describe('amounts with currency signs, parentheses and trailing minus', () => {
  it('decimal comma with thousands dots', async () => {
    const r = await load('{ delimiter: ";", decimal: "," }', [
      'order_id;customer_id;order_date;quantity;gross_amount',
      'O1;C1;2024-01-05;1;€ 12,50', //        12.50
      'O2;C1;2024-01-05;1;€ 1.234,56', //     1234.56
      'O3;C1;2024-01-05;1;-€ 3,10', //        -3.10
      'O4;C1;2024-01-05;1;(7,25)', //         -7.25
      'O5;C1;2024-01-05;1;1.000,00-', //      -1000.00
      'O6;C1;2024-01-05;1;12,50 €', //        12.50
      'O7;C1;2024-01-05;1;€ 12,5x', //        rejected: not a number
      'O8;C1;2024-01-05;1;(12,50', //         rejected: a parenthesis never closed
    ]);
    expect(r.loaded).toEqual([
      ['O1', '12.50'],
      ['O2', '1234.56'],
      ['O6', '12.50'],
    ]);
    expect(r.rejects).toEqual([
      [4, '-€ 3,10', 'negative'],
      [5, '(7,25)', 'negative'],
      [6, '1.000,00-', 'negative'],
      [8, '€ 12,5x', 'not a number'],
      [9, '(12,50', 'not a number'],
    ]);
  });

  it('decimal point with thousands commas (quoted), pounds', async () => {
    const r = await load('{ delimiter: ",", decimal: ".", thousands: "," }', [
      'order_id,customer_id,order_date,quantity,gross_amount',
      'O1,C1,2024-01-05,1,£12.50', //          12.50
      'O2,C1,2024-01-05,1,"(1,234.50)"', //    -1234.50
      'O3,C1,2024-01-05,1,"2,000.00-"', //     -2000.00
      'O4,C1,2024-01-05,1,12.50', //           12.50 (plain)
      'O5,C1,2024-01-05,1,"1,23.00"', //       rejected: thousands grouped wrong
    ]);
    expect(r.loaded).toEqual([
      ['O1', '12.50'],
      ['O4', '12.50'],
    ]);
    expect(r.rejects).toEqual([
      [3, '(1,234.50)', 'negative'],
      [4, '2,000.00-', 'negative'],
      [6, '1,23.00', 'not a number'],
    ]);
  });

  it('a rate written 9% in a formula input reads as 9 (percent), as a plain 9 does', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}sources:\n  order_lines:\n    file: data/orders.csv\n    format: { delimiter: ";", decimal: "," }\n    columns:\n      gross_amount: round(Incl / (1 + Rate / 100), 2)\n      cogs_amount: "0"\n`,
      'data/orders.csv': [
        'order_id;customer_id;order_date;quantity;Incl;Rate',
        'O1;C1;2024-01-05;1;10,90;9%', //      10.90 / 1.09 = 10.00
        'O2;C1;2024-01-05;1;121,00;21 %', //   121.00 / 1.21 = 100.00
        'O3;C1;2024-01-05;1;10,00;0%', //      10.00
        'O4;C1;2024-01-05;1;5,45;9', //        plain 9: 5.00
        'O5;C1;2024-01-05;1;10,00;9%x', //     rejected: not a number
        'O6;C1;2024-01-05;1;5,00%;9%', //      any formula input: the % is a unit mark, 5.00 / 1.09
      ].join('\n'),
    });
    await ingestWorkspace(loadWorkspace(dir));
    const loaded = await queryDb(
      dir,
      'SELECT order_id, CAST(gross_amount AS VARCHAR) AS g FROM order_lines ORDER BY _line',
    );
    expect(loaded.map((r) => [r.order_id, r.g])).toEqual([
      ['O1', '10.00'],
      ['O2', '100.00'],
      ['O3', '10.00'],
      ['O4', '5.00'],
      ['O6', '4.59'],
    ]);
    const rejects = await queryDb(dir, 'SELECT line, value, code FROM rejects ORDER BY line');
    expect(rejects.map((r) => [Number(r.line), r.value, r.code])).toEqual([[6, '9%x', 'not_a_number']]);
  });

  it('a % in an amount loaded directly is not a number', async () => {
    const r = await load('{ delimiter: ";", decimal: "," }', [
      'order_id;customer_id;order_date;quantity;gross_amount',
      'O1;C1;2024-01-05;1;12,50',
      'O2;C1;2024-01-05;1;12,50%',
    ]);
    expect(r.loaded).toEqual([['O1', '12.50']]);
    expect(r.rejects).toEqual([[3, '12,50%', 'not a number']]);
  });

  it('dates with month names, Dutch or English, in any case (date_format: dd-mmm-yyyy)', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}sources:\n  order_lines:\n    file: data/orders.csv\n    format: { delimiter: ";", decimal: ",", date_format: dd-mmm-yyyy }\n    columns: { cogs_amount: "0" }\n`,
      'data/orders.csv': [
        'order_id;customer_id;order_date;quantity;gross_amount',
        'O1;C1;5-mrt-2024;1;1,00', //     2024-03-05
        'O2;C1;05-Mar-2024;1;1,00', //    2024-03-05
        'O3;C1;1-MEI-2024;1;1,00', //     2024-05-01
        'O4;C1;31-okt-2024;1;1,00', //    2024-10-31
        'O5;C1;2-jan-2024 14:05;1;1,00', // 2024-01-02 (the time dropped)
        'O6;C1;30-feb-2024;1;1,00', //    rejected: no such day
        'O7;C1;5-mrz-2024;1;1,00', //     rejected: not a Dutch or English month
      ].join('\n'),
    });
    await ingestWorkspace(loadWorkspace(dir));
    const loaded = await queryDb(
      dir,
      "SELECT order_id, strftime(order_date, '%Y-%m-%d') AS d FROM order_lines ORDER BY _line",
    );
    expect(loaded.map((r) => [r.order_id, r.d])).toEqual([
      ['O1', '2024-03-05'],
      ['O2', '2024-03-05'],
      ['O3', '2024-05-01'],
      ['O4', '2024-10-31'],
      ['O5', '2024-01-02'],
    ]);
    const rejects = await queryDb(dir, 'SELECT line, value, code FROM rejects ORDER BY line');
    expect(rejects.map((r) => [Number(r.line), r.value, r.code])).toEqual([
      [7, '30-feb-2024', 'not_a_date'],
      [8, '5-mrz-2024', 'not_a_date'],
    ]);
  });
});
