/**
 * Dutch export shapes of issue 11's sixth round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes6.ts): six files that each combine several real-world messes (an
 * encoding, title rows and a footer, numbers with spaces or parentheses, dates without a day,
 * duplicated column names, customer numbers with leading zeros beside text ones, subtotal rows).
 * Gross, returns and net per customer equal the file's own figures, added up by the generator in
 * BigInt cents; the rejects are exactly the lines broken on purpose; what a Dutch user reads in
 * the first hour is Dutch.
 */
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { endToEnd } from './endToEnd.ts';
import {
  counterReport,
  monthlyOverview,
  relationReport,
  webshopLines,
  wholesaleReport,
  xlsxSalesOverview,
  type DutchShape6,
} from '../fixtures/dutchShapes6.ts';

/** English prose a Dutch run must not show (table and yaml key names such as `order_lines` are the contract's). */
const ENGLISH =
  /\b(would load|rows read|read as|rejected by|not a number|not a date|wrong number of fields|recognised|not used|Currency|a totals line|is a guess|written to)\b/;

/** init --from, ingest, analyze and report on `x` (endToEnd.ts); what a Dutch user reads is Dutch, the report too. */
async function run(x: DutchShape6) {
  const r = await endToEnd(x, { sums: 'net' });
  expect(r.html).toContain('<html lang="nl"');
  for (const out of [r.init.stdout, r.ingest.stdout, r.analyze.stdout, r.report.stdout, r.report.stderr])
    expect(out).not.toMatch(ENGLISH);
  return r;
}

describe('Dutch export shapes (6): several messes in one file, from init --from to report, no hand edit', () => {
  it('wholesale report in Windows-1252: title rows, € 1.234,56, Creditfactuur printed positive, a footer under Totaal', async () => {
    const x = wholesaleReport(71);
    const { dir, init, ingest, yaml } = await run(x);
    // Type makes the split, so it is not among the columns not used.
    expect(init.stdout).toMatch(/^niet gebruikt: Postcode, Plaats, Eenheid$/m);
    expect(yaml).toContain('encoding: windows-1252');
    expect(yaml).toContain('skip_lines: 3');
    expect(yaml).toContain("Type = 'Creditfactuur'");
    // The footer under the totals (`Aantal regels: 260`) is part of the totals block: not counted; the
    // signature below the empty line is the file's footer (`footer_lines: 1`), left out by that rule.
    expect(yaml).toContain('footer_lines: 1');
    expect(ingest.stdout).toContain('order_lines: 0,4% van de regels');
    const names = await queryDb(dir, `SELECT customer_id, name FROM customers ORDER BY customer_id`);
    expect(names.map((r) => [r.customer_id, r.name])).toEqual([
      ['0012', 'Brasserie Ëlan'],
      ['0047', 'Café Hé Jij'],
      ['0103', 'Hotel Zeeën & Zon'],
      ['0220', 'Restaurant De Kreëk'],
      ['1045', 'Partycentrum Noël'],
    ]);
  }, 600_000);

  it('web shop lines: BOM, headers in capitals and with spaces, an empty Excel column, quoted ; and line breaks, ISO offsets, three ways to write a refund', async () => {
    const x = webshopLines(72);
    const { init, yaml } = await run(x);
    // The empty column Excel leaves after the last `;` is not named among the columns not used.
    expect(init.stdout).toMatch(/^niet gebruikt: E-mail$/m);
    // A description with a quoted line break stays on one line of the preview.
    expect(init.stdout).toContain('Melkopschuimer ⏎ met garde');
    expect(yaml).toContain('customer_id: KLANTNUMMER');
    // `Besteldatum ` (a trailing space in the header) is matched as `Besteldatum`.
    expect(yaml).toContain('order_date: Besteldatum\n');
    // K0012 and 0012 are two customers, and 0012 keeps its zeros (checked in the P&L above).
    expect([...x.perCustomer.keys()].sort()).toEqual(['0012', '0250', '731', 'K0012', 'K0013']);
  }, 600_000);

  it('counter report: 31.12.2025, 1 234,56, 21% as the rate, amounts incl. btw, subtotal rows per customer', async () => {
    const x = counterReport(73);
    const { dir, init, yaml } = await run(x);
    // `Klant` beside `Klantcode` is the customer's name.
    expect(init.stdout).toContain('Klant -> customer_name');
    const names = await queryDb(dir, `SELECT name FROM customers ORDER BY customer_id`);
    expect(names.map((r) => r.name)).toEqual([
      'Bakkerij Vermeer',
      'IJssalon Gelato',
      'Van der Meer Catering',
      'Sportclub Hércules',
    ]);
    expect(yaml).toContain('date_format: dd.mm.yyyy');
    expect(yaml).toContain(
      'gross_amount: round(col("Bedrag incl. btw") / (1 + coalesce(col("Btw %"), 0) / 100), 2)',
    );
  }, 600_000);

  it('relation report: the customer is the relation, not its KvK- or BTW-nummer; dates as 31 dec 2025', async () => {
    const x = relationReport(74);
    const { yaml } = await run(x);
    expect(yaml).toContain('customer_id: Relatie');
    expect(yaml).toContain('date_format: dd mmm yyyy');
  }, 600_000);

  it('XLSX overview without an order number: title rows, Excel dates, two columns named Omschrijving, customer numbers as numbers and as text with zeros, subtotals', async () => {
    const x = await xlsxSalesOverview(75);
    const { init, yaml } = await run(x);
    expect(init.stdout).toMatch(/^niet gebruikt: Omschrijving_1$/m);
    // No order number: an order is a customer on one day, said in one Dutch line with what to write instead.
    expect(yaml).toContain("      order_id: concat(Klantnummer, ' ', Datum)");
    expect(init.stdout).toContain(
      "geen ordernummer: een order is een klant op één dag (order_id: concat(Klantnummer, ' ', Datum)); heeft uw export een order- of factuurnummer, zet die kolom daar in de plaats",
    );
  }, 600_000);

  it('monthly overview: the month is the only date (december 2025), credits in parentheses beside a positive quantity', async () => {
    const x = monthlyOverview(76);
    const { init, yaml } = await run(x);
    expect(yaml).toContain('date_format: mmm yyyy');
    expect(yaml).toContain('order_date: Periode');
    expect(yaml).toContain('when: col("Bedrag excl. btw") < 0');
    expect(init.stdout).toContain('een maand zonder dag, gelezen als de eerste van de maand');
  }, 600_000);
});
