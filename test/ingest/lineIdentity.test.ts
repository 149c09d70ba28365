import path from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb, readRejects } from './helpers.ts';

const PERIOD = 'company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\n';

describe('line identity: keys a file does not have come from the file', () => {
  it('a file without line numbers loads every line; line_no is the physical line, quoted line breaks counted', async () => {
    const lines = [
      'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount,product_id', // line 1
      'O1,C1,2024-01-05,1,10.00,5.00,"a note', //                                       line 2
      'over two lines"', //                                                              line 3
      'O1,C1,2024-01-05,2,20.00,10.00,P2', //                                            line 4
      'O1,C1,2024-01-05,3,30.00,15.00,P3', //                                            line 5
    ];
    const dir = makeWorkspace({
      'worth.yaml': `${PERIOD}sources:\n  order_lines: { file: data/orders.csv }\n`,
      'data/orders.csv': `${lines.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect([
      report.tables.order_lines!.rowsRead,
      report.tables.order_lines!.rowsLoaded,
      report.tables.order_lines!.rowsRejected,
    ]).toEqual([3, 3, 0]);
    const rows = await queryDb(dir, 'SELECT order_id, line_no, _line FROM order_lines ORDER BY line_no');
    expect(rows).toEqual([
      { order_id: 'O1', line_no: 2, _line: 2 },
      { order_id: 'O1', line_no: 4, _line: 4 },
      { order_id: 'O1', line_no: 5, _line: 5 },
    ]);
  });

  it('in an XLSX the line number is the Excel row', async () => {
    const dir = makeWorkspace({});
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['Order', 'Customer', 'Date', 'Qty', 'Amount', 'Cost']); //  row 1
    ws.addRow(['A1', 'C1', '2024-01-05', 1, 10, 5]); //                    row 2
    ws.addRow(['A1', 'C1', '2024-01-05', 2, 20, 10]); //                   row 3
    ws.addRow(['A1', 'C2', '2024-01-06', 3, 30, 15]); //                   row 4
    await wb.xlsx.writeFile(path.join(dir, 'orders.xlsx'));
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      `${PERIOD}sources:\n  order_lines:\n    file: orders.xlsx\n    columns: { order_id: Order, customer_id: Customer, order_date: Date, quantity: Qty, gross_amount: Amount, cogs_amount: Cost }\n`,
    );
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsLoaded).toBe(3);
    const rows = await queryDb(dir, 'SELECT customer_id, line_no FROM order_lines ORDER BY line_no');
    expect(rows).toEqual([
      { customer_id: 'C1', line_no: 2 },
      { customer_id: 'C1', line_no: 3 },
      { customer_id: 'C2', line_no: 4 },
    ]);
  });

  it('returns split from the order lines without a return id get <file name>:<line>; a returns file its own', async () => {
    const orders = [
      'Invoice,Customer,Date,Qty,Price', //   line 1
      'A1,C1,2024-02-01,2,5.00', //            line 2
      'CA1,C1,2024-02-03,-1,5.00', //          line 3: a credit line
      'A2,C2,2024-02-04,1,7.50', //            line 4
      'CA2,C2,2024-02-05,-1,7.50', //          line 5: a credit line
    ];
    const yaml = `${PERIOD}unattributed: load
sources:
  order_lines:
    file: data/sales.csv
    columns: { order_id: Invoice, customer_id: Customer, order_date: Date, quantity: Qty, gross_amount: Qty * Price, cogs_amount: Qty * Price * 0.5 }
    split:
      when: Qty < 0
      to: returns
      columns: { customer_id: Customer, return_date: Date, credited_amount: -Qty * Price }
  service_contacts: { file: data/calls.csv }
`;
    const dir = makeWorkspace({
      'worth.yaml': yaml,
      'data/sales.csv': `${orders.join('\n')}\n`,
      'data/calls.csv': 'customer_id,contact_date,minutes\nC1,2024-03-01,5\nC1,2024-03-01,5\n',
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.rejects).toBe(0);
    const returns = await queryDb(
      dir,
      'SELECT return_id, customer_id, CAST(credited_amount AS VARCHAR) AS c FROM returns ORDER BY return_id',
    );
    expect(returns).toEqual([
      { return_id: 'sales.csv:3', customer_id: 'C1', c: '5.00' },
      { return_id: 'sales.csv:5', customer_id: 'C2', c: '7.50' },
    ]);
    // Two identical calls are two contacts, not a duplicate.
    const calls = await queryDb(dir, 'SELECT contact_id FROM service_contacts ORDER BY contact_id');
    expect(calls).toEqual([{ contact_id: 'calls.csv:2' }, { contact_id: 'calls.csv:3' }]);
  });

  it('a key mapped to a constant is refused before anything loads', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${PERIOD}sources:\n  order_lines:\n    file: data/orders.csv\n    columns: { line_no: '1' }\n`,
      'data/orders.csv':
        'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,C1,2024-01-05,1,10.00,5.00\n',
    });
    await expect(ingestWorkspace(loadWorkspace(dir))).rejects.toThrow(
      'sources.order_lines.columns.line_no: "1" is the same on every line, so every line after the first would be a duplicate key',
    );
  });

  it('a repeated line number in the file is still a duplicate key', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${PERIOD}max_rejected_share: 1\nsources:\n  order_lines: { file: data/orders.csv }\n`,
      'data/orders.csv':
        'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,1,C1,2024-01-05,1,10.00,5.00\nO1,1,C1,2024-01-05,1,10.00,5.00\n',
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(readRejects(report.rejectsFile).map((r) => [r.line, r.reason])).toEqual([
      ['3', 'duplicate key (order_id, line_no already on line 2)'],
    ]);
  });
});
