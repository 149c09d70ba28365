/**
 * The README's mapping examples, run exactly as written: every ```yaml block under "Exports
 * that are not shaped like the contract" is a whole worth.yaml. When the README changes, this
 * test reads the new text (and its expected figures below must be worked out again). The
 * bounds and reasons of bad values are tested in values.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb, readRejects } from './helpers.ts';

function readmeBlocks(): string[] {
  const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('### Exports that are not shaped like the contract');
  const end = readme.indexOf('\n### ', start + 1);
  const section = readme.slice(start, end);
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

// The export as the README describes it: no line numbers, no cost of goods, no customers file.
const EXPORT = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country', //  line 1
  '536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom', //         line 2: 15.30
  '536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom', //          line 3: 20.34
  '536365,84406B,CREAM CUPID,8,12/1/2010 8:26,2.75,17850,United Kingdom', //                 line 4: 22.00
  '536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,NA,United Kingdom', //                     line 5: 11.10, no customer
  '536367,84879,BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,France', //                       line 6: 54.08
  'C536379,D,Discount,-1,12/1/2010 9:41,27.50,17850,United Kingdom', //                      line 7: a return of 27.50
  '536380,22961,JAM JAR,2000000,12/2/2010 9:00,1.25,13047,France', //                        line 8: 2,500,000.00
  '536382,22963,PRICEY,3,12/3/2010 10:00,1.335,,Germany', //                                 line 9: 4.005 -> 4.01, no customer
  '536367,84880,BIRD TWO,1,12/4/2010 8:34,0.85,13047,Germany', //                            line 10: 0.85
].join('\n');

describe("the README's mapping for a web-shop export", () => {
  const blocks = readmeBlocks();

  it('has its examples in the README', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b, i) => [i + 1, b]))(
    'block %i loads every line once, with its own line number',
    async (_n, yaml) => {
      const dir = makeWorkspace({ 'worth.yaml': yaml as string, 'data/online_retail.csv': `${EXPORT}\n` });
      const report = await ingestWorkspace(loadWorkspace(dir));
      const ol = report.tables.order_lines!;
      // Lines 2-6 and 8-10 are sales (8); lines 5 and 9 have no customer; nothing is rejected.
      expect([ol.rowsRead, ol.rowsLoaded, ol.rowsRejected, ol.rowsUnattributed]).toEqual([8, 8, 0, 2]);
      // 15.30 + 20.34 + 22.00 + 11.10 + 54.08 + 2,500,000.00 + 4.01 + 0.85 = 2,500,127.68
      expect(ol.amounts.gross_amount).toMatchObject({
        read: '2500127.68',
        loaded: '2500127.68',
        rejected: '0.00',
      });
      expect(readRejects(report.rejectsFile)).toEqual([]);
      // No line numbers in the file: the physical line is the line number, so no duplicate keys.
      const lines = await queryDb(
        dir,
        "SELECT order_id, line_no, CAST(gross_amount AS VARCHAR) AS g FROM order_lines WHERE order_id IN ('536365', '536367', '536382') ORDER BY line_no",
      );
      expect(lines).toEqual([
        { order_id: '536365', line_no: 2, g: '15.30' },
        { order_id: '536365', line_no: 3, g: '20.34' },
        { order_id: '536365', line_no: 4, g: '22.00' },
        { order_id: '536367', line_no: 6, g: '54.08' },
        { order_id: '536382', line_no: 9, g: '4.01' },
        { order_id: '536367', line_no: 10, g: '0.85' },
      ]);
      // The credit note went to returns, its id from the file and line.
      const returns = await queryDb(
        dir,
        "SELECT return_id, order_id, customer_id, strftime(return_date, '%Y-%m-%d') AS d, CAST(credited_amount AS VARCHAR) AS c FROM returns",
      );
      expect(returns).toEqual([
        {
          return_id: 'online_retail.csv:7',
          order_id: 'C536379',
          customer_id: '17850',
          d: '2010-12-01',
          c: '27.50',
        },
      ]);
      // Customers from the transactions: NA and empty are not customers; region from the latest line.
      const customers = await queryDb(
        dir,
        "SELECT customer_id, strftime(acquired_on, '%Y-%m-%d') AS since, region FROM customers ORDER BY customer_id",
      );
      expect(customers).toEqual([
        { customer_id: '13047', since: '2010-12-01', region: 'Germany' },
        { customer_id: '17850', since: '2010-12-01', region: 'United Kingdom' },
      ]);
    },
  );
});
