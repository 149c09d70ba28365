import { describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb } from './helpers.ts';

const HEAD = 'company: X\nlanguage: en\nperiod: { start: 2025-01-01, end: 2025-12-31 }\nunattributed: load\n';

/** A report grouped by customer: the name alone on a line, the lines beneath it, a Total line after them. */
function workspace(heading: string) {
  return makeWorkspace({
    'worth.yaml': `${HEAD}sources:\n  order_lines:\n    file: data/sales.csv\n    group_heading: ${heading}\n    exclude_when: is_empty(Date) and is_empty(Num) and is_empty(Qty)\n    columns: { order_id: Num, customer_id: column1, order_date: Date, quantity: Qty, gross_amount: Amount, cogs_amount: "0" }\n`,
    'data/sales.csv': `${[
      ',Date,Num,Qty,Amount',
      "Amy's Bird Sanctuary,,,,", //      line 2: heading
      ',2025-01-15,1001,2,150.00', //     line 3: Amy's
      ',2025-02-03,1002,1,20.00', //      line 4: Amy's
      "Total for Amy's Bird Sanctuary,,,,170.00", // line 5: totals line
      'Cool Cars,,,,', //                 line 6: heading
      ',2025-03-01,1003,3,30.00', //      line 7: Cool Cars
      'Total for Cool Cars,,,,30.00', //  line 8: totals line
      'TOTAL,,,,200.00', //               line 9: totals line
    ].join('\n')}\n`,
  });
}

describe('group_heading: a report grouped by customer', () => {
  it("gives each line the nearest heading's name above it; headings left out, Total lines rejected outside the budget", async () => {
    const dir = workspace('column1');
    const report = await ingestWorkspace(loadWorkspace(dir));
    const rows = await queryDb(
      dir,
      'SELECT _line AS line, customer_id AS customer, CAST(gross_amount AS VARCHAR) AS gross FROM order_lines ORDER BY _line',
    );
    expect(rows).toEqual([
      { line: 3, customer: "Amy's Bird Sanctuary", gross: '150.00' },
      { line: 4, customer: "Amy's Bird Sanctuary", gross: '20.00' },
      { line: 7, customer: 'Cool Cars', gross: '30.00' },
    ]);
    const rejects = await queryDb(dir, 'SELECT line, code FROM rejects ORDER BY line');
    expect(rejects).toEqual([
      { line: 5, code: 'totals_line' },
      { line: 8, code: 'totals_line' },
      { line: 9, code: 'totals_line' },
    ]);
    // 3 of 8 lines are totals lines: the file's own sums, not over the 1% budget.
    expect(report.rejectSummary.exceeded).toBe(false);
    expect(report.rejectSummary.tables[0]!.totalsLines).toBe(3);
    expect(report.excluded.map((e) => e.lines)).toEqual([2]);
  });

  it('a heading column the file does not have is a WorthError naming the setting and the columns', async () => {
    const dir = workspace('Customer');
    const e = await ingestWorkspace(loadWorkspace(dir)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorthError);
    expect((e as WorthError).message).toContain('sources.order_lines.group_heading');
    expect((e as WorthError).message).toContain('column1, Date, Num, Qty, Amount');
  });
});
