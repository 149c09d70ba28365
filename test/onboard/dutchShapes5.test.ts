/**
 * Dutch export shapes of issue 11's fifth round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes5.ts): two exports pasted into one XLSX sheet, an invoice list
 * (Moneybird / WeFact "Facturen"), a Mollie payments export and a fulfilment tool's orders with
 * the products in one cell. Gross, returns and net per customer equal the file's own figures,
 * added up by the generator in BigInt cents; the rejects are exactly the rows broken on purpose.
 * Also: a general ledger's starter cost model is sized on the sales lines alone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { worth } from './worthCli.ts';
import { endToEnd } from './endToEnd.ts';
import {
  fulfilmentOrders,
  invoiceList,
  molliePayments,
  xlsxPastedSheets,
  type DutchShape5,
} from '../fixtures/dutchShapes5.ts';
import { ledgerExport } from '../fixtures/dutchShapes4.ts';

/** init --from, ingest, analyze and report on `x` (endToEnd.ts). */
const run = (x: DutchShape5) => endToEnd(x, { sums: 'net', analyzeJson: true });

/** A starter activity's capacity as starterCostModel sizes it from measured minutes (85% utilisation, rounded up to three figures). */
function capacity(minutes: number): number {
  const exact = minutes / 0.85;
  const step = Math.max(1, 10 ** (Math.floor(Math.log10(exact)) - 2));
  return Math.ceil(exact / step - 1e-9) * step;
}

describe('Dutch export shapes (5) from init --from to report, no hand edit', () => {
  it('XLSX with two exports pasted one under the other: the header row again is a repeated header, as in a CSV', async () => {
    const x = await xlsxPastedSheets(61);
    const { init, ingest } = await run(x);
    for (const out of [init.stdout, ingest.stdout]) expect(out).toContain('een herhaalde kopregel');
    // Outside the reject budget: only the one broken row counts, of 12 x 12 data rows and the pasted header.
    const rows = 12 * 12 + 1;
    expect(ingest.stdout).toContain(
      `order_lines: ${((1 / rows) * 100).toFixed(1).replace('.', ',')}% van de regels`,
    );
  }, 600_000);

  it('invoice list (Facturen): one row per invoice, excl. btw is the sale, a negative invoice is a credit', async () => {
    const x = invoiceList(62);
    const { init, yaml } = await run(x);
    expect(init.stdout).not.toContain('btw-kolom');
    expect(yaml).toContain('gross_amount: col("Bedrag excl. btw")');
    expect(yaml).toContain('when: col("Bedrag excl. btw") < 0');
  }, 600_000);

  it('Mollie payments (Dutch): verlopen and geannuleerd left out, terugbetaald a return, the customer by e-mail', async () => {
    const x = molliePayments(63);
    const { init, yaml } = await run(x);
    // Whether a payment includes btw cannot be read from the file: one Dutch line says so and what to write.
    expect(init.stdout).toContain(
      'Bedrag: een totaal per order of betaling zonder btw-kolom ernaast, geladen zoals het er staat;',
    );
    expect(yaml).toContain('gross_amount: round(Bedrag / 1.21, 2)');
    expect(yaml).toContain('customer_id: col("E-mail consument")');
    expect(yaml).toContain("in_list(lower(trim(Status)), 'verlopen', 'geannuleerd')");
    expect(yaml).toContain('columns: { name: "Naam consument" }');
  }, 600_000);

  it('fulfilment orders (Picqer / Sendcloud): products in one cell said in one Dutch line, Aantal producten the quantity', async () => {
    const x = fulfilmentOrders(64);
    const { init, yaml } = await run(x);
    expect(init.stdout).toContain('Producten: meerdere producten in één cel (');
    expect(init.stdout).toContain('Worth splitst die niet');
    expect(yaml).toContain('quantity: col("Aantal producten")');
    expect(yaml).not.toMatch(/product_id: Producten/);
    expect(yaml).toContain('# Totaal: een totaal per order of betaling zonder btw-kolom ernaast');
  }, 600_000);

  it("a general ledger's starter cost model counts only the revenue lines loaded as sales, not VAT, debtors and bank", () => {
    const x = ledgerExport(52);
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl5-'));
    const file = path.join(root, x.name);
    writeFileSync(file, x.bytes);
    const dir = path.join(root, 'ws');
    const init = worth(['init', dir, '--from', file]);
    expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
    // Counted here from the file's own text: revenue accounts (8...), broken lines left out;
    // Credit filled is a sale (one line, quantity 1), Debet filled a credit note (a return of one line).
    const orders = new Set<string>();
    let sales = 0;
    let credits = 0;
    x.bytes
      .toString('utf8')
      .trimEnd()
      .split('\r\n')
      .forEach((line, i) => {
        const f = line.split(';');
        if (i === 0 || x.broken.has(i + 1) || !f[0]!.startsWith('8')) return;
        if (f[8] !== '') {
          sales++;
          orders.add(f[4]!);
        } else credits++;
      });
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    const capacities = [...yaml.matchAll(/^ {4}capacity_minutes: ([0-9]+)/gm)].map((m) => Number(m[1]));
    expect(capacities.slice(0, 3)).toEqual([
      capacity(3 * orders.size + 0.5 * sales),
      capacity(sales + 0.02 * sales),
      capacity(10 * credits),
    ]);
  }, 600_000);

  it('a Dutch workspace asked for a report before ingest, and a cost formula with a typo: each one Dutch line', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl5-'));
    const file = path.join(root, 'verkoop.csv');
    writeFileSync(
      file,
      [
        'Factuurnummer;Datum;Klantnummer;Aantal;Prijs',
        'F1;02-01-2025;K1;2;12,50',
        'F2;03-01-2025;K2;1;7,25',
      ].join('\n'),
    );
    const dir = path.join(root, 'ws');
    expect(worth(['init', dir, '--from', file]).status).toBe(0);
    const r = worth(['report', dir]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe(
      `worth: ${dir} heeft nog geen worth.duckdb (draai eerst \`worth ingest\` en \`worth analyze\`)`,
    );
    // A starter cost model's formula with a typo: where it is, in Dutch (was `line 54, activity ...`).
    const yamlFile = path.join(dir, 'worth.yaml');
    writeFileSync(
      yamlFile,
      readFileSync(yamlFile, 'utf8').replace('minutes: 3 + 0.5 * lines', 'minutes: 3 + 0.5 * regels'),
    );
    expect(worth(['ingest', dir]).status).toBe(0);
    const a = worth(['analyze', dir]);
    expect(a.status).not.toBe(0);
    expect(a.stderr).toMatch(
      /^worth: worth\.yaml regel [0-9]+, activiteit order_handling \(minutes\), formule "3 \+ 0\.5 \* regels", positie 11: onbekende naam "regels"/,
    );
  }, 180_000);
});
