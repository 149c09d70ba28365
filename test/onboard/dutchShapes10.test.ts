/**
 * Dutch export shapes of issue 11's tenth round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes10.ts): e-Boekhouden.nl's `Mutaties` (sent invoices among the payments
 * received against them), Visma eAccounting's `Verkoopfacturen` XLSX (one row per invoice, a
 * credited invoice still a sale), Odoo's Dutch `Factuurregels` (all quoted, ISO dates, `150.0`,
 * credit notes printed positive), Mijnwebwinkel's `Bestellingen` (order fields repeated per line,
 * prices incl. btw, guests by e-mail, cancelled orders) and a fulfilment warehouse's order lines
 * (ordered beside delivered, `Retour` rows printed positive, `#WAARDE!`).
 * Gross, returns and net per customer equal the file's own figures, added up by the generator in
 * BigInt cents; the rejects are exactly the lines broken on purpose.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { endToEnd as fourCommands, type SumsCheck } from './endToEnd.ts';
import { worth } from './worthCli.ts';
import {
  eboekhoudenMutaties,
  fulfilmentOrderregels,
  mijnwebwinkelBestellingen,
  odooFactuurregels,
  vismaVerkoopfacturen,
  type DutchShape10,
} from '../fixtures/dutchShapes10.ts';

/** English prose a Dutch run must not show (table and yaml key names are the contract's). */
const ENGLISH =
  /\b(would load|rows read|read as|rejected by|not a number|not a date|recognised|not used|is a guess)\b/;

/** The shared harness (rejects as pairs), then Dutch throughout. */
async function endToEnd(x: DutchShape10, sums: SumsCheck = 'gross') {
  const run = await fourCommands(x, { sums });
  for (const r of [run.init, run.ingest, run.analyze, run.report]) expect(r.stdout).not.toMatch(ENGLISH);
  expect(run.html).toContain('<html lang="nl"');
  return run;
}

describe('Dutch export shapes (10): real software as it writes its exports, from init --from to report, no hand edit', () => {
  it('e-Boekhouden Mutaties: Factuur verstuurd among Factuurbetaling ontvangen, which is no sale', async () => {
    const { yaml } = await endToEnd(eboekhoudenMutaties(201));
    // The payments are left out by a rule (counted, no rejects), the sent invoices stay.
    expect(yaml).toContain("exclude_when: in_list(trim(Soort), 'Factuurbetaling ontvangen')");
  }, 600_000);

  it('Visma eAccounting Verkoopfacturen XLSX: one row per invoice, Gecrediteerd still a sale, its credit invoice negative', async () => {
    await endToEnd(await vismaVerkoopfacturen(202));
  }, 600_000);

  it('Odoo Factuurregels in Dutch: all quoted, 150.0, Korting (%), Creditfactuur lines printed positive', async () => {
    const { yaml } = await endToEnd(odooFactuurregels(203), 'split');
    // A credit note's line credits what it was invoiced for, after its discount.
    expect(yaml).toContain('credited_amount: abs(-Subtotaal)');
  }, 600_000);

  it('Mijnwebwinkel Bestellingen: order fields on every line, prices incl. btw, guests by e-mail, Geannuleerd', async () => {
    const { init } = await endToEnd(mijnwebwinkelBestellingen(204));
    expect(init.stdout).toContain('een Nederlandse winkel prijst voor consumenten inclusief btw');
  }, 600_000);

  it('fulfilment order lines: Aantal besteld beside Aantal geleverd, Retour rows positive, #WAARDE!', async () => {
    const { yaml } = await endToEnd(fulfilmentOrderregels(205));
    expect(yaml).toContain('quantity: col("Aantal geleverd")');
  }, 600_000);

  it('a rate beside a neutral amount stays excl. btw where the customers are companies, not people', () => {
    const x = mijnwebwinkelBestellingen(206);
    const bytes = Buffer.from(
      x.bytes.toString('utf8').replace('Voornaam;Achternaam', 'Bedrijfsnaam;Afdeling'),
    );
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape10-'));
    const file = path.join(root, x.name);
    writeFileSync(file, bytes);
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('consumenten');
    const yaml = readFileSync(path.join(root, 'ws', 'worth.yaml'), 'utf8');
    expect(yaml).toMatch(/gross_amount: Aantal \* col\("Prijs per stuk"\)/);
  }, 600_000);
});
