/**
 * An SAP billing document list from a wholesaler (test/fixtures/englishShapes3.ts), from
 * `worth init --from` to `worth report` with no hand edit: SAP's column names (`Billing
 * Document`, `Sold-to party`, `Billed Quantity`, `Net value`), the trailing minus of credit
 * memos (G2) and returns credits (RE) read as credits, dates `dd.mm.yyyy`, a date that does not
 * exist rejected as not a date, and the list's total row without a word rejected as a totals
 * line (outside the reject budget). Totals per customer come from the generator in cents.
 */
import { describe, expect, it } from 'vitest';
import { sapBillingDocuments } from '../fixtures/englishShapes3.ts';
import { fourCommands } from './englishRun.ts';

describe('SAP billing documents: init --from to report, no hand edit', () => {
  it('Sold-to party per line, 1,234.56- credits to returns, dd.mm.yyyy, the foot total a totals line', async () => {
    const x = sapBillingDocuments(41);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('order_id: col("Billing Document")');
    expect(yaml).toContain('line_no: col("Billing Item")');
    expect(yaml).toContain('customer_id: col("Sold-to party")');
    expect(yaml).toContain('date_format: dd.mm.yyyy');
    expect(yaml).toContain('thousands: ","');
    expect(yaml).toContain('gross_amount: col("Net value")');
    expect(yaml).toContain('when: col("Net value") < 0');
    expect(yaml).toContain('currency: GBP');
    expect(yaml).toContain('columns: { name: "Name of sold-to party" }');
    // The date that does not exist is named as one, with its value (not "missing").
    expect(init).toMatch(
      /order_lines +Billing Date +not a date \(expected dd\.mm\.yyyy\) +1 .*line \d+: "31\.02\.2025"/,
    );
    expect(init).toMatch(/a totals line \(the file's own sum/);
  }, 600_000);
});
