/**
 * What `init --from` says when it cannot take VAT off (the amount's name says it includes VAT
 * and nothing says how much), when a customer column combines a code and a name ("10003 Café
 * Het Hoekje" only when every value has that shape), and when one code has two names.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInit, initFromExport } from '../../src/onboard/index.ts';

/** Writes `lines` as an export and runs init on it; the preview text and worth.yaml. */
async function init(lines: string[]): Promise<{ preview: string; yaml: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-vatwarn-'));
  const file = path.join(root, 'export.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const made = await initFromExport(path.join(root, 'ws'), file);
  return { preview: formatInit(made, 'ws'), yaml: readFileSync(made.configFile, 'utf8') };
}

describe('init --from: VAT it cannot take off, and customer codes with names', () => {
  it('an amount including VAT with a rate written as text ("21%") is read net; without any VAT column the preview and worth.yaml warn', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${1000 + i},2024-03-${String(1 + (i % 28)).padStart(2, '0')},K${i % 7},2,24.20,21%`,
    );
    const rated = await init(['Invoice,Date,Customer,Quantity,Amount incl. VAT,VAT rate', ...rows]);
    expect(rated.preview).not.toContain('CHECK');
    // 21% reads as 21, as a plain 21 would: 24.20 / 1.21 = 20.00.
    expect(rated.yaml).toContain(
      'gross_amount: round(col("Amount incl. VAT") / (1 + coalesce(col("VAT rate"), 0) / 100), 2)',
    );
    expect(rated.preview).toContain('order_lines: 40 lines read, 40 would load, 0 rejected');
    const { preview, yaml } = await init([
      'Invoice,Date,Customer,Quantity,Amount incl. VAT',
      ...rows.map((r) => r.replace(/,21%$/, '')),
    ]);
    expect(preview).toContain('CHECK: Amount incl. VAT includes VAT');
    expect(preview).toContain('revenue would include VAT');
    expect(yaml).toContain('# CHECK: Amount incl. VAT includes VAT');
    // Loaded as it is (with the warning), not refused.
    expect(yaml).toContain('gross_amount: col("Amount incl. VAT")');
  }, 120_000);

  // Net amounts and their 21% VAT, and a 0% line: as a Dutch export rounds them.
  const sales = [1000n, 2495n, 15_000n, 999n, 12_345n, 700n, 4_210n, 88_000n];
  const vat = (c: bigint) => (c * 21n + 50n) / 100n;
  const nl = (c: bigint) => `${c / 100n},${String(c % 100n).padStart(2, '0')}`;
  const dated = (i: number) => `${4000 + i};0${1 + (i % 9)}-03-2024;K${i % 3};1`;

  it('a neutral "Bedrag" that is "Grondslag" + "Btw" on the lines: Grondslag is the amount excluding VAT', async () => {
    const rows = sales.map((c, i) => `${dated(i)};${nl(c + vat(c))};${nl(vat(c))};${nl(c)}`);
    const { yaml } = await init(['Factuur;Datum;Klant;Aantal;Bedrag;Btw;Grondslag', ...rows]);
    expect(yaml).toContain('gross_amount: Grondslag');
    expect(yaml).toContain(
      '# Bedrag is Grondslag + Btw op 100% van de regels: Grondslag is het bedrag exclusief btw',
    );
  }, 120_000);

  it('a neutral "Bedrag" whose "Btw" is 21% of Bedrag - Btw includes VAT; one whose Btw is 21% of itself does not', async () => {
    const incl = sales.map((c, i) => `${dated(i)};${nl(c + vat(c))};${nl(vat(c))}`);
    const a = await init(['Factuur;Datum;Klant;Aantal;Bedrag;Btw', ...incl]);
    expect(a.yaml).toContain('gross_amount: (Bedrag - coalesce(Btw, 0))');
    expect(a.yaml).toContain('Btw is een btw-tarief van Bedrag - Btw op 100% van de regels met btw');
    const excl = sales.map((c, i) => `${dated(i)};${nl(c)};${nl(vat(c))}`);
    const b = await init(['Factuur;Datum;Klant;Aantal;Bedrag;Btw', ...excl]);
    expect(b.yaml).toContain('gross_amount: Bedrag');
    expect(b.yaml).not.toContain('inclusief btw');
  }, 120_000);

  it('"10003 Café Het Hoekje" on every line is split; a code with two names is named', async () => {
    const names = ['Café Het Hoekje', 'Bakkerij Jansen', 'Hotel Zeezicht'];
    const rows = Array.from({ length: 30 }, (_, i) => {
      const c = i % 3;
      // Code 10002 is written with another name once (a renamed customer).
      const name = c === 1 && i === 28 ? 'Bakkerij Jansen B.V.' : names[c]!;
      return `${2000 + i},2024-03-${String(1 + (i % 28)).padStart(2, '0')},${10001 + c} ${name},1,10.00`;
    });
    const { preview, yaml } = await init(['Invoice,Date,Customer,Quantity,Amount', ...rows]);
    expect(yaml).toContain("customer_id: before(trim(Customer), ' ')");
    expect(yaml).toContain(`name: "trim(after(trim(Customer), ' '))"`);
    expect(preview).toContain('"code name" (a number, a space, a name), on 100% of its values');
    expect(preview).toContain(
      'CHECK: 1 customer ids have more than one name in Customer (first: 10002 as "Bakkerij Jansen" and "Bakkerij Jansen B.V.")',
    );
    expect(preview).toContain('customers: 3 lines read, 3 would load');
  }, 120_000);

  it('"code name" on most but not every line is left whole (a space alone is no safe separator)', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `${3000 + i},2024-03-${String(1 + (i % 28)).padStart(2, '0')},${i === 5 ? 'Losse verkoop' : `${10001 + (i % 3)} Klant ${i % 3}`},1,10.00`,
    );
    const { yaml } = await init(['Invoice,Date,Customer,Quantity,Amount', ...rows]);
    expect(yaml).toContain('customer_id: Customer');
    expect(yaml).not.toContain('before(');
  }, 120_000);
});
