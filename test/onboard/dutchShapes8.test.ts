/**
 * Dutch export shapes of issue 11's eighth round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes8.ts): a web shop's order lines in Windows-1252 with ë/é/ü in the
 * names and `€ 1.234,56` in the cells; a Twinfield/Visma/Yuki "omzet per debiteur per factuur"
 * under a title block, incl. btw only beside a `Btw %` column, with a `Totaal` line; a
 * wholesaler's overview under a title block in whole euros with thousands dots and no decimals,
 * its dates Excel day numbers.
 * Gross, returns and net per customer equal the file's own figures, added up by the generator in
 * BigInt cents; the rejects are exactly the lines broken on purpose. A bank's export: the amount
 * unsigned in quotes with a decimal comma between commas, its direction in `Af Bij`, the customer
 * its counter-account, no invoice number. Order lines exported apart from their orders (no
 * customer, no date) are not joined: init says so in one Dutch paragraph, with the way out.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { endToEnd as fourCommands } from './endToEnd.ts';
import { worth } from './worthCli.ts';
import {
  bankAfBij,
  latin1Orders,
  omzetPerDebiteur,
  ordersInTwoFiles,
  wholeEuros,
  type DutchShape8,
} from '../fixtures/dutchShapes8.ts';

/** English prose a Dutch run must not show (table and yaml key names are the contract's). */
const ENGLISH =
  /\b(would load|rows read|read as|rejected by|not a number|not a date|recognised|not used|is a guess)\b/;

/** The shared harness (gross, returns and net per customer; rejects as pairs), then Dutch throughout. */
async function endToEnd(x: DutchShape8) {
  const run = await fourCommands(x, { sums: 'gross' });
  for (const r of [run.init, run.ingest, run.analyze, run.report]) expect(r.stdout).not.toMatch(ENGLISH);
  expect(run.html).toContain('<html lang="nl"');
  return { init: run.init.stdout, yaml: run.yaml, names: run.names };
}

describe('Dutch export shapes (8): several messes in one file, from init --from to report, no hand edit', () => {
  it('Windows-1252 web shop: ë/é/ü in the names, € 1.234,56 in the cells, CRLF, credit lines negative', async () => {
    const { init, names } = await endToEnd(latin1Orders(91));
    expect(init).toContain('codering windows-1252');
    expect(names.get('K1001')).toBe('Zoë de Graaf');
    expect(names.get('K1002')).toBe('René Müller');
  }, 600_000);

  it('omzet per debiteur: a title block, incl. btw only with Btw % (21, 9, 0), thousands dots, credit invoices, Totaal', async () => {
    const { init, yaml } = await endToEnd(omzetPerDebiteur(92));
    expect(yaml).toContain('skip_lines: 4');
    expect(init).toContain('Bedrag incl. btw is inclusief btw tegen het tarief in Btw %');
  }, 600_000);

  it('whole euros under a title block, dates as Excel day numbers: 12.500 is twelve thousand five hundred, 45700 a date', async () => {
    const { init, yaml } = await endToEnd(wholeEuros(94));
    expect(yaml).toMatch(/decimal: ","/);
    expect(init).toContain('decimale komma');
    expect(yaml).toContain('order_date: excel_date(Datum)');
    expect(yaml).toContain('return_date: excel_date(Datum)');
    expect(init).toMatch(
      /Datum bevat Excel-dagnummers, geen datums \((\d+) is 2025-\d\d-\d\d\).*schrijf dan order_date: excel_date\(Datum \+ 1462\)/,
    );
  }, 600_000);

  it('a bank export: every field quoted between commas, "1234,56" in the quotes, yyyymmdd, the sign in Af Bij, no invoice number', async () => {
    const { init, yaml, names } = await endToEnd(bankAfBij(93));
    expect(init).toContain('een bankexport: Bedrag (EUR) heeft geen teken en Af Bij zegt de richting');
    expect(yaml).toContain('when: lower(trim(col("Af Bij"))) = \'af\'');
    expect(yaml).toContain('decimal: ","');
    expect(names.get('NL91ABNA0417164300')).toBe('Fietsenmakerij Pedaal');
  }, 600_000);

  it('order lines in a file of their own (no customer, no date): init says in one Dutch paragraph to give the orders as a second --from, and writes nothing', () => {
    const x = ordersInTwoFiles(95);
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape8-'));
    writeFileSync(path.join(root, 'orders.csv'), x.orders);
    const file = path.join(root, 'orderregels.csv');
    writeFileSync(file, x.lines);
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status).toBe(1);
    const said = r.stderr.trim();
    expect(said.split('\n')).toHaveLength(1);
    expect(said).toContain('orderregels.csv: heeft orderregels zonder klant en datum');
    expect(said).toContain('X.ZOEKEN op Ordernummer in de orderexport');
    expect(said).toContain(
      'Geef die export als tweede --from (`worth init MAP --from orderregels.csv --from orders.csv`): init koppelt de twee op Ordernummer',
    );
    expect(said).not.toMatch(/ {4}at |Error:|undefined|Boekstuk/);
    expect(existsSync(path.join(root, 'ws', 'worth.yaml'))).toBe(false);
  }, 600_000);
});
