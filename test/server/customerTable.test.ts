/**
 * The in-memory customer table against a plain SQL query over the same tables: every sort
 * key both ways, every filter, searches and their combinations, several pages each. Run on
 * the demo company and on a hand-made database with the awkward cases (missing names and
 * segments, customers without attributes or quadrants, ties, zero and negative money, huge
 * amounts, mixed case and non-ASCII text, a search hit that runs from the id into the name).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import {
  CUSTOMER_SORTS,
  WorkspaceReader,
  type CustomerRow,
  type CustomerSort,
  type CustomersQuery,
} from '../../src/server/index.ts';
import { fromScaled } from '../../src/core/index.ts';
import { descendingOrder } from '../../src/readmodel/customerIndex.ts';
import { formatUnits } from '../../src/readmodel/customerTable.ts';
import { TextSearch, foldSearchText } from '../../src/readmodel/textSearch.ts';
import { DuckDBEngine, type Engine, type SqlValue } from '../../src/warehouse/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';

type Query = Omit<CustomersQuery, 'page' | 'pageSize'>;

/** The page `q` asks for, straight from SQL (joins, WHERE, ORDER BY with the tie-break, LIMIT/OFFSET); and the count. */
async function sqlPage(
  engine: Engine,
  q: CustomersQuery,
  counted?: number,
): Promise<{ total: number; rows: CustomerRow[]; sql: string }> {
  const params: SqlValue[] = [];
  const bind = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const [regions] = await engine.query(
    "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'region'",
  );
  const region = Number(regions!.n) > 0;
  // Every word of the search, in any order, in the id, the name or the region.
  // Folded as the dashboard's search folds: lower case without accents, in SQL for the data.
  for (const word of new Set(
    foldSearchText(q.q ?? '')
      .split(/\s+/)
      .filter(Boolean),
  )) {
    const t = bind(word);
    where.push(
      `(contains(strip_accents(lower(p.customer_id)), ${t}) OR contains(strip_accents(lower(c.name)), ${t})` +
        `${region ? ` OR contains(strip_accents(lower(c.region)), ${t})` : ''})`,
    );
  }
  if (q.segment !== undefined) where.push(`c.segment = ${bind(q.segment)}`);
  if (q.lossMaking !== undefined) where.push(q.lossMaking ? 'p.contribution < 0' : 'p.contribution >= 0');
  if (q.vocQuadrant !== undefined) where.push(`v.quadrant = ${bind(q.vocQuadrant)}`);
  if (q.matrixQuadrant !== undefined) where.push(`m.quadrant = ${bind(q.matrixQuadrant)}`);
  const col = CUSTOMER_SORTS[q.sort];
  const key =
    col === 'customer_id' || col === 'name' || col === 'segment'
      ? `${col === 'customer_id' ? 'p' : 'c'}.${col}`
      : `p.${col}`;
  const orderBy =
    q.dir === 'desc'
      ? `${key} DESC NULLS LAST, p.customer_id DESC`
      : `${key} ASC NULLS FIRST, p.customer_id ASC`;
  const from =
    'FROM customer_pnl p LEFT JOIN customers c ON c.customer_id = p.customer_id LEFT JOIN voice_of_customer v ON v.customer_id = p.customer_id ' +
    `LEFT JOIN profitability_matrix m ON m.customer_id = p.customer_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const total = counted ?? Number((await engine.query(`SELECT count(*) AS n ${from}`, params))[0]!.n);
  const sql = `SELECT p.customer_id, c.name, c.segment, p.net_sales, p.gross_margin, p.cost_to_serve, p.contribution ${from} ORDER BY ${orderBy} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  const rows = (await engine.query(sql, params)).map((r) => ({
    customerId: String(r.customer_id),
    name: r.name === null ? null : String(r.name),
    segment: r.segment === null ? null : String(r.segment),
    netSales: String(r.net_sales),
    grossMargin: String(r.gross_margin),
    costToServe: String(r.cost_to_serve),
    contribution: String(r.contribution),
  }));
  return { total, rows, sql };
}

/** Compares `queries` x every sort key x both directions x a few pages (first, middle, last, past the end). */
async function compareAll(
  engine: Engine,
  reader: WorkspaceReader,
  queries: Query[],
  pageSize: number,
): Promise<number> {
  let checked = 0;
  for (const base of queries) {
    const { total } = await sqlPage(engine, { ...base, page: 1, pageSize: 1 });
    const last = Math.max(1, Math.ceil(total / pageSize));
    for (const sort of Object.keys(CUSTOMER_SORTS) as CustomerSort[]) {
      for (const dir of ['desc', 'asc'] as const) {
        for (const page of new Set([1, Math.ceil(last / 2), last, last + 1])) {
          const q: CustomersQuery = { ...base, sort, dir, page, pageSize };
          const want = await sqlPage(engine, q, total);
          const got = await reader.customers(q);
          expect({ total: got.total, rows: got.rows }, `${JSON.stringify(q)}\n${want.sql}`).toEqual({
            total: want.total,
            rows: want.rows,
          });
          // The API's JSON text, written without row objects, says the same, byte for byte.
          const json = await reader.customersJson(q);
          expect(json, JSON.stringify(q)).toBe(JSON.stringify(got));
          expect(JSON.parse(json), JSON.stringify(q)).toEqual({
            total: want.total,
            page,
            pageSize,
            rows: want.rows,
          });
          checked++;
        }
      }
    }
  }
  return checked;
}

/** Filters and searches to check, built from the values present. */
function queries(segments: string[], terms: string[]): Query[] {
  const plain = { sort: 'contribution', dir: 'desc' } as const;
  const out: Query[] = [plain];
  for (const segment of [...segments, 'no such segment']) out.push({ ...plain, segment });
  out.push({ ...plain, lossMaking: true }, { ...plain, lossMaking: false });
  for (const vocQuadrant of ['champions', 'at risk', 'over-served', 'rest', 'no feedback'] as const)
    out.push({ ...plain, vocQuadrant });
  for (const matrixQuadrant of [
    'carriage trade',
    'passive',
    'bargain basement',
    'aggressive',
    'no net sales',
  ] as const)
    out.push({ ...plain, matrixQuadrant });
  for (const q of terms) out.push({ ...plain, q });
  out.push(
    { ...plain, q: terms[0]!, segment: segments[0]! },
    { ...plain, q: terms[1]!, lossMaking: true },
    { ...plain, segment: segments[0]!, lossMaking: false, vocQuadrant: 'rest' },
  );
  out.push({ ...plain, segment: segments.at(-1)!, matrixQuadrant: 'passive', lossMaking: true });
  return out;
}

describe('the customer table on the demo company equals SQL', () => {
  let ws: AnalysedWorkspace;
  let engine: DuckDBEngine;
  let reader: WorkspaceReader;
  beforeAll(async () => {
    ws = await analysedWorkspace(400, 11);
    engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE), { readOnly: true });
    reader = await WorkspaceReader.open(ws.dir);
  });
  afterAll(async () => {
    await reader?.close();
    await engine?.close();
    ws?.remove();
  });

  it('for every sort key and direction, filter and search, page by page', async () => {
    const segments = (
      await engine.query('SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL ORDER BY 1')
    ).map((r) => String(r.segment));
    const [some] = await engine.query(
      'SELECT customer_id, name FROM customers WHERE name IS NOT NULL ORDER BY customer_id LIMIT 1 OFFSET 17',
    );
    const name = String(some!.name);
    const terms = [
      name.slice(0, 3).toUpperCase(),
      'e',
      String(some!.customer_id).slice(-3),
      name.split(' ').at(-1)!,
      'de ',
      'zzqx',
      name.split(' ').reverse().join(' '),
    ];
    expect(await compareAll(engine, reader, queries(segments, terms), 23)).toBeGreaterThan(700);
  });
});

describe('the customer table on awkward data equals SQL', () => {
  let engine: DuckDBEngine;
  let reader: WorkspaceReader;
  beforeAll(async () => {
    engine = await DuckDBEngine.open();
    // 600 customers in the P&L; every 7th has no customers row, names repeat (ties) and mix case, accents, ß, İ, emoji; some missing.
    await engine.run(
      "CREATE TABLE customer_pnl AS SELECT printf('C%03d', i) AS customer_id, " +
        'CAST((i % 13 - 6) * 1234.5 + (CASE WHEN i % 97 = 0 THEN 12345678901.23 ELSE 0 END) AS DECIMAL(18,2)) AS net_sales, ' +
        'CAST((i % 5) * 10.01 AS DECIMAL(18,2)) AS gross_margin, CAST(i % 3 AS DECIMAL(18,2)) AS cost_to_serve, ' +
        'CAST(CASE WHEN i % 11 = 0 THEN 0 ELSE (i % 17 - 8) * 0.05 END AS DECIMAL(18,2)) AS contribution FROM range(600) t(i)',
    );
    await engine.run(
      "CREATE TABLE customers AS SELECT printf('C%03d', i) AS customer_id, " +
        "CASE WHEN i % 19 = 0 THEN NULL ELSE list_extract(['Émile Bakker', 'émile bakker', 'Zoë de Vries', 'zoe', 'İlker Smit', 'Straße 3', '😀 Smile', 'ABC', 'abc', 'Ångström', '3x', 'Van der Berg'], i % 12 + 1) END AS name, " +
        "CASE WHEN i % 23 = 0 THEN NULL ELSE list_extract(['Retail', 'retail', 'Horeca', 'Ç-segment'], i % 4 + 1) END AS segment, " +
        "CASE WHEN i % 29 = 0 THEN NULL ELSE list_extract(['Haarlem', 'Noord-Holland', 'Zuid', 'Bakkerveld'], i % 4 + 1) END AS region " +
        'FROM range(600) t(i) WHERE i % 7 <> 0',
    );
    await engine.run(
      "CREATE TABLE voice_of_customer AS SELECT customer_id, list_extract(['champions', 'at risk', 'over-served', 'rest', 'no feedback'], i % 5 + 1) AS quadrant FROM (SELECT printf('C%03d', i) AS customer_id, i FROM range(600) t(i) WHERE i % 3 <> 0)",
    );
    await engine.run(
      "CREATE TABLE profitability_matrix AS SELECT printf('C%03d', i) AS customer_id, list_extract(['carriage trade', 'passive', 'bargain basement', 'aggressive'], i % 4 + 1) AS quadrant FROM range(600) t(i) WHERE i % 5 <> 0",
    );
    // Text JSON must escape: quotes, a backslash, a tab, a control character, a line separator.
    await engine.run(
      `UPDATE customers SET name = 'Quote " back \\ tab \t bell ' || chr(7) || ' ls ' || chr(8232) WHERE customer_id = 'C001'`,
    );
    reader = await WorkspaceReader.fromEngine(engine);
  });
  afterAll(async () => {
    await reader?.close();
  });

  it('for every sort key and direction, filter and search, page by page', async () => {
    const terms = [
      'émile',
      'ÉMILE',
      'ss',
      'ß',
      'i̇',
      'İlker',
      '😀',
      'c00',
      'c0013',
      'c01',
      'abc',
      'ångs',
      'van der b',
      'emile',
      'zoe',
      'angstrom',
      'ZOË',
    ];
    expect(
      await compareAll(engine, reader, queries(['Retail', 'retail', 'Ç-segment'], terms), 41),
    ).toBeGreaterThan(700);
  });

  it('finds the words of a search in any order, across id and name', async () => {
    // Names by i % 12 (rows with i % 7 = 0 or i % 19 = 0 have none): 'Van der Berg' is i % 12 = 11, 'Zoë de Vries' i % 12 = 2.
    const ids = async (q: string) =>
      (await reader.customers({ q, sort: 'customerId', dir: 'asc', page: 1, pageSize: 600 })).rows.map(
        (r) => r.customerId,
      );
    const vanDerBerg = Array.from({ length: 600 }, (_, i) => i)
      .filter((i) => i % 7 !== 0 && i % 19 !== 0 && i % 12 === 11)
      .map((i) => `C${String(i).padStart(3, '0')}`);
    expect(await ids('berg van')).toEqual(vanDerBerg);
    expect(await ids('  BERG   der van ')).toEqual(vanDerBerg);
    // A word of the id with a word of the name: C011 is 'Van der Berg' (11 % 12 = 11).
    expect(await ids('berg c011')).toEqual(['C011']);
    // Every word must be there: no customer is both a Berg and a Vries.
    expect(await ids('berg vries')).toEqual([]);
  });

  it('finds the words of a search in any order across id, name and region ("bakker haarlem")', async () => {
    // Names by i % 12 (0 'Émile Bakker', 1 'émile bakker'), regions by i % 4 (0 'Haarlem', 3
    // 'Bakkerveld'), none where i % 29 = 0; no customers row where i % 7 = 0, no name where i % 19 = 0.
    const ids = async (q: string) =>
      (await reader.customers({ q, sort: 'customerId', dir: 'asc', page: 1, pageSize: 600 })).rows.map(
        (r) => r.customerId,
      );
    const where = (test: (i: number) => boolean) =>
      Array.from({ length: 600 }, (_, i) => i)
        .filter((i) => i % 7 !== 0 && test(i))
        .map((i) => `C${String(i).padStart(3, '0')}`);
    const named = (i: number) => i % 19 !== 0 && (i % 12 === 0 || i % 12 === 1) && i !== 1;
    const region = (i: number, r: number) => i % 29 !== 0 && i % 4 === r;
    const bakkerHaarlem = where((i) => named(i) && region(i, 0));
    expect(bakkerHaarlem.length).toBeGreaterThan(10);
    expect(await ids('bakker haarlem')).toEqual(bakkerHaarlem);
    expect(await ids('HAARLEM  Bakker')).toEqual(bakkerHaarlem);
    // 'bakker' alone is in a name or in the region Bakkerveld.
    expect(await ids('bakker')).toEqual(where((i) => named(i) || region(i, 3)));
    // A region's word alone, and with a word of the id.
    expect(await ids('zuid')).toEqual(where((i) => region(i, 2)));
    expect(await ids('zuid c01')).toEqual(where((i) => region(i, 2) && i >= 10 && i < 20));
  });

  it('finds names with accents from a term without them, and the other way round', async () => {
    const ids = async (q: string) =>
      (await reader.customers({ q, sort: 'customerId', dir: 'asc', page: 1, pageSize: 600 })).rows.map(
        (r) => r.customerId,
      );
    // Names by i % 12: 0 'Émile Bakker', 1 'émile bakker', 2 'Zoë de Vries', 3 'zoe', 9 'Ångström'.
    const named = (...rests: number[]) =>
      Array.from({ length: 600 }, (_, i) => i)
        .filter((i) => i % 7 !== 0 && i % 19 !== 0 && rests.includes(i % 12) && i !== 1)
        .map((i) => `C${String(i).padStart(3, '0')}`);
    expect(await ids('emile')).toEqual(named(0, 1));
    expect(await ids('Émile')).toEqual(named(0, 1));
    expect(await ids('zoe')).toEqual(named(2, 3));
    expect(await ids('ANGSTROM')).toEqual(named(9));
    expect(foldSearchText('Café Zwaan ÉÈÊ ß')).toBe('cafe zwaan eee ß');
  });

  it('does not match a term that runs from the id into the name', async () => {
    // C010's name is '3x' (10 % 12 = 10 -> '3x'): 'c0103' is only in the concatenation.
    const [row] = await engine.query("SELECT name FROM customers WHERE customer_id = 'C010'");
    expect(row!.name).toBe('3x');
    const page = await reader.customers({
      q: 'c0103',
      sort: 'contribution',
      dir: 'desc',
      page: 1,
      pageSize: 10,
    });
    expect(page.total).toBe(
      (await sqlPage(engine, { q: 'c0103', sort: 'contribution', dir: 'desc', page: 1, pageSize: 10 })).total,
    );
    expect(page.rows.map((r) => r.customerId)).not.toContain('C010');
  });
});

describe('the customer table of an analysis without customers', () => {
  it('answers every query with no rows and a total of 0', async () => {
    const engine = await DuckDBEngine.open();
    await engine.run(
      'CREATE TABLE customer_pnl (customer_id VARCHAR, net_sales DECIMAL(18,2), gross_margin DECIMAL(18,2), cost_to_serve DECIMAL(18,2), contribution DECIMAL(18,2))',
    );
    await engine.run('CREATE TABLE customers (customer_id VARCHAR, name VARCHAR, segment VARCHAR)');
    const reader = await WorkspaceReader.fromEngine(engine);
    try {
      for (const q of [
        {},
        { q: 'abc' },
        { q: 'a' },
        { segment: 'Retail' },
        { lossMaking: true },
        { vocQuadrant: 'rest' as const },
      ]) {
        for (const sort of Object.keys(CUSTOMER_SORTS) as CustomerSort[]) {
          const page = await reader.customers({ sort, dir: 'asc', page: 1, pageSize: 10, ...q });
          expect(page, JSON.stringify(q)).toEqual({ total: 0, page: 1, pageSize: 10, rows: [] });
        }
      }
    } finally {
      await reader.close();
    }
  });
});

describe('formatUnits', () => {
  it('prints scaled integers as the exact decimal strings of fromScaled, at the edges too', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      5,
      -5,
      99,
      -99,
      100,
      -100,
      101,
      123456789,
      -123456789,
      2 ** 53 - 1,
      -(2 ** 53 - 1),
      2 ** 53 - 100,
      10 ** 15 + 7,
    ];
    for (const scale of [0, 1, 2, 3, 6]) {
      for (const u of values)
        expect(formatUnits(u, scale), `${u} at scale ${scale}`).toBe(fromScaled(BigInt(u), scale));
    }
  });
});

describe("the customer table's JSON text at the edges of its money", () => {
  it('equals JSON.stringify of the page for every edge amount, both ways round', async () => {
    const engine = await DuckDBEngine.open();
    // (2^53 - 1) / 100 is the largest amount the index holds as exact units at two decimals.
    const amounts = [
      '0',
      '-0.05',
      '0.05',
      '-1',
      '1',
      '9.99',
      '-10.00',
      '12345678901.23',
      '-12345678901.23',
      '90071992547409.91',
      '-90071992547409.91',
      '1000000000000.00',
    ];
    await engine.run(
      `CREATE TABLE customer_pnl AS SELECT printf('E%02d', i) AS customer_id, CAST(a AS DECIMAL(18,2)) AS net_sales, CAST(a AS DECIMAL(18,2)) AS gross_margin, ` +
        `CAST(0 AS DECIMAL(18,2)) AS cost_to_serve, CAST(a AS DECIMAL(18,2)) AS contribution FROM (SELECT unnest([${amounts.map((a) => `'${a}'`).join(', ')}]) AS a, generate_subscripts([${amounts.map(() => '0').join(', ')}], 1) AS i)`,
    );
    const reader = await WorkspaceReader.fromEngine(engine);
    try {
      for (const sort of Object.keys(CUSTOMER_SORTS) as CustomerSort[])
        for (const dir of ['desc', 'asc'] as const) {
          const q: CustomersQuery = { sort, dir, page: 1, pageSize: 50 };
          const page = await reader.customers(q);
          expect(page.rows.map((r) => r.netSales).sort()).toEqual(
            amounts.map((a) => fromScaled(BigInt(Math.round(Number(a) * 100)), 2)).sort(),
          );
          expect(await reader.customersJson(q)).toBe(JSON.stringify(page));
        }
    } finally {
      await reader.close();
    }
  });
});

describe('descendingOrder', () => {
  it('sorts by value descending, ties by position descending, also beyond the packed-key range', () => {
    const cases = [
      Float64Array.from([3, -1, 3, 0, -1, 7, 0, 3]),
      Float64Array.from([2 ** 50, -(2 ** 50), 0, 2 ** 50, 5, -5, 2 ** 50 - 1]),
      Int32Array.from([0, 2, 1, 0, 2, 2, 1]),
    ];
    for (const values of cases) {
      const want = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || b - a);
      expect(Array.from(descendingOrder(values)), String(values)).toEqual(want);
    }
  });
});

describe('TextSearch', () => {
  it('finds rows whose field contains the term, not across fields, and empty fields', () => {
    const fields = [
      ['c1', 'ab'],
      ['c2', ''],
      ['c3', 'bc'],
      ['', 'ééx'],
      ['c5', 'xab'],
    ];
    const bytes = Buffer.from(fields.flat().join(''), 'utf8');
    const starts = [0];
    for (const f of fields.flat()) starts.push(starts.at(-1)! + Buffer.byteLength(f));
    const s = new TextSearch(bytes, Int32Array.from(starts), 2);
    expect(Array.from(s.find('ab'))).toEqual([0, 4]);
    expect(Array.from(s.find('1a'))).toEqual([]);
    expect(Array.from(s.find('c'))).toEqual([0, 1, 2, 4]);
    expect(Array.from(s.find('éx'))).toEqual([3]);
    expect(Array.from(s.find('c3bc'))).toEqual([]);
    expect(Array.from(s.find(''))).toEqual([0, 1, 2, 3, 4]);
  });

  it('equals a plain includes() per field for terms of every length (scan, one trigram, several)', () => {
    // Seeded rows over a small alphabet, so terms hit often, with rows that hold every trigram of a term but not the term.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'b', 'c', 'd', ' ', 'é', '1'];
    const word = (len: number) =>
      Array.from({ length: len }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const rows = Array.from({ length: 3000 }, (_, i) =>
      i % 50 === 0 ? ['abc', 'bcd'] : [word(Math.floor(next() * 6)), word(Math.floor(next() * 14))],
    );
    const bytes = Buffer.from(rows.flat().join(''), 'utf8');
    const starts = [0];
    for (const f of rows.flat()) starts.push(starts.at(-1)! + Buffer.byteLength(f));
    const s = new TextSearch(bytes, Int32Array.from(starts), 2);
    const terms = ['abcd', 'abc bcd', 'cbcd'];
    for (let i = 0; i < 300; i++) terms.push(word(1 + Math.floor(next() * 6)));
    for (const term of terms) {
      const want = rows.flatMap((r, i) => (r.some((f) => f.includes(term)) ? [i] : []));
      expect(Array.from(s.find(term)), JSON.stringify(term)).toEqual(want);
    }
  });
});
