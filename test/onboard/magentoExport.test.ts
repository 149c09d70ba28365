/**
 * A Magento 2 order item export, delivered as `.csv.gz` and as Parquet with typed columns
 * (DECIMAL(20,4) money, DECIMAL(12,4) quantities, TIMESTAMP, INTEGER customer ids with NULL for
 * guests), from `worth init --from` to `worth report` with no hand edit. Totals per customer
 * come from the generator in cents (test/fixtures/englishShapes2.ts).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { magentoOrderItems, writeMagentoParquet } from '../fixtures/englishShapes2.ts';
import { fourCommands } from './englishRun.ts';

describe('Magento 2 order items: init --from to report, no hand edit', () => {
  it('CSV.gz: canceled left out, guests are their e-mail, per-item refunds as returns, a line without a quantity rejected', async () => {
    const x = magentoOrderItems(41);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('customer_id: coalesce(customer_id, customer_email)');
    expect(yaml).toContain('credited_amount: abs(amount_refunded)');
    expect(yaml).toContain(`exclude_when: in_list(lower(trim(status)), 'canceled')`);
    expect(yaml).toContain('currency: USD');
  }, 600_000);

  it('Parquet with DECIMAL and TIMESTAMP columns: the same totals', async () => {
    const x = magentoOrderItems(42);
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'worth-magento-')),
      'sales_order_items.parquet',
    );
    await writeMagentoParquet(x, file);
    // A Parquet file has no header line: data row i is row i + 1.
    const broken = new Map([...x.broken].map(([line, code]) => [line - 1, code]));
    const { yaml } = await fourCommands({ ...x, name: path.basename(file), broken }, file);
    expect(yaml).toContain('Parquet: column names and types come from the file');
  }, 600_000);
});
