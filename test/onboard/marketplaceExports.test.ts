/**
 * Marketplace exports in English, from `worth init --from` to `worth report` with no hand edit:
 * an Amazon seller "All Orders" report and an Etsy "Sold Order Items" CSV (generated from a
 * seed: test/fixtures/englishShapes2.ts). Totals per customer come from the generator in cents.
 */
import { describe, expect, it } from 'vitest';
import { amazonAllOrders, etsySoldItems } from '../fixtures/englishShapes2.ts';
import { fourCommands } from './englishRun.ts';

describe('marketplace exports: init --from to report, no hand edit', () => {
  it('Amazon All Orders: tab-delimited, ISO date-times with an offset, Cancelled left out, item-price the line total, item-promotion-discount (below zero) the discount, shipping named and left out, empty buyer e-mail unattributed, two cut lines rejected', async () => {
    const x = amazonAllOrders(31);
    expect(x.cancelledLines).toBeGreaterThan(0);
    expect(x.unattributedLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('delimiter: "\\t"');
    expect(yaml).toContain('order_id: col("amazon-order-id")');
    expect(yaml).toContain('customer_id: col("buyer-email")');
    // item-price is quantity x the unit price: taken as the line's amount, never multiplied again.
    expect(yaml).toContain('gross_amount: col("item-price")');
    expect(yaml).toMatch(
      /# item-price: the line's total, not a unit price \(on \d+ of \d+ lines with more than one unit/,
    );
    // The promotion lowers the line's sales (written below zero: its opposite is the discount); shipping is not a sale.
    expect([...x.perCustomer.values()].some((s) => s.discounts > 0n)).toBe(true);
    expect(yaml).toMatch(
      /discount_amount: -col\("item-promotion-discount"\) {5}# the discount per line, written below zero/,
    );
    expect(yaml).toMatch(/# shipping-price: [\d.]+ charged for delivery on \d+ orders is not loaded/);
    expect(yaml).toMatch(/# ship-promotion-discount: [\d.]+ off delivery on \d+ lines is not loaded either/);
    expect(init).toMatch(/ship-promotion-discount: [\d,.]+ off delivery on \d+ lines is not loaded either/);
    expect(yaml).toContain(`exclude_when: in_list(lower(trim(col("order-status"))), 'cancelled')`);
    expect(yaml).toContain('currency: USD');
    expect(init).toMatch(/order-status: \d+ lines say Cancelled/);
  }, 600_000);

  it('Etsy Sold Order Items: MM/DD/YY read as US (the comment says why), $1,234.56, Item Total before Discount Amount, a quantity "two" rejected', async () => {
    const x = etsySoldItems(32);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('date_format: mm/dd/yy');
    expect(yaml).toMatch(
      /# Sale Date: dates as mm\/dd\/yy \(\d+ of \d+ values read so; as dd\/mm\/yy only \d+ would: the other \d+ have a day above 12 where dd\/mm\/yy puts the month\)/,
    );
    expect(yaml).toContain('thousands: ","');
    expect(yaml).toContain('gross_amount: Quantity * Price');
    expect(yaml).toContain('discount_amount: col("Discount Amount")');
    expect(yaml).toMatch(/# Item Total: before the discount/);
    expect(yaml).toMatch(/period: .*\n {2}start: 2025-01-/);
  }, 600_000);
});
