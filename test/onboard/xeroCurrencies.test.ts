/**
 * A Xero invoice detail with invoices in several currencies (test/fixtures/englishShapes4.ts): a
 * workspace keeps one currency. With a base-currency amount (`Net (GBP)`) init loads that column
 * and says so, and the totals per customer are the base amounts from the generator in cents; without
 * one, init refuses in one paragraph naming the currencies with their lines (counted here from the
 * file) and leaves nothing behind.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { xeroMultiCurrency } from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';
import { worth } from './worthCli.ts';

describe('Xero invoice detail in several currencies', () => {
  it('loads the base-currency column where the export has one, and says so', async () => {
    const x = xeroMultiCurrency(7, true);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('currency: GBP');
    expect(yaml).toContain('customer_id: Contact');
    expect(yaml).toMatch(/gross_amount: col\("Net \(GBP\)"\)|gross_amount: 'col\("Net \(GBP\)"\)'/);
    expect(init).toMatch(
      /Currency: 3 currencies \(GBP on \d+ lines, (USD|EUR) on \d+ lines, (USD|EUR) on \d+ lines\); the money is loaded from Net \(GBP\), the amount in GBP on every line, and Net, Unit Price \(in each line's own currency\) are not loaded/,
    );
  }, 600_000);

  it('refuses in one paragraph when no column holds the amounts in one currency', () => {
    const x = xeroMultiCurrency(7, false);
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-currencies-'));
    const file = path.join(root, x.name);
    writeFileSync(file, x.bytes);
    const lines = x.bytes.toString('utf8').trim().split('\n').slice(1);
    const count = (code: string) => lines.filter((l) => l.endsWith(`,${code}`)).length;
    const dir = path.join(root, 'ws');
    const r = worth(['init', dir, '--from', file]);
    expect(r.status).not.toBe(0);
    const said = r.stderr.trim();
    expect(said.split('\n')).toHaveLength(1);
    expect(said).not.toMatch(/ {4}at |Error:|undefined|NaN/);
    expect(said).toContain(
      `${x.name}: holds amounts in 3 currencies (GBP on ${count('GBP')} lines, USD on ${count('USD')} lines, EUR on ${count('EUR')} lines, by the Currency column)`,
    );
    expect(said).toContain('split the file by Currency');
    expect(existsSync(dir)).toBe(false);
  });
});
