/**
 * Dutch export shapes of issue 11's seventh round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes7.ts): a wholesaler's XLSX with padded debtor numbers, units,
 * discounts, a totals row and a footer; a "verkoopregels" report with subtotal rows per debtor
 * and CRLF; a web shop's export with a status column and refunds as rows of their own; a
 * Numbers/LibreOffice CSV with every field quoted, mixed line ends and amounts excl. and incl.
 * btw. Gross, returns and net per customer equal the file's own figures, added up by the
 * generator in BigInt cents; the rejects are exactly the lines broken on purpose.
 */
import { describe, expect, it } from 'vitest';
import { endToEnd as fourCommands } from './endToEnd.ts';
import {
  numbersExport,
  verkoopregels,
  webshopStatus,
  wholesaleXlsx,
  type DutchShape7,
} from '../fixtures/dutchShapes7.ts';

/** English prose a Dutch run must not show (table and yaml key names are the contract's). */
const ENGLISH =
  /\b(would load|rows read|read as|rejected by|not a number|not a date|recognised|not used|is a guess)\b/;

/** The shared harness (sales after discounts, returns and net per customer; rejects as pairs), then Dutch throughout. */
async function endToEnd(x: DutchShape7) {
  const run = await fourCommands(x, { sums: 'net' });
  for (const r of [run.init, run.ingest, run.analyze, run.report]) expect(r.stdout).not.toMatch(ENGLISH);
  expect(run.html).toContain('<html lang="nl"');
  return { init: run.init.stdout, ingest: run.ingest.stdout, yaml: run.yaml };
}

describe('Dutch export shapes (7): several messes in one file, from init --from to report, no hand edit', () => {
  it('wholesale XLSX: debtor numbers shown 00123 by their format, units, discounts in euros, a Totaal row, a printed-by footer', async () => {
    const { init, ingest, yaml } = await endToEnd(await wholesaleXlsx(81));
    expect(yaml).toContain('footer_lines: 2');
    expect(init).toContain('Korting -> discount_amount');
    expect(ingest).toContain('weggelaten door uw regel `footer_lines: 2`');
  }, 600_000);

  it('verkoopregels grouped per debiteur: subtotal rows and a grand total, CRLF, d-m-yyyy, a date 31-2-2025', async () => {
    const { yaml } = await endToEnd(verkoopregels(82));
    expect(yaml).toContain('customer_id: Debiteur');
  }, 600_000);

  it('web shop with a Status column: cancelled orders left out, refunds as rows of their own under the order number', async () => {
    const { init, ingest, yaml } = await endToEnd(webshopStatus(83));
    // The refund rows are returned by the credit split alone, not as a refunded order's lines too.
    expect(init).toMatch(/Status: \d+ regels met terugbetaald, elk een terugbetaling op zich/);
    expect(yaml).not.toMatch(/^ {2}returns:/m);
    expect(ingest).toMatch(/weggelaten door uw regel `in_list\(lower\(trim\(Status\)\), 'geannuleerd'\)`/);
  }, 600_000);

  it('Numbers/LibreOffice CSV: every field quoted, CRLF mixed with LF, Subtotaal excl. and Totaal incl. btw, 12 beside 0012', async () => {
    const { init, yaml } = await endToEnd(numbersExport(84));
    expect(yaml).toMatch(/gross_amount: Subtotaal|Subtotaal/);
    expect(init).toContain('btw: Totaal is Subtotaal + Btw');
    expect(init).toContain('schrijf dan customer_id: same_id(Klantnr) in worth.yaml');
  }, 600_000);
});
