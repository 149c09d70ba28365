/**
 * The customer list under the global filters from memory (the held figures and the customer
 * table) gives what the read model's SQL gives, byte for byte: every attribute combination of a
 * demo company with periods, every sort and direction, the list's own filters and deep pages. The
 * figures themselves are checked by hand through the API in test/server/filters.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUSTOMER_SORTS,
  filteredCustomersOf,
  readFilteredCustomers,
  WorkspaceReader,
  type CustomerSort,
  type CustomersQuery,
  type Filters,
} from '../../src/readmodel/index.ts';
import { cubeListFigures, loadFilterCube } from '../../src/readmodel/filterCube.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let reader: WorkspaceReader;
const combos: Filters[] = [];

beforeAll(async () => {
  ws = await analysedWorkspace(400, 11);
  reader = await WorkspaceReader.open(ws.dir);
  const values = (a: string) =>
    reader.read(async (engine) =>
      (await engine.query(`SELECT DISTINCT ${a} AS v FROM customers WHERE ${a} IS NOT NULL ORDER BY v`)).map(
        (r) => String(r.v),
      ),
    );
  const segs = [undefined, 'nobody has this', ...(await values('segment'))];
  const chans = [undefined, ...(await values('channel'))];
  const regs = [undefined, ...(await values('region'))];
  for (const segment of segs)
    for (const channel of chans)
      for (const region of regs)
        combos.push({
          ...(segment !== undefined ? { segment } : {}),
          ...(channel !== undefined ? { channel } : {}),
          ...(region !== undefined ? { region } : {}),
        });
}, 240_000);
afterAll(async () => {
  await reader?.close();
  ws?.remove();
});

const periods: Filters[] = [
  {},
  { from: '2025-02' },
  { from: '2025-03', to: '2025-03' },
  { from: '2025-04', to: '2025-11' },
];
const sorts = Object.keys(CUSTOMER_SORTS) as CustomerSort[];

/** The SQL read for the same filters and query. */
function sqlPage(f: Filters, q: CustomersQuery) {
  return reader.read((engine) =>
    readFilteredCustomers(engine, f, {
      page: q.page,
      pageSize: q.pageSize,
      sortColumn: CUSTOMER_SORTS[q.sort],
      dir: q.dir,
      words: [],
      ...(q.lossMaking !== undefined ? { lossMaking: q.lossMaking } : {}),
      ...(q.vocQuadrant !== undefined ? { vocQuadrant: q.vocQuadrant } : {}),
      ...(q.matrixQuadrant !== undefined ? { matrixQuadrant: q.matrixQuadrant } : {}),
    }),
  );
}

describe('the filtered customer list from memory', () => {
  it('is answered from memory here (else the comparison below would be SQL with itself)', async () => {
    const table = reader.heldCustomerTable();
    expect(table).not.toBeNull();
    const cube = await reader.read((engine) => loadFilterCube(engine));
    expect(cube && cubeListFigures(cube, { region: 'Zuid', from: '2025-03' }, table!.size)).not.toBeNull();
  });

  it('equals the SQL read for combinations, periods, sorts, directions, filters and pages', async () => {
    let checked = 0;
    let rows = 0;
    for (const [i, a] of combos.entries()) {
      if (i % 3 !== 0) continue;
      const p = periods[i % periods.length]!;
      const f = { ...a, ...p };
      const sort = sorts[i % sorts.length]!;
      const queries: CustomersQuery[] = [
        { page: 1, pageSize: 50, sort, dir: 'desc' },
        { page: 2, pageSize: 7, sort, dir: 'asc' },
        { page: 1, pageSize: 20, sort: sorts[(i + 3) % sorts.length]!, dir: 'desc', lossMaking: i % 2 === 0 },
        { page: 1, pageSize: 20, sort: 'contribution', dir: 'asc', vocQuadrant: 'champions' },
        { page: 1, pageSize: 20, sort: 'name', dir: 'desc', matrixQuadrant: 'passive' },
      ];
      for (const q of queries) {
        const sql = await sqlPage(f, q);
        expect(JSON.stringify(await filteredCustomersOf(reader, f, q)), JSON.stringify([f, q])).toBe(
          JSON.stringify(sql),
        );
        checked++;
        rows += sql.rows.length;
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(rows).toBeGreaterThan(1000);
  }, 600_000);

  it('searches words in any order across id, name and region under the filters (the SQL path)', async () => {
    const [pick] = await reader.read((engine) =>
      engine.query(
        'SELECT c.channel, c.region, c.name FROM customers c JOIN customer_pnl p ON p.customer_id = c.customer_id ' +
          'WHERE c.region IS NOT NULL AND c.name IS NOT NULL AND c.channel IS NOT NULL ORDER BY c.customer_id LIMIT 1 OFFSET 5',
      ),
    );
    const channel = String(pick!.channel);
    const region = String(pick!.region).toLowerCase();
    const nameWord = String(pick!.name).split(' ')[0]!.toLowerCase();
    // Independently: a plain SQL scan with each word in the id, the name or the region.
    const want = await reader.read((engine) =>
      engine.query(
        'SELECT p.customer_id FROM customer_pnl p JOIN customers c ON c.customer_id = p.customer_id WHERE c.channel = $1 ' +
          'AND (contains(lower(p.customer_id), $2) OR contains(lower(c.name), $2) OR contains(lower(c.region), $2)) ' +
          'AND (contains(lower(p.customer_id), $3) OR contains(lower(c.name), $3) OR contains(lower(c.region), $3)) ' +
          'ORDER BY p.contribution DESC, p.customer_id DESC',
        [channel, region, nameWord],
      ),
    );
    expect(want.length).toBeGreaterThan(0);
    for (const q of [`${region} ${nameWord}`, `${nameWord.toUpperCase()}  ${region}`]) {
      const page = await filteredCustomersOf(
        reader,
        { channel },
        { q, page: 1, pageSize: 500, sort: 'contribution', dir: 'desc' },
      );
      expect(page.total, q).toBe(want.length);
      expect(
        page.rows.map((r) => r.customerId),
        q,
      ).toEqual(want.map((r) => String(r.customer_id)));
    }
  }, 120_000);
});
