/**
 * Dutch export shapes of issue 11's fourth round from `worth init DIR --from FILE` to `worth
 * report`, each command a real child process, with no hand edit of worth.yaml
 * (test/fixtures/dutchShapes4.ts). Gross, returns and net per customer equal the file's own
 * figures, added up by the generator in BigInt cents; the rejects are exactly the lines broken on
 * purpose, each with its code; a repeated header is its own reason, outside the reject budget.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { worth } from './worthCli.ts';
import { endToEnd } from './endToEnd.ts';
import {
  dutchShopOrders,
  joinedMonthlyExports,
  ledgerExport,
  xlsxTitleAndSubtotals,
  type DutchShape4,
} from '../fixtures/dutchShapes4.ts';

/** init --from, ingest, analyze and report on `x` (endToEnd.ts). */
const run = (x: DutchShape4) => endToEnd(x, { sums: 'net', analyzeJson: true });

describe('Dutch export shapes (4) from init --from to report, no hand edit', () => {
  it('two exports joined into one file: the repeated header (plain, and quoted after a BOM) is its own reason, not two number errors', async () => {
    const x = joinedMonthlyExports(51);
    const { init, ingest } = await run(x);
    // Exact rejects (above): each header line once, as a repeated header, not as "geen getal" per number column.
    for (const out of [init.stdout, ingest.stdout]) expect(out).toContain('een herhaalde kopregel');
    // The two header lines are outside the budget: only the two broken lines count.
    const lines = x.bytes.toString('utf8').trimEnd().split('\r\n').length - 1;
    expect(ingest.stdout).toContain(
      `order_lines: ${((2 / lines) * 100).toFixed(1).replace('.', ',')}% van de regels`,
    );
  }, 600_000);

  it('general ledger (Grootboekkaart): Debet and Credit, sales on 8000-8999, VAT, debtors and bank left out, credit notes as returns', async () => {
    const x = ledgerExport(52);
    const { init, yaml } = await run(x);
    expect(init.stdout).toContain('een grootboekexport (Debet en Credit');
    expect(yaml).toContain("exclude_when: not starts_with(coalesce(trim(Grootboekrekening), ''), '8')");
    expect(yaml).toContain('gross_amount: coalesce(Credit, 0) - coalesce(Debet, 0)');
    expect(yaml).toContain('when: coalesce(Debet, 0) > coalesce(Credit, 0)');
    expect(yaml).toContain('columns: { name: "Naam relatie" }');
  }, 600_000);

  it('the English twin (Sage / QuickBooks general ledger): Debit and Credit, sales on 4000-4999, Account is no customer', async () => {
    const x = ledgerExport(53, 'en');
    const { init, yaml } = await run(x);
    expect(init.stdout).toContain('a general ledger (Debit and Credit');
    expect(yaml).toContain("exclude_when: not starts_with(coalesce(trim(Account), ''), '4')");
    expect(yaml).toContain('customer_id: col("Customer ID")');
    expect(yaml).toContain('when: coalesce(Debit, 0) > coalesce(Credit, 0)');
  }, 600_000);

  it('Dutch web-shop orders (PrestaShop / CCV): Geannuleerd left out, Terugbetaald returned, Verzendkosten lines no sale', async () => {
    const x = dutchShopOrders(54);
    const { yaml } = await run(x);
    expect(yaml).toContain("in_list(lower(trim(Orderstatus)), 'geannuleerd')");
    expect(yaml).toContain("or in_list(lower(trim(Omschrijving)), 'verzendkosten')");
    expect(yaml).toMatch(/# Omschrijving verzendkosten: verzendkosten die de klant betaalde/);
    expect(yaml).toContain("not in_list(lower(trim(Orderstatus)), 'terugbetaald')");
    expect(x.shipping).toBeGreaterThan(0n);
  }, 600_000);

  it('XLSX with a merged title row above the column names and a subtotal per month: the header is row 2, subtotals are totals lines', async () => {
    const x = await xlsxTitleAndSubtotals(55);
    const { yaml } = await run(x);
    expect(yaml).toContain('skip_lines: 1');
    expect([...x.broken.values()].filter((c) => c === 'totals_line')).toHaveLength(13);
  }, 600_000);

  it('a ledger whose revenue accounts cannot be told (accounts by name, no class 8): one Dutch paragraph, what to write instead, nothing written', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl4-'));
    const file = path.join(root, 'rekeningen.csv');
    writeFileSync(
      file,
      [
        'Rekening;Datum;Boekstuk;Relatie;Debet;Credit',
        'Omzet;01-02-2025;1;R1;;100,00',
        'Btw;01-02-2025;1;R1;;21,00',
        'Debiteuren;01-02-2025;1;R1;121,00;',
      ].join('\n'),
    );
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      'Rekening: geen omzetrekeningen te herkennen (rekeningen beginnend met B, D, O;',
    );
    expect(r.stderr).toContain('gross_amount: coalesce(Credit, 0) - coalesce(Debet, 0)');
    expect(r.stderr).not.toMatch(/ at |Error:|SELECT/);
    expect(existsSync(path.join(root, 'ws', 'worth.yaml'))).toBe(false);
  }, 120_000);
});
