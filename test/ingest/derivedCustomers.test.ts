import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb, readRejects } from './helpers.ts';

const HEAD = 'company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\n';
const ORDERS = [
  'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount,Name,Segment,Country', // line 1
  'O1,C1,2024-03-01,1,10.00,5.00,Alpha,Retail,NL', //       line 2
  'O2,C1,2024-05-01,1,20.00,10.00,Alpha BV,,BE', //         line 3: C1's latest line; no segment on it
  'O3,NA,2024-01-02,1,1.00,0.50,Nobody,Retail,NL', //       line 4: missing (NA)
  'O4, n/a ,2024-01-02,1,2.00,1.00,,,', //                  line 5: missing (N/A, any case, spaces)
  'O5,#N/A,2024-01-02,1,3.00,1.50,,,', //                   line 6: missing
  'O6,-,2024-01-02,1,4.00,2.00,,,', //                      line 7: missing
  'O7,NULL,2024-01-02,1,5.00,2.50,,,', //                   line 8: missing
  'O8,,2024-01-02,1,6.00,3.00,,,', //                       line 9: missing (empty)
  'O9,C2,2024-04-01,1,7.00,3.50,Beta,Horeca,DE', //         line 10
  'O10,C2,2024-04-01,1,8.00,4.00,Beta 2,Horeca,NL', //      line 11: same day as line 10, higher line wins
  'O11,C1,2024-02-01,1,9.00,4.50,Old name,Wholesale,FR', // line 12: an earlier date, later in the file
];
const RETURNS =
  'return_id,customer_id,return_date,credited_amount\nR1,C3,2023-12-15,5.00\nR2,NA,2024-01-03,1.00\n';

describe('customers without a customers file', () => {
  it('derives them from every table: missing ids (NA, N/A, #N/A, -, NULL, empty) are unattributed, never customers', async () => {
    const yaml = `${HEAD}unattributed: load\nsources:\n  order_lines: { file: data/orders.csv }\n  returns: { file: data/returns.csv }\n`;
    const dir = makeWorkspace({
      'worth.yaml': yaml,
      'data/orders.csv': `${ORDERS.join('\n')}\n`,
      'data/returns.csv': RETURNS,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.rejects).toBe(0);
    expect(report.tables.order_lines!.rowsUnattributed).toBe(6);
    expect(report.tables.returns!.rowsUnattributed).toBe(1);
    expect(report.tables.customers).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    // acquired_on = the first transaction of any kind: C3 only returned something (2023-12-15).
    const customers = await queryDb(
      dir,
      "SELECT customer_id, strftime(acquired_on, '%Y-%m-%d') AS since, name, segment, region FROM customers ORDER BY customer_id",
    );
    expect(customers).toEqual([
      { customer_id: 'C1', since: '2024-02-01', name: null, segment: null, region: null },
      { customer_id: 'C2', since: '2024-04-01', name: null, segment: null, region: null },
      { customer_id: 'C3', since: '2023-12-15', name: null, segment: null, region: null },
    ]);
  });

  it('with from: order_lines takes attributes from the latest line that has one (ties: the highest line)', async () => {
    const yaml = `${HEAD}unattributed: load
sources:
  customers:
    from: order_lines
    columns: { name: Name, segment: Segment, region: Country }
  order_lines: { file: data/orders.csv }
`;
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/orders.csv': `${ORDERS.join('\n')}\n` });
    await ingestWorkspace(loadWorkspace(dir));
    const customers = await queryDb(
      dir,
      "SELECT customer_id, strftime(acquired_on, '%Y-%m-%d') AS since, name, segment, region FROM customers ORDER BY customer_id",
    );
    // C1: latest line 3 (2024-05-01) has name and country, no segment: the segment comes from
    // line 2 (2024-03-01), the latest one that has it, not from line 12 (2024-02-01, later in the file).
    // C2: lines 10 and 11 share a date; line 11 wins.
    expect(customers).toEqual([
      { customer_id: 'C1', since: '2024-02-01', name: 'Alpha BV', segment: 'Retail', region: 'BE' },
      { customer_id: 'C2', since: '2024-04-01', name: 'Beta 2', segment: 'Horeca', region: 'NL' },
    ]);
  });

  it('with unattributed: reject, a missing id is rejected as missing; missing_values can be set', async () => {
    const yaml = `${HEAD}max_rejected_share: 1\nmissing_values: ["", "NA"]\nsources:\n  order_lines: { file: data/orders.csv }\n`;
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/orders.csv': `${ORDERS.join('\n')}\n` });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(
      readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value, r.reason.split(' (')[0]]),
    ).toEqual([
      ['4', 'customer_id', 'NA', 'missing required field'],
      ['9', 'customer_id', '', 'missing required field'],
    ]);
    // Only "" and NA mean missing here: "n/a", "#N/A", "-" and "NULL" are ids.
    const ids = await queryDb(dir, 'SELECT customer_id FROM customers ORDER BY customer_id');
    expect(ids.map((r) => r.customer_id)).toEqual(['#N/A', '-', 'C1', 'C2', 'NULL', 'n/a']);
  });

  it('a missing value is missing in any column, not only ids', async () => {
    const yaml = `${HEAD}max_rejected_share: 1\nsources:\n  order_lines: { file: data/orders.csv }\n`;
    const csv =
      'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount,discount_amount\nO1,C1,2024-03-01,1,10.00,N/A,NA\nO2,C1,2024-03-01,1,10.00,5.00,-\n';
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/orders.csv': csv });
    const report = await ingestWorkspace(loadWorkspace(dir));
    // cogs N/A is a missing required field (not "not a number"); discount NA and - take the default 0.
    expect(
      readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value, r.reason.split(' (')[0]]),
    ).toEqual([['2', 'cogs_amount', 'N/A', 'missing required field']]);
  });

  it('a missing value that reads as a number (here "0") is still missing, in direct columns and formulas', async () => {
    const yaml = `${HEAD}max_rejected_share: 1\nmissing_values: ["", "0"]\nsources:\n  order_lines:\n    file: data/orders.csv\n    columns: { gross_amount: Qty * Price }\n`;
    const csv =
      'order_id,customer_id,order_date,quantity,Qty,Price,cogs_amount\nO1,C1,2024-03-01,1,1,10.00,0\nO2,C1,2024-03-01,1,0,10.00,5.00\nO3,C1,2024-03-01,1,2,10.00,5.00\n';
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/orders.csv': csv });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(
      readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value, r.reason.split(' (')[0]]),
    ).toEqual([
      ['2', 'cogs_amount', '0', 'missing required field'],
      ['3', 'gross_amount', '', 'missing required field'],
    ]);
    expect(report.tables.order_lines!.amounts.gross_amount!.loaded).toBe('20.00');
  });

  it('sources.customers needs a file or from:, not both', () => {
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}sources:\n  customers: { file: a.csv, from: order_lines }\n  order_lines: { file: b.csv }\n`,
    });
    expect(() => loadWorkspace(dir)).toThrow('expected either file: (a customers file) or from: order_lines');
    const dir2 = makeWorkspace({
      'worth.yaml': `${HEAD}sources:\n  customers: { from: order_lines, columns: { acquired_on: Date } }\n  order_lines: { file: b.csv }\n`,
    });
    expect(() => loadWorkspace(dir2)).toThrow('expected one of name, segment, region, channel');
  });
});
