/**
 * A Shopify order export loads on the first try: `worth init --from`, `worth ingest`,
 * `worth analyze`, each a real child process, no hand edit of worth.yaml. The expected figures
 * are added up here from the generator's orders in BigInt cents.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import { shopifyExport, writeShopifyCsv, type ShopifyExport } from '../fixtures/shopifyExport.ts';
import { readRejects } from '../ingest/helpers.ts';

const text = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/**
 * Per customer: gross of the lines that load and the orders' discounts, and the refunds as
 * returns. A voided order is left out by the status rule: its lines are not loaded (its
 * customer is none unless another order names them).
 */
function expected(x: ShopifyExport) {
  const per = new Map<string, { gross: bigint; discount: bigint; returns: bigint }>();
  let unattributedLines = 0;
  let shipping = 0n;
  let refunded = 0n;
  let voidedLines = 0;
  let voidedNet = 0n;
  for (const o of x.orders) {
    shipping += BigInt(o.shippingCents);
    refunded += BigInt(o.refundedCents);
    const lines = o.lines.filter((l) => !l.broken);
    if (o.status === 'voided') {
      voidedLines += o.lines.length;
      for (const l of o.lines) voidedNet += BigInt(l.quantity) * BigInt(l.priceCents);
      voidedNet -= BigInt(o.discountCents);
      continue;
    }
    if (o.email === null) {
      unattributedLines += lines.length;
      continue;
    }
    const p = per.get(o.email) ?? { gross: 0n, discount: 0n, returns: 0n };
    per.set(o.email, p);
    for (const l of lines) p.gross += BigInt(l.quantity) * BigInt(l.priceCents);
    p.discount += BigInt(o.discountCents);
    p.returns += BigInt(o.refundedCents);
  }
  return { per, unattributedLines, shipping, refunded, voidedLines, voidedNet };
}

/** The names and words of each variant (the preview speaks the language worth.yaml chose). */
/** Cents as a Dutch text writes them (1.234,56). */
const dutchShown = (c: bigint) =>
  text(c)
    .replace('.', ',')
    .replace(/\B(?=(\d{3})+,)/g, '.');

const WORDS = {
  en: {
    file: 'orders_export.csv',
    order: 'Name',
    quantity: 'Lineitem quantity',
    filled: ['Email', 'Created at', 'Billing Name', 'Billing Country', 'Financial Status'],
    filledSays: "on an order's first line only, filled down to its other lines: ",
    voided: (n: number) => `Financial Status: ${n} lines say voided: left out of the load by exclude_when`,
    excluded: (n: number, a: string) =>
      `order_lines (data/orders_export.csv): ${n} lines (${a} net) left out by your rule`,
    shipping: (a: string) => `Shipping: ${a} charged for delivery on`,
    notReturns:
      /^returns \(data\/orders_export\.csv\): your rule `.+` takes no returns from [\d,]+ lines of this file, which order_lines reads too; not rejects$/m,
    refunded: (a: string) =>
      `Refunded Amount: ${a} refunded on 2 orders load as returns (money only, against the order)`,
    status: 'Financial Status',
    shippingColumn: 'Shipping',
    refundedColumn: 'Refunded Amount',
    // worth.yaml's comments, amounts as the engine prints them.
    yamlShipping: (c: bigint) => `# Shipping: ${text(c)} charged for delivery`,
    yamlRefunds: (c: bigint) => `# refunds: Refunded Amount, ${text(c)} on 2 orders`,
    shown: (c: bigint) => text(c).replace(/\B(?=(\d{3})+\.)/g, ','),
  },
  nl: {
    file: 'bestellingen.csv',
    order: 'Bestelnummer',
    quantity: 'Aantal',
    filled: ['Klant e-mail', 'Besteldatum', 'Klantnaam', 'Land', 'Bestelstatus'],
    filledSays: 'alleen op de eerste regel van een order, aangevuld op de andere regels: ',
    voided: (n: number) =>
      `Bestelstatus: ${n} regels zeggen geannuleerd: weggelaten uit de lading door exclude_when`,
    excluded: (n: number, a: string) =>
      `order_lines (data/bestellingen.csv): ${n} regels (${a} netto) weggelaten door uw regel`,
    shipping: (a: string) => `Verzendkosten: ${a} aan verzendkosten op`,
    notReturns:
      /^returns \(data\/bestellingen\.csv\): uw regel `.+` neemt geen returns uit [\d.]+ regels van dit bestand, dat ook order_lines leest; geen afwijzingen$/m,
    refunded: (a: string) =>
      `Terugbetaald: ${a} terugbetaald op 2 orders laden als retour (alleen geld, op de order)`,
    status: 'Bestelstatus',
    shippingColumn: 'Verzendkosten',
    refundedColumn: 'Terugbetaald',
    // worth.yaml's comments in Dutch, amounts with a decimal comma.
    yamlShipping: (c: bigint) => `# Verzendkosten: ${dutchShown(c)} gerekend voor bezorging`,
    yamlRefunds: (c: bigint) => `# terugbetalingen: Terugbetaald, ${dutchShown(c)} op 2 orders`,
    shown: dutchShown,
  },
} as const;

async function fromExport(variant: 'en' | 'nl', seed: number) {
  const v = WORDS[variant];
  const x = shopifyExport(seed);
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shopify-'));
  const file = path.join(root, v.file);
  writeShopifyCsv(file, x, variant);
  const dir = path.join(root, 'shop');
  const want = expected(x);

  const init = worth(['init', dir, '--from', file]);
  expect(init.status, init.stderr).toBe(0);
  expect(init.stdout).toContain(`${v.order} -> order_id`);
  expect(init.stdout).toContain(`${v.quantity} -> quantity`);
  // The preview names what the order-level fields become, with the export's own totals.
  expect(init.stdout).toContain(`${v.filledSays}${v.filled.join(', ')}`);
  expect(init.stdout).toContain(v.voided(want.voidedLines));
  expect(init.stdout).toContain(v.excluded(want.voidedLines, v.shown(want.voidedNet)));
  expect(init.stdout).toContain(v.shipping(v.shown(want.shipping)));
  expect(init.stdout).toContain(v.refunded(v.shown(want.refunded)));
  // The refunds source picks its lines from the export: the others are the order lines', never "left out (0.00)".
  expect(init.stdout).not.toMatch(/^returns \(.*(left out|weggelaten)/m);
  expect(init.stdout).toMatch(v.notReturns);
  const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
  expect(yaml).toContain(`language: ${variant}`);
  expect(yaml).toContain(`fill_down: [${v.filled.map((c) => JSON.stringify(c)).join(', ')}]`);
  const statusTerm = /^\w+$/.test(v.status) ? v.status : `col("${v.status}")`;
  expect(yaml).toContain(`exclude_when: in_list(lower(trim(${statusTerm})), `);
  // What Worth does not load is named with the export's own totals.
  expect(yaml).toContain(v.yamlShipping(want.shipping));
  // Refunds are a returns source over the same file: the refund amount, a money-only return against the order.
  expect(yaml).toContain(v.yamlRefunds(want.refunded));
  const refundTerm = /^\w+$/.test(v.refundedColumn) ? v.refundedColumn : `col("${v.refundedColumn}")`;
  expect(yaml).toContain(`credited_amount: abs(${refundTerm})`);

  const ingest = worth(['ingest', dir, '--json']);
  expect(ingest.status, ingest.stderr).toBe(0);
  const report = JSON.parse(ingest.stdout) as {
    tables: Record<string, { rowsLoaded: number; rowsRejected: number; rowsUnattributed: number }>;
  };
  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  expect([...new Set(rejects.map((r) => Number(r.line)))].sort((a, b) => a - b)).toEqual(x.brokenLines);
  expect(x.brokenLines.length).toBeGreaterThan(0);
  expect(report.tables.order_lines!.rowsRejected).toBe(x.brokenLines.length);
  // Only the voided lines are stored as left out (the data-quality page and the report count these).
  const stored = await queryDb(dir, 'SELECT table_name, lines FROM ingest_exclusions');
  expect(stored.map((r) => [String(r.table_name), Number(r.lines)])).toEqual([
    ['order_lines', want.voidedLines],
  ]);
  // Only the guest orders' lines (no email at all) are without a customer.
  expect(report.tables.order_lines!.rowsUnattributed).toBe(want.unattributedLines);

  // The order at 23:30 at -0500 keeps its local date (in UTC it would be the next day).
  const late = await queryDb(
    dir,
    `SELECT DISTINCT CAST(order_date AS VARCHAR) AS d FROM order_lines WHERE order_id = '${x.lateOrder}'`,
  );
  expect(late).toEqual([{ d: '2024-03-31' }]);
  // Every order has one customer: one delivery per order.
  const split = await queryDb(
    dir,
    "SELECT order_id FROM order_lines GROUP BY order_id HAVING count(DISTINCT coalesce(customer_id, '')) > 1",
  );
  expect(split).toEqual([]);

  const analyze = worth(['analyze', dir, '--json']);
  expect(analyze.status, analyze.stderr).toBe(0);
  const pnl = await queryDb(
    dir,
    'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(discounts AS VARCHAR) AS d, CAST(returns AS VARCHAR) AS r, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl',
  );
  expect(pnl.length).toBe(want.per.size);
  for (const row of pnl) {
    const w = want.per.get(String(row.customer_id));
    expect(w, String(row.customer_id)).toBeDefined();
    expect([cents(row.g), cents(row.d), cents(row.r), cents(row.n)], String(row.customer_id)).toEqual([
      w!.gross,
      w!.discount,
      w!.returns,
      w!.gross - w!.discount - w!.returns,
    ]);
  }
}

describe('a web-shop order export: init --from, ingest, analyze with no hand edit', () => {
  it('Shopify (English): order-level fields filled down, offset dates as printed, a voided order left out, refunds as returns, only the broken lines rejected', async () => {
    await fromExport('en', 21);
  }, 600_000);

  it('a Dutch web shop (Bestelnummer, Klant e-mail, Besteldatum, Aantal, Stukprijs, Korting, Verzendkosten; ";" and decimal comma)', async () => {
    await fromExport('nl', 22);
  }, 600_000);
});
