/**
 * Loads that cannot silently go wrong: the reject budget, required tables that come out
 * empty, tables that shrink to half, mixed line endings and a stray byte deep in a file.
 * Expected figures are worked out by hand in the comments.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  formatReconciliation,
  ingestWorkspace,
  LoadRefused,
  REFUSED_REJECTS_FILE,
} from '../../src/ingest/index.ts';
import { crlfToLf } from '../../src/ingest/scanText.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { FILES, ingested, query, runAnalyze } from '../profit/fixture.ts';
import { CUSTOMERS, makeWorkspace, queryDb, readRejects, yamlFor } from './helpers.ts';

const HEADER = 'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount';

/** `n` good order lines of 10.00 each (cogs 5.00), customers C1..C3 in turn; line k+1 holds order Ok. */
function orderLines(n: number): string[] {
  return [HEADER, ...Array.from({ length: n }, (_, i) => `O${i},C${(i % 3) + 1},2024-01-05,1,10.00,5.00`)];
}

async function refused(dir: string, options: { acceptShrink?: boolean } = {}): Promise<LoadRefused> {
  try {
    await ingestWorkspace(loadWorkspace(dir), options);
  } catch (e) {
    if (e instanceof LoadRefused) return e;
    throw e;
  }
  throw new Error('expected the load to be refused');
}

describe('reject budget', () => {
  it('under the budget: loads, and sums the rejects per reason with money and the first line', async () => {
    // 400 lines; lines 6 and 9 have quantity "x", line 12 an unknown customer.
    // Rejected 3 of 400 = 0.75% of lines; money 10.00 + 10.00 + 10.00 = 30.00 of 4,000.00 = 0.75%: under 1%.
    const lines = orderLines(400);
    lines[5] = 'O4,C1,2024-01-05,x,10.00,5.00';
    lines[8] = 'O7,C1,2024-01-05,x,10.00,5.00';
    lines[11] = 'O10,C9,2024-01-05,1,10.00,5.00';
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsLoaded).toBe(397);
    expect(report.rejectSummary.exceeded).toBe(false);
    expect(report.rejectSummary.reasons).toEqual([
      {
        table: 'order_lines',
        column: 'quantity',
        code: 'not_a_number',
        reason: 'not a number (expected e.g. 1234.56)',
        rows: 2,
        amountColumn: 'gross_amount',
        amount: '20.00',
        example: { file: 'data/order_lines.csv', line: 6, column: 'quantity', value: 'x' },
      },
      {
        table: 'order_lines',
        column: 'customer_id',
        code: 'unknown_customer',
        reason: 'unknown customer (not in customers)',
        rows: 1,
        amountColumn: 'gross_amount',
        amount: '10.00',
        example: { file: 'data/order_lines.csv', line: 12, column: 'customer_id', value: 'C9' },
      },
    ]);
    const ol = report.rejectSummary.tables.find((t) => t.table === 'order_lines')!;
    expect(ol).toMatchObject({
      rowsRead: 400,
      rowsRejected: 3,
      lineShare: 0.0075,
      amountRead: '4000.00',
      amountRejected: '30.00',
      amountShare: 0.0075,
      exceeded: false,
    });
    // The terminal shows one line per reason, not the rows; rejects.csv has every row.
    const text = formatReconciliation(report);
    expect(text).toContain('Rejects by reason:');
    expect(text).toMatch(
      /order_lines\s+quantity\s+not a number \(expected e\.g\. 1234\.56\)\s+2\s+20\.00 gross_amount\s+data\/order_lines\.csv line 6: "x"/,
    );
    expect(text).not.toContain('line 9');
    expect(text).toContain('order_lines: 0.8% of lines, 0.8% of gross_amount');
    expect(readRejects(report.rejectsFile).map((r) => r.line)).toEqual(['6', '9', '12']);
  });

  it('over the budget in lines: refused with the summary, the previous load and its analysis stay', async () => {
    const dir = await ingested();
    await runAnalyze(dir);
    // 3 of the 6 order lines now have quantity "many": 50% of lines against a budget of 1%.
    const lines = FILES['data/order_lines.csv']!.split('\n');
    for (const i of [1, 3, 5]) lines[i] = lines[i]!.replace(/,(\d+),(\d+\.\d\d),/, ',many,$2,');
    writeFileSync(path.join(dir, 'data/order_lines.csv'), lines.join('\n'));
    // 6 lines are far under the floor's 500 (3 rejects pass it): this test is about the share.
    appendFileSync(path.join(dir, 'worth.yaml'), 'reject_floor: 0\n');
    const e = await refused(dir);
    // The fixture's worth.yaml has no language: Dutch, the default (the summary's reasons; the message stays English).
    // Money: lines 2, 4, 6 gross 100.00 + 40.00 + 500.00 = 640.00 of 2,190.00 = 29.2%.
    expect(e.message).toBe(
      'load refused, the previous load is kept. order_lines: 3 of 6 lines rejected (50.0%) and 29.2% of gross_amount (640.00 of 2,190.00), over the reject budget of 1% (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv. ' +
        // 3 loaded of 6 before is half: the shrink guard says so too.
        'order_lines: 3 rows against 6 in the previous load (50.0% fewer); if that is right, run `worth ingest --accept-shrink`.',
    );
    expect(e.report.rejectSummary.reasons).toEqual([
      {
        table: 'order_lines',
        column: 'quantity',
        code: 'not_a_number',
        reason: 'geen getal (verwacht bijv. 1234.56)',
        rows: 3,
        amountColumn: 'gross_amount',
        amount: '640.00',
        example: { file: 'data/order_lines.csv', line: 2, column: 'quantity', value: 'many' },
      },
    ]);
    // The refused run's rejects are complete, beside the load in place; rejects.csv is the old one's (none).
    expect(readRejects(path.join(dir, REFUSED_REJECTS_FILE)).map((r) => r.line)).toEqual(['2', '4', '6']);
    expect(readRejects(path.join(dir, 'rejects.csv'))).toEqual([]);
    const kept = await query(
      dir,
      'SELECT (SELECT count(*) FROM order_lines) AS lines, (SELECT count(*) FROM customer_pnl) AS pnl, (SELECT CAST(sum(contribution) AS VARCHAR) FROM customer_pnl) AS contribution',
    );
    expect(kept).toEqual([{ lines: 6, pnl: 3, contribution: '115.25' }]);
  });

  it('over the budget in money only: one big bad line out of 200 is refused', async () => {
    // 1 of 200 lines = 0.5% (under 1%), but its 99,999.00 of 99,999.00 + 199 x 10.00 = 101,989.00 is 98.0%:
    // over the floor's money too (5 average lines of 200: 2.5%).
    const lines = orderLines(200);
    lines[100] = 'O99,C9,2024-01-05,1,99999.00,5.00';
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    const e = await refused(dir);
    expect(e.problems).toEqual([
      'order_lines: 1 of 200 lines rejected (0.5%) and 98.0% of gross_amount (99,999.00 of 101,989.00), over the reject budget of 1% (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv. The floor of 5 lines (with their money) that a table this small may always reject (reject_floor) is passed too.',
    ]);
    expect(existsSync(path.join(dir, 'worth.duckdb'))).toBe(false);
  });

  it('a mapping that rejects everything (a date layout that does not fit) is refused with the reason and an example', async () => {
    const yaml = `company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nsources:\n  customers: { file: data/customers.csv }\n  order_lines:\n    file: data/order_lines.csv\n    format: { date_format: dd-mm-yyyy }\n`;
    const dir = makeWorkspace({
      'worth.yaml': yaml,
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${orderLines(200).join('\n')}\n`,
    });
    const e = await refused(dir);
    // 200 of 200 lines and 2,000.00 of 2,000.00 rejected; nothing left in order_lines.
    expect(e.problems).toEqual([
      'order_lines: 200 of 200 lines rejected (100.0%) and 100.0% of gross_amount (2,000.00 of 2,000.00), over the reject budget of 1% (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv. The floor of 5 lines (with their money) that a table this small may always reject (reject_floor) is passed too.',
      'order_lines: no rows loaded from data/order_lines.csv; an analysis needs order_lines: check that the file has data lines under its header.',
    ]);
    const [reason] = e.report.rejectSummary.reasons;
    expect(e.report.rejectSummary.reasons).toHaveLength(1);
    expect(reason!.reason).toMatch(/^not a date/);
    expect([reason!.column, reason!.rows, reason!.amount, reason!.example]).toEqual([
      'order_date',
      200,
      '2000.00',
      { file: 'data/order_lines.csv', line: 2, column: 'order_date', value: '2024-01-05' },
    ]);
    expect(existsSync(path.join(dir, 'worth.duckdb'))).toBe(false);
  });

  it('a budget set in worth.yaml is used: 2% lets 3 of 200 lines through', async () => {
    const lines = orderLines(200);
    for (const i of [10, 20, 30]) lines[i] = lines[i]!.replace(',1,10.00,', ',?,10.00,');
    const files = { 'data/customers.csv': CUSTOMERS, 'data/order_lines.csv': `${lines.join('\n')}\n` };
    // 3 / 200 = 1.5%: over the default 1%, under 2% (no floor: 3 lines are within the default floor of 5).
    expect(
      (
        await refused(
          makeWorkspace({
            'worth.yaml': yamlFor(['customers', 'order_lines'], 'reject_floor: 0\n'),
            ...files,
          }),
        )
      ).problems[0],
    ).toMatch(/^order_lines: 3 of 200 lines rejected \(1\.5%\)/);
    const report = await ingestWorkspace(
      loadWorkspace(
        makeWorkspace({
          'worth.yaml': yamlFor(['customers', 'order_lines'], 'max_rejected_share: 0.02\nreject_floor: 0\n'),
          ...files,
        }),
      ),
    );
    expect(report.tables.order_lines!.rowsLoaded).toBe(197);
  });
});

describe('loads that cannot silently shrink', () => {
  it('an order-lines file with only a header is refused and the previous load stays', async () => {
    const dir = await ingested();
    await runAnalyze(dir);
    writeFileSync(
      path.join(dir, 'data/order_lines.csv'),
      `${FILES['data/order_lines.csv']!.split('\n')[0]}\n`,
    );
    const e = await refused(dir);
    expect(e.problems).toEqual([
      'order_lines: no rows loaded from data/order_lines.csv (the previous load has 6); an analysis needs order_lines: check that the file has data lines under its header.',
    ]);
    expect(
      await query(
        dir,
        'SELECT (SELECT count(*) FROM order_lines) AS lines, (SELECT count(*) FROM customer_pnl) AS pnl',
      ),
    ).toEqual([{ lines: 6, pnl: 3 }]);
  });

  it('a customers file with only a header is refused on a first load too', async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': 'customer_id,name,segment\n',
      'data/order_lines.csv': `${orderLines(3).join('\n')}\n`,
    });
    const e = await refused(dir);
    // Every order line then names an unknown customer: over the budget as well.
    expect(e.problems).toContain(
      'customers: no rows loaded from data/customers.csv; an analysis needs customers: check that the file has data lines under its header.',
    );
  });

  it('a table that halves needs --accept-shrink; one that loses less than half does not', async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${orderLines(300).join('\n')}\n`,
    });
    await ingestWorkspace(loadWorkspace(dir));
    // 151 of 300 is more than half: loads.
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${orderLines(151).join('\n')}\n`);
    expect((await ingestWorkspace(loadWorkspace(dir))).tables.order_lines!.rowsLoaded).toBe(151);
    // 75 of 151 is half or less (2 x 75 = 150 <= 151): refused, then accepted.
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${orderLines(75).join('\n')}\n`);
    const e = await refused(dir);
    expect(e.problems).toEqual([
      'order_lines: 75 rows against 151 in the previous load (50.3% fewer); if that is right, run `worth ingest --accept-shrink`.',
    ]);
    expect(await queryDb(dir, 'SELECT count(*) AS n FROM order_lines')).toEqual([{ n: 151 }]);
    const report = await ingestWorkspace(loadWorkspace(dir), { acceptShrink: true });
    expect(report.tables.order_lines!.rowsLoaded).toBe(75);
    expect(existsSync(path.join(dir, REFUSED_REJECTS_FILE))).toBe(false);
  });
});

describe('whole-file checks', () => {
  it('mixed line endings load, with the rejects on their physical lines', async () => {
    // 5,000 lines (~200 KB): every third line ends in CRLF, the others in LF, as after a hand edit.
    const lines = orderLines(5000);
    lines[4000] = 'O3999,C1,2024-01-05,1,abc,5.00'; // physical line 4001
    const text = lines.map((l, i) => `${l}${i % 3 === 0 ? '\r\n' : '\n'}`).join('');
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': text,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsLoaded).toBe(4999);
    expect(readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value])).toEqual([
      ['4001', 'gross_amount', 'abc'],
    ]);
    // No carriage return is left in a value: 4,999 x 5.00 = 24,995.00 of cost of goods, the last column.
    expect(
      await queryDb(
        dir,
        'SELECT CAST(sum(cogs_amount) AS VARCHAR) AS c, count(*) FILTER (WHERE contains(order_id, chr(13))) AS cr FROM order_lines',
      ),
    ).toEqual([{ c: '24995.00', cr: 0 }]);
  });

  it('a windows-1252 byte past the first 64 KB of a UTF-8 file is reported by line and column, with the encoding that reads it', async () => {
    // 3,000 customers of ~30 bytes: line 2,501 starts near byte 75,000. Its name gets a 0xe9 (é in windows-1252).
    const rows = [
      'customer_id,name,segment',
      ...Array.from({ length: 3000 }, (_, i) => `C${i + 1},Klant nummer ${i + 1} ë,Retail`),
    ];
    const before = Buffer.from(`${rows.slice(0, 2500).join('\n')}\n`, 'utf8');
    const bad = Buffer.concat([
      Buffer.from('C2500,Caf', 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from(' Noord,Retail\n', 'utf8'),
    ]);
    const after = Buffer.from(`${rows.slice(2501).join('\n')}\n`, 'utf8');
    expect(before.length).toBeGreaterThan(65536);
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': Buffer.concat([before, bad, after]),
      'data/order_lines.csv': `${orderLines(3).join('\n')}\n`,
    });
    let message = '';
    try {
      await ingestWorkspace(loadWorkspace(dir));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `data/customers.csv line 2501, column name: "Café Noord" (as windows-1252 reads it) is not valid UTF-8 (byte 0xe9 at byte ${before.length + 10}); set format.encoding: windows-1252 if the file was saved that way (Excel on Windows), or correct that line`,
    );
  });

  it('turns CRLF into LF across chunk boundaries and leaves a lone CR alone', async () => {
    const chunks = ['a\r', '\nb\r\n', 'c\r', 'd\n', '\r'].map((c) => Buffer.from(c));
    const out: Buffer[] = [];
    for await (const b of Readable.from(chunks).pipe(crlfToLf())) out.push(b as Buffer);
    expect(Buffer.concat(out).toString()).toBe('a\nb\nc\rd\n\r');
  });
});
