/**
 * A Xero "Receivable Invoice Detail" report (test/fixtures/englishShapes3.ts), from `worth init
 * --from` to `worth report` with no hand edit: the title block looked past, UK dates
 * `dd/mm/yyyy` told from US ones by the values (and the comment says so), the ledger `Account`
 * (one value on every line) passed over for `Contact`, credit notes `CN-...` to returns, the
 * `Total <contact>` and grand `Total` rows rejected as totals lines, a quantity `1.5.0` rejected.
 * Totals per customer come from the generator in cents.
 */
import { describe, expect, it } from 'vitest';
import { xeroInvoiceDetail } from '../fixtures/englishShapes3.ts';
import { fourCommands } from './englishRun.ts';

describe('Xero Receivable Invoice Detail: init --from to report, no hand edit', () => {
  it('title block, UK dates by the values, Contact the customer (not the ledger Account), subtotal rows rejected as totals', async () => {
    const x = xeroInvoiceDetail(42);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('skip_lines: 4');
    expect(yaml).toContain('date_format: dd/mm/yyyy');
    expect(yaml).toMatch(
      /# Invoice Date: dates as dd\/mm\/yyyy \(\d+ of \d+ values read so; as mm\/dd\/yyyy only \d+ would: the other \d+ have a day above 12 where mm\/dd\/yyyy puts the month\)/,
    );
    expect(yaml).toContain('customer_id: Contact');
    // The names are the contacts: the `Total <contact>` rows are no customers (known fault, issue 11).
    expect(yaml).toContain(
      `# Account: one value on every line ("200 - Sales"), so not a customer; Contact (${x.perCustomer.size} names) is the customer`,
    );
    expect(yaml).toContain('gross_amount: Quantity * col("Unit Price")');
    expect(yaml).toContain('when: Quantity < 0');
    expect(init).toMatch(/a totals line \(the file's own sum/);
  }, 600_000);
});
