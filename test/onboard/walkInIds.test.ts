/**
 * A till's placeholder for "no customer" as a class (issue 11), through `worth init --from` and
 * `worth ingest` as real child processes: a placeholder word in the id column (`Cash Sale`) goes
 * to missing_values; a number the name column calls a walk-in (`99999` beside `Walk-In
 * Customer`), or an id of zeros (`000`, the most common id), is read as missing by customer_id's
 * nullif (a number cannot go in missing_values, which every column reads). Either way those
 * lines load without a customer, and no customer is made of them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/clv/index.ts';
import { csvLine, int, pad, pick } from '../fixtures/shapeKit.ts';
import { queryDb } from '../ingest/helpers.ts';
import { worth } from './worthCli.ts';

/** A till export of `n` sales, a third of them to `placeholder` (id, name); the rest to four customers. */
function till(
  seed: number,
  placeholder: readonly [string, string],
  n = 150,
): { csv: string; walkIns: number } {
  const r = new Random(seed);
  const customers = [
    ['4101', 'Ava Green'],
    ['4102', 'Leo Hughes'],
    ['4117', 'Mia Turner'],
    ['4130', 'The Corner Bistro'],
  ] as const;
  const out = [
    csvLine(['Receipt', 'Date', 'Customer ID', 'Customer Name', 'Item', 'Qty', 'Price', 'Line Total']),
  ];
  let walkIns = 0;
  for (let i = 0; i < n; i++) {
    const [id, name] = r.uniform() < 0.35 ? placeholder : pick(r, customers);
    const qty = int(r, 1, 5);
    const price = pick(r, [250, 420, 1_000]);
    out.push(
      csvLine([
        String(5000 + i),
        `${pad(int(r, 1, 28))}/${pad(int(r, 1, 12))}/2025`,
        id,
        name,
        pick(r, ['Tea', 'Scone', 'Gift card']),
        String(qty),
        (price / 100).toFixed(2),
        ((price * qty) / 100).toFixed(2),
      ]),
    );
    if (id === placeholder[0]) walkIns++;
  }
  return { csv: `${out.join('\n')}\n`, walkIns };
}

/** Init and ingest on `csv`: worth.yaml and the customers loaded; the ingest report's unattributed count. */
function initAndIngest(csv: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-walkin-'));
  const file = path.join(root, 'till.csv');
  writeFileSync(file, csv);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  const ingest = worth(['ingest', dir, '--json']);
  expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
  const report = JSON.parse(ingest.stdout) as { tables: Record<string, { rowsUnattributed: number }> };
  return {
    dir,
    init: init.stdout,
    yaml: readYaml(dir),
    unattributed: report.tables.order_lines!.rowsUnattributed,
  };
}

const readYaml = (dir: string) => readFileSync(path.join(dir, 'worth.yaml'), 'utf8');

describe('a till placeholder for no customer is a missing customer, never one', () => {
  it.each([
    ['a word in the id column', ['Cash Sale', 'Cash Sale'], '"-", "Cash Sale"]'],
    [
      'a number the name column calls a walk-in',
      ['99999', 'Walk-In Customer'],
      'nullif(col("Customer ID"), \'99999\')',
    ],
    ['an id of zeros', ['000', ''], 'nullif(col("Customer ID"), \'000\')'],
  ] as const)(
    '%s',
    async (_, placeholder, written) => {
      const { csv, walkIns } = till(7, placeholder);
      expect(walkIns).toBeGreaterThan(20);
      const { dir, yaml, unattributed } = initAndIngest(csv);
      expect(yaml).toContain(written);
      expect(unattributed).toBe(walkIns);
      const ids = await queryDb(dir, 'SELECT customer_id FROM customers ORDER BY 1');
      expect(ids.map((x) => String(x.customer_id))).toEqual(['4101', '4102', '4117', '4130']);
    },
    300_000,
  );
});
