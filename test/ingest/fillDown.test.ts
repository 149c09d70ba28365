import { describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { Random } from '../../src/clv/index.ts';
import { makeWorkspace, NO_BUDGET, queryDb } from './helpers.ts';

const HEAD = 'company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nunattributed: load\n';
const MAPPING =
  '    columns: { order_id: Name, customer_id: Email, order_date: col("Created at"), quantity: Qty, gross_amount: Qty * Price, cogs_amount: "0" }\n';

function workspace(lines: string[], fill = '[Email, "Created at"]', extra = '') {
  return makeWorkspace({
    'worth.yaml': `${HEAD}${extra}sources:\n  order_lines:\n    file: data/orders.csv\n    fill_down: ${fill}\n${MAPPING}`,
    'data/orders.csv': `${['Name,Email,Created at,Qty,Price', ...lines].join('\n')}\n`,
  });
}

async function lines(dir: string) {
  return queryDb(
    dir,
    "SELECT _line AS line, order_id, coalesce(customer_id, '(none)') AS customer, CAST(order_date AS VARCHAR) AS day FROM order_lines ORDER BY _line",
  );
}

describe('fill_down: order-level fields from the first line of the same order', () => {
  it("fills an order's empty fields from its first line, keeps a line's own value, and never fills across orders", async () => {
    const dir = workspace([
      '#1,a@x.nl,2024-03-01 23:30:00 +0100,1,10.00', // line 2: first line of #1
      '#1,,,2,5.00', //                                  line 3: filled from line 2
      '#1,NA,,1,1.00', //                                line 4: NA is missing: filled
      '#1,b@x.nl,,1,2.00', //                            line 5: its own customer is kept
      '#2,c@x.nl,2024-03-02 08:00:00 -0500,1,7.00', //   line 6: another order
      '#2,,,1,3.00', //                                  line 7: filled from line 6
      '#1,,2024-03-05 10:00:00 +0200,1,4.00', //         line 8: #1 again after #2: not the same order, email not filled
    ]);
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsRejected).toBe(0);
    expect(await lines(dir)).toEqual([
      { line: 2, order_id: '#1', customer: 'a@x.nl', day: '2024-03-01' },
      { line: 3, order_id: '#1', customer: 'a@x.nl', day: '2024-03-01' },
      { line: 4, order_id: '#1', customer: 'a@x.nl', day: '2024-03-01' },
      { line: 5, order_id: '#1', customer: 'b@x.nl', day: '2024-03-01' },
      { line: 6, order_id: '#2', customer: 'c@x.nl', day: '2024-03-02' },
      { line: 7, order_id: '#2', customer: 'c@x.nl', day: '2024-03-02' },
      { line: 8, order_id: '#1', customer: '(none)', day: '2024-03-05' },
    ]);
    expect(report.tables.order_lines!.rowsUnattributed).toBe(1);
  });

  it('a line without an order number is never filled (its missing date is its own reject)', async () => {
    const dir = workspace(
      ['#1,a@x.nl,2024-03-01 10:00:00 +0100,1,10.00', ',,,1,5.00', '#2,b@x.nl,2024-03-02,1,1.00'],
      undefined,
      NO_BUDGET,
    );
    await ingestWorkspace(loadWorkspace(dir));
    const rows = await lines(dir);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    const rejects = await queryDb(dir, 'SELECT line, column_name FROM rejects ORDER BY line, column_name');
    expect(rejects).toEqual([
      { line: 3, column_name: 'Name' },
      { line: 3, column_name: 'order_date' },
    ]);
  });

  it('without fill_down the same file leaves the later lines unattributed and undated', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}${NO_BUDGET}sources:\n  order_lines:\n    file: data/orders.csv\n${MAPPING}`,
      'data/orders.csv':
        'Name,Email,Created at,Qty,Price\n#1,a@x.nl,2024-03-01 10:00:00 +0100,1,10.00\n#1,,,1,5.00\n',
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect([report.tables.order_lines!.rowsLoaded, report.tables.order_lines!.rowsRejected]).toEqual([1, 1]);
  });

  it('a fill_down column the file does not have is a config error naming it and the columns', async () => {
    const dir = workspace(['#1,a@x.nl,2024-03-01,1,10.00'], '[Email, Created]');
    const e = await ingestWorkspace(loadWorkspace(dir)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorthError);
    expect((e as WorthError).message).toContain('sources.order_lines.fill_down[1]');
    expect((e as WorthError).message).toContain('"Created"');
    expect((e as WorthError).message).toContain('Created at');
  });
});

describe('dates with a UTC offset: the local date as printed', () => {
  it('23:30 at +0100, -0500 and +02:00 stays on its own day; a date that does not exist is still a reject', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}${NO_BUDGET}sources:\n  order_lines:\n    file: data/orders.csv\n    columns: { order_id: Name, customer_id: Email, order_date: Created, quantity: Qty, gross_amount: Price, cogs_amount: "0" }\n`,
      'data/orders.csv': [
        'Name,Email,Created,Qty,Price',
        '#1,a,2024-03-31 23:30:00 +0100,1,1.00', // UTC would be 2024-03-31 22:30
        '#2,a,2024-03-31 23:30:00 -0500,1,1.00', // UTC would be 2024-04-01 04:30
        '#3,a,2024-12-31T23:30:00+02:00,1,1.00',
        '#4,a,2024-06-01 00:15:00 +0200,1,1.00', // UTC would be 2024-05-31 22:15
        '#5,a,2024-06-01 00:15:00Z,1,1.00',
        '#6,a,2024-02-30 10:00:00 +0100,1,1.00', // no such day
        '',
      ].join('\n'),
    });
    await ingestWorkspace(loadWorkspace(dir));
    const rows = await queryDb(
      dir,
      'SELECT order_id, CAST(order_date AS VARCHAR) AS day FROM order_lines ORDER BY order_id',
    );
    expect(rows).toEqual([
      { order_id: '#1', day: '2024-03-31' },
      { order_id: '#2', day: '2024-03-31' },
      { order_id: '#3', day: '2024-12-31' },
      { order_id: '#4', day: '2024-06-01' },
      { order_id: '#5', day: '2024-06-01' },
    ]);
    const rejects = await queryDb(dir, 'SELECT line, column_name, value, code FROM rejects');
    expect(rejects).toEqual([
      { line: 7, column_name: 'Created', value: '2024-02-30 10:00:00 +0100', code: 'not_a_date' },
    ]);
  });
});

describe('fill_down against the rules worked out here', () => {
  it('2,000 seeded lines (repeated and missing order numbers, NA, own values) fill as worked out line by line here', async () => {
    const r = new Random(7);
    const pick = (n: number) => Math.floor(r.uniform() * n);
    const rows: string[] = [];
    /** Expected customer per physical line, worked out from the rules, not from Worth. */
    const expected: { line: number; customer: string }[] = [];
    const missingOrder: number[] = [];
    // An order is a run of lines; the first line of the file has no order number.
    let first: string | undefined;
    let previous: string | undefined = 'none yet';
    while (rows.length < 2000) {
      const order = pick(20) === 0 ? '' : `#${pick(30)}`; // few numbers: they come back after other orders
      const run = 1 + pick(4);
      for (let i = 0; i < run && rows.length < 2000; i++) {
        const key = rows.length === 0 ? '' : order;
        const startsRun = key === '' ? previous !== '' : key !== previous;
        const roll = pick(10);
        const email =
          i === 0
            ? roll < 8
              ? `c${pick(50)}@x.nl`
              : roll < 9
                ? 'NA'
                : ''
            : roll < 6
              ? ''
              : roll < 8
                ? 'NA'
                : `c${pick(50)}@x.nl`;
        const own = email !== '' && email !== 'NA' ? email : undefined;
        if (startsRun) first = own;
        const customer = own ?? (key === '' ? undefined : first);
        rows.push(`${key},${email},2024-03-0${1 + pick(9)},1,1.00`);
        // A line without an order number is rejected (order_id is required), never filled.
        if (key === '') missingOrder.push(rows.length + 1);
        else expected.push({ line: rows.length + 1, customer: customer ?? '(none)' });
        previous = key;
      }
    }
    const dir = workspace(rows, '[Email]', NO_BUDGET);
    await ingestWorkspace(loadWorkspace(dir));
    const rejected = await queryDb(dir, 'SELECT line, column_name FROM rejects ORDER BY line');
    expect(rejected).toEqual(missingOrder.map((line) => ({ line, column_name: 'Name' })));
    const got = await queryDb(
      dir,
      "SELECT _line AS line, coalesce(customer_id, '(none)') AS customer FROM order_lines ORDER BY _line",
    );
    expect(got).toEqual(expected);
  });
});
