/**
 * Business Central's "Posted Sales Invoice Lines" names its customer `Sell-to Customer No.`:
 * recognised as the customer id (init stopped with "no column recognised as customer id" before).
 * The pair with "Posted Sales Credit Memo Lines" in one folder (test/fixtures/englishShapes5.ts):
 * `worth init --from FOLDER` to `worth report` with no hand edit; the credit memo file (printed
 * positive) is the returns source, comment lines (`Type` empty, a description only) are left out
 * by a rule init writes, counted and not rejected; totals per customer from the generator.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initFromExport } from '../../src/onboard/index.ts';
import { businessCentralPair } from '../fixtures/englishShapes5.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';
import { cents } from './worthCli.ts';

describe('Business Central sales lines: names', () => {
  it('Sell-to Customer No. is the customer, Document No. the order', async () => {
    const rows = [
      'Document No.,Posting Date,Sell-to Customer No.,Type,No.,Description,Quantity,Unit Price Excl. VAT,Line Amount Excl. VAT',
    ];
    for (let i = 1; i <= 40; i++)
      rows.push(
        `PS-INV${103000 + i},${10 + (i % 18)}/0${1 + (i % 9)}/2025,${10000 * (1 + (i % 4))},Item,1896-S,Desk,${1 + (i % 3)},129.50,${((1 + (i % 3)) * 129.5).toFixed(2)}`,
      );
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-bc-'));
    const file = path.join(root, 'Posted Sales Invoice Lines.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const made = await initFromExport(path.join(root, 'ws'), file);
    const yaml = readFileSync(made.configFile, 'utf8');
    expect(yaml).toContain('customer_id: col("Sell-to Customer No.")');
    expect(yaml).toContain('order_id: col("Document No.")');
    expect(made.preview.report?.tables.order_lines?.rowsLoaded).toBe(40);
  }, 120_000);

  it('the invoice and credit memo files in one folder: returns from the credit memos, comment lines left out', async () => {
    const x = businessCentralPair(5);
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-bc-pair-')), 'exports');
    mkdirSync(folder);
    for (const f of x.files) writeFileSync(path.join(folder, f.name), f.bytes);
    expect(x.cancelledLines).toBeGreaterThan(0);
    const { yaml, init, dir } = await fourCommands(x, folder, 'data/Posted Sales Invoice Lines.csv');
    expect(yaml).toContain('file: "data/Posted Sales Invoice Lines.csv"');
    expect(yaml).toMatch(/returns: .*\n {4}file: "data\/Posted Sales Credit Memo Lines.csv"/);
    expect(yaml).toContain('credited_amount: abs(-col("Line Amount Excl. VAT"))');
    expect(yaml).toContain(
      'exclude_when: is_empty(Quantity) and is_empty(col("Unit Price Excl. VAT")) and is_empty(col("Line Amount Excl. VAT"))',
    );
    expect(init).toMatch(/Posted Sales Credit Memo Lines.csv: named as credit memos/);
    expect(init).toMatch(
      /order_lines \(data\/Posted Sales Invoice Lines.csv\): \d+ lines .* left out by your rule/,
    );
    // Every credit memo line is a return, at its amount as printed (the generator's credits, summed).
    const credited = await queryDb(dir, 'SELECT CAST(sum(credited_amount) AS VARCHAR) AS s FROM returns');
    const want = [...x.perCustomer.values()].reduce((a, s) => a + s.credits, 0n);
    expect(want).toBeGreaterThan(0n);
    expect(cents(credited[0]!.s)).toBe(want);
  }, 600_000);
});
