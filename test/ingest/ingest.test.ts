import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { CUSTOMERS, makeWorkspace, NO_BUDGET, queryDb, readRejects, yamlFor } from './helpers.ts';

const ORDER_HEADER =
  'order_id,line_no,customer_id,order_date,product_group,quantity,gross_amount,discount_amount,cogs_amount';

describe('ingest: every row loaded or rejected, totals to the cent', () => {
  it('rejects exactly the bad rows, each with its line, column and reason', async () => {
    const lines = [
      ORDER_HEADER, //                                            line 1
      'O1,1,C1,2024-01-05,Dranken,2,100.10,10.01,60.00', //       line 2 good
      'O1,2,C1,2024-01-05,Dranken,1,0.20,0,0.10', //              line 3 good
      'O2,1,C2,2024-02-01,Vers,abc,50.00,0,30.00', //             line 4 quantity not a number
      'O3,1,C2,,Vers,1,20.00,0,10.00', //                         line 5 missing order_date
      'O4,1,C3,2024-13-45,Vers,1,30.00,0,10.00', //               line 6 bad date
      'O5,1,C3,2024-03-01,Vers,-4,40.00,0,20.00', //              line 7 negative quantity
      'O1,1,C1,2024-01-06,Dranken,1,5.55,0,2.00', //              line 8 duplicate key of line 2
      'O6,1,C9,2024-03-02,Vers,1,7.77,0,3.00', //                 line 9 unknown customer
      'O7,1,C1,2024-03-03,Vers,1,12.5x,0,3.00', //                line 10 amount not a number
      'O8,1,C2,2024-04-01,Zuivel,3,0.30,0.00,0.15', //            line 11 good
    ];
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    const ol = report.tables.order_lines!;
    expect(ol.rowsRead).toBe(10);
    expect(ol.rowsLoaded).toBe(3);
    expect(ol.rowsRejected).toBe(7);
    // Good rows: 100.10 + 0.20 + 0.30 = 100.60 exactly (binary floats would drift).
    expect(ol.amounts.gross_amount).toEqual({
      read: '253.92',
      loaded: '100.60',
      rejected: '153.32',
      unreadable: 1,
    });
    expect(ol.amounts.discount_amount!.loaded).toBe('10.01');
    expect(ol.amounts.cogs_amount!.loaded).toBe('60.25');
    const rejects = readRejects(report.rejectsFile).map((r) => [
      r.line,
      r.column,
      r.value,
      r.reason.split(' (')[0],
    ]);
    expect(rejects).toEqual([
      ['4', 'quantity', 'abc', 'not a number'],
      ['5', 'order_date', '', 'missing required field'],
      ['6', 'order_date', '2024-13-45', 'not a date'],
      ['7', 'quantity', '-4', 'zero or negative quantity'],
      ['8', 'order_id, line_no', 'O1 / 1', 'duplicate key'],
      ['9', 'customer_id', 'C9', 'unknown customer'],
      ['10', 'gross_amount', '12.5x', 'not a number'],
    ]);
    const dup = readRejects(report.rejectsFile).find((r) => r.line === '8')!;
    expect(dup.reason).toBe('duplicate key (order_id, line_no already on line 2)');
    expect(
      readRejects(report.rejectsFile).every(
        (r) => r.table === 'order_lines' && r.file === 'data/order_lines.csv',
      ),
    ).toBe(true);
    const sums = await queryDb(dir, 'SELECT sum(gross_amount)::VARCHAR AS g, count(*) AS n FROM order_lines');
    expect(sums).toEqual([{ g: '100.60', n: 3 }]);
  });

  it('trims spaces around fields, and a field of spaces is missing', async () => {
    const lines = [
      ORDER_HEADER,
      'O1 ,1 ,C1 ,2024-01-05 ,Dranken ,2 ,100.10 ,10.01 ,60.00 ', //  line 2: loads, trailing spaces trimmed
      'O2,1,C2,   ,Vers,1,20.00,0,10.00', //                             line 3: order_date missing
      'O3,1,C2,2024-01-06,Vers,1,  ,0,10.00', //                          line 4: gross_amount missing
      'O4,1, C9,2024-01-06,Vers,1,5.00,0,1.00', //                        line 5: unknown customer C9
      ' O5, 1, C2, 2024-01-07, Vers, 1, 0.50, 0, 0.25', //               line 6: loads, leading spaces trimmed
    ];
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsLoaded).toBe(2);
    const rejects = readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.reason.split(' (')[0]]);
    expect(rejects).toEqual([
      ['3', 'order_date', 'missing required field'],
      ['4', 'gross_amount', 'missing required field'],
      ['5', 'customer_id', 'unknown customer'],
    ]);
    const rows = await queryDb(
      dir,
      'SELECT order_id, line_no, customer_id, order_date::VARCHAR AS d, product_group, quantity::VARCHAR AS q, gross_amount::VARCHAR AS g FROM order_lines ORDER BY order_id',
    );
    expect(rows).toEqual([
      {
        order_id: 'O1',
        line_no: 1,
        customer_id: 'C1',
        d: '2024-01-05',
        product_group: 'Dranken',
        q: '2.000',
        g: '100.10',
      },
      {
        order_id: 'O5',
        line_no: 1,
        customer_id: 'C2',
        d: '2024-01-07',
        product_group: 'Vers',
        q: '1.000',
        g: '0.50',
      },
    ]);
  });

  it('reads a Dutch export: semicolons, decimal comma, thousands dots, dd-mm-yyyy, BOM, Windows-1252', async () => {
    const yaml = `company: Test B.V.
language: en
${NO_BUDGET}period: { start: 2024-01-01, end: 2024-12-31 }
sources:
  customers:
    file: data/klanten.csv
    format: { delimiter: ";", decimal: ",", date_format: dd-mm-jjjj, encoding: windows-1252 }
    columns: { customer_id: Klantnummer, name: Naam, acquired_on: Klant sinds }
  order_lines:
    file: data/orders.csv
    format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy }
    columns:
      order_id: Ordernr
      customer_id: Klantnummer
      order_date: Datum
      quantity: Aantal
      gross_amount: Bruto
      cogs_amount: Kostprijs
`;
    const klanten = Buffer.from(
      'Klantnummer;Naam;Klant sinds\r\nK1;Caf\xe9 De Kroon \x80;01-02-2020\r\nK2;Bakkerij Smit;31-12-2019\r\n',
      'latin1',
    );
    const orders =
      '\ufeffOrdernr;Klantnummer;Datum;Aantal;Bruto;Kostprijs\n' +
      'A1;K1;05-01-2024;1;1.234,50;800,25\n' + //  line 2
      'A2;K2;06-01-2024;2,5;12,5;7\n' + //         line 3
      'A3;K2;07-01-2024;1;1.23,4;1\n' + //         line 4: bad grouping
      'A4;K1;2024-01-08;1;10,00;5\n' + //          line 5: ISO date where dd-mm-yyyy expected
      'A5;K1;09-01-2024 14:35;1;1.000.000,01;1\n'; // line 6: a date-time loads as a date
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/klanten.csv': klanten, 'data/orders.csv': orders });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.amounts.gross_amount!.loaded).toBe('1001247.01');
    expect(readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value])).toEqual([
      ['4', 'Bruto', '1.23,4'],
      ['5', 'Datum', '2024-01-08'],
    ]);
    const names = await queryDb(
      dir,
      "SELECT name, strftime(acquired_on, '%Y-%m-%d') AS since FROM customers ORDER BY customer_id",
    );
    expect(names).toEqual([
      { name: 'Café De Kroon €', since: '2020-02-01' },
      { name: 'Bakkerij Smit', since: '2019-12-31' },
    ]);
    const d = await queryDb(
      dir,
      "SELECT strftime(order_date, '%Y-%m-%d') AS d, quantity::VARCHAR AS q FROM order_lines ORDER BY order_id",
    );
    expect(d).toEqual([
      { d: '2024-01-05', q: '1.000' },
      { d: '2024-01-06', q: '2.500' },
      { d: '2024-01-09', q: '1.000' },
    ]);
  });

  it('derives columns by formula, splits credit lines into returns, estimates missing cost of goods, loads unattributed lines', async () => {
    // Shaped like the public "Online Retail" export: credit notes start with C, no cost of goods, some lines without a customer.
    const yaml = `company: Retail Ltd
language: en
${NO_BUDGET}period: { start: 2010-12-01, end: 2011-12-31 }
unattributed: load
sources:
  customers:
    file: data/customers.csv
  order_lines:
    file: data/online_retail.csv
    format: { date_format: dd-mm-yyyy }
    columns:
      order_id: InvoiceNo
      line_no: Line
      customer_id: CustomerID
      order_date: InvoiceDate
      product_id: StockCode
      product_group: Group
      quantity: Quantity
      gross_amount: Quantity * UnitPrice
    split:
      when: Quantity < 0 or starts_with(InvoiceNo, 'C')
      to: returns
      columns:
        return_id: InvoiceNo
        order_id: InvoiceNo
        customer_id: CustomerID
        return_date: InvoiceDate
        credited_amount: -Quantity * UnitPrice
cogs:
  margin_rates: { Gifts: 0.4 }
  default_margin: 0.25
`;
    const rows = [
      'InvoiceNo,Line,StockCode,Group,Quantity,InvoiceDate,UnitPrice,CustomerID',
      '536365,1,85123A,Gifts,6,01-12-2010 08:26,2.55,C1', //  15.30, cogs 9.18
      '536365,2,71053,Other,6,01-12-2010 08:26,3.39,C1', //   20.34, cogs 15.255 -> 15.26 (rounded to the cent)
      '536366,1,22633,Gifts,2,01-12-2010 08:28,1.85,', //     3.70 unattributed, cogs 2.22
      'C536379,1,D,Other,-1,01-12-2010 09:41,27.50,C1', //   return 27.50
      '536367,1,84879,Gifts,x,01-12-2010 08:34,1.69,C1', //   bad quantity
    ];
    const dir = makeWorkspace({
      'worth.yaml': yaml,
      'data/customers.csv': CUSTOMERS,
      'data/online_retail.csv': `${rows.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    const ol = report.tables.order_lines!;
    expect([ol.rowsRead, ol.rowsLoaded, ol.rowsRejected, ol.rowsUnattributed, ol.rowsEstimated]).toEqual([
      4, 3, 1, 1, 3,
    ]);
    expect(ol.amounts.gross_amount!.loaded).toBe('39.34');
    expect(ol.amounts.cogs_amount!.loaded).toBe('26.66');
    const ret = report.tables.returns!;
    expect([ret.rowsRead, ret.rowsLoaded]).toEqual([1, 1]);
    expect(ret.amounts.credited_amount!.loaded).toBe('27.50');
    // The credit note has no order of its own here: it takes back cost of goods at C1's rate,
    // (9.18 + 15.26) / (15.30 + 20.34) = 24.44 / 35.64; 27.50 x 24.44 / 35.64 = 18.858 -> 18.86.
    expect(ret.rowsEstimated).toBe(1);
    expect(
      await queryDb(
        dir,
        'SELECT return_id, CAST(cogs_recovered AS VARCHAR) AS c, cogs_estimated AS e FROM returns',
      ),
    ).toEqual([{ return_id: 'C536379', c: '18.86', e: true }]);
    expect(readRejects(report.rejectsFile).map((r) => [r.table, r.line, r.column, r.value])).toEqual([
      ['order_lines', '6', 'Quantity', 'x'],
    ]);
    const un = await queryDb(
      dir,
      "SELECT order_id, strftime(order_date, '%Y-%m-%d') AS d FROM order_lines WHERE customer_id IS NULL",
    );
    expect(un).toEqual([{ order_id: '536366', d: '2010-12-01' }]);
  });

  it('counts physical lines when a quoted field holds a line break', async () => {
    const csv = 'customer_id,name\nC1,"two\nlines"\nC2,ok\n,missing id\n';
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': csv,
      'data/order_lines.csv': `${ORDER_HEADER}\nO1,1,C2,2024-01-05,Vers,1,1.00,0,0.50\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.reason.split(' (')[0]])).toEqual([
      ['5', 'customer_id', 'missing required field'],
    ]);
  });
});

describe('ingest: cost of goods from a product cost table', () => {
  it('uses the product cost first, the margin rate of the group as fallback, and rejects bad cost rows', async () => {
    const yaml = `company: X
language: en
${NO_BUDGET}period: { start: 2024-01-01, end: 2024-12-31 }
sources:
  customers: { file: data/customers.csv }
  order_lines:
    file: data/orders.csv
cogs:
  product_costs: { file: data/kostprijzen.csv, format: { delimiter: ";", decimal: "," }, product_id: Artikel, unit_cost: Kostprijs }
  margin_rates: { Vers: 0.2 }
`;
    const orders = [
      'order_id,customer_id,order_date,product_id,product_group,quantity,gross_amount,cogs_amount',
      'O1,C1,2024-01-01,P1,Vers,3,30.00,', //   product cost 3 x 4.125 = 12.375 -> 12.38
      'O2,C1,2024-01-01,P2,Vers,1,10.00,', //   P2 cost unreadable: margin 20% -> 8.00
      'O3,C2,2024-01-01,P3,Zuivel,2,5.00,', //  no product cost, no margin for Zuivel: rejected
      'O4,C2,2024-01-01,P1,Vers,1,10.00,1.00', // given cost of goods stays
    ];
    const costs = 'Artikel;Kostprijs\nP1;4,125\nP2;onbekend\nP1;9,99\n;1\n';
    const dir = makeWorkspace({
      'worth.yaml': yaml,
      'data/customers.csv': CUSTOMERS,
      'data/orders.csv': `${orders.join('\n')}\n`,
      'data/kostprijzen.csv': costs,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    const ol = report.tables.order_lines!;
    expect([ol.rowsLoaded, ol.rowsRejected, ol.rowsEstimated]).toEqual([3, 1, 2]);
    expect(ol.amounts.cogs_amount!.loaded).toBe('21.38');
    expect(report.productCosts).toEqual({ rowsRead: 4, rowsLoaded: 1, rowsRejected: 3 });
    expect(
      readRejects(report.rejectsFile).map((r) => [
        r.table,
        r.line,
        r.column,
        r.value,
        r.reason.split(' (')[0],
      ]),
    ).toEqual([
      ['product_costs', '3', 'Kostprijs', 'onbekend', 'not a number'],
      ['product_costs', '4', 'Artikel', 'P1', 'duplicate key'],
      ['product_costs', '5', 'Artikel', '', 'missing required field'],
      ['order_lines', '4', 'cogs_amount', '', 'missing required field'],
    ]);
  });
});
