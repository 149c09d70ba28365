/**
 * A PayPal "Activity download" (test/fixtures/englishShapes5.ts), from `worth init --from` to
 * `worth report` with no hand edit: `Gross` the sale (`Net` is after PayPal's fee, which is a cost
 * of selling), refunds to returns, withdrawals, currency conversions and payments the shop made
 * left out by their `Type` (so the euros of a conversion are no second currency), reversed
 * payments left out by their `Status`. Totals per customer from the generator.
 */
import { describe, expect, it } from 'vitest';
import { paypalActivity } from '../fixtures/englishShapes5.ts';
import { fourCommands } from './englishRun.ts';

describe('PayPal activity download: init --from to report, no hand edit', () => {
  it('Gross/Fee/Net, refunds, withdrawals and conversions, reversed payments', async () => {
    const x = paypalActivity(5);
    expect(x.creditLines).toBeGreaterThan(0);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('gross_amount: Gross');
    expect(yaml).toContain('credited_amount: -Gross');
    expect(yaml).toMatch(/^currency: USD +# the Currency column says USD$/m);
    expect(yaml).toMatch(
      /exclude_when: .*in_list\(trim\(Type\), 'General Currency Conversion', 'General Withdrawal', 'General Payment'\)/,
    );
    expect(yaml).toMatch(/in_list\(lower\(trim\(Status\)\), 'reversed'\)/);
    expect(init).toMatch(/Net is Gross with Fee taken off \(\d+ of \d+ lines\)/);
    // The currency is named by the export: no guess line.
    expect(init).not.toContain('is a guess');
  }, 600_000);
});
