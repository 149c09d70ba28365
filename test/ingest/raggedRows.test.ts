/**
 * A record with too few or too many fields is that record's reject (file, physical line, the
 * count found and expected, the raw line), counted in the budget; the other records load. Both
 * read paths (typed first, and text only) give the same rejects and line numbers.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestWorkspace, LoadRefused, REJECTS_FILE } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { CUSTOMERS, makeWorkspace, NO_BUDGET, queryDb, readRejects, yamlFor } from './helpers.ts';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const HEAD = 'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount';

/** A workspace whose order lines are `lines` (after the header), plus a copy; both loaded, one per read path. */
async function loadBoth(body: string, extra = NO_BUDGET) {
  const dir = makeWorkspace({
    'worth.yaml': yamlFor(['customers', 'order_lines'], extra),
    'data/customers.csv': CUSTOMERS,
    'data/order_lines.csv': body,
  });
  const textDir = mkdtempSync(path.join(os.tmpdir(), 'worth-ragged-text-'));
  made.push(dir, textDir);
  cpSync(dir, textDir, { recursive: true });
  const auto = await ingestWorkspace(await loadWorkspace(dir), { readPath: 'auto' });
  const text = await ingestWorkspace(await loadWorkspace(textDir), { readPath: 'text' });
  return { dir, textDir, auto, text };
}

describe('ragged rows', () => {
  it('rejects a short and a long row with their physical lines (blank line, quoted line break, BOM, CRLF) on both paths', async () => {
    const rows = [
      HEAD, // line 1
      'O1,1,C1,2024-02-01,2,20.00,8.00', // 2
      '', // 3: blank
      'O2,1,C2,2024-02-02,1', // 4: short (5 fields)
      'O3,1,C1,2024-02-03,1,"10.00",4.00', // 5
      'O4,1,"C\r\n2",2024-02-04,1,10.00,4.00', // 6-7: quoted line break (unknown customer "C\r\n2")
      'O5,1,C3,2024-02-05,1,10.00,4.00,extra', // 8: long (8 fields)
      'O6,1,C3,2024-02-06,3,30.00,12.00', // 9
    ];
    const body = `\ufeff${rows.join('\r\n')}\r\n`;
    const { dir, textDir, auto, text } = await loadBoth(body);
    for (const [d, report] of [
      [dir, auto],
      [textDir, text],
    ] as const) {
      const rejects = readRejects(path.join(d, REJECTS_FILE)).filter((r) =>
        /number of fields/.test(r.reason!),
      );
      expect(rejects.map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
        [
          '4',
          '(whole line)',
          'O2,1,C2,2024-02-02,1',
          'wrong number of fields: 5 found, 7 expected (one per column of the header; quote a value that holds the delimiter)',
        ],
        [
          '8',
          '(whole line)',
          'O5,1,C3,2024-02-05,1,10.00,4.00,extra',
          'wrong number of fields: 8 found, 7 expected (one per column of the header; quote a value that holds the delimiter)',
        ],
      ]);
      const loaded = await queryDb(d, 'SELECT order_id, _line FROM order_lines ORDER BY _line');
      expect(loaded.map((r) => [r.order_id, Number(r._line)])).toEqual([
        ['O1', 2],
        ['O3', 5],
        ['O6', 9],
      ]);
      // Six records read: three loaded, two broken, one unknown customer (line 6).
      expect(report.tables.order_lines).toMatchObject({ rowsRead: 6, rowsLoaded: 3, rowsRejected: 3 });
      const unknown = await queryDb(d, "SELECT line FROM rejects WHERE reason LIKE 'unknown customer%'");
      expect(unknown.map((r) => Number(r.line))).toEqual([6]);
    }
  });

  it('a ragged row in the middle of a 100,000-line file: rejected with its line on the typed and the text path', async () => {
    const lines = [HEAD];
    for (let i = 1; i <= 100_000; i++) {
      const c = `C${(i % 3) + 1}`;
      lines.push(
        i === 61_234
          ? `O${i},1,${c},2024-03-01,1`
          : `O${i},1,${c},2024-03-${String((i % 28) + 1).padStart(2, '0')},2,${(i % 500) + 1}.25,1.00`,
      );
    }
    const { dir, textDir, auto, text } = await loadBoth(`${lines.join('\n')}\n`);
    expect(auto.sources[0]).toBeDefined();
    for (const [d, report] of [
      [dir, auto],
      [textDir, text],
    ] as const) {
      const rejects = readRejects(path.join(d, REJECTS_FILE));
      expect(rejects.map((r) => [r.file, r.line, r.value])).toEqual([
        ['data/order_lines.csv', '61235', 'O61234,1,C2,2024-03-01,1'],
      ]);
      expect(report.tables.order_lines).toMatchObject({
        rowsRead: 100_000,
        rowsLoaded: 99_999,
        rowsRejected: 1,
      });
      const [after] = await queryDb(d, "SELECT _line FROM order_lines WHERE order_id = 'O61235'");
      expect(Number(after!._line)).toBe(61_236);
    }
  });

  it('counts broken rows against the reject budget: over it, the load fails', async () => {
    const rows = [HEAD, 'O1,1,C1,2024-02-01,2,20.00,8.00', 'O2,1,C2', 'O3,1,C1,2024-02-03,1,10.00,4.00'];
    const dir = makeWorkspace({
      // No floor: 1 broken line of 3 is within the default floor of 5 lines.
      'worth.yaml': yamlFor(['customers', 'order_lines'], 'reject_floor: 0\n'),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${rows.join('\n')}\n`,
    });
    made.push(dir);
    const refused = await ingestWorkspace(await loadWorkspace(dir)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(LoadRefused);
    const { reasons, tables } = (refused as LoadRefused).report.rejectSummary;
    expect(reasons.map((r) => [r.reason, r.rows, r.example.line, r.example.value])).toEqual([
      [
        // The summary groups broken lines of any count under one reason; each line's own count is in rejects.csv.
        'wrong number of fields (7 expected: one per column of the header; quote a value that holds the delimiter)',
        1,
        3,
        'O2,1,C2',
      ],
    ]);
    expect(tables.find((t) => t.table === 'order_lines')).toMatchObject({
      table: 'order_lines',
      rowsRead: 3,
      rowsRejected: 1,
      exceeded: true,
    });
  });
});
