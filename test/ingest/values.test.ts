import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb, readRejects } from './helpers.ts';

// These files are mostly bad lines on purpose: the reject budget is lifted to see every reason.
const HEAD =
  'company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nmax_rejected_share: 1\n';

describe('safe arithmetic and plausible values: each bad value rejected with its true reason', () => {
  it('raw amounts and dates: too large, beyond cents, implausible dates; trailing zeros are fine', async () => {
    const lines = [
      'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount', // line 1
      'O1,C1,2024-01-05,1,10.00,5.00', //                                  line 2: good
      'O2,C1,2024-01-05,1,1e20,5.00', //                                   line 3: a number, far too large
      'O3,C1,2024-01-05,1,12.345,5.00', //                                 line 4: digits beyond cents
      'O4,C1,0001-01-01,1,10.00,5.00', //                                  line 5: a date, but not a plausible one
      'O5,C1,9999-12-31,1,10.00,5.00', //                                  line 6: idem
      'O6,C1,2024-01-05,1,9999999999999999.99,5.00', //                    line 7: fits DECIMAL(18,2), not a sum of them
      'O7,C1,2024-01-05,1,abc,5.00', //                                    line 8: not a number at all
      'O8,C1,2024-01-05,1,12.340,5.00', //                                 line 9: good (12.34)
      'O9,C1,2024-01-05,1,999999999.99,5.00', //                           line 10: good, the largest amount
      'O10,C1,1974-01-01,1,1.00,0.50', //                                  line 11: good, the first plausible day (2024-01-01 - 50 years)
      'O11,C1,2025-12-31,1,1.00,0.50', //                                  line 12: good, the last (2024-12-31 + 1 year)
      'O12,C1,2026-01-01,1,1.00,0.50', //                                  line 13: a day too late
      'O13,C1,2024-01-05,1,-1000000000.00,5.00', //                        line 14: too large the other way (one reject: no value to call negative)
      'O14,C1,2024-01-05,1e20,1.00,0.50', //                               line 15: a quantity too large, not "not a number"
    ];
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}sources:\n  order_lines: { file: data/orders.csv }\n`,
      'data/orders.csv': `${lines.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    const rejects = readRejects(report.rejectsFile).map((r) => [
      r.line,
      r.column,
      r.value,
      r.reason.split(' (')[0],
    ]);
    expect(rejects).toEqual([
      ['3', 'gross_amount', '1e20', 'amount out of range'],
      ['4', 'gross_amount', '12.345', 'more decimals than cents'],
      ['5', 'order_date', '0001-01-01', 'date outside 1974-01-01 to 2025-12-31'],
      ['6', 'order_date', '9999-12-31', 'date outside 1974-01-01 to 2025-12-31'],
      ['7', 'gross_amount', '9999999999999999.99', 'amount out of range'],
      ['8', 'gross_amount', 'abc', 'not a number'],
      ['13', 'order_date', '2026-01-01', 'date outside 1974-01-01 to 2025-12-31'],
      ['14', 'gross_amount', '-1000000000.00', 'amount out of range'],
      ['15', 'quantity', '1e20', 'number out of range'],
    ]);
    const reasons = readRejects(report.rejectsFile).map((r) => r.reason);
    expect(reasons[0]).toBe(
      'amount out of range (expected at most 999,999,999.99 either way per line, so that totals add up exactly)',
    );
    expect(reasons[1]).toBe(
      'more decimals than cents (expected at most 2 decimals; an amount is never rounded silently)',
    );
    expect(reasons[2]).toBe(
      "date outside 1974-01-01 to 2025-12-31 (expected at most 50 years before the period's start and 1 year after its end)",
    );
    // 10.00 + 12.34 + 999,999,999.99 + 1.00 + 1.00 = 1,000,000,024.33
    expect(report.tables.order_lines!.amounts.gross_amount!.loaded).toBe('1000000024.33');
    expect(report.tables.order_lines!.rowsLoaded).toBe(5);
  });

  it('formulas: overflow and division by zero named as such; results rounded to cents once, half away from zero', async () => {
    const lines = [
      'Order,Customer,Date,Qty,Price,Pack', //                 line 1
      'A1,C1,2024-03-01,3,1.335,1', //                         line 2: 4.005 -> 4.01; cost 4.005 * 0.65 = 2.60325 -> 2.60
      'A2,C1,2024-03-01,2000000,1.25,1', //                    line 3: 2,500,000.00 (over a million: fine)
      'A3,C1,2024-03-01,999999999999,999999999999,1', //       line 4: about 10^24, beyond the bound
      'A4,C1,2024-03-01,1,5.00,0', //                          line 5: division by zero
      'A5,C1,2024-03-01,7,0.005,1', //                         line 6: 0.035 -> 0.04; cost 0.02275 -> 0.02
      'A6,C1,2024-03-01,20000,1,1', //                         line 7: 20,000.00; cost 13,000.00 (x 0.65 above 10,000)
    ];
    // The split's condition overflows on line 4 (10^24 x 10^12): not met, no engine error.
    const yaml = `${HEAD}sources:
  order_lines:
    file: data/orders.csv
    columns: { order_id: Order, customer_id: Customer, order_date: Date, quantity: Qty, gross_amount: Qty * Price / Pack, cogs_amount: Qty * Price * 0.65 }
    split: { when: Qty * Price * Qty < 0, to: returns, columns: { customer_id: Customer, return_date: Date, credited_amount: Price } }
`;
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/orders.csv': `${lines.join('\n')}\n` });
    const report = await ingestWorkspace(loadWorkspace(dir));
    const rejects = readRejects(report.rejectsFile);
    expect(rejects.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
      [
        '4',
        'gross_amount',
        '9.99999999998e+23',
        'out of range (sources.order_lines.columns.gross_amount = Qty * Price / Pack; expected at most 999,999,999.99 either way per line, so that totals add up exactly)',
      ],
      [
        '4',
        'cogs_amount',
        '6.499999999987e+23',
        'out of range (sources.order_lines.columns.cogs_amount = Qty * Price * 0.65; expected at most 999,999,999.99 either way per line, so that totals add up exactly)',
      ],
      [
        '5',
        'gross_amount',
        '',
        'division by zero (sources.order_lines.columns.gross_amount = Qty * Price / Pack)',
      ],
    ]);
    const rows = await queryDb(
      dir,
      'SELECT order_id, CAST(gross_amount AS VARCHAR) AS g, CAST(cogs_amount AS VARCHAR) AS c FROM order_lines ORDER BY order_id',
    );
    expect(rows).toEqual([
      { order_id: 'A1', g: '4.01', c: '2.60' },
      { order_id: 'A2', g: '2500000.00', c: '1625000.00' },
      { order_id: 'A5', g: '0.04', c: '0.02' },
      { order_id: 'A6', g: '20000.00', c: '13000.00' },
    ]);
  });
});
