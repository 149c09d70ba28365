/**
 * A US wholesaler's sales register (test/fixtures/englishShapes4.ts), from `worth init --from` to
 * `worth report` with no hand edit: `$1,234.56` amounts, credit memos with a negative quantity and
 * the amount in parentheses `($39.00)`, `MM/DD/YYYY` dates with some rows written `2025-03-05` by a
 * second system (read as well, and the comment says how many), a quantity `two` and a date
 * `02/30/2025` rejected. Totals per customer come from the generator in cents.
 */
import { describe, expect, it } from 'vitest';
import { usWholesaleRegister } from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';

describe('US wholesale sales register: init --from to report, no hand edit', () => {
  it('dollar amounts, credits in parentheses, US dates mixed with ISO ones', async () => {
    const x = usWholesaleRegister(7);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('date_format: mm/dd/yyyy or yyyy-mm-dd');
    expect(yaml).toMatch(
      /# Date: dates as mm\/dd\/yyyy \(\d+ of \d+ values read so; \d+ of them are written yyyy-mm-dd, read as well: date_format says "or yyyy-mm-dd";/,
    );
    expect(yaml).toContain('currency: USD');
    expect(yaml).toContain('when: Qty < 0');
    expect(init).toContain('not a date');
  }, 600_000);
});
