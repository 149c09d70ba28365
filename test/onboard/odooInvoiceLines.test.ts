/**
 * An Odoo invoices list exported to XLSX with its invoice lines (test/fixtures/englishShapes5.ts),
 * from `worth init --from` to `worth report` with no hand edit: grouped rows (the invoice's
 * `Number`, `Partner`, date, `Type` and `Status` on its first line only: `group_heading` fills the
 * number, `fill_down` the rest), `Invoice lines/Quantity` recognised by its field's name, the
 * invoice `Total` on the first line not taken as a line amount, `Customer Credit Note` printed
 * positive to returns, cancelled invoices and note lines left out. Totals per customer from the
 * generator.
 */
import { describe, expect, it } from 'vitest';
import { odooInvoiceLines } from '../fixtures/englishShapes5.ts';
import { fourCommands } from './englishRun.ts';

describe('Odoo invoice lines XLSX: init --from to report, no hand edit', () => {
  it('grouped rows, relation field names, credit notes printed positive, cancelled invoices', async () => {
    const x = await odooInvoiceLines(3);
    expect(x.creditLines).toBeGreaterThan(0);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('group_heading: "Number"');
    expect(yaml).toMatch(/fill_down: \["Partner", "Invoice\/Bill Date", "Status", "Type"\]/);
    expect(yaml).toContain('quantity: col("Invoice lines/Quantity")');
    expect(yaml).toContain('customer_id: Partner');
    expect(yaml).toMatch(/Type "Customer Credit Note" marks a credit note/);
    // The split's head says what makes it (the type), not "0 lines with a negative amount".
    expect(yaml).toMatch(/split: +# credit lines become returns, told apart by Type\n/);
    expect(yaml).not.toMatch(/\b0 lines with a negative/);
    expect(init).toMatch(/Number is on the first line of each invoice only: \d+ lines take the number above/);
    expect(init).not.toMatch(/Total -> amount/);
  }, 600_000);
});
