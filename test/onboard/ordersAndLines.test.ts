/**
 * Issue 11, wholesale: the order lines in one file, the orders (customer, date) in another,
 * joined by worth.yaml's `lookup:` (src/ingest/lookupJoin.ts). Each variant (Dutch, English) is
 * loaded by `worth ingest` and `worth analyze` as child processes; the rejects are exactly the
 * faults the generator planted (in either file, each on its own line), the orders without lines
 * are counted, and gross, returns and net per customer equal the generator's cents.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ordersAndLines, type OrdersAndLines } from '../fixtures/ordersAndLines.ts';
import {
  expectCustomerMoney,
  expectOrdersWithoutLines,
  expectPlantedRejects,
} from './ordersAndLinesChecks.ts';
import { worth } from './worthCli.ts';

function workspace(x: OrdersAndLines, yaml = x.yaml): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-orders-lines-'));
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'data', x.ordersFile), x.orders);
  writeFileSync(path.join(dir, 'data', x.linesFile), x.lines);
  writeFileSync(path.join(dir, 'worth.yaml'), yaml);
  return dir;
}

/** The README's example under "Order lines and orders in two files", as written, with the period and a margin around it. */
function readmeYaml(): string {
  const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('### Order lines and orders in two files');
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
  return `language: nl\nperiod: { start: 2025-01-01, end: 2025-12-31 }\ncogs: { default_margin: 0.3 }\n${block}`;
}

describe('order lines joined to an orders file (lookup)', () => {
  for (const lang of ['nl', 'en'] as const)
    it(`${lang}: ingest and analyze load every good line with its order's customer and date, reject exactly the planted faults, count the orders without lines`, async () => {
      const x = ordersAndLines(lang === 'nl' ? 111 : 222, lang);
      expect(x.lines.split('\n').length).toBeGreaterThan(2500);
      // The Dutch variant runs the README's example as written.
      const dir = workspace(x, lang === 'nl' ? readmeYaml() : x.yaml);
      const ingest = worth(['ingest', dir, '--json']);
      expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
      const report = JSON.parse(ingest.stdout) as {
        lookups: { file: string; rowsRead: number; rowsRejected: number; withoutLines: number }[];
      };
      expect(report.lookups).toEqual([
        expect.objectContaining({
          file: `data/${x.ordersFile}`,
          rowsRead: x.orderRows,
          rowsRejected: x.rejects.filter((r) => r.file === 'orders').length,
          withoutLines: x.withoutLines,
        }),
      ]);
      const plain = worth(['ingest', dir]);
      expect(plain.status).toBe(0);
      expectOrdersWithoutLines(plain.stdout, lang);
      const rejects = expectPlantedRejects(dir, x);
      // The sentences name the order and the orders file, in the workspace's language.
      const missing = rejects.find((r) => r.code === 'lookup_missing')!;
      expect(missing.reason).toContain(
        lang === 'nl'
          ? `order ${missing.value} staat niet in data/${x.ordersFile}`
          : `order ${missing.value} is not in data/${x.ordersFile}`,
      );
      const dup = rejects.find((r) => r.code === 'duplicate_key')!;
      expect(dup.reason).toMatch(lang === 'nl' ? /staat al op regel \d+/ : /already on line \d+/);

      const analyze = worth(['analyze', dir]);
      expect(analyze.status, `${analyze.stdout}\n${analyze.stderr}`).toBe(0);
      expect(analyze.stdout + analyze.stderr).not.toMatch(/NaN|Infinity|undefined|Error:| {4}at /);
      await expectCustomerMoney(dir, x);
    }, 600_000);

  it('a key worth.yaml does not know under lookup is an error with a did-you-mean; a column the orders file lacks names the file and its columns', () => {
    const x = ordersAndLines(5, 'nl', 30);
    const typo = worth([
      'ingest',
      workspace(x, x.yaml.replace('      on: Ordernummer', '      onn: Ordernummer')),
    ]);
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toContain('sources.order_lines.lookup');
    expect(typo.stderr).toContain('onbekende instelling "onn" (bedoeld: "on"?)');
    expect(typo.stderr).not.toMatch(/ {4}at |undefined/);
    const absent = worth([
      'ingest',
      workspace(x, x.yaml.replace('[Debiteur, Orderdatum]', '[Klant, Orderdatum]')),
    ]);
    expect(absent.status).not.toBe(0);
    expect(absent.stderr).toContain(`data/${x.ordersFile}`);
    expect(absent.stderr).toContain('heeft geen kolom Klant');
    expect(absent.stderr).not.toMatch(/ {4}at |undefined/);
  }, 600_000);
});
