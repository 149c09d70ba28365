/**
 * The fast path: a clean file's amounts, quantities and dates are read by the engine's typed
 * reader; a file it refuses is read as text. Both paths must give the same canonical tables,
 * rejects and reconciliation, so each case here loads one workspace twice (`readPath: 'auto'`
 * and `'text'`) and compares every table both ways (EXCEPT ALL) and the rejects files byte for byte.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/core/index.ts';
import {
  ingestWorkspace,
  DATABASE_FILE,
  REJECTS_FILE,
  formatReconciliation,
  type IngestReport,
} from '../../src/ingest/index.ts';
import { initFromExport } from '../../src/onboard/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { webshopExport, writeWebshopCsv } from '../fixtures/webshopExport.ts';
import { demoWorkspace, removeWorkspaces } from '../demo/workspace.ts';
import { CUSTOMERS, makeWorkspace, NO_BUDGET, readRejects, yamlFor } from './helpers.ts';

const made: string[] = [];
afterAll(() => {
  removeWorkspaces();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Loads `dir` as it is and a copy of it with every source read as text; returns both reports and folders. */
async function bothPaths(dir: string): Promise<{ auto: IngestReport; text: IngestReport; textDir: string }> {
  const textDir = mkdtempSync(path.join(os.tmpdir(), 'worth-fastpath-text-'));
  made.push(textDir);
  cpSync(dir, textDir, { recursive: true });
  const auto = await ingestWorkspace(await loadWorkspace(dir), { readPath: 'auto' });
  const text = await ingestWorkspace(await loadWorkspace(textDir), { readPath: 'text' });
  return { auto, text, textDir };
}

/** Rows of each table (canonical tables, rejects, reconciliation) in one database and not in the other, both ways. */
async function differences(a: string, b: string): Promise<Record<string, number>> {
  const engine = await DuckDBEngine.open(':memory:');
  try {
    await engine.run(`ATTACH '${path.join(a, DATABASE_FILE)}' AS a (READ_ONLY)`);
    await engine.run(`ATTACH '${path.join(b, DATABASE_FILE)}' AS b (READ_ONLY)`);
    const out: Record<string, number> = {};
    // The tables themselves too: the same columns in the same order, types and defaults
    // (a clean typed load renames its route table into place instead of copying it).
    const schema = (db: string) =>
      `SELECT table_name, column_name, ordinal_position, data_type, column_default FROM information_schema.columns WHERE table_catalog = '${db}'`;
    const columns = await engine.query(
      `SELECT (SELECT count(*) FROM (${schema('a')} EXCEPT ALL ${schema('b')})) + (SELECT count(*) FROM (${schema('b')} EXCEPT ALL ${schema('a')})) AS n`,
    );
    out.columns = Number(columns[0]!.n);
    for (const t of [...TABLE_NAMES, 'rejects', 'reconciliation', 'reconciliation_amounts']) {
      const n = await engine.query(
        `SELECT (SELECT count(*) FROM (SELECT * FROM a."${t}" EXCEPT ALL SELECT * FROM b."${t}")) + (SELECT count(*) FROM (SELECT * FROM b."${t}" EXCEPT ALL SELECT * FROM a."${t}")) AS n`,
      );
      out[t] = Number(n[0]!.n);
    }
    return out;
  } finally {
    await engine.close();
  }
}

const noDifferences = Object.fromEntries(
  ['columns', ...TABLE_NAMES, 'rejects', 'reconciliation', 'reconciliation_amounts'].map((t) => [t, 0]),
);

describe('a clean file takes the fast path, with the same result as the text path', () => {
  it('loads the demo company typed, every table equal to the text path', async () => {
    const demo = await demoWorkspace({ customers: 400, years: 2, seed: 7 });
    const { auto, text, textDir } = await bothPaths(demo.dir);
    expect(auto.sources.map((s) => s.path)).toEqual(auto.sources.map(() => 'typed'));
    // Clean files: each loaded in one pass, nothing staged.
    expect(auto.sources.every((s) => s.path === 'typed' && s.onePass === true)).toBe(true);
    expect(text.sources.every((s) => s.path === 'text')).toBe(true);
    expect(await differences(demo.dir, textDir)).toEqual(noDifferences);
    expect(auto.tables).toEqual(text.tables);
    // Worked out from the generator, not from either load: every order line of the demo loads.
    expect(auto.tables.order_lines!.rowsLoaded).toBe(demo.totals.order_lines.rows);
    expect(readFileSync(path.join(demo.dir, REJECTS_FILE), 'utf8')).toBe(
      readFileSync(path.join(textDir, REJECTS_FILE), 'utf8'),
    );
    // The summary says how each file was read, in one line.
    expect(formatReconciliation(auto)).toContain('read typed: data/customers.csv, data/order_lines.csv');
  }, 240_000);

  it('loads a clean web-shop export (formulas, credit split, date-times, derived customers) the same both ways', async () => {
    const x = webshopExport({ seed: 11, lines: 20_000 });
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-fastpath-shop-'));
    made.push(root);
    const file = path.join(root, 'online_retail.csv');
    writeWebshopCsv(
      file,
      x.rows.filter((r) => !r.broken),
      'en',
    );
    const dir = path.join(root, 'shop');
    await initFromExport(dir, file);
    const { auto, text, textDir } = await bothPaths(dir);
    expect(auto.sources).toEqual([{ file: 'data/online_retail.csv', path: 'typed' }]);
    expect(await differences(dir, textDir)).toEqual(noDifferences);
    expect(auto.tables).toEqual(text.tables);
  }, 240_000);

  it('reads the web-shop export with its broken rows as text, with the same rejects as the text path', async () => {
    const x = webshopExport({ seed: 12, lines: 20_000 });
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-fastpath-shop-'));
    made.push(root);
    const file = path.join(root, 'online_retail.csv');
    writeWebshopCsv(file, x.rows, 'en');
    const dir = path.join(root, 'shop');
    await initFromExport(dir, file);
    const { auto, textDir } = await bothPaths(dir);
    expect(auto.sources[0]!.path).toBe('text');
    expect(await differences(dir, textDir)).toEqual(noDifferences);
    const rejects = readRejects(path.join(dir, REJECTS_FILE));
    expect([...new Set(rejects.map((r) => Number(r.line)))].sort((a, b) => a - b)).toEqual(x.brokenLines);
  }, 240_000);
});

describe('rejects found after a typed read carry the text in the file', () => {
  it('a typed file with a negative quantity, a duplicate key, cents beyond two decimals and an unknown customer', async () => {
    const lines = [
      'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount',
      'O1,1,C1,2024-01-05,1,10.00,4.00',
      'O1,2,C1,2024-01-06,-2.5000,20.00,8.00', // line 3: negative quantity, shown as written
      'O1,1,C2,2024-01-07,1,30.00,12.00', // line 4: duplicate of line 2
      'O2,1,C9,2024-01-08,1,40.00,16.00', // line 5: unknown customer
      'O3,1,C2,2024-01-09,1,12.345,5.00', // line 6: more decimals than cents
      'O4,1,C3,1900-01-01,1,50.00,20.00', // line 7: date outside the window, shown as written
      'O5,1,C3,2024-02-01,1,060.50,20.00', // line 8: loads (leading zero read as 60.50)
    ];
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': 'customer_id,name,segment\nC1,Alpha,Retail\nC2,Beta,Horeca\nC3,Gamma,Retail\n',
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const { auto, textDir } = await bothPaths(dir);
    expect(auto.sources.find((s) => s.file === 'data/order_lines.csv')!.path).toBe('typed');
    expect(await differences(dir, textDir)).toEqual(noDifferences);
    const rejects = readRejects(path.join(dir, REJECTS_FILE)).map((r) => `${r.line} ${r.column} ${r.value}`);
    expect(rejects).toEqual([
      '3 quantity -2.5000',
      '4 order_id, line_no O1 / 1',
      '5 customer_id C9',
      '6 gross_amount 12.345',
      '7 order_date 1900-01-01',
    ]);
    expect(readFileSync(path.join(dir, REJECTS_FILE), 'utf8')).toBe(
      readFileSync(path.join(textDir, REJECTS_FILE), 'utf8'),
    );
    // By hand: 12.345 counts as 12.35 (half away from zero); loaded 10.00 + 60.50, rejected 20 + 30 + 40 + 12.35 + 50.
    expect(auto.tables.order_lines!.amounts.gross_amount).toEqual({
      read: '222.85',
      loaded: '70.50',
      rejected: '152.35',
      unreadable: 0,
    });
  }, 120_000);

  it('values at the edge of the typed reader (exponents, signs, spaces, quotes, empty) load as the text path loads them', async () => {
    const values = [
      '1e2',
      '+1.25',
      '-.5',
      '12.',
      '.5',
      ' 7.25',
      '8.5 ',
      '"9.75"',
      '""',
      '00012',
      '1_000',
      '-0',
    ];
    const body = values.map((v, i) => `O${i},1,C1,2024-03-0${(i % 9) + 1},1,${v},${v}`).join('\n');
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': 'customer_id,name,segment\nC1,Alpha,Retail\n',
      'data/order_lines.csv': `order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\n${body}\n`,
    });
    made.push(dir);
    const { auto, textDir } = await bothPaths(dir);
    expect(auto.sources.find((s) => s.file === 'data/order_lines.csv')!.path).toBe('typed');
    expect(await differences(dir, textDir)).toEqual(noDifferences);
  }, 120_000);

  it('text columns with spaces, empty texts and missing words in any case (typed amounts) load as the text path loads them', async () => {
    // Clean columns are read as they are (cleanText.ts); a column with one such value is cleaned
    // as on the text path. Here order_id and channel are clean, the others not.
    const lines = [
      'order_id,line_no,customer_id,order_date,product_id,product_group,quantity,gross_amount,cogs_amount,channel',
      'O1,1, C1,2024-01-05,P1,NA,1,10.00,4.00,web',
      'O2,1,C1 ,2024-01-06,"",n/a,1,20.00,8.00,web',
      'O3,1,C2,2024-01-07,#N/A,Null,1,30.00,12.00,shop',
      'O4,1,C2,2024-01-08,P4,Food,1,40.00,16.00,shop',
      'O5, 2,C2,2024-01-09,P5, -,1,50.00,20.00,shop',
      'O6,1,C2,2024-01-10,P6,Non-food,1,60.00,24.00,shop',
    ];
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': 'customer_id,name,segment\nC1,Alpha,Retail\nC2,Beta,Horeca\n',
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const { auto, textDir } = await bothPaths(dir);
    expect(auto.sources.find((s) => s.file === 'data/order_lines.csv')!.path).toBe('typed');
    expect(await differences(dir, textDir)).toEqual(noDifferences);
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      const rows = await engine.query(
        'SELECT order_id, line_no, customer_id, product_id, product_group, channel FROM order_lines ORDER BY order_id',
      );
      // By hand: ids trimmed, empty and missing words (any case, any spaces) are NULL.
      expect(
        rows.map((r) =>
          Object.values(r)
            .map((v) => v ?? '-')
            .join(' '),
        ),
      ).toEqual([
        'O1 1 C1 P1 - web',
        'O2 1 C1 - - web',
        'O3 1 C2 - - shop',
        'O4 1 C2 P4 Food shop',
        'O5 2 C2 P5 - shop',
        'O6 1 C2 P6 Non-food shop',
      ]);
    } finally {
      await engine.close();
    }
  }, 120_000);
});

describe('a clean file loads in one pass', () => {
  /** Order lines for customers C1-C3, one order a line (quantities and amounts from the line's number). */
  const orderLines = (n: number) => [
    'order_id,line_no,customer_id,order_date,product_id,product_group,quantity,gross_amount,cogs_amount,channel',
    ...Array.from(
      { length: n },
      (_, i) =>
        `O${i + 1},1,C${(i % 3) + 1},2024-0${(i % 9) + 1}-1${i % 10},P${i % 7},Food,${(i % 5) + 1},${i + 1}.25,${i % 4}.10,web`,
    ),
  ];
  it('every row keeps its line in the file; a file with a row to reject is staged and names that line', async () => {
    const lines = orderLines(3000);
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const lineOf = (rows: string[]) => new Map(rows.map((l, i) => [l.split(',')[0]!, i + 1]));
    const loadedLines = async () => {
      const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
      try {
        return await engine.query('SELECT order_id, _line, gross_amount FROM order_lines ORDER BY order_id');
      } finally {
        await engine.close();
      }
    };
    const clean = await ingestWorkspace(await loadWorkspace(dir));
    // (The customers file has no amount or date: it is read as text, staged.)
    expect(clean.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed', onePass: true });
    // By hand: the line of each order in the file written above (the header is line 1).
    const want = lineOf(lines);
    const got = await loadedLines();
    expect(got).toHaveLength(3000);
    expect(got.filter((r) => want.get(String(r.order_id)) !== Number(r._line))).toEqual([]);
    expect(clean.tables.order_lines!.amounts.gross_amount!.loaded).toBe(
      // sum of (i + 1.25) for i = 0..2999 = 2999 * 3000 / 2 + 3000 * 1.25
      '4502250.00',
    );

    // One unknown customer in the middle: the file is staged, numbered, and the reject names its line.
    const bad = [...lines];
    bad[1500] = bad[1500]!.replace(/,C\d,/, ',C9,');
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${bad.join('\n')}\n`);
    const staged = await ingestWorkspace(await loadWorkspace(dir));
    expect(staged.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed' });
    const rejects = readRejects(path.join(dir, REJECTS_FILE));
    expect(rejects.map((r) => [r.line, r.column, r.value])).toEqual([['1501', 'customer_id', 'C9']]);
    const after = await loadedLines();
    expect(after).toHaveLength(2999);
    expect(after.filter((r) => want.get(String(r.order_id)) !== Number(r._line))).toEqual([]);
  }, 120_000);

  it('the reconciliation and the budget of a file loaded in one pass are its own sums, as the text path counts them', async () => {
    // The one pass's check statement also counts the table's money (loadTotals.ts): nothing is
    // read again for the reconciliation or the budget, so here both are worked out by hand and
    // compared with the text path, which counts them from its staged rows.
    const lines = orderLines(3000);
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const { auto, text } = await bothPaths(dir);
    expect(auto.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed', onePass: true });
    // gross: sum of (i + 1.25) for i = 0..2999; cogs: each of 0.10, 1.10, 2.10, 3.10 750 times.
    expect(auto.tables.order_lines).toEqual({
      sources: ['data/order_lines.csv'],
      rowsRead: 3000,
      rowsLoaded: 3000,
      rowsRejected: 0,
      rowsUnattributed: 0,
      rowsEstimated: 0,
      amounts: {
        gross_amount: { read: '4502250.00', loaded: '4502250.00', rejected: '0.00', unreadable: 0 },
        discount_amount: { read: '0.00', loaded: '0.00', rejected: '0.00', unreadable: 0 },
        cogs_amount: { read: '4800.00', loaded: '4800.00', rejected: '0.00', unreadable: 0 },
      },
    });
    expect(auto.rejectSummary.tables.find((t) => t.table === 'order_lines')).toEqual({
      table: 'order_lines',
      rowsRead: 3000,
      rowsRejected: 0,
      totalsLines: 0,
      lineShare: 0,
      amountColumn: 'gross_amount',
      amountRead: '4502250.00',
      amountRejected: '0.00',
      amountShare: 0,
      // 3,000 lines: the share alone decides (the floor ends at 500 lines at 1% and 5).
      floorLines: 0,
      exceeded: false,
    });
    expect(auto.tables).toEqual(text.tables);
    expect(auto.rejectSummary).toEqual(text.rejectSummary);
  }, 120_000);

  it('the one pass folds its checks into one flag: a file with any one problem is read again, numbered, and the reject names it', async () => {
    // The one pass (renderRoute.ts, 'onePass') tests each row's checks in one CASE and leaves out
    // what the typed reader guarantees: each problem below must still end the pass, and the
    // numbered path must name its line, column and value. Line 1 is the header, so the record
    // at index i is on line i + 1.
    const lines = orderLines(300);
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const clean = await ingestWorkspace(await loadWorkspace(dir));
    expect(clean.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed', onePass: true });
    /** Field `field` of record `at` set to `value`. */
    const withField = (at: number, field: number, value: string) =>
      lines.map((l, i) =>
        i === at
          ? l
              .split(',')
              .map((f, j) => (j === field ? value : f))
              .join(',')
          : l,
      );
    const cases: { at: number; field: number; value: string; column: string; codes: string[] }[] = [
      { at: 40, field: 6, value: '0', column: 'quantity', codes: ['not_positive_quantity'] },
      { at: 41, field: 7, value: '12.255', column: 'gross_amount', codes: ['more_decimals_than_cents'] },
      // Beyond MAX_AMOUNT, read typed: the one pass leaves the range check to the cents check.
      {
        at: 42,
        field: 7,
        value: '999999999.995',
        column: 'gross_amount',
        codes: ['amount_out_of_range', 'more_decimals_than_cents'],
      },
      { at: 43, field: 3, value: '1901-05-01', column: 'order_date', codes: ['date_outside_window'] },
      { at: 44, field: 1, value: 'x', column: 'line_no', codes: ['not_a_whole_number'] },
      { at: 45, field: 8, value: '-1.00', column: 'cogs_amount', codes: ['negative_amount'] },
    ];
    for (const c of cases) {
      writeFileSync(
        path.join(dir, 'data/order_lines.csv'),
        `${withField(c.at, c.field, c.value).join('\n')}\n`,
      );
      const report = await ingestWorkspace(await loadWorkspace(dir));
      expect(report.sources[1], c.column).toEqual({ file: 'data/order_lines.csv', path: 'typed' });
      const rejects = readRejects(path.join(dir, REJECTS_FILE));
      expect(
        rejects.map((r) => [r.line, r.column, r.value]),
        `${c.column} ${c.value}`,
      ).toEqual(c.codes.map(() => [String(c.at + 1), c.column, c.value]));
      expect(rejects.map((r) => r.code).sort()).toEqual([...c.codes].sort());
    }
    // A column nothing reads may hold a "missing" word or an empty text: the pass does not test it.
    const extra = lines.map((l, i) => `${l},${i === 0 ? 'note' : i % 2 ? 'NA' : ''}`);
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${extra.join('\n')}\n`);
    const withNote = await ingestWorkspace(await loadWorkspace(dir));
    expect(withNote.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed', onePass: true });
    expect(withNote.tables.order_lines!.rowsLoaded).toBe(300);
  }, 240_000);

  it('an export without line numbers (line_no and return_id from the line) loads in one pass, as the text path loads it', async () => {
    // No line_no column: the physical line is the order line's number; no return_id: file:line is the return's.
    const lines = orderLines(500).map((l) =>
      l
        .split(',')
        .filter((_, i) => i !== 1)
        .join(','),
    );
    const returns = [
      'order_id,customer_id,return_date,credited_amount',
      ...Array.from(
        { length: 40 },
        (_, i) => `O${i + 1},C${(i % 3) + 1},2024-10-0${(i % 9) + 1},${i + 1}.50`,
      ),
    ];
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines', 'returns'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
      'data/returns.csv': `${returns.join('\n')}\n`,
    });
    made.push(dir);
    const { auto, textDir } = await bothPaths(dir);
    expect(auto.sources.slice(1)).toEqual([
      { file: 'data/order_lines.csv', path: 'typed', onePass: true },
      { file: 'data/returns.csv', path: 'typed', onePass: true },
    ]);
    expect(await differences(dir, textDir)).toEqual(noDifferences);
    // By hand: order O<n> is on line n + 1 (the header is line 1); the return of O<n> too.
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      const off = await engine.query(
        'SELECT count(*) AS n FROM order_lines WHERE line_no <> _line OR _line <> CAST(substr(order_id, 2) AS INTEGER) + 1',
      );
      expect(Number(off[0]!.n)).toBe(0);
      const ret = await engine.query("SELECT return_id FROM returns WHERE order_id = 'O7'");
      expect(ret.map((r) => r.return_id)).toEqual(['returns.csv:8']);
    } finally {
      await engine.close();
    }

    // A broken amount on line 301: the file is read again, numbered, and the reject names it.
    const bad = [...lines];
    bad[300] = bad[300]!.replace(/,300\.25,/, ',3o0.25,');
    expect(bad[300]).toContain('3o0.25');
    writeFileSync(path.join(dir, 'data/order_lines.csv'), `${bad.join('\n')}\n`);
    const staged = await ingestWorkspace(await loadWorkspace(dir));
    expect(staged.sources[1]!.path === 'typed' && staged.sources[1]!.onePass).toBeFalsy();
    const rejects = readRejects(path.join(dir, REJECTS_FILE));
    expect(rejects.map((r) => [r.file, r.line, r.column, r.value])).toEqual([
      ['data/order_lines.csv', '301', 'gross_amount', '3o0.25'],
    ]);
    expect(staged.tables.order_lines!.rowsLoaded).toBe(499);
  }, 120_000);

  it('a key seen twice in an otherwise clean file is not loaded in one pass; the reject names both lines', async () => {
    const lines = orderLines(40);
    // Line 32 (O31, customer C1) becomes order O7 line 1, the key of line 8 (O7, also customer C1).
    lines[31] = lines[31]!.replace(/^O31,/, 'O7,');
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const report = await ingestWorkspace(await loadWorkspace(dir));
    expect(report.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed' });
    const rejects = readRejects(path.join(dir, REJECTS_FILE));
    expect(rejects.map((r) => [r.line, r.code, r.value])).toEqual([['32', 'duplicate_key', 'O7 / 1']]);
    expect(rejects[0]!.reason).toContain('line 8');
    expect(report.tables.order_lines!.rowsLoaded).toBe(39);
  }, 120_000);

  it('keys in no order the one pass can see rising are still proven distinct: the file loads in one pass', async () => {
    // Newest order first: O40 .. O1 falls at every line, by text and by length alike.
    const lines = orderLines(40);
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${[lines[0]!, ...lines.slice(1).reverse()].join('\n')}\n`,
    });
    made.push(dir);
    const report = await ingestWorkspace(await loadWorkspace(dir));
    expect(report.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed', onePass: true });
    expect(report.tables.order_lines!.rowsLoaded).toBe(40);
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      const rows = await engine.query(
        "SELECT _line FROM order_lines WHERE order_id IN ('O40', 'O1') ORDER BY 1",
      );
      // By hand: the header on line 1, O40 on line 2, O1 on line 41.
      expect(rows.map((r) => Number(r._line))).toEqual([2, 41]);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('a key repeated on the next line of a file listed by key is rejected, the reject naming both lines', async () => {
    // O1 .. O40 rises shorter first; line 10 repeats line 9's key (O8, line 1) and the file rises nowhere else.
    const lines = orderLines(40);
    lines[9] = lines[8]!.replace(/,web$/, ',shop');
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const report = await ingestWorkspace(await loadWorkspace(dir));
    expect(report.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed' });
    const rejects = readRejects(path.join(dir, REJECTS_FILE));
    expect(rejects.map((r) => [r.line, r.code, r.value])).toEqual([['10', 'duplicate_key', 'O8 / 1']]);
    expect(rejects[0]!.reason).toContain('line 9');
    expect(report.tables.order_lines!.rowsLoaded).toBe(39);
  }, 120_000);

  it('a file whose lines are not its records (a blank line) is staged, and every line number stays as in an editor', async () => {
    const lines = orderLines(50);
    lines.splice(20, 0, '');
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    made.push(dir);
    const report = await ingestWorkspace(await loadWorkspace(dir));
    expect(report.sources[1]!.path === 'typed' && report.sources[1]!.onePass).toBeFalsy();
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      const rows = await engine.query(
        "SELECT _line FROM order_lines WHERE order_id IN ('O19', 'O20') ORDER BY 1",
      );
      // By hand: O19 on line 20, the blank line 21, O20 on line 22.
      expect(rows.map((r) => Number(r._line))).toEqual([20, 22]);
    } finally {
      await engine.close();
    }
  }, 120_000);
});

describe('which path a source takes, and why', () => {
  it('a value the typed reader refuses sends the file to the text path, which names it', async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': 'customer_id,name,segment\nC1,Alpha,Retail\n',
      'data/order_lines.csv':
        'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,1,C1,2024-01-05,1,10.00,4.00\nO2,1,C1,2024-01-05,1,abc,4.00\n',
    });
    made.push(dir);
    const r = await ingestWorkspace(await loadWorkspace(dir));
    expect(r.sources).toEqual([
      {
        file: 'data/customers.csv',
        path: 'text',
        reason: 'no amount, quantity or date read directly',
        said: { code: 'nothing_typed' },
      },
      {
        file: 'data/order_lines.csv',
        path: 'text',
        reason: 'the typed read stopped at line 3',
        said: { code: 'typed_read_stopped_at', vars: { line: '3' } },
      },
    ]);
    expect(readRejects(path.join(dir, REJECTS_FILE)).map((x) => `${x.line} ${x.column} ${x.value}`)).toEqual([
      '3 gross_amount abc',
    ]);
  }, 60_000);

  it('a decimal comma, or a column a formula reads, is read as text', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `company: Test B.V.\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nsources:\n  customers:\n    file: data/customers.csv\n  order_lines:\n    file: data/order_lines.csv\n    format: { delimiter: ";", decimal: "," }\n  returns:\n    file: data/returns.csv\n    columns: { credited_amount: "amount * 2" }\n`,
      'data/customers.csv': 'customer_id,name,segment,acquired_on\nC1,Alpha,Retail,2023-05-01\n',
      'data/order_lines.csv':
        'order_id;line_no;customer_id;order_date;quantity;gross_amount;cogs_amount\nO1;1;C1;2024-01-05;1;10,00;4,00\n',
      'data/returns.csv': 'return_id,order_id,customer_id,return_date,amount\nR1,O1,C1,2024-01-09,2.50\n',
    });
    made.push(dir);
    const r = await ingestWorkspace(await loadWorkspace(dir));
    expect(r.sources).toEqual([
      { file: 'data/customers.csv', path: 'typed', onePass: true },
      {
        file: 'data/order_lines.csv',
        path: 'text',
        reason: 'a decimal comma or thousands separators are checked on the text',
        said: { code: 'decimal_comma' },
      },
      { file: 'data/returns.csv', path: 'typed', onePass: true },
    ]);
    // The formula's input stays text (parsed by Worth); the date is typed: 2 x 2.50.
    expect(r.tables.returns!.amounts.credited_amount!.loaded).toBe('5.00');
  }, 60_000);
});

describe('two-digit years under a four-digit-year layout, typed as the text path reads them', () => {
  /** Order lines with `order_date` written by `date(i)` for i = 0..29. */
  const withDates = (date: (i: number) => string) =>
    [
      'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount',
      ...Array.from({ length: 30 }, (_, i) => `O${i + 1},1,C${(i % 3) + 1},${date(i)},1,${i + 1}.25,1.10`),
    ].join('\n') + '\n';
  const workspace = (layout: string, lines: string) =>
    makeWorkspace({
      'worth.yaml': `company: Test B.V.\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\n${NO_BUDGET}sources:\n  customers:\n    file: data/customers.csv\n  order_lines:\n    file: data/order_lines.csv\n    format: { date_format: ${layout} }\n`,
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': lines,
    });
  /** The loaded order dates, by order number. */
  const dates = async (dir: string) => {
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      const rows = await engine.query('SELECT order_id, CAST(order_date AS VARCHAR) AS d FROM order_lines');
      return Object.fromEntries(rows.map((r) => [String(r.order_id), String(r.d)]));
    } finally {
      await engine.close();
    }
  };
  // By hand: day i + 1 of month (i % 9) + 1, in 2024 (`24` is 2024 as strptime's %y pivots it).
  const day = (i: number) => String(i + 1).padStart(2, '0');
  const month = (i: number) => String((i % 9) + 1).padStart(2, '0');
  const want = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`O${i + 1}`, `2024-${month(i)}-${day(i % 28)}`]),
  );

  it('a clean file of d-m-yy dates under dd-mm-jjjj (or dd-mm-yyyy) goes the one pass and reads 24 as 2024', async () => {
    for (const layout of ['dd-mm-jjjj', 'dd-mm-yyyy']) {
      const dir = workspace(
        layout,
        withDates((i) => `${(i % 28) + 1}-${(i % 9) + 1}-24`),
      );
      made.push(dir);
      const { auto, textDir } = await bothPaths(dir);
      expect(auto.sources[1]).toEqual({ file: 'data/order_lines.csv', path: 'typed', onePass: true });
      expect(auto.rejects).toBe(0);
      expect(await dates(dir)).toEqual(want);
      expect(await differences(dir, textDir)).toEqual(noDifferences);
    }
  }, 120_000);

  it('a two-digit year after four-digit ones sends the file to the text path, which reads it in this century', async () => {
    const dir = workspace(
      'dd-mm-jjjj',
      withDates((i) => `${day(i % 28)}-${month(i)}-${i % 2 ? '24' : '2024'}`),
    );
    made.push(dir);
    const { auto, textDir } = await bothPaths(dir);
    expect(auto.sources[1]).toEqual({
      file: 'data/order_lines.csv',
      path: 'text',
      reason: 'a date with a two-digit year: read as text, which reads 24 as 2024',
      said: { code: 'two_digit_year' },
    });
    expect(auto.rejects).toBe(0);
    expect(await dates(dir)).toEqual(want);
    expect(await differences(dir, textDir)).toEqual(noDifferences);
  }, 120_000);
});

/**
 * A workspace whose shipments file has `n` lines, shipment S<i> on file line i + 1, every fourth
 * one's yes/no column (named `yesNo`) `yes`; `yaml` edits the workspace's worth.yaml.
 */
function shipmentsWorkspace(
  n: number,
  yesNo: string,
  yes: string,
  no: string,
  yaml = (y: string) => y,
): string {
  const parts: string[] = [`shipment_id,order_id,customer_id,ship_date,freight_cost,weight_kg,${yesNo}\n`];
  const chunk: string[] = [];
  for (let i = 1; i <= n; i++) {
    chunk.push(
      `S${i},O${i},C${(i % 3) + 1},2024-0${(i % 9) + 1}-1${i % 10},${(i % 50) + 1}.25,${i % 40}.5,${i % 4 === 0 ? yes : no}\n`,
    );
    if (chunk.length === 50_000) parts.push(chunk.splice(0).join(''));
  }
  parts.push(chunk.join(''));
  const dir = makeWorkspace({
    'worth.yaml': yaml(yamlFor(['customers', 'order_lines', 'shipments'], NO_BUDGET)),
    'data/customers.csv': CUSTOMERS,
    'data/order_lines.csv':
      'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,1,C1,2024-01-05,1,10.00,5.00\n',
  });
  made.push(dir);
  writeFileSync(path.join(dir, 'data/shipments.csv'), parts.join(''));
  return dir;
}

/** The loaded shipments: how many, how many not on their file line (S<i> on line i + 1), how many express. */
async function shipmentLines(dir: string): Promise<number[][]> {
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
  try {
    const rows = await engine.query(
      'SELECT count(*) AS n, count(*) FILTER (WHERE _line <> CAST(substr(shipment_id, 2) AS BIGINT) + 1) AS elsewhere, count(*) FILTER (WHERE express) AS yes FROM shipments',
    );
    return rows.map((x) => [Number(x.n), Number(x.elsewhere), Number(x.yes)]);
  } finally {
    await engine.close();
  }
}

describe('a big file in one pass keeps every row on its own line', () => {
  it('shipments with a yes/no column: each row has the line it is on in the file', async () => {
    // A yes/no column is read by comparing words; as an IN list of six words or more DuckDB
    // planned that as a join, and the join let blocks of rows reach the table out of file order
    // (found on the demo's 644,622 shipments: every row on another row's line).
    const n = 600_000;
    const dir = shipmentsWorkspace(n, 'express', 'yes', 'no');
    const r = await ingestWorkspace(await loadWorkspace(dir));
    expect(r.sources[2]).toEqual({ file: 'data/shipments.csv', path: 'typed', onePass: true });
    expect(await shipmentLines(dir)).toEqual([[n, 0, n / 4]]);
  }, 600_000);
});

describe('a one pass whose plan could reorder the rows is not taken', () => {
  it("a yes/no read by a formula's in_list of six words: every row keeps its line", async () => {
    // DuckDB plans `IN (...)` of six values or more as a join, after which the rows of a
    // `CREATE TABLE AS` can reach the table out of file order: the one pass asks the engine
    // (keepsReadOrder) and leaves such a file to the numbered path.
    const n = 400_000;
    const dir = shipmentsWorkspace(n, 'spoed', 'ja', 'nee', (yaml) =>
      yaml.replace(
        '    file: data/shipments.csv',
        `    file: data/shipments.csv\n    columns: { express: "in_list(lower(spoed), 'ja', 'j', 'yes', 'y', 'x', 'true')" }`,
      ),
    );
    const r = await ingestWorkspace(await loadWorkspace(dir));
    expect(r.sources[2]!.path === 'typed' && r.sources[2]!.onePass).toBeFalsy();
    expect(await shipmentLines(dir)).toEqual([[n, 0, n / 4]]);
  }, 600_000);
});

describe('one bad value deep in a big file', () => {
  it('names the line and column of one bad amount among a million lines', async () => {
    const n = 1_000_000;
    const bad = 654_321; // data line number; the file line is one more (header)
    const parts: string[] = ['order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\n'];
    const chunk: string[] = [];
    for (let i = 1; i <= n; i++) {
      chunk.push(
        `O${i},1,C${(i % 3) + 1},2024-0${(i % 9) + 1}-1${i % 10},${(i % 7) + 1},${i === bad ? '"12,5"' : `${(i % 500) + 1}.${String(i % 100).padStart(2, '0')}`},1.00\n`,
      );
      if (chunk.length === 50_000) parts.push(chunk.splice(0).join(''));
    }
    parts.push(chunk.join(''));
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines'], NO_BUDGET),
      'data/customers.csv': 'customer_id,name,segment\nC1,A,Retail\nC2,B,Retail\nC3,C,Retail\n',
    });
    made.push(dir);
    writeFileSync(path.join(dir, 'data/order_lines.csv'), parts.join(''));
    const r = await ingestWorkspace(await loadWorkspace(dir));
    expect(r.sources.find((s) => s.file === 'data/order_lines.csv')).toEqual({
      file: 'data/order_lines.csv',
      path: 'text',
      reason: `the typed read stopped at line ${bad + 1}`,
      said: { code: 'typed_read_stopped_at', vars: { line: String(bad + 1) } },
    });
    const rejects = readRejects(path.join(dir, REJECTS_FILE));
    expect(rejects.map((x) => `${x.line} ${x.column}`)).toEqual([`${bad + 1} gross_amount`]);
    expect(rejects[0]!.reason).toMatch(/^not a number/);
    expect(r.tables.order_lines!.rowsLoaded).toBe(n - 1);
  }, 600_000);
});
