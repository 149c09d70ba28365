/**
 * A QuickBooks "Sales by Customer Detail" report saved as CSV, from `worth init --from` to
 * `worth report` with no hand edit: a title block above the header, each customer's name on a
 * line of its own with its lines beneath it, a `Total for <customer>` line after them, a grand
 * `TOTAL` and a time stamp at the foot; credit memos with a negative quantity. Totals per
 * customer come from the generator in cents (test/fixtures/englishShapes2.ts).
 */
import { describe, expect, it } from 'vitest';
import { quickBooksSalesByCustomer } from '../fixtures/englishShapes2.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';

describe('QuickBooks Sales by Customer Detail: init --from to report, no hand edit', () => {
  it('title block skipped, the customer carried down from its heading, headings left out, Total lines rejected, the time stamp a footer, credit memos as returns', async () => {
    const x = quickBooksSalesByCustomer(51);
    const { yaml, init, dir } = await fourCommands(x);
    expect(yaml).toContain('skip_lines: 4');
    expect(yaml).toContain('date_format: mm/dd/yyyy');
    expect(yaml).toContain('group_heading: "column1"');
    expect(yaml).toContain('customer_id: column1');
    expect(yaml).toMatch(/exclude_when: is_empty\(Date\) and is_empty\(Num\) and is_empty\(Qty\)/);
    expect(yaml).toContain('when: Qty < 0');
    expect(yaml).toContain('currency: USD');
    // The 45 heading lines are left out (not rejects), with no money.
    expect(init).toMatch(/45 lines \(0\.00 net\) left out by your rule/);
    // The budget leaves the report's own subtotals out: 1 of the lines counts (the bad date); the time stamp is a footer.
    expect(init).not.toContain('over the budget');
    expect(yaml).toContain('footer_lines: 1');
    const headings = await queryDb(dir, `SELECT count(*) AS n FROM customers`);
    expect(Number(headings[0]!.n)).toBe(45);
  }, 600_000);
});
