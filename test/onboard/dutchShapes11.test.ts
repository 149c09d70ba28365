/**
 * Dutch and Belgian-Dutch export shapes of issue 11's eleventh round from `worth init DIR --from
 * FILE` to `worth report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes11.ts): Exact Online's `Verkoopfacturen per artikel` (title block,
 * a `Totaal` per article, debtor codes right-aligned with spaces beside the name in `Debiteur`),
 * AFAS Profit's `Verkooprealisatie` XLSX (`Verkooprelatie`, `Aantal eenheden`, `Kostprijs` the
 * line's cost), a Belgian `Verkoopdagboek` (`dd/mm/yyyy`, `BE 0123.456.789`, 6/12/21%, `Maatstaf
 * van heffing`, `Creditnota` printed positive), Lightspeed eCom's Dutch orders (all quoted, a
 * decimal point, remarks with line breaks, guests by e-mail, `Geannuleerd`), Twinfield's
 * `Transactieoverzicht` (an unsigned `Bedrag` beside `D/C`, revenue accounts among the debtors' and
 * VAT accounts, the relation on each booking's debtor line only) and a wholesaler's
 * `Orderregels met kostprijs` in Windows-1252 (`Regelnummer`, unit `Kostprijs`, `-€ 12,50`).
 * Gross, returns and net per customer (and the cost of goods where the export states it) equal
 * the file's own figures, added up by the generator in BigInt cents; the rejects are exactly the
 * lines broken on purpose.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { endToEnd as fourCommands, type SumsCheck } from './endToEnd.ts';
import { cents, worth } from './worthCli.ts';
import {
  afasVerkooprealisatie,
  belgianVerkoopdagboek,
  exactVerkoopfacturenPerArtikel,
  lightspeedEcomBestellingen,
  twinfieldTransacties,
  wholesaleOrderregels,
  type DutchShape11,
} from '../fixtures/dutchShapes11.ts';

/** English prose a Dutch run must not show (table and yaml key names are the contract's). */
const ENGLISH =
  /\b(would load|rows read|read as|rejected by|not a number|not a date|recognised|not used|is a guess|line's cost)\b/;

/** The shared harness (rejects as pairs), then Dutch throughout, and the cost of goods where the export states it. */
async function endToEnd(x: DutchShape11, sums: SumsCheck = 'gross') {
  const run = await fourCommands(x, { sums });
  for (const r of [run.init, run.ingest, run.analyze, run.report]) expect(r.stdout).not.toMatch(ENGLISH);
  expect(run.html).toContain('<html lang="nl"');
  if (x.cogs) {
    const rows = await queryDb(
      run.dir,
      `SELECT customer_id, CAST(sum(c) AS VARCHAR) AS c FROM (
         SELECT customer_id, cogs_amount AS c FROM order_lines
         UNION ALL SELECT customer_id, -cogs_recovered FROM returns) GROUP BY customer_id`,
    );
    expect(Object.fromEntries(rows.map((r) => [String(r.customer_id), cents(r.c)]))).toEqual(
      Object.fromEntries(x.cogs),
    );
  }
  return run;
}

describe('Dutch export shapes (11): real software as it writes its exports, from init --from to report, no hand edit', () => {
  it('Exact Online Verkoopfacturen per artikel: Debiteurcode (padded with spaces) is the customer, Debiteur its name', async () => {
    const { yaml, names } = await endToEnd(exactVerkoopfacturenPerArtikel(301), 'split');
    expect(yaml).toContain('customer_id: Debiteurcode');
    expect(names.get('20')).toBe('Kantine Sportpark Noord');
  }, 600_000);

  it('AFAS Profit Verkooprealisatie XLSX: Verkooprelatie, Aantal eenheden, Kostprijs the line cost beside Marge', async () => {
    const { yaml, init } = await endToEnd(await afasVerkooprealisatie(302));
    expect(yaml).toContain('cogs_amount: Kostprijs');
    expect(init.stdout).toContain('Kostprijs: de inkoopwaarde van de regel, geen kostprijs per stuk');
  }, 600_000);

  it('Belgian Verkoopdagboek: dd/mm/yyyy, BTW-nummer BE, 6/12/21%, Maatstaf van heffing, Creditnota printed positive', async () => {
    const { yaml } = await endToEnd(belgianVerkoopdagboek(303));
    expect(yaml).toContain("Type = 'Creditnota'");
  }, 600_000);

  it('Lightspeed eCom bestellingen: all quoted, decimal point, remarks with line breaks, guests by e-mail, Geannuleerd', async () => {
    const { yaml } = await endToEnd(lightspeedEcomBestellingen(304));
    expect(yaml).toContain('customer_id: coalesce(Klantnummer, col("E-mailadres"))');
  }, 600_000);

  it('Twinfield Transactieoverzicht: Bedrag unsigned beside D/C, revenue among debtors and VAT, the relation on the debtor line only', async () => {
    const { yaml, init } = await endToEnd(twinfieldTransacties(306));
    expect(yaml).toContain(`gross_amount: if(lower(trim(col("D/C"))) = 'd', -Bedrag, Bedrag)`);
    expect(yaml).toContain("exclude_when: not starts_with(coalesce(trim(Grootboekrekening), ''), '8')");
    expect(yaml).toContain('fill_down: ["Relatie", "Naam relatie"]');
    expect(init.stdout).toContain('Bedrag zonder teken, de kant in D/C');
    // Revenue accounts are booked without btw: no "is it incl. btw?" line.
    expect(init.stdout).not.toContain('btw-kolom');
  }, 600_000);

  it('wholesale Orderregels met kostprijs: Windows-1252, Regelnummer, a unit Kostprijs, -€ 12,50, totals below', async () => {
    const { yaml } = await endToEnd(wholesaleOrderregels(305));
    expect(yaml).toContain('line_no: Regelnummer');
    expect(yaml).toContain('cogs_amount: Aantal * Kostprijs');
  }, 600_000);

  it("a bare Klant or Debiteur before its code column is the name, the code the customer (the other order is Exact's above)", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape11-'));
    for (const [bare, code] of [
      ['Klant', 'Klantcode'],
      ['Debiteur', 'Debiteurnummer'],
    ] as const) {
      const lines = [`Factuurnummer;Factuurdatum;${bare};${code};Artikel;Aantal;Prijs`];
      for (let i = 0; i < 60; i++)
        lines.push(
          `F${100 + i};${String(1 + (i % 28)).padStart(2, '0')}-03-2025;Winkel ${i % 3};K${i % 3};A1;2;12,50`,
        );
      const file = path.join(root, `${code}.csv`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const r = worth(['init', path.join(root, code), '--from', file]);
      expect(r.status, r.stderr).toBe(0);
      const yaml = readFileSync(path.join(root, code, 'worth.yaml'), 'utf8');
      expect(yaml).toContain(`customer_id: ${code}`);
      expect(yaml).toContain(`columns: { name: "${bare}" }`);
    }
  }, 600_000);

  it('a side written out (Debet/Credit: Debet, Credit) reads as D/C does', () => {
    const x = twinfieldTransacties(307);
    const text = x.bytes
      .toString('utf8')
      .replace(';D/C\r\n', ';Debet/Credit\r\n')
      .replace(/;D\r\n/g, ';Debet\r\n')
      .replace(/;C\r\n/g, ';Credit\r\n');
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape11-'));
    const file = path.join(root, x.name);
    writeFileSync(file, text);
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status, r.stderr).toBe(0);
    const yaml = readFileSync(path.join(root, 'ws', 'worth.yaml'), 'utf8');
    expect(yaml).toContain(`gross_amount: if(lower(trim(col("Debet/Credit"))) = 'debet', -Bedrag, Bedrag)`);
    expect(yaml).toContain("exclude_when: not starts_with(coalesce(trim(Grootboekrekening), ''), '8')");
  }, 600_000);
});
