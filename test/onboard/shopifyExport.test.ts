/**
 * A Shopify order export loads on the first try: `worth init --from`, `worth ingest`,
 * `worth analyze`, each a real child process, no hand edit of worth.yaml. The expected figures
 * are added up here from the generator's orders in BigInt cents.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { queryDb } from '../ingest/helpers.ts';
import { shopifyExport, writeShopifyCsv, type ShopifyExport } from '../fixtures/shopifyExport.ts';

const BIN = path.resolve('bin/worth.js');

function worth(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', WORTH_CHROMIUM: '/nonexistent/chromium' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cents = (s: string | number | boolean | null) => {
  const [i, f = ''] = String(s).split('.');
  const neg = i!.startsWith('-');
  const v = BigInt(i!.replace('-', '')) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
};
const text = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/** Per customer: gross of the lines that load (a voided order sells nothing) and the orders' discounts. */
function expected(x: ShopifyExport) {
  const per = new Map<string, { gross: bigint; discount: bigint }>();
  let unattributedLines = 0;
  let shipping = 0n;
  let refunded = 0n;
  for (const o of x.orders) {
    shipping += BigInt(o.shippingCents);
    refunded += BigInt(o.refundedCents);
    const sold = o.status !== 'voided';
    const lines = o.lines.filter((l) => !l.broken);
    if (o.email === null) {
      unattributedLines += lines.length;
      continue;
    }
    const p = per.get(o.email) ?? { gross: 0n, discount: 0n };
    per.set(o.email, p);
    if (!sold) continue;
    for (const l of lines) p.gross += BigInt(l.quantity) * BigInt(l.priceCents);
    p.discount += BigInt(o.discountCents);
  }
  return { per, unattributedLines, shipping, refunded };
}

describe('a Shopify order export: init --from, ingest, analyze with no hand edit', () => {
  it('fills order-level fields down, reads offset dates as printed, sells nothing for a voided order, rejects only the broken lines', async () => {
    const x = shopifyExport(21);
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shopify-'));
    const file = path.join(root, 'orders_export.csv');
    writeShopifyCsv(file, x);
    const dir = path.join(root, 'shop');
    const want = expected(x);

    const init = worth(['init', dir, '--from', file]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('Name -> order_id');
    expect(init.stdout).toContain('Lineitem quantity -> quantity');
    // The preview names what the order-level fields become, with the export's own totals.
    const shown = (c: bigint) => text(c).replace(/\B(?=(\d{3})+\.)/g, ',');
    expect(init.stdout).toContain(
      "on an order's first line only, filled down to its other lines: Email, Created at, Billing Name, Billing Country, Financial Status",
    );
    expect(init.stdout).toContain('Financial Status: 1 voided or cancelled orders load with no sale');
    expect(init.stdout).toContain(`Shipping: ${shown(want.shipping)} charged for delivery on`);
    expect(init.stdout).toContain(
      `Refunded Amount: ${shown(want.refunded)} refunded on 2 orders is not loaded as returns`,
    );
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    expect(yaml).toMatch(
      /fill_down: \["Email", "Created at", "Billing Name", "Billing Country", "Financial Status"\]/,
    );
    expect(yaml).toContain('gross_amount: if(');
    // What Worth does not load is named with the export's own totals.
    expect(yaml).toContain(`# Shipping: ${text(want.shipping)} charged for delivery`);
    expect(yaml).toContain(
      `# Refunded Amount: ${text(want.refunded)} refunded on 2 orders is not loaded as returns`,
    );
    expect(yaml).toContain('# Financial Status: 1 orders voided');

    const ingest = worth(['ingest', dir, '--json']);
    expect(ingest.status, ingest.stderr).toBe(0);
    const report = JSON.parse(ingest.stdout) as {
      tables: Record<string, { rowsLoaded: number; rowsRejected: number; rowsUnattributed: number }>;
    };
    const rejects = parse(readFileSync(path.join(dir, 'rejects.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect([...new Set(rejects.map((r) => Number(r.line)))].sort((a, b) => a - b)).toEqual(x.brokenLines);
    expect(x.brokenLines.length).toBeGreaterThan(0);
    expect(report.tables.order_lines!.rowsRejected).toBe(x.brokenLines.length);
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
        0n,
        w!.gross - w!.discount,
      ]);
    }
  }, 600_000);
});
