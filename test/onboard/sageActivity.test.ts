/**
 * A Sage 50 "Customer Activity" style transaction list (test/fixtures/englishShapes4.ts), from
 * `worth init --from` to `worth report` with no hand edit: the title block looked past, `A/C` the
 * customer (its `Name` beside it), `Ref` the invoice, `Type` SC (sales credit, printed positive)
 * to returns, receipts SR and payments on account SA left out (no sales), no quantity (each line one), UK dates, `31/06/2025` rejected. Totals per customer
 * from the generator in cents.
 */
import { describe, expect, it } from 'vitest';
import { sageCustomerActivity } from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';

describe('Sage 50 customer activity: init --from to report, no hand edit', () => {
  it('title block, A/C account codes, SI/SC types printed positive, no quantity', async () => {
    const x = sageCustomerActivity(7);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('skip_lines: 4');
    expect(yaml).toContain('customer_id: col("A/C")');
    expect(yaml).toContain('order_id: Ref');
    expect(yaml).toContain('date_format: dd/mm/yyyy');
    expect(x.cancelledLines).toBeGreaterThan(0);
    expect(yaml).toContain(`exclude_when: in_list(trim(Type), 'SR', 'SA')`);
    expect(yaml).toMatch(
      new RegExp(`# Type SR, SA: payments received, not sales \\(${x.cancelledLines} lines\\)`),
    );
    expect(yaml).toContain("when: Net < 0 or Type = 'SC'");
  }, 600_000);
});
