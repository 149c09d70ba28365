/**
 * Issue 11, twelfth round: English exports as real software writes them
 * (test/fixtures/englishShapes12.ts), from `worth init --from` to `worth report` with no hand edit
 * (englishRun.ts on endToEnd.ts checks the rejects line by line and gross, discounts, returns and
 * net per customer against the generator's cents): a Brightpearl order lines export, a Cin7 Core
 * sale lines export, a KashFlow invoice lines export in Windows-1252 and a Loyverse POS "Receipts
 * by item" export (walk-ins without a customer, refunds printed positive under `Receipt type`).
 */
import { describe, expect, it } from 'vitest';
import {
  brightpearlOrderLines,
  cin7CoreSaleLines,
  kashflowInvoiceLines,
  loyverseReceiptsByItem,
} from '../fixtures/englishShapes12.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';

describe('English exports, twelfth round: init --from to report, no hand edit', () => {
  it('Brightpearl order lines: Sales credit printed positive under Order type, Cancelled left out', async () => {
    const x = brightpearlOrderLines(12);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('order_id: col("Order ID")');
    expect(yaml).toContain('col("Order type") = \'Sales credit\'');
    expect(yaml).toContain('exclude_when: in_list(lower(trim(col("Order status"))), \'cancelled\')');
  }, 600_000);

  it('Cin7 Core sale lines: d/MM/yyyy, four decimals, Discount a percentage, CR- credit notes, VOIDED left out', async () => {
    const x = cin7CoreSaleLines(12);
    expect([x.cancelledLines, x.creditLines]).not.toContain(0);
    expect(x.bytes.toString('utf8')).toMatch(/\n[^\n]*,[1-9]\/\d\d\/2025,/);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('order_id: InvoiceNumber');
    // The net line amount makes the discount, whatever the percentage column says.
    expect(yaml).toContain('discount_amount: round(Quantity * Price, 2) - Total');
    expect(yaml).toContain("exclude_when: in_list(lower(trim(Status)), 'voided')");
  }, 600_000);

  it('KashFlow invoice lines: Windows-1252, negative credit notes, a Total line at the foot', async () => {
    const x = kashflowInvoiceLines(12);
    expect(x.creditLines).toBeGreaterThan(0);
    expect(x.bytes.includes(Buffer.from([0xa3]))).toBe(true);
    const { yaml, dir } = await fourCommands(x);
    expect(yaml).toContain('encoding: windows-1252');
    const names = await queryDb(dir, "SELECT name FROM customers WHERE customer_id = 'CAFE01'");
    expect(String(names[0]!.name)).toBe('Café Lumière');
  }, 600_000);

  it('Loyverse receipts by item: walk-ins unattributed, Refund printed positive under Receipt type, cost of goods from the export', async () => {
    const x = loyverseReceiptsByItem(12);
    expect([x.cancelledLines, x.creditLines, x.unattributedLines]).not.toContain(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('col("Receipt type") = \'Refund\'');
    expect(yaml).toContain('cogs_amount: col("Cost of goods")');
    expect(yaml).toContain('cogs_recovered: abs(-col("Cost of goods"))');
  }, 600_000);
});
