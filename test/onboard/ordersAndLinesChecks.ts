/**
 * The checks both two-file tests make once a workspace of `ordersAndLines` is loaded (the lookup
 * written by hand in ordersAndLines.test.ts, by `worth init` in initOrdersAndLines.test.ts): the
 * orders without lines counted, the rejects exactly the generator's planted faults, and gross,
 * returns and net per customer equal to its BigInt cents.
 */
import path from 'node:path';
import { expect } from 'vitest';
import type { OrdersAndLines } from '../fixtures/ordersAndLines.ts';
import { queryDb, readRejects, type RejectLine } from '../ingest/helpers.ts';
import { cents } from './worthCli.ts';

/** `worth ingest`'s plain output counts the generator's three orders without lines, in the workspace's language. */
export function expectOrdersWithoutLines(stdout: string, lang: 'nl' | 'en'): void {
  expect(stdout).not.toMatch(/…|undefined|NaN/);
  expect(stdout).toContain(
    lang === 'nl'
      ? `3 orders hebben geen regels (geteld, geen fout)`
      : `3 orders have no lines (counted, not an error)`,
  );
}

/** rejects.csv holds exactly the faults the generator planted (file, line, code); its rows, for further checks. */
export function expectPlantedRejects(dir: string, x: OrdersAndLines): RejectLine[] {
  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  const fileOf = (f: string) =>
    f === `data/${x.ordersFile}` ? 'orders' : f === `data/${x.linesFile}` ? 'lines' : f;
  const key = (r: { file: string; line: number; code: string }) => `${r.file}:${r.line}:${r.code}`;
  expect(
    rejects.map((r) => key({ file: fileOf(r.file!), line: Number(r.line), code: r.code! })).sort(),
  ).toEqual(x.rejects.map(key).sort());
  return rejects;
}

/** customer_pnl's gross, returns and net per customer equal the generator's cents, and some customer has credits. */
export async function expectCustomerMoney(dir: string, x: OrdersAndLines): Promise<void> {
  const pnl = await queryDb(
    dir,
    'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(returns AS VARCHAR) AS r, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl',
  );
  const got = Object.fromEntries(
    pnl.map((row) => [String(row.customer_id), [cents(row.g), cents(row.r), cents(row.n)]]),
  );
  const want = Object.fromEntries(
    [...x.perCustomer].map(([c, t]) => [c, [t.gross, t.credits, t.gross - t.credits]]),
  );
  expect(got).toEqual(want);
  // The credit lines went to returns with their order's customer (split over the joined columns).
  expect([...x.perCustomer.values()].some((t) => t.credits > 0n)).toBe(true);
}
