/**
 * What `worth init --from` tells the user to check, and line ends the sniffer must survive:
 * a net amount that is not quantity x price on lines without a discount (VAT included, say),
 * cancelled lines in a status column (left out by an exclude_when rule), and files whose lines end in a lone CR or mix LF and CRLF.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInit, initFromExport, sniffExport } from '../../src/onboard/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';

let engine: DuckDBEngine;
beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
});
afterAll(async () => {
  await engine?.close();
});

const HEADER = 'Factuurnummer;Debiteur;Factuurdatum;Aantal;Verkoopprijs;Omzet;Status';
// Lines 4 and 7 (file lines) carry 21% VAT in Omzet; lines 5, 8 and 9 are cancelled.
const LINES = [
  '1001;K1;02-01-2024;2;10,00;20,00;Gefactureerd',
  '1001;K1;02-01-2024;1;5,50;5,50;Gefactureerd',
  '1002;K2;03-01-2024;3;10,00;36,30;Gefactureerd',
  '1003;K2;04-01-2024;1;99,00;99,00;Geannuleerd',
  '1004;K3;05-01-2024;4;2,25;9,00;Gefactureerd',
  '1005;K3;06-01-2024;1;100,00;121,00;Gefactureerd',
  '1006;K1;07-01-2024;2;7,00;14,00;geannuleerd',
  '1007;K1;08-01-2024;1;8,00;8,00;Cancelled',
  '1008;K2;09-01-2024;1;4,00;4,00;Gefactureerd',
];

describe('init --from says what to check', () => {
  it('a net amount that is not quantity x price, and cancelled lines, in worth.yaml and the preview', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-initchecks-'));
    const file = path.join(root, 'verkoop.csv');
    writeFileSync(file, `${HEADER}\n${LINES.join('\n')}\n`);
    const r = await initFromExport(path.join(root, 'ws'), file);
    // By hand: 3 x 10,00 = 30,00 <> 36,30 (file line 4); 1 x 100,00 <> 121,00 (line 7).
    expect(r.checks.netMismatch).toEqual({ lines: 2, firstLine: 4 });
    expect(r.checks.cancelled?.lines).toBe(3);
    expect(r.checks.cancelled?.column).toBe('Status');
    // Values are told apart without case: Geannuleerd and geannuleerd are one value.
    expect(r.checks.cancelled!.values.map((v) => v.toLowerCase())).toEqual(['geannuleerd', 'cancelled']);
    const yaml = readFileSync(r.configFile, 'utf8');
    expect(yaml).toContain(
      '# CONTROLEER: op 2 regels zonder korting is Omzet niet Aantal x Verkoopprijs (eerste: regel 4)',
    );
    // The rule leaves them out; its comment gives lines and money (Omzet) per value, by hand:
    // Gefactureerd 20,00 + 5,50 + 36,30 + 9,00 + 121,00 + 4,00; geannuleerd 99,00 + 14,00; Cancelled 8,00.
    expect(yaml).toContain("    exclude_when: in_list(lower(trim(Status)), 'geannuleerd', 'cancelled')");
    expect(yaml).toMatch(
      /# Status per waarde, regels \(Omzet\): Gefactureerd 6 \(195,80\), [Gg]eannuleerd 2 \(113,00\), Cancelled 1 \(8,00\)/,
    );
    const text = formatInit(r, 'ws', r.currency, 'nl');
    expect(text).toContain(
      'controleer: op 2 regels zonder korting is Omzet niet Aantal x Verkoopprijs (eerste: regel 4)',
    );
    expect(text).toMatch(
      /Status: 3 regels zeggen [Gg]eannuleerd\/Cancelled: weggelaten uit de lading door exclude_when/,
    );
    // The preview's trial load left them out: 99,00 + 14,00 + 8,00 net.
    expect(text).toContain(
      'order_lines (data/verkoop.csv): 3 regels (121,00 netto) weggelaten door uw regel',
    );
    // 9 lines less the 3 left out are read (the two VAT lines are then rejected: a negative discount).
    expect(r.preview.report?.tables.order_lines?.rowsRead).toBe(6);
    expect(r.preview.report?.tables.order_lines?.rowsRejected).toBe(2);
  }, 300_000);
});

describe('a discount percentage without a net amount column', () => {
  it('makes the discount: list price x quantity x percent, rounded to cents', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-initpct-'));
    const file = path.join(root, 'korting.csv');
    writeFileSync(
      file,
      [
        'Factuurnummer;Debiteur;Factuurdatum;Aantal;Verkoopprijs;Korting %',
        '1;K1;02-01-2024;2;10,00;10',
        '2;K1;03-01-2024;3;3,33;15',
        '3;K2;04-01-2024;1;5,00;0',
        '',
      ].join('\n'),
    );
    const r = await initFromExport(path.join(root, 'ws'), file);
    expect(readFileSync(r.configFile, 'utf8')).toContain(
      'discount_amount: round(Aantal * Verkoopprijs * coalesce(col("Korting %"), 0) / 100, 2)',
    );
    // By hand: 20,00 x 10% = 2,00; 9,99 x 15% = 1,4985 -> 1,50; 5,00 x 0% = 0: 3,50 of 34,99.
    const amounts = r.preview.report!.tables.order_lines!.amounts;
    expect(amounts.gross_amount!.loaded).toBe('34.99');
    expect(amounts.discount_amount!.loaded).toBe('3.50');
  }, 300_000);
});

describe('line ends', () => {
  const body = `${HEADER}\n${LINES.join('\n')}\n`;
  it.each([
    ['lone CR (old Mac)', body.replace(/\n/g, '\r')],
    ['header LF above CRLF lines', body.replace(/\n/g, '\r\n').replace('\r\n', '\n')],
    ['LF with some CRLF', body.replace(/(Gefactureerd)\n/g, '$1\r\n')],
  ])('%s: the sniffer finds ";", the header and all lines', async (_label, text) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-eol-'));
    const file = path.join(root, 'eol.csv');
    writeFileSync(file, text);
    const p = await sniffExport(engine, file, root);
    expect(p.delimiter).toBe(';');
    expect(p.decimal).toBe(',');
    expect(p.columns.map((c) => c.name)).toEqual(HEADER.split(';'));
    expect(p.rows).toBe(LINES.length);
    // No CR left in the last column's values.
    expect(p.columns.at(-1)!.examples.every((v) => !v.includes('\r'))).toBe(true);
  });
});

describe('worth.yaml reads back what init wrote', () => {
  // "Artikel #" was the column here; it is a line's place in its order (WooCommerce), no longer a product, so "Klant #" stands in.
  it('a column named "Klant #" is quoted, so YAML does not take the rest for a comment', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-inityaml-'));
    const file = path.join(root, 'bestellingen.csv');
    const lines = [
      'Bestelnummer;Klant #;Besteldatum;Aantal;Stukprijs',
      '1001;K1;02-01-2024;2;10,00',
      '1001;K1;02-01-2024;1;5,50',
      '1002;K2;03-01-2024;3;4,00',
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await initFromExport(path.join(root, 'ws'), file);
    const yaml = readFileSync(r.configFile, 'utf8');
    const { parse } = await import('yaml');
    const columns = (parse(yaml) as { sources: { order_lines: { columns: Record<string, string> } } }).sources
      .order_lines.columns;
    expect(columns.customer_id).toBe('col("Klant #")');
    expect(yaml).toContain(`customer_id: 'col("Klant #")'`);
    // A Dutch export's company placeholder is Dutch (it was the same B.V. for every export).
    expect(yaml).toContain('# company: "Uw Bedrijf B.V."');
    // The trial load ran on it: every line loads.
    expect(formatInit(r, 'ws', r.currency, 'en')).toMatch(/3 lines read, 3 would load, 0 rejected/);
  }, 300_000);

  it('a failed init leaves no folder it made behind, and keeps one the user made', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-initfail-'));
    const file = path.join(root, 'notes.csv');
    writeFileSync(file, 'Colour;Shape\nred;round\nblue;square\n');
    await expect(initFromExport(path.join(root, 'ws'), file)).rejects.toThrow(/notes\.csv/);
    expect(existsSync(path.join(root, 'ws'))).toBe(false);
    mkdirSync(path.join(root, 'mine'));
    await expect(initFromExport(path.join(root, 'mine'), file)).rejects.toThrow(/notes\.csv/);
    expect(readdirSync(path.join(root, 'mine'))).toEqual([]);
  });
});
