/**
 * From the user's own export to the board report in four commands, with no hand edit of
 * worth.yaml: `worth init DIR --from FILE`, `worth ingest`, `worth analyze`, `worth report`,
 * each a real child process, on a 50,000-line web-shop export shaped like the public
 * "Online Retail" file (English) and on its Dutch variant. The expected figures are the
 * file's own totals, added up here from the generator's rows in BigInt cents.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import { webshopExport, writeWebshopCsv, type ExportRow } from '../fixtures/webshopExport.ts';
import { readRejects } from '../ingest/helpers.ts';

interface Sums {
  gross: bigint;
  credits: bigint;
}

/** The file's own totals: sales lines (not credit, not broken) and credit lines, per customer and without one. */
function fileTotals(rows: ExportRow[]) {
  const perCustomer = new Map<string, Sums>();
  const all: Sums = { gross: 0n, credits: 0n };
  const unattributed: Sums = { gross: 0n, credits: 0n };
  for (const r of rows) {
    if (r.broken) continue;
    const cents = BigInt(r.quantity) * BigInt(r.unitPriceCents);
    const credit = r.invoiceNo.startsWith('C') || r.quantity < 0;
    const target =
      r.customerId === null ? unattributed : (perCustomer.get(r.customerId) ?? { gross: 0n, credits: 0n });
    if (r.customerId !== null) perCustomer.set(r.customerId, target);
    if (credit) {
      target.credits -= cents;
      all.credits -= cents;
    } else {
      target.gross += cents;
      all.gross += cents;
    }
  }
  return { perCustomer, all, unattributed };
}

async function fromExportToReport(variant: 'en' | 'nl', seed: number) {
  const x = webshopExport({ seed });
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-onboard-'));
  const file = path.join(root, variant === 'en' ? 'online_retail.csv' : 'verkoopregels.csv');
  writeWebshopCsv(file, x.rows, variant);
  const dir = path.join(root, 'shop');

  // 1. init --from: worth.yaml written, the load previewed with the broken rows as the only rejects.
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, init.stderr).toBe(0);
  // The preview speaks the language worth.yaml chose from the export's column names.
  if (variant === 'en') {
    expect(init.stdout).toContain(`first order_lines as Worth reads them:`);
    expect(init.stdout).toMatch(
      /order_lines: [\d,]+ lines read, [\d,]+ would load \([\d,]+ without a customer\), 4 rejected/,
    );
    expect(init.stdout).toContain(`line ${x.brokenLines[0]}:`);
  } else {
    expect(init.stdout).toContain(`eerste order_lines zoals Worth ze leest:`);
    expect(init.stdout).toMatch(
      /order_lines: [\d.]+ regels gelezen, [\d.]+ zouden laden \([\d.]+ zonder klant\), 4 afgewezen/,
    );
    expect(init.stdout).toContain(`regel ${x.brokenLines[0]}:`);
  }
  const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
  expect(yaml).toContain(`language: ${variant}`);

  // 2. ingest: rejects are exactly the broken rows; read = loaded + rejected.
  const ingest = worth(['ingest', dir, '--json']);
  expect(ingest.status, ingest.stderr).toBe(0);
  const report = JSON.parse(ingest.stdout) as {
    tables: Record<
      string,
      {
        rowsRead: number;
        rowsLoaded: number;
        rowsRejected: number;
        rowsUnattributed: number;
        amounts: Record<string, { loaded: string }>;
      }
    >;
  };
  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  expect([...new Set(rejects.map((r) => Number(r.line)))].sort((a, b) => a - b)).toEqual(x.brokenLines);
  const sales = x.rows.filter((r) => !r.broken && !r.invoiceNo.startsWith('C') && r.quantity > 0);
  const credits = x.rows.filter((r) => !r.broken && (r.invoiceNo.startsWith('C') || r.quantity < 0));
  expect(report.tables.order_lines!.rowsLoaded).toBe(sales.length);
  expect(report.tables.order_lines!.rowsRejected).toBe(4);
  expect(report.tables.order_lines!.rowsUnattributed).toBe(sales.filter((r) => r.customerId === null).length);
  expect(report.tables.returns!.rowsLoaded).toBe(credits.length);
  expect(report.tables.returns!.rowsRejected).toBe(0);
  const t = fileTotals(x.rows);
  expect(cents(report.tables.order_lines!.amounts.gross_amount!.loaded)).toBe(t.all.gross);
  expect(cents(report.tables.returns!.amounts.credited_amount!.loaded)).toBe(t.all.credits);

  // 3. analyze (with the starter cost model init wrote), 4. report (no --out: DIR/report.html).
  const analyze = worth(['analyze', dir, '--json']);
  expect(analyze.status, analyze.stderr).toBe(0);
  const r = worth(['report', dir]);
  expect(r.status, r.stderr).toBe(0);
  const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
  expect(html).toContain(`<html lang="${variant}">`);
  expect(html).not.toMatch(/NaN|Infinity|undefined/);

  // Gross, returns and net per customer add up to the file's own totals, to the cent.
  const pnl = await queryDb(
    dir,
    'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(returns AS VARCHAR) AS r, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl',
  );
  expect(pnl.length).toBe(t.perCustomer.size);
  for (const row of pnl) {
    const want = t.perCustomer.get(String(row.customer_id));
    expect(want, String(row.customer_id)).toBeDefined();
    expect([cents(row.g), cents(row.r), cents(row.n)], String(row.customer_id)).toEqual([
      want!.gross,
      want!.credits,
      want!.gross - want!.credits,
    ]);
  }
  const sum = pnl.reduce((a, row) => a + cents(row.n), 0n);
  expect(sum + t.unattributed.gross - t.unattributed.credits).toBe(t.all.gross - t.all.credits);
  // The invoice used by two customers is charged to both.
  const shared = await queryDb(
    dir,
    `SELECT count(DISTINCT customer_id) AS n FROM order_lines WHERE order_id = '${x.sharedInvoice}'`,
  );
  expect(Number(shared[0]!.n)).toBe(2);
  const big = await queryDb(dir, `SELECT count(*) AS n FROM order_lines WHERE order_id = '${x.bigInvoice}'`);
  expect(Number(big[0]!.n)).toBe(1000);
  // Amounts over 1,000,000 load as they are: two sales and the credit of one of them.
  const huge = await queryDb(
    dir,
    'SELECT (SELECT count(*) FROM order_lines WHERE gross_amount > 1000000) AS s, (SELECT count(*) FROM returns WHERE credited_amount > 1000000) AS c',
  );
  expect([Number(huge[0]!.s), Number(huge[0]!.c)]).toEqual([2, 1]);
  return { dir, x };
}

describe('worth init --from to worth report, no hand edit', () => {
  it('the 50,000-line English export (Online Retail layout)', async () => {
    const { dir } = await fromExportToReport('en', 11);
    expect(existsSync(path.join(dir, 'data', 'online_retail.csv'))).toBe(true);
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    expect(yaml).toContain("when: Quantity < 0 or starts_with(InvoiceNo, 'C')");
    expect(yaml).toContain('date_format: mm/dd/yyyy');
    expect(yaml).toContain('# company: "Your Company Ltd"');
  }, 600_000);

  it('the Dutch variant (semicolons, decimal comma, dd-mm-jjjj, Dutch headers)', async () => {
    const { dir } = await fromExportToReport('nl', 12);
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    expect(yaml).toContain(
      'format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy, encoding: utf-8 }',
    );
    expect(yaml).toContain("when: Aantal < 0 or starts_with(Factuurnummer, 'C')");
    expect(yaml).toContain('gross_amount: Aantal * Prijs');
  }, 600_000);
});
