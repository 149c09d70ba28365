/**
 * Five English exports no earlier test tried (test/fixtures/englishShapes6.ts), each from
 * `worth init --from` to `worth report` with no hand edit (englishRun.ts checks the rejects and
 * the totals per customer against the generator's): a Zoho Books invoice export (drafts and void
 * invoices are no sales), a Lightspeed Retail "Sale Lines" export (`Receipt #` the sale, `Outlet`
 * the channel, walk-ins unattributed, returns as negative quantities), a WooCommerce export
 * whose refunds are orders of their own (`Refund`, crediting the `Parent Order`), an eBay orders
 * report (summary rows above an order's items) and a QuickBooks report grouped by product.
 */
import { describe, expect, it } from 'vitest';
import {
  ebayOrders,
  lightspeedSaleLines,
  quickbooksByProduct,
  wooRefundOrders,
  zohoInvoices,
} from '../fixtures/englishShapes6.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';

describe('English exports, sixth round: init --from to report, no hand edit', () => {
  it('Zoho Books invoices: Draft and Void left out, Item Total after the discount', async () => {
    const x = zohoInvoices(7);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain(`exclude_when: in_list(lower(trim(col("Invoice Status"))), 'draft', 'void')`);
    expect(yaml).toContain('discount_amount: round(Quantity * col("Item Price"), 2) - col("Item Total")');
    expect(init).toMatch(/Invoice Status: \d+ lines say Draft\/Void/);
  }, 600_000);

  it('Lightspeed sale lines: Receipt # the sale, walk-ins unattributed, returns below zero', async () => {
    const x = lightspeedSaleLines(7);
    expect(x.unattributedLines).toBeGreaterThan(0);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, dir } = await fourCommands(x);
    expect(yaml).toContain(`order_id: 'col("Receipt #")'`);
    expect(yaml).toContain('channel: Outlet');
    const channels = await queryDb(dir, 'SELECT DISTINCT channel FROM order_lines ORDER BY channel');
    expect(channels.map((c) => c.channel)).toEqual(['Downtown', 'Riverside Mall']);
  }, 600_000);

  it('WooCommerce refunds as orders of their own: returns against the Parent Order', async () => {
    const x = wooRefundOrders(7);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, dir } = await fourCommands(x);
    expect(yaml).toContain('order_id: coalesce(col("Parent Order"), col("Order Number"))');
    expect(yaml).toContain('product_id: col("Item SKU")');
    // Every return credits an order that was sold (the parent), none the refund's own number.
    const orphans = await queryDb(
      dir,
      'SELECT count(*) AS n FROM returns r WHERE NOT EXISTS (SELECT 1 FROM order_lines o WHERE o.order_id = r.order_id)',
    );
    expect(Number(orphans[0]!.n)).toBe(0);
  }, 600_000);
});

describe('eBay orders report: init --from to report, no hand edit', () => {
  it('an empty line above the header, Mar-05-25, Sold For, the order summary row above its items left out', async () => {
    const x = ebayOrders(7);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('date_format: mmm-dd-yy');
    expect(yaml).toContain('skip_lines: 1');
    expect(yaml).toContain('gross_amount: Quantity * col("Sold For")');
    expect(yaml).toContain('exclude_when: is_empty(col("Item Number")) and is_empty(col("Sold For"))');
    expect(init).toMatch(/\d+ lines \(0\.00 net\) left out by your rule/);
    // The Seller Summary footer: left out by a rule of its own and counted, no rejects (fourCommands checks those).
    expect(yaml).toContain('footer_lines: 3');
    expect(init).toMatch(/3 lines \(0\.00 net\) left out by your rule `footer_lines: 3` \(first: line \d+\)/);
  }, 600_000);
});

describe('QuickBooks Sales by Product/Service Detail: init --from to report, no hand edit', () => {
  it('grouped by product, the customer on every line: headings left out, totals lines, credit memos', async () => {
    const x = quickbooksByProduct(3);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml } = await fourCommands(x);
    // The product's heading column is no customer: Customer on each line is.
    expect(yaml).toContain('customer_id: Customer');
    expect(yaml).not.toContain('group_heading');
    expect(yaml).toContain('exclude_when: is_empty(Num) and is_empty(Qty)');
    // The time stamp below the grand total: a footer, no reject.
    expect(yaml).toContain('footer_lines: 1');
  }, 600_000);
});
