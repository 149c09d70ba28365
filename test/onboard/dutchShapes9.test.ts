/**
 * Dutch export shapes of issue 11's ninth round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes9.ts): Jortt/Rompslomp invoice lines (byte order mark, CRLF, a `;`
 * after the last field, quoted decimal commas), Zettle/SumUp card payments in Dutch (`1-2-2025
 * 13:05`, `Terugbetaling`, `€ -12,50`, passers-by without a card), Informer sales invoices
 * (`dinsdag 4 februari 2025`, `1,000` for one, `-/- 12,50`, a `Totaal` row per customer), a
 * Navision `Verkoopregels` XLSX (merged title cells, filter rows, a subtotal per customer) and
 * Gripp's invoice export of hours (`1,50` hours, `-/- 450,00` on credit invoices).
 * Gross, returns and net per customer equal the file's own figures, added up by the generator in
 * BigInt cents; the rejects are exactly the lines broken on purpose. And init's words: a whole-euros
 * file's decimal mark is explained by what was seen (thousands dots), and a column an exclude
 * rule reads is not listed as not used.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { endToEnd as fourCommands } from './endToEnd.ts';
import { worth } from './worthCli.ts';
import { wholeEuros } from '../fixtures/dutchShapes8.ts';
import { stripeBalance } from '../fixtures/englishShapes9.ts';
import {
  grippFacturen,
  informerVerkoopfacturen,
  jorttFactuurregels,
  navVerkoopregels,
  zettleTransacties,
  type DutchShape9,
} from '../fixtures/dutchShapes9.ts';

/** English prose a Dutch run must not show (table and yaml key names are the contract's). */
const ENGLISH =
  /\b(would load|rows read|read as|rejected by|not a number|not a date|recognised|not used|is a guess)\b/;

/** The shared harness (gross, returns and net per customer; rejects as pairs), then Dutch throughout. */
async function endToEnd(x: DutchShape9) {
  const run = await fourCommands(x, { sums: 'gross' });
  for (const r of [run.init, run.ingest, run.analyze, run.report]) expect(r.stdout).not.toMatch(ENGLISH);
  expect(run.html).toContain('<html lang="nl"');
  return { init: run.init.stdout, yaml: run.yaml, names: run.names, rejects: run.rejects };
}

describe('Dutch export shapes (9): real software as it writes its exports, from init --from to report, no hand edit', () => {
  it('Jortt/Rompslomp factuurregels: BOM, CRLF, a trailing ;, "1.234,56" quoted between semicolons, excl. and incl. btw', async () => {
    const { yaml, names } = await endToEnd(jorttFactuurregels(101));
    expect(yaml).toMatch(/delimiter: ";"/);
    expect(yaml).toMatch(/decimal: ","/);
    expect(names.get('1003')).toBe('Kapsalon Knip');
  }, 600_000);

  it('Zettle/SumUp in Dutch: 1-2-2025 13:05, Terugbetaling, € -12,50, passers-by without a card', async () => {
    const { yaml } = await endToEnd(zettleTransacties(102));
    expect(yaml).toMatch(/decimal: ","/);
  }, 600_000);

  it('Informer verkoopfacturen: dinsdag 4 februari 2025, 1,000 is one, -/- 12,50, a Totaal row per customer', async () => {
    const { yaml } = await endToEnd(informerVerkoopfacturen(103));
    expect(yaml).toMatch(/decimal: ","/);
  }, 600_000);

  it('Navision Verkoopregels XLSX: merged title cells, filter rows, a Totaal row per customer, d-m-jjjj shown', async () => {
    const { rejects } = await endToEnd(await navVerkoopregels(104));
    // A date the sheet holds as text is named with the layout the sheet shows.
    const date = rejects.find((r) => r.code === 'not_a_date');
    expect(date?.value).toBe('32-1-2025');
    expect(date?.reason).toBe('geen datum (verwacht d-m-yyyy)');
  }, 600_000);

  it('Gripp facturen: hours 1,50, -/- 450,00 on credit invoices, excl. btw beside Btw and incl. btw', async () => {
    const { names } = await endToEnd(grippFacturen(105));
    expect(names.get('R-303')).toBe('Stichting Cultuurhuis');
  }, 600_000);

  it('init on whole euros says what it saw for the decimal comma: thousands grouped by dots, no decimals', () => {
    const r = initOnly(wholeEuros(94));
    expect(r).toContain('decimale komma: getallen hebben duizendtallen met punten zoals 1.234 (');
    expect(r).not.toContain('komen vaker voor dan 1.25');
  }, 600_000);

  it('init does not list a column as not used when exclude_when reads it (reporting_category)', () => {
    const r = initOnly(stripeBalance(9));
    expect(r).toContain("exclude_when: in_list(trim(reporting_category), 'fee', 'payout')");
    expect(r).toMatch(/not used: .*\bfee\b/);
    expect(r).not.toMatch(/not used: .*reporting_category/);
  }, 600_000);
});

/** `worth init --from` alone on `x`: its output and the worth.yaml it wrote, one text. */
function initOnly(x: { name: string; bytes: Buffer }): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape9-'));
  const file = path.join(root, x.name);
  writeFileSync(file, x.bytes);
  const r = worth(['init', path.join(root, 'ws'), '--from', file]);
  expect(r.status, r.stderr).toBe(0);
  return `${r.stdout}\n${readFileSync(path.join(root, 'ws', 'worth.yaml'), 'utf8')}`;
}
