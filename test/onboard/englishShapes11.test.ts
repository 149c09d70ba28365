/**
 * Issue 11, eleventh round: English exports as real software writes them
 * (test/fixtures/englishShapes11.ts), from `worth init --from` to `worth report` with no hand edit
 * (englishRun.ts on endToEnd.ts checks the rejects line by line and gross, discounts, returns and
 * net per customer against the generator's cents): a FreeAgent invoice items export, a QuickBooks
 * Desktop "Sales by Item Detail" report (item headings and `Total` rows), an Epos Now sales detail
 * (walk-ins as `Customer ID` 0, prices including VAT), an Unleashed sales order export and a
 * Dynamics GP SmartList of SOP lines.
 */
import { describe, expect, it } from 'vitest';
import {
  dynamicsGpSop,
  eposNowSales,
  freeAgentItems,
  quickBooksDesktopByItem,
  unleashedSalesOrders,
} from '../fixtures/englishShapes11.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';

describe('English exports, eleventh round: init --from to report, no hand edit', () => {
  it('FreeAgent invoice items: Reference the invoice, hours 7.5, credit notes at negative prices, Draft left out', async () => {
    const x = freeAgentItems(11);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    expect(x.bytes.toString('utf8')).toMatch(/\n[^\n]*,\d+\.5,/);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('order_id: Reference');
    expect(yaml).toContain("exclude_when: in_list(lower(trim(Status)), 'draft')");
    expect(init).toMatch(/Status: \d+ lines say Draft: left out/);
  }, 600_000);

  it('QuickBooks Desktop Sales by Item Detail: item headings left out, Total rows rejected, Num never filled over them', async () => {
    const x = quickBooksDesktopByItem(11);
    expect(x.creditLines).toBeGreaterThan(0);
    expect([...x.broken.values()].filter((c) => c === 'totals_line').length).toBeGreaterThan(3);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('order_id: Num');
    // Every line has its own number and fields: nothing is filled down over a heading or a total.
    expect(yaml).not.toMatch(/group_heading|fill_down/);
    // A Sales Receipt sells items: a sale paid at once, not a payment left out.
    expect(yaml).not.toContain("'Sales Receipt'");
    expect(init).toMatch(/lines \(0\.00 net\) left out by your rule/);
  }, 600_000);

  it('Epos Now sales detail: Customer ID 0 of the walk-ins is no customer, Unit Price includes VAT', async () => {
    const x = eposNowSales(11);
    expect([x.unattributedLines, x.creditLines]).not.toContain(0);
    const { yaml, init, dir } = await fourCommands(x);
    expect(yaml).toContain('customer_id: nullif(col("Customer ID"), \'0\')');
    expect(yaml).toContain('gross_amount: col("Total Ex VAT")');
    expect(yaml).not.toContain('discount_amount');
    expect(init).toMatch(/Unit Price includes it too/);
    const ids = await queryDb(dir, 'SELECT customer_id FROM customers ORDER BY 1');
    expect(ids.map((r) => String(r.customer_id))).toEqual([...x.perCustomer.keys()].sort());
  }, 600_000);

  it('Unleashed sales orders: Order Quantity, Discount Rate 10.00%, Parked and Deleted orders left out', async () => {
    const x = unleashedSalesOrders(11);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(init).toContain('Order Quantity -> quantity');
    expect(yaml).toContain('gross_amount: col("Order Quantity") * col("Unit Price")');
    expect(yaml).toMatch(
      /exclude_when: in_list\(lower\(trim\(col\("Order Status"\)\)\), '(parked|deleted)', '(parked|deleted)'\)/,
    );
  }, 600_000);

  it('Dynamics GP SOP lines: SOP Number, returns printed positive under SOP Type, Voided left out', async () => {
    const x = dynamicsGpSop(11);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('order_id: col("SOP Number")');
    expect(yaml).toContain('col("SOP Type") = \'Return\'');
    expect(yaml).toContain('exclude_when: in_list(lower(trim(col("Void Status"))), \'voided\')');
  }, 600_000);
});
