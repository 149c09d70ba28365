/**
 * Four more Dutch export shapes from `worth init DIR --from FILE` to `worth report`, each
 * command a real child process, with no hand edit of worth.yaml (test/fixtures/dutchShapes2.ts):
 * a Lightspeed-style till export, an Exact Online "Verkoopboekingen" file, a bol.com order
 * export, an XLSX with its data on the second sheet and a SnelStart-style export with Dutch month
 * names in its dates. Gross, returns and net per customer
 * (excluding VAT) equal the file's own figures, added up by the generator in BigInt cents; walk-in
 * sales stay unattributed; the rejects are exactly the lines broken on purpose, each with its code.
 */
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { endToEnd } from './endToEnd.ts';
import {
  bolOrders,
  exactVerkoopboekingen,
  lightspeedTill,
  snelstartMonthNames,
  xlsxSecondSheet,
  type DutchShape,
} from '../fixtures/dutchShapes2.ts';

/** The codes a short XLSX row gets: its empty required cells (an XLSX row has no field count). */
const SHORT_XLSX_ROW = ['missing_required', 'missing_cogs'];

/** init --from, ingest, analyze and report on `x` (endToEnd.ts); a short XLSX row's codes are its empty required cells. */
const run = (x: DutchShape) =>
  endToEnd(x, {
    rejects: 'each',
    codes: (want) => (want === 'wrong_field_count' && x.name.endsWith('.xlsx') ? SHORT_XLSX_ROW : [want]),
    sums: 'net',
    ingestJson: true,
    analyzeJson: true,
  });

describe('Dutch export shapes (2) from init --from to report, no hand edit', () => {
  it('Lightspeed till: Bonnummer, Datum and Tijd, walk-in sales without Klant, prices incl. BTW, BTW % as 9%', async () => {
    const x = lightspeedTill(31);
    const { yaml } = await run(x);
    expect(yaml).toContain(
      'format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy, encoding: utf-8 }',
    );
    // Gross is the list price excluding VAT: the till's price includes it.
    expect(yaml).toContain('gross_amount: round(Aantal * Prijs / (1 + coalesce(col("BTW %"), 0) / 100), 2)');
    expect(yaml).toContain('when: Aantal < 0');
    expect(x.unattributedNet).toBeGreaterThan(0n);
  }, 600_000);

  it('Exact Online Verkoopboekingen: Debiteur "1001 - Bakkerij Haarlem", € 1.234,56 and -€ 12,50, dates 6-1-2025', async () => {
    const x = exactVerkoopboekingen(32);
    const { yaml, names } = await run(x);
    expect(yaml).toContain('order_id: Boekstuknummer');
    expect(yaml).toContain('decimal: ","');
    expect(yaml).toContain("customer_id: trim(before(Debiteur, ' - '))");
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('bol.com orders: ISO date-times with offsets, prices incl. BTW beside the BTW amount, commission not revenue', async () => {
    const x = bolOrders(33);
    const { yaml, names } = await run(x);
    expect(yaml).toContain('customer_id: col("E-mailadres")');
    expect(yaml).toContain('gross_amount: (col("Totaalprijs (incl. BTW)") - coalesce(col("BTW-bedrag"), 0))');
    expect(yaml).not.toMatch(/^\s+[a-z_]+:.*Commissie/m);
    expect(yaml).toContain(
      '# Commissie: een commissie of vergoeding, een verkoopkost en geen omzet: niet geladen',
    );
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('XLSX with the data on its second sheet: 1,5 kg, debtor 000123, dates as 20250105', async () => {
    const x = await xlsxSecondSheet(34);
    const { yaml, names } = await run(x);
    expect(yaml).toContain('format: { sheet: "Verkoopregels", date_format: yyyymmdd }');
    // The sheet passed over is named, with how to read another (in the export's language: Dutch).
    expect(yaml).toContain('(niet gelezen: "Info" met 7; format.sheet noemt een ander)');
    // Leading zeros stay: 000005 is not 5.
    expect([...names.keys()].every((id) => /^\d{6}$/.test(id))).toBe(true);
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('SnelStart-style export in Windows-1252 with Dutch month names: 5-mrt-2025, 12-okt-2025', async () => {
    const x = snelstartMonthNames(35);
    const { yaml, names, dir } = await run(x);
    expect(yaml).toContain(
      'format: { delimiter: ";", decimal: ",", date_format: dd-mmm-yyyy, encoding: windows-1252 }',
    );
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
    // Every month reads, mrt, mei and okt (not English) too.
    const months = await queryDb(dir, 'SELECT count(DISTINCT month(order_date)) AS n FROM order_lines');
    expect(Number(months[0]!.n)).toBe(12);
  }, 600_000);
});
