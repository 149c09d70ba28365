/**
 * Exports whose amounts include VAT, whose customer column holds a code and a name, and
 * WooCommerce's order lines load net of VAT on the first try: `worth init --from`, `worth
 * ingest`, `worth analyze`, each a real child process, no hand edit of worth.yaml. Net sales
 * per customer must equal the export's amounts excluding VAT, added up here from the
 * generator's lines in BigInt cents; ids and names must come apart as the generator made them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import {
  afasLines,
  wooLines,
  wooCustomer,
  wooName,
  writeAfasCsv,
  writeWooCsv,
  type AfasShape,
} from '../fixtures/vatExports.ts';

interface Want {
  gross: bigint;
  returns: bigint;
  name: string;
}

/** Runs init, ingest and analyze on `file` in a new workspace; returns its folder, the preview and worth.yaml. */
function load(file: string): { dir: string; preview: string; yaml: string } {
  const dir = path.join(path.dirname(file), 'ws');
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, init.stderr).toBe(0);
  const ingest = worth(['ingest', dir]);
  expect(ingest.status, ingest.stderr).toBe(0);
  const analyze = worth(['analyze', dir, '--json']);
  expect(analyze.status, analyze.stderr).toBe(0);
  return { dir, preview: init.stdout, yaml: readFileSync(path.join(dir, 'worth.yaml'), 'utf8') };
}

/** Checks the customer P&L and the customers' names against `want` (per customer id). */
async function expectPnl(dir: string, want: Map<string, Want>): Promise<void> {
  const pnl = await queryDb(
    dir,
    'SELECT p.customer_id, c.name, CAST(p.gross_sales AS VARCHAR) AS g, CAST(p.discounts AS VARCHAR) AS d, CAST(p.returns AS VARCHAR) AS r, CAST(p.net_sales AS VARCHAR) AS n FROM customer_pnl p JOIN customers c USING (customer_id) ORDER BY 1',
  );
  expect(pnl.map((x) => String(x.customer_id))).toEqual([...want.keys()].sort());
  for (const row of pnl) {
    const w = want.get(String(row.customer_id))!;
    expect(
      [row.name, cents(row.g), cents(row.d), cents(row.r), cents(row.n)],
      String(row.customer_id),
    ).toEqual([w.name, w.gross, 0n, w.returns, w.gross - w.returns]);
  }
}

async function afas(shape: AfasShape, seed: number): Promise<{ preview: string; yaml: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), `worth-vat-${shape.vat}-`));
  const file = path.join(root, 'afas_verkoop.csv');
  const lines = afasLines(seed);
  writeAfasCsv(file, lines, shape);
  const want = new Map<string, Want>();
  let net = 0n;
  for (const l of lines) {
    const w = want.get(l.customer.id) ?? { gross: 0n, returns: 0n, name: l.customer.name };
    want.set(l.customer.id, w);
    if (l.quantity > 0) w.gross += l.exclCents;
    else w.returns -= l.exclCents;
    net += l.exclCents;
  }
  // The generator makes credit lines and VAT at every rate, or the test would prove less.
  expect(lines.some((l) => l.quantity < 0)).toBe(true);
  expect(new Set(lines.map((l) => l.rate))).toEqual(new Set([21, 9, 0]));
  const { dir, preview, yaml } = load(file);
  await expectPnl(dir, want);
  const [total] = await queryDb(dir, 'SELECT CAST(sum(net_sales) AS VARCHAR) AS n FROM customer_pnl');
  expect(cents(total!.n)).toBe(net);
  return { preview, yaml };
}

describe('amounts including VAT and a combined customer column: init --from, ingest, analyze', () => {
  it('AFAS: "10003 - Café Het Hoekje", Bedrag incl. btw less its Btw amount', async () => {
    const { preview, yaml } = await afas({ vat: 'amount', customer: 'dash' }, 61);
    expect(yaml).toContain("customer_id: trim(before(Debiteur, ' - '))");
    expect(yaml).toContain('gross_amount: (col("Bedrag incl. btw") - coalesce(Btw, 0))');
    expect(yaml).toContain('credited_amount: -(col("Bedrag incl. btw") - coalesce(Btw, 0))');
    expect(yaml).toContain('columns: { name: "trim(after(Debiteur, \' - \'))" }');
    expect(preview).toContain('Debiteur bevat een code en een naam, "code - naam", op 100% van de waarden');
    expect(preview).toContain('Bedrag incl. btw is inclusief btw: netto is Bedrag incl. btw - Btw');
  }, 600_000);

  it('only a VAT rate: Bedrag incl. btw / (1 + Btw % / 100) per line; "Café Het Hoekje (10003)"', async () => {
    const { preview, yaml } = await afas({ vat: 'rate', customer: 'brackets' }, 62);
    expect(yaml).toContain(
      'gross_amount: round(col("Bedrag incl. btw") / (1 + coalesce(col("Btw %"), 0) / 100), 2)',
    );
    expect(yaml).toContain('per regel afgerond op centen');
    expect(preview).toContain('"naam (code)"');
  }, 600_000);
});

describe('WooCommerce order lines: init --from, ingest, analyze', () => {
  it.each([
    ['en', 71],
    ['nl', 72],
  ] as const)(
    '%s: SKU is the product (not Item #), Customer User ID the customer, company or first + last name',
    async (lang, seed) => {
      const root = mkdtempSync(path.join(os.tmpdir(), `worth-woo-${lang}-`));
      const file = path.join(root, lang === 'en' ? 'orders.csv' : 'bestellingen.csv');
      const lines = wooLines(seed);
      writeWooCsv(file, lines, lang);
      const want = new Map<string, Want>();
      for (const l of lines) {
        const w = want.get(wooCustomer(l)) ?? { gross: 0n, returns: 0n, name: wooName(l) };
        want.set(wooCustomer(l), w);
        w.gross += BigInt(l.quantity) * l.priceCents;
      }
      expect(lines.some((l) => l.company === '')).toBe(true);
      // Guests (account 0) are each their own customer by e-mail, never one customer "0".
      expect(new Set(lines.filter((l) => l.customerId === '0').map((l) => l.email)).size).toBeGreaterThan(1);
      const { dir, preview, yaml } = load(file);
      const [item, id, company, email] =
        lang === 'en'
          ? ['Item #', 'Customer User ID', 'Billing Company', 'Billing Email']
          : ['Artikel #', 'Klant-ID', 'Bedrijf', 'E-mail'];
      expect(preview).toContain('SKU -> product_id');
      expect(preview).toContain(`${id} -> customer_id`);
      expect(preview).toContain(`${company} -> customer_name`);
      expect(yaml).not.toContain(`product_id: col("${item}")`);
      expect(yaml).toContain(`customer_id: if(col("${id}") = '0', col("${email}"), col("${id}"))`);
      await expectPnl(dir, want);
      // Products are the SKUs, never the line's place in its order.
      const products = await queryDb(dir, 'SELECT DISTINCT product_id FROM order_lines ORDER BY 1');
      expect(products.map((p) => p.product_id)).toEqual([...new Set(lines.map((l) => l.sku))].sort());
    },
    600_000,
  );
});
