/**
 * Three more Dutch export shapes from `worth init DIR --from FILE` to `worth report`, each command
 * a real child process, with no hand edit of worth.yaml (test/fixtures/dutchShapes3.ts): a
 * wholesale ERP's invoice lines with `Korting %` and credit notes printed with a trailing minus, a
 * web shop's orders with refunds as rows of their own, and a till overview saved from Excel (BOM,
 * quotes everywhere, empty trailing columns, `1.200` as a quantity, `maandag 6 januari 2025`,
 * walk-in sales under `Passant`), an "Omzet per relatie" grouped under each relation with its
 * subtotals, a sales analysis whose credit notes are positive with `Soort` Creditnota, and a
 * payment provider's export with no quantity, expired payments and refunded amounts. Gross, discounts, returns and net per customer equal the file's
 * own figures, added up by the generator in BigInt cents; walk-in sales stay unattributed; the
 * rejects are exactly the lines broken on purpose, each with its code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import {
  erpInvoiceLines,
  excelTillOverview,
  molliePayments,
  omzetPerRelatie,
  soortCreditnota,
  webshopRefundRows,
  type DutchShape3,
} from '../fixtures/dutchShapes3.ts';
import { readRejects } from '../ingest/helpers.ts';

/** init --from, ingest, analyze and report on `x`; checks totals, names and rejects; returns the folder, init's output and worth.yaml. */
async function endToEnd(x: DutchShape3) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl3-'));
  const file = path.join(root, x.name);
  writeFileSync(file, x.bytes);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  expect(init.stdout).not.toMatch(/CONTROLEER|CHECK/);
  const ingest = worth(['ingest', dir]);
  expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
  // A Dutch run's terminal: the reject summary names no placeholder for a count.
  expect(ingest.stdout).not.toMatch(/…|undefined|NaN/);
  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  expect([...new Set(rejects.map((r) => Number(r.line)))].sort((a, b) => a - b)).toEqual(
    [...x.broken.keys()].sort((a, b) => a - b),
  );
  for (const r of rejects) {
    expect(r.file).toBe(`data/${x.name}`);
    expect(r.code, JSON.stringify(r)).toBe(x.broken.get(Number(r.line)));
  }
  const analyze = worth(['analyze', dir, '--json']);
  expect(analyze.status, analyze.stderr).toBe(0);
  expect(analyze.stdout).not.toMatch(/NaN|Infinity|undefined/);
  const report = worth(['report', dir]);
  expect(report.status, report.stderr).toBe(0);
  expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).not.toMatch(/NaN|Infinity|undefined/);
  const pnl = await queryDb(
    dir,
    `SELECT p.customer_id, c.name, CAST(p.gross_sales AS VARCHAR) AS g, CAST(p.discounts AS VARCHAR) AS d,
       CAST(p.returns AS VARCHAR) AS r, CAST(p.net_sales AS VARCHAR) AS n
     FROM customer_pnl p JOIN customers c USING (customer_id)`,
  );
  const got = new Map(
    pnl.map((row) => [String(row.customer_id), [cents(row.g), cents(row.d), cents(row.r), cents(row.n)]]),
  );
  const want = new Map(
    [...x.perCustomer].map(([c, s]) => [
      c,
      [s.gross, s.discount, s.credits, s.gross - s.discount - s.credits],
    ]),
  );
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  const unattributed = await queryDb(
    dir,
    `SELECT CAST((SELECT coalesce(sum(gross_amount - discount_amount), 0) FROM order_lines WHERE customer_id IS NULL)
       - (SELECT coalesce(sum(credited_amount), 0) FROM returns WHERE customer_id IS NULL) AS VARCHAR) AS n`,
  );
  expect(cents(unattributed[0]!.n)).toBe(x.unattributedNet);
  const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
  return { dir, init, yaml, names: new Map(pnl.map((row) => [String(row.customer_id), row.name])) };
}

describe('Dutch export shapes (3) from init --from to report, no hand edit', () => {
  it('wholesale ERP: Soort Factuur/Creditnota, Debiteurnr, Korting % per line, 1.234,56- and 3- on credit notes', async () => {
    const x = erpInvoiceLines(41);
    const { yaml, names } = await endToEnd(x);
    expect(yaml).toContain('customer_id: Debiteurnr');
    expect(yaml).toContain('when: Aantal < 0');
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('web shop with refunds as rows of their own: Terugbetaling with a negative Aantal, dates 6 jan. 2025 14:22', async () => {
    const x = webshopRefundRows(42);
    const { yaml, names } = await endToEnd(x);
    expect(yaml).toContain('date_format: dd mmm yyyy');
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('till overview from Excel NL: BOM, quotes, empty trailing columns, 1.200, maandag 6 januari 2025, Passant', async () => {
    const x = excelTillOverview(43);
    const { yaml, init } = await endToEnd(x);
    expect(yaml).toMatch(/^missing_values: \[.*"Passant"\]/m);
    expect(init.stdout).toContain('Klant: "Passant" op');
    expect(x.unattributedNet).toBeGreaterThan(0n);
  }, 600_000);

  it('Omzet per relatie: the relation above its lines, Totaal <relatie> and Totaal generaal rejected as totals lines', async () => {
    const x = omzetPerRelatie(44);
    const { yaml } = await endToEnd(x);
    expect(yaml).toContain('group_heading: "Relatie"');
    expect(yaml).toContain('skip_lines: 3');
  }, 600_000);

  it('credit notes printed positive, only Soort says Creditnota: split by type, credited as printed', async () => {
    const x = soortCreditnota(45);
    const { yaml, names } = await endToEnd(x);
    expect(yaml).toContain("when: Aantal < 0 or Soort = 'Creditnota'");
    expect(yaml).toContain('credited_amount: abs(-Bedrag)');
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(x.names));
  }, 600_000);

  it('Mollie-style payments: no quantity (each payment one), ID, Consumentnaam, expired left out, Terugbetaald bedrag as returns', async () => {
    const x = molliePayments(46);
    const { yaml } = await endToEnd(x);
    expect(yaml).toContain("quantity: '1'");
    expect(yaml).toContain('order_id: ID');
    expect(yaml).toContain('customer_id: Consumentnaam');
    expect(yaml).toContain("exclude_when: in_list(lower(trim(Status)), 'expired')");
  }, 600_000);
});
