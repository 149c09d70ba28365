/**
 * Issue 11, ninth round: English exports of a whole class, each several messes earlier rounds did
 * not have (test/fixtures/englishShapes9.ts), from `worth init --from` to `worth report` with no
 * hand edit (englishRun.ts on endToEnd.ts checks the rejects line by line and gross, discounts,
 * returns and net per customer against the generator's cents): a payment processor's payments
 * export (refunds in their own column, the e-mail the only id, failed charges) and its balance
 * report (refunds, fees and payouts as rows of their own), a CRM's won deals
 * among open and lost ones (below the data a footer parted by an empty line), one row per order
 * with the items in one cell, and a US register (12-hour times, `($45.00)` credits, voided
 * documents named by their Type).
 */
import { describe, expect, it } from 'vitest';
import {
  crmOpportunities,
  ordersOneRow,
  stripeBalance,
  stripePayments,
  usRegister,
} from '../fixtures/englishShapes9.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';

describe('English exports, ninth round: init --from to report, no hand edit', () => {
  it('payments export: the refunded amount a return, Failed left out, the e-mail the id, the fee no sale', async () => {
    const x = stripePayments(9);
    expect([x.cancelledLines, x.unattributedLines]).not.toContain(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('customer_id: col("Customer Email")');
    expect(yaml).toContain('credited_amount: abs(col("Amount Refunded"))');
    expect(yaml).not.toMatch(/^\s+(gross_amount|credited_amount):.*Fee/m);
    expect(init).toMatch(/Status: \d+ lines say Failed/);
  }, 600_000);

  it('balance report: snake_case, refunds rows of their own below zero, fees and payouts left out by reporting_category', async () => {
    const x = stripeBalance(9);
    expect([x.cancelledLines, x.creditLines, x.unattributedLines]).not.toContain(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain("exclude_when: in_list(trim(reporting_category), 'fee', 'payout')");
    expect(yaml).toMatch(/customer_id: customer_email/);
    expect(yaml).not.toMatch(/^\s+(gross_amount|credited_amount):.*\b(fee|net)\b/m);
  }, 600_000);

  it('CRM opportunities: only Closed Won is a sale, sold on its Close Date, the footer below an empty line left out', async () => {
    const x = crmOpportunities(9);
    expect(x.cancelledLines).toBeGreaterThan(50);
    const { yaml, init, dir } = await fourCommands(x);
    expect(yaml).toContain('order_date: col("Close Date")');
    expect(yaml).toContain('footer_lines: 4');
    expect(init).toMatch(/Stage: \d+ lines say .*Closed Lost.*: left out/);
    expect(yaml).not.toMatch(/'closed won'/);
    const ids = await queryDb(dir, 'SELECT DISTINCT customer_id FROM customers ORDER BY 1');
    expect(ids.map((r) => r.customer_id)).toEqual([...x.perCustomer.keys()].sort());
  }, 600_000);

  it('one row per order, the items in one cell: said in one line, each order a sale of its subtotal, refunds returns', async () => {
    const x = ordersOneRow(9);
    const { yaml, init } = await fourCommands(x);
    expect(init).toMatch(
      /^ {2}Items: several products in one cell \(.+ × \d+.*\): Worth does not split them/m,
    );
    expect(yaml).toContain('col("Order Subtotal")');
    expect(yaml).not.toMatch(/^\s+product_id:/m);
    expect(yaml).toContain('abs(col("Refund Amount"))');
  }, 600_000);

  it('US register: 12/5/2025 3:04 PM, $1,234.56, ($45.00) credit memos, Void documents left out by their Type', async () => {
    const x = usRegister(9);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    const { yaml, init } = await fourCommands(x);
    expect(init).toMatch(/Date: dates as mm\/dd\/yyyy/);
    expect(init).toMatch(/Type: \d+ lines say Void/);
    expect(yaml).toContain(`customer_id: 'col("Customer #")'`);
    // Voided documents are left out, so no line of theirs reads as a discount to check.
    expect(init).not.toMatch(/on \d+ lines without a discount/);
  }, 600_000);
});
