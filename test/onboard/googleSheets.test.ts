/**
 * A sales log kept in Google Sheets and downloaded as CSV (test/fixtures/englishShapes4.ts), from
 * `worth init --from` to `worth report` with no hand edit: trailing empty columns, `Client` the
 * customer, `$1,234.56`, a refund as a negative quantity to returns, a row of empty cells and a
 * note below the data left out by worth.yaml's rule and counted (not rejects, so a small file is
 * not refused by the reject budget), a price `$12.5O` rejected. Totals from the generator in cents.
 */
import { describe, expect, it } from 'vitest';
import { googleSheetsLog } from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';
import { worth } from './worthCli.ts';

describe('Google Sheets download: init --from to report, no hand edit', () => {
  it('empty columns, an empty row and a note below the data, a refund as a negative quantity', async () => {
    const x = googleSheetsLog(7);
    expect(x.creditLines).toBeGreaterThan(0);
    const lines = x.bytes.toString('utf8').trim().split('\n').length;
    const { yaml, init, dir } = await fourCommands(x);
    expect(yaml).toContain('customer_id: Client');
    expect(yaml).toContain('when: Qty < 0');
    expect(yaml).toContain(
      `# 2 lines have no order number, quantity, price or amount (a spreadsheet's empty rows or notes; first: line ${lines - 1}): no order lines, left out below and counted (not rejects)`,
    );
    expect(yaml).toContain(
      'exclude_when: is_empty(Invoice) and is_empty(Qty) and is_empty(Price) and is_empty(Total)',
    );
    expect(init).toMatch(
      new RegExp(`order_lines \\(data/Sales log 2025 - Sheet1\\.csv\\): 2 lines .* left out by your rule`),
    );
    // Ingest says the same of the two rows, and they are no rejects.
    const again = worth(['ingest', dir]);
    expect(again.stdout).toContain(`2 lines (0.00 net) left out by your rule`);
    expect(again.stdout).toContain(`(first: line ${lines - 1}); not rejects`);
  }, 600_000);
});
