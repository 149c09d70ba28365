/**
 * Issue 11, eighth round: English exports of a whole class, each several messes at once
 * (test/fixtures/englishShapes8.ts), from `worth init --from` to `worth report` with no hand edit
 * (englishRun.ts on endToEnd.ts checks the rejects line by line and gross, discounts, returns and
 * net per customer against the generator's cents): a B2B distributor's invoice lines (Status,
 * credit memos naming the invoice, bill-to and ship-to), a subscription billing export (prorations,
 * refunds, voids, three currencies beside a base-currency amount), a marketplace transaction report
 * (fees, labels and payouts as rows, title rows, `--`) and a CSV saved by Excel on a Mac (CR line
 * ends with a line break typed in a cell).
 */
import { describe, expect, it } from 'vitest';
import {
  distributorInvoices,
  macExcelCsv,
  marketplaceTransactions,
  subscriptionBilling,
} from '../fixtures/englishShapes8.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';

describe('English exports, eighth round: init --from to report, no hand edit', () => {
  it('B2B distributor: Cancelled left out, Credited still a sale, credit memos printed positive, the bill-to account the customer', async () => {
    const x = distributorInvoices(8);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    const { yaml, dir } = await fourCommands(x);
    expect(yaml).toContain('customer_id: col("Bill To Account")');
    expect(yaml).toContain('columns: { name: "Bill To Name" }');
    // The sale is the line before tax; Line Total (after it) is not loaded.
    expect(yaml).toContain('col("Ext. Price")');
    expect(yaml).not.toMatch(/^\s+gross_amount:.*Line Total/m);
    const ids = await queryDb(dir, 'SELECT DISTINCT customer_id FROM customers ORDER BY 1');
    expect(ids.map((r) => r.customer_id)).toEqual(['C-1040', 'C-1187', 'C-2203', 'C-2290', 'C-3015']);
  }, 600_000);

  it('subscription billing: three currencies loaded from the base-currency amount, prorations and refunds as returns, Voided left out', async () => {
    const x = subscriptionBilling(8);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('col("Amount (USD)")');
    expect(init).toMatch(/3 currencies \(USD on \d+ lines, GBP on \d+ lines, EUR on \d+ lines\)/);
  }, 600_000);

  it('marketplace transaction report: title rows, fees, labels and payouts left out, refunds returns, the item subtotal the sale', async () => {
    const x = marketplaceTransactions(8);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('col("Item subtotal")');
    expect(yaml).toContain('skip_lines: 4');
    expect(yaml).toContain("'Shipping label'");
  }, 600_000);

  it('CSV (Macintosh) from Excel on a Mac: CR line ends, a line break typed in a cell, £1,234.56, Net beside Gross', async () => {
    const x = macExcelCsv(8);
    expect(x.bytes.includes(Buffer.from('\r\n'))).toBe(false);
    const { yaml, init } = await fourCommands(x);
    // Mac Roman cannot be told from windows-1252: one line says so and what to do.
    expect(init).toMatch(
      /^ {2}lines end in CR alone, .*save the sheet as "CSV UTF-8 \(Comma delimited\)" and run init again$/m,
    );
    // Net is the sale (VAT and Gross beside it are not).
    expect(yaml).not.toMatch(/^\s+(gross_amount|discount_amount|credited_amount):.*(Gross|VAT)/m);
  }, 600_000);
});
