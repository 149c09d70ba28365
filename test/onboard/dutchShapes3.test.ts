/**
 * Three more Dutch export shapes from `worth init DIR --from FILE` to `worth report`, each command
 * a real child process, with no hand edit of worth.yaml (test/fixtures/dutchShapes3.ts): a
 * wholesale ERP's invoice lines with `Korting %` and credit notes printed with a trailing minus, a
 * web shop's orders with refunds as rows of their own, and a till overview saved from Excel (BOM,
 * quotes everywhere, empty trailing columns, `1.200` as a quantity, `maandag 6 januari 2025`,
 * walk-in sales under `Passant`), an "Omzet per relatie" grouped under each relation with its
 * subtotals, a sales analysis whose credit notes are positive with `Soort` Creditnota, and a
 * payment provider's export with no quantity, expired payments and refunded amounts. Gross, discounts, returns and net per customer equal the file's
 * own figures, added up by the generator in BigInt cents; walk-in sales stay unattributed; the
 * rejects are exactly the lines broken on purpose, each with its code.
 */
import { describe, expect, it } from 'vitest';
import { endToEnd } from './endToEnd.ts';
import {
  erpInvoiceLines,
  excelTillOverview,
  molliePayments,
  omzetPerRelatie,
  soortCreditnota,
  webshopRefundRows,
  type DutchShape3,
} from '../fixtures/dutchShapes3.ts';

/** init --from, ingest, analyze and report on `x` (endToEnd.ts): each reject with exactly its code, discounts apart. */
const run = (x: DutchShape3) => endToEnd(x, { rejects: 'each', sums: 'split', analyzeJson: true });

describe('Dutch export shapes (3) from init --from to report, no hand edit', () => {
  it('wholesale ERP: Soort Factuur/Creditnota, Debiteurnr, Korting % per line, 1.234,56- and 3- on credit notes', async () => {
    const x = erpInvoiceLines(41);
    const { yaml, names } = await run(x);
    expect(yaml).toContain('customer_id: Debiteurnr');
    expect(yaml).toContain('when: Aantal < 0');
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('web shop with refunds as rows of their own: Terugbetaling with a negative Aantal, dates 6 jan. 2025 14:22', async () => {
    const x = webshopRefundRows(42);
    const { yaml, names } = await run(x);
    expect(yaml).toContain('date_format: dd mmm yyyy');
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('till overview from Excel NL: BOM, quotes, empty trailing columns, 1.200, maandag 6 januari 2025, Passant', async () => {
    const x = excelTillOverview(43);
    const { yaml, init } = await run(x);
    expect(yaml).toMatch(/^missing_values: \[.*"Passant"\]/m);
    expect(init.stdout).toContain('Klant: "Passant" op');
    expect(x.unattributedNet).toBeGreaterThan(0n);
  }, 600_000);

  it('Omzet per relatie: the relation above its lines, Totaal <relatie> and Totaal generaal rejected as totals lines', async () => {
    const x = omzetPerRelatie(44);
    const { yaml } = await run(x);
    expect(yaml).toContain('group_heading: "Relatie"');
    expect(yaml).toContain('skip_lines: 3');
  }, 600_000);

  it('credit notes printed positive, only Soort says Creditnota: split by type, credited as printed', async () => {
    const x = soortCreditnota(45);
    const { yaml, names } = await run(x);
    expect(yaml).toContain("when: Aantal < 0 or Soort = 'Creditnota'");
    expect(yaml).toContain('credited_amount: abs(-Bedrag)');
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('Mollie-style payments: no quantity (each payment one), ID, Consumentnaam, expired left out, Terugbetaald bedrag as returns', async () => {
    const x = molliePayments(46);
    const { yaml } = await run(x);
    expect(yaml).toContain("quantity: '1'");
    expect(yaml).toContain('order_id: ID');
    expect(yaml).toContain('customer_id: Consumentnaam');
    expect(yaml).toContain("exclude_when: in_list(lower(trim(Status)), 'expired')");
  }, 600_000);
});
