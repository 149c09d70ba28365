/**
 * Issue 11, wholesale, part 3: `worth init DIR --from lines.csv --from orders.csv` writes the
 * `lookup` itself. The seeded Dutch and English exports in two files (test/fixtures/ordersAndLines.ts)
 * go init -> ingest -> analyze -> report as child processes with no hand-written worth.yaml:
 * the rejects are exactly the faults the generator planted, gross, returns and net per customer
 * equal its BigInt cents. The files given the other way round make the same worth.yaml; a pair
 * that is not lines and orders, and lines alone, are one paragraph naming the files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Both exports written into a fresh folder (not a workspace): their paths. */
function exportsOf(x: OrdersAndLines): { root: string; lines: string; orders: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-init-orders-lines-'));
  const lines = path.join(root, x.linesFile);
  const orders = path.join(root, x.ordersFile);
  writeFileSync(lines, x.lines);
  writeFileSync(orders, x.orders);
  return { root, lines, orders };
}

const clean = (s: string) => expect(s).not.toMatch(/NaN|Infinity|undefined|Error:| {4}at /);

describe('worth init --from lines --from orders', () => {
  for (const lang of ['nl', 'en'] as const)
    it(`${lang}: init writes the lookup; ingest, analyze and report load every good line with its order's customer, reject exactly the planted faults, and per-customer money equals the generator's cents`, async () => {
      const x = ordersAndLines(lang === 'nl' ? 111 : 222, lang);
      const { root, lines, orders } = exportsOf(x);
      const dir = path.join(root, 'ws');
      const init = worth(['init', dir, '--from', lines, '--from', orders]);
      expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
      clean(init.stdout + init.stderr);
      const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
      // The lookup block: the orders' copy, the shared column and the columns the mapping takes from it.
      const on = lang === 'nl' ? 'Ordernummer' : 'Order No';
      const [customer, date] = lang === 'nl' ? ['Debiteur', 'Orderdatum'] : ['Customer', 'Order Date'];
      expect(yaml).toContain(`      file: "data/${x.ordersFile}"`);
      expect(yaml).toContain(`      on: "${on}"`);
      expect(yaml).toMatch(new RegExp(`      columns: \\["${customer}", "${date}"(, "Status")?\\]`));
      expect(yaml).toContain(`    file: "data/${x.linesFile}"`);
      expect(readFileSync(path.join(dir, 'data', x.ordersFile), 'utf8')).toBe(x.orders);
      expect(readFileSync(path.join(dir, 'data', x.linesFile), 'utf8')).toBe(x.lines);
      // Its comments say what was guessed in the export's language.
      expect(yaml).toContain(
        lang === 'nl'
          ? `twee exports: ${x.linesFile} bevat de orderregels`
          : `two exports: ${x.linesFile} holds the order lines`,
      );

      const ingest = worth(['ingest', dir]);
      expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
      expectOrdersWithoutLines(ingest.stdout, lang);
      expectPlantedRejects(dir, x);

      const analyze = worth(['analyze', dir]);
      expect(analyze.status, `${analyze.stdout}\n${analyze.stderr}`).toBe(0);
      clean(analyze.stdout + analyze.stderr);
      const report = worth(['report', dir]);
      expect(report.status, `${report.stdout}\n${report.stderr}`).toBe(0);
      clean(report.stdout + report.stderr);
      expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).not.toMatch(/NaN|Infinity|undefined/);

      await expectCustomerMoney(dir, x);
    }, 900_000);

  it('the orders file first: the same worth.yaml as the lines first', () => {
    const x = ordersAndLines(7, 'en', 200);
    const { root, lines, orders } = exportsOf(x);
    const first = worth(['init', path.join(root, 'a'), '--from', lines, '--from', orders]);
    expect(first.status, `${first.stdout}\n${first.stderr}`).toBe(0);
    const second = worth(['init', path.join(root, 'b'), '--from', orders, '--from', lines]);
    expect(second.status, `${second.stdout}\n${second.stderr}`).toBe(0);
    const a = readFileSync(path.join(root, 'a', 'worth.yaml'), 'utf8');
    expect(a).toContain('      on: "Order No"');
    expect(readFileSync(path.join(root, 'b', 'worth.yaml'), 'utf8')).toBe(a);
  }, 600_000);

  it('two files of lines are one paragraph naming both; lines alone point to a second --from', () => {
    const nl = ordersAndLines(8, 'nl', 60);
    const en = ordersAndLines(9, 'en', 60);
    const a = exportsOf(nl);
    const b = exportsOf(en);
    const both = worth(['init', path.join(a.root, 'ws'), '--from', a.lines, '--from', b.lines]);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain(`${nl.linesFile} en ${en.linesFile} zijn geen orderregels met hun orders`);
    expect(both.stderr).toContain(
      `${en.linesFile}: orderregels zonder klant en datum (ordernummer Order No)`,
    );
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    clean(both.stderr);
    // The orders of another system: no column of the lines' order number.
    writeFileSync(b.orders, en.orders.replace('Order No,', 'Order Number,'));
    const apart = worth(['init', path.join(b.root, 'ws'), '--from', b.lines, '--from', b.orders]);
    expect(apart.status).not.toBe(0);
    expect(apart.stderr).toContain(
      `${en.linesFile} (order lines, order number Order No) and ${en.ordersFile} (orders with Customer and Order Date) share no column Order No`,
    );
    clean(apart.stderr);
    for (const [x, file, want] of [
      [
        nl,
        a.lines,
        `Geef die export als tweede --from (\`worth init MAP --from ${nl.linesFile} --from orders.csv\`)`,
      ],
      [
        en,
        b.lines,
        `Give that export as a second --from (\`worth init DIR --from ${en.linesFile} --from orders.csv\`)`,
      ],
    ] as const) {
      const alone = worth(['init', path.join(path.dirname(file), `alone-${x.lang}`), '--from', file]);
      expect(alone.status).not.toBe(0);
      expect(alone.stderr).toContain(want);
      clean(alone.stderr);
    }
  }, 600_000);
});
