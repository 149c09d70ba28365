/**
 * A Square "Item Sales Detail" export (test/fixtures/englishShapes3.ts), from `worth init
 * --from` to `worth report` with no hand edit: `Transaction ID` the order (no plainer order
 * column), `$1,234.56` amounts, `Discounts` written below zero (given back above zero on a
 * refund) taken as the amount off, `Net Sales` after the discount (gross is Net Sales plus it),
 * refunds as rows of their own with a negative quantity to returns, walk-in sales without a
 * `Customer ID` unattributed, a `#VALUE!` rejected. Totals per customer come from the generator
 * in cents.
 */
import { describe, expect, it } from 'vitest';
import { squareItemSales } from '../fixtures/englishShapes3.ts';
import { fourCommands } from './englishRun.ts';

describe('Square Item Sales Detail: init --from to report, no hand edit', () => {
  it('Transaction ID the order, negative discounts, Net Sales after the discount, refund rows to returns, walk-ins unattributed', async () => {
    const x = squareItemSales(43);
    expect(x.creditLines).toBeGreaterThan(0);
    expect(x.unattributedLines).toBeGreaterThan(0);
    expect([...x.perCustomer.values()].some((s) => s.discounts > 0n)).toBe(true);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('order_id: col("Transaction ID")');
    expect(yaml).toContain('customer_id: col("Customer ID")');
    expect(yaml).toContain('currency: USD');
    expect(yaml).toContain('gross_amount: col("Net Sales") + (-Discounts)');
    expect(yaml).toMatch(
      /discount_amount: -Discounts {5}# the discount per line, written below zero in the export \(on \d+ lines, above zero on \d+\): the amount off is its opposite; Net Sales is after it/,
    );
    expect(yaml).toContain('when: Qty < 0');
    expect(yaml).toContain('credited_amount: -col("Net Sales")');
  }, 600_000);
});
