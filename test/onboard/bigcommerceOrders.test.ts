/**
 * A BigCommerce order export, one row per product (test/fixtures/englishShapes4.ts), from `worth
 * init --from` to `worth report` with no hand edit: `Product Qty`, `Product Unit Price`, `Product
 * Total Price` and `Product SKU` recognised, the order's fields on its first row only filled down
 * (the e-mail too, so a guest's later rows stay the guest's), guests (`Customer ID` 0) their
 * e-mail, Cancelled and Declined orders left out, shipping not loaded, a quantity `2x` rejected.
 */
import { describe, expect, it } from 'vitest';
import { bigcommerceOrders } from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';

describe('BigCommerce order export: init --from to report, no hand edit', () => {
  it('order fields on the first row only, guests by e-mail, cancelled and declined orders', async () => {
    const x = bigcommerceOrders(7);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain(
      'fill_down: ["Customer ID", "Order Date", "Customer Name", "Order Status", "Customer Email"]',
    );
    expect(yaml).toContain(
      `customer_id: if(col("Customer ID") = '0', col("Customer Email"), col("Customer ID"))`,
    );
    expect(yaml).toContain('quantity: col("Product Qty")');
    expect(yaml).toMatch(
      /exclude_when: in_list\(lower\(trim\(col\("Order Status"\)\)\), '(cancelled|declined)', '(cancelled|declined)'\)/,
    );
  }, 600_000);
});
