/**
 * The global filters bind their values by name (src/readmodel/filters.ts on src/warehouse's
 * named parameters): a hostile value (quotes, a comment, a statement after a semicolon, text that
 * looks like a placeholder, unicode) is a value compared for equality, never SQL. Three customers
 * built by hand; each expected count and sum is read off the rows below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_COLUMNS } from '../../src/profit/index.ts';
import {
  readFilteredCustomers,
  readFilteredDeciles,
  readFilteredRollup,
  readFilteredWhale,
  type Filters,
} from '../../src/readmodel/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';

const QUOTE_OR = "x' OR '1'='1";
const DROP = "'; DROP TABLE customers; --";

// customer, name, segment, channel, region, contribution
const CUSTOMERS = [
  ['C1', "O'Brien", QUOTE_OR, 'web', 'Noord', '100.00'],
  ['C2', 'Plain', 'Retail', DROP, '$f1', '-20.00'],
  ['C3', 'Ünïcode $c1', 'Retail', 'web', 'Zuid /* */', '5.00'],
] as const;

let engine: Engine;

beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
  const money = MONTHLY_COLUMNS.map((c) => `${c} DECIMAL(18,2)`).join(', ');
  await engine.run(
    'CREATE TABLE customers (customer_id VARCHAR, name VARCHAR, segment VARCHAR, channel VARCHAR, region VARCHAR)',
  );
  await engine.run(`CREATE TABLE customer_pnl (customer_id VARCHAR, ${money})`);
  await engine.run(`CREATE TABLE pnl_monthly (customer_id VARCHAR, month DATE, ${money})`);
  for (const [id, name, segment, channel, region, contribution] of CUSTOMERS) {
    await engine.run('INSERT INTO customers VALUES ($1, $2, $3, $4, $5)', [
      id,
      name,
      segment,
      channel,
      region,
    ]);
    const values = MONTHLY_COLUMNS.map((c) => (c === 'contribution' ? contribution : '0'));
    await engine.run(
      `INSERT INTO customer_pnl VALUES ($1, ${values.map((_, i) => `CAST($${i + 2} AS DECIMAL(18,2))`).join(', ')})`,
      [id, ...values],
    );
    await engine.run(
      `INSERT INTO pnl_monthly VALUES ($1, DATE '2025-01-01', ${values.map((_, i) => `CAST($${i + 2} AS DECIMAL(18,2))`).join(', ')})`,
      [id, ...values],
    );
  }
});
afterAll(async () => {
  await engine?.close();
});

/** The ids on the filtered list (all on one page), in id order. */
async function ids(f: Filters, words: string[] = []): Promise<string[]> {
  const page = await readFilteredCustomers(engine, f, {
    page: 1,
    pageSize: 50,
    sortColumn: 'customer_id',
    dir: 'asc',
    words,
  });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.customerId);
}

describe('hostile filter values stay values', () => {
  it('a quote that would make an always-true condition selects only the customer whose segment is that text', async () => {
    expect(await ids({ segment: QUOTE_OR })).toEqual(['C1']);
    expect(await ids({ segment: "Retail' --" })).toEqual([]);
    expect(await ids({ segment: 'Retail' })).toEqual(['C2', 'C3']);
  });

  it('a statement after a semicolon is compared as text, and the table it names is still there', async () => {
    expect(await ids({ channel: DROP })).toEqual(['C2']);
    const [n] = await engine.query('SELECT count(*) AS n FROM customers');
    expect(Number(n!.n)).toBe(3);
  });

  it('text that looks like a placeholder or a comment is not one', async () => {
    // `$f1` is the name the filters give their first value: as a value it is only text
    expect(await ids({ region: '$f1' })).toEqual(['C2']);
    expect(await ids({ region: '$1' })).toEqual([]);
    expect(await ids({ region: 'Zuid /* */' })).toEqual(['C3']);
    expect(await ids({ segment: 'Retail', region: '$f1' })).toEqual(['C2']);
    expect(await ids({ segment: 'Retail', channel: 'web', from: '2025-01', to: '2025-01' })).toEqual(['C3']);
  });

  it("the list's search words bind beside the filters' values under their own names", async () => {
    expect(await ids({}, ['$c1'])).toEqual(['C3']);
    expect(await ids({}, ["o'brien"])).toEqual(['C1']);
    // The word '$f1' is text: it matches C2's region, which is literally '$f1' (a search reads the region too).
    expect(await ids({ segment: 'Retail' }, ['$f1'])).toEqual(['C2']);
    expect(await ids({ channel: 'web' }, ['c'])).toEqual(['C1', 'C3']);
  });

  it('the roll-up, deciles and whale curve read the same customers', async () => {
    const rollup = await readFilteredRollup(engine, { channel: DROP }, 'segment');
    expect(rollup.map((r) => [r.value, r.customers, r.contribution])).toEqual([['Retail', 1, '-20.00']]);
    // one customer: rank 1 of 1, decile ceil(1 x 10 / 1) = 10
    const deciles = await readFilteredDeciles(engine, { segment: QUOTE_OR, from: '2025-01' });
    expect(deciles.map((r) => [r.decile, r.customers, r.contribution])).toEqual([[10, 1, '100.00']]);
    const whale = await readFilteredWhale(engine, { region: '$f1' }, 10);
    expect(whale).toEqual([
      { customerShare: 0, contributionShare: 0 },
      { customerShare: 1, contributionShare: 1 },
    ]);
  });
});
