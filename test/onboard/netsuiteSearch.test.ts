/**
 * A NetSuite transaction saved search (test/fixtures/englishShapes4.ts), from `worth init --from`
 * to `worth report` with no hand edit: `Document Number` the order, the bare `Name` (NetSuite's
 * `Customer:Job`, `Parent : Child`) the customer, `Rate` the unit price, credit memos printed with a
 * positive quantity and a negative amount to returns (not a discount), Voided invoices left out,
 * a formula column's `ERROR: Invalid Expression` rejected. Totals per customer from the generator.
 */
import { describe, expect, it } from 'vitest';
import { netsuiteSavedSearch } from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';

describe('NetSuite saved search: init --from to report, no hand edit', () => {
  it('Document Number, Name as Customer:Job, Rate, credit memos, voided invoices', async () => {
    const x = netsuiteSavedSearch(7);
    expect(x.creditLines).toBeGreaterThan(0);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('order_id: col("Document Number")');
    expect(yaml).toContain('customer_id: Name');
    expect(yaml).toContain('gross_amount: Quantity * Rate');
    expect(yaml).toContain('date_format: mm/dd/yyyy');
    expect(init).toMatch(/Status: \d+ lines say Voided/);
    // Credit memos (quantity above zero, amount below) are credits, not lines whose amount differs from quantity x rate.
    expect(init).not.toContain('is not Quantity x Rate');
  }, 600_000);
});
