/**
 * A Square "Item Sales Detail" export (test/fixtures/englishShapes3.ts), from `worth init
 * --from` to `worth report` with no hand edit: `Transaction ID` the order (no plainer order
 * column), `$1,234.56` amounts, `Discounts` written below zero (given back above zero on a
 * refund) taken as the amount off, `Net Sales` after the discount (gross is Net Sales plus it),
 * refunds as rows of their own with a negative quantity to returns, walk-in sales without a
 * `Customer ID` unattributed, a `#VALUE!` rejected. Totals per customer come from the generator
 * in cents.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { squareItemSales } from '../fixtures/englishShapes3.ts';
import { fourCommands } from './englishRun.ts';
import { worth } from './worthCli.ts';

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

  it('a Stripe payments export (no quantity column): each payment is one line, refunds are returns, nothing left behind', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-stripe-'));
    const file = path.join(root, 'unified_payments.csv');
    writeFileSync(
      file,
      'id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\n' +
        'ch_3QxA1,2025-03-05 14:22:10,12.50,0.00,gbp,Paid,cus_RkT1,ann@example.com\n' +
        'ch_3QxA2,2025-03-06 10:01:44,40.00,40.00,gbp,Refunded,,bob@example.com\n',
    );
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status).toBe(0);
    const yaml = readFileSync(path.join(root, 'ws', 'worth.yaml'), 'utf8');
    expect(yaml).toContain("quantity: '1'");
    expect(yaml).toContain('gross_amount: Amount');
    expect(yaml).toContain('credited_amount: abs(col("Amount Refunded"))');
    expect(r.stdout).toContain('order_lines: 2 lines read, 2 would load (1 without a customer), 0 rejected');
    expect(r.stdout).toContain('returns: 1 line read, 1 would load (1 without a customer), 0 rejected');
  });
});
