/**
 * Issue 11, tenth round: English exports as real software writes them, each with messes earlier
 * rounds did not have (test/fixtures/englishShapes10.ts), from `worth init --from` to `worth
 * report` with no hand edit (englishRun.ts on endToEnd.ts checks the rejects line by line and
 * gross, discounts, returns and net per customer against the generator's cents): an Australian
 * MYOB item sales report, a UK day book saved from Excel with merged title rows, a Lightspeed
 * X-Series sales export whose Subtotal is after the discount, and a Zoho Books export saved as
 * Excel "Unicode Text".
 */
import { describe, expect, it } from 'vitest';
import { lightspeedSales, myobItemSales, ukDayBook, zohoUnicodeText } from '../fixtures/englishShapes10.ts';
import { fourCommands } from './englishRun.ts';

describe('English exports, tenth round: init --from to report, no hand edit', () => {
  it('MYOB item sales (AU): dd/mm/yyyy proven day-first, Card ID the customer, $1,234.50 CR credits', async () => {
    const x = myobItemSales(10);
    expect(x.creditLines).toBeGreaterThan(0);
    expect(x.bytes.toString('utf8')).toMatch(/"\$[\d,]+\.\d\d CR"/);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('customer_id: col("Card ID")');
    expect(yaml).toContain('date_format: dd/mm/yyyy');
    expect(yaml).toContain('when: Total < 0');
    expect(init).toMatch(/Date: dates as dd\/mm\/yyyy .*have a day above 12/);
    expect(init).toMatch(/Co\.\/Last Name -> customer_name/);
  }, 600_000);

  it('UK day book saved from Excel: merged title rows, £1,234.50, -£12.50 and £-12.50, credit notes naming the invoice', async () => {
    const x = ukDayBook(10);
    const text = x.bytes.toString('utf8');
    // Both clerks' habits are in the file, and the title rows carry the merge's empty cells.
    expect(text).toMatch(/"-£[\d,]+\.\d\d"|,-£\d/);
    expect(text).toMatch(/"£-[\d,]+\.\d\d"|,£-\d/);
    expect(text.split('\r\n')[0]).toBe('Pennine Wholesale Foods Ltd,,,,,,,,,,,');
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(init).toContain('a header row, 3 lines skipped before it');
    expect(yaml).toContain('skip_lines: 3');
    expect(yaml).toContain('customer_id: col("A/C")');
    expect(yaml).toContain('date_format: dd/mm/yyyy');
  }, 600_000);

  it('Lightspeed X-Series sales: Jan 5, 2025 1:02 PM, Subtotal after the discount, walk-ins, VOIDED left out, returns', async () => {
    const x = lightspeedSales(10);
    expect([x.cancelledLines, x.creditLines, x.unattributedLines]).not.toContain(0);
    const { yaml, init } = await fourCommands(x);
    expect(init).toMatch(
      /Subtotal: after the discount \(on (\d+) of \1 lines with a Discount, Total is Subtotal \+ Sales Tax\), so gross is Subtotal plus Discount/,
    );
    expect(yaml).toContain('gross_amount: Subtotal + Discount');
    expect(yaml).toContain('date_format: "mmm dd, yyyy"');
    expect(init).toMatch(/Status: \d+ lines say VOIDED: left out/);
  }, 600_000);

  it('Zoho Books saved as Unicode Text: UTF-16LE tabs, 1 234.56, UTC times, Void invoices', async () => {
    const x = zohoUnicodeText(10);
    expect([...x.bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(init).toContain('encoding UTF-16 (little-endian');
    expect(yaml).toContain('encoding: utf-16');
    expect(yaml).toContain('exclude_when: in_list(lower(trim(col("Invoice Status"))), \'void\')');
  }, 600_000);
});
