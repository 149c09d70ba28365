/**
 * One export per month: `file:` as a pattern or a list. Three monthly files load to the same
 * customer P&L as the same rows in one file, to the cent per customer (expected sums added up
 * from the generated rows, test/fixtures/monthlyExports.ts); rejects, line keys and the drill
 * to source name the file and the line within it; a file named twice, files with other
 * columns and the same order line in two files are refused or rejected naming both files.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { ingestWorkspace, LoadRefused } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { decimal, monthlyExports, MONTHLY_HEADER } from '../fixtures/monthlyExports.ts';
import { cents, worth } from '../onboard/worthCli.ts';
import { makeWorkspace, queryDb, readRejects } from './helpers.ts';

const MAPPING =
  '    columns: { order_id: invoice_no, line_no: line, order_date: invoice_date, product_id: stock_code, gross_amount: amount }\n';

function yaml(file: string, extra = ''): string {
  return `company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-03-31 }\ncogs: { default_margin: 0.3 }\n${extra}sources:\n  order_lines:\n    file: ${file}\n${MAPPING}`;
}

const file = (lines: string[]) => `${[MONTHLY_HEADER, ...lines].join('\n')}\n`;

/** gross sales per customer in cents from a workspace's customer P&L. */
async function grossPerCustomer(dir: string): Promise<Map<string, bigint>> {
  const rows = await queryDb(dir, 'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g FROM customer_pnl');
  return new Map(rows.map((r) => [String(r.customer_id), cents(r.g)]));
}

describe('several files per source (one export per month)', () => {
  it('three monthly files by pattern give the customer P&L of the one concatenated file, to the cent', async () => {
    const x = monthlyExports(11, 3, 150);
    const monthly = makeWorkspace({
      'worth.yaml': yaml('exports/verkoop-2024-*.csv'),
      'exports/verkoop-2024-01.csv': file(x.months[0]!),
      'exports/verkoop-2024-02.csv': file(x.months[1]!),
      'exports/verkoop-2024-03.csv': file(x.months[2]!),
    });
    const single = makeWorkspace({
      'worth.yaml': yaml('data/verkoop-2024.csv'),
      'data/verkoop-2024.csv': file(x.months.flat()),
    });
    for (const dir of [monthly, single]) {
      const ingest = worth(['ingest', dir]);
      expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
      const analyze = worth(['analyze', dir]);
      expect(analyze.status, `${analyze.stdout}\n${analyze.stderr}`).toBe(0);
    }
    const expected = [...x.perCustomer].sort(([a], [b]) => a.localeCompare(b));
    const fromMonths = [...(await grossPerCustomer(monthly))].sort(([a], [b]) => a.localeCompare(b));
    const fromOne = [...(await grossPerCustomer(single))].sort(([a], [b]) => a.localeCompare(b));
    expect(fromMonths).toEqual(expected);
    expect(fromOne).toEqual(expected);
    // Every line keeps its file and its line within that file (drill to source reads these).
    const rows = await queryDb(
      monthly,
      'SELECT _source AS file, count(*) AS n, min(_line) AS first, max(_line) AS last FROM order_lines GROUP BY _source ORDER BY _source',
    );
    expect(rows).toEqual(
      [1, 2, 3].map((m) => ({
        file: `exports/verkoop-2024-0${m}.csv`,
        n: 150,
        first: 2,
        last: 151,
      })),
    );
  }, 120_000);

  it('a list of files; a broken value is rejected with its own file and line, the budget counts over all files', async () => {
    const x = monthlyExports(12, 3, 100);
    const march = [...x.months[2]!];
    // Line 38 of the March file (the header is line 1): an amount that is not a number.
    const bad = march[36]!.split(',');
    const lost = cents(bad[7]!);
    const customer = bad[3]!;
    bad[7] = '12x';
    march[36] = bad.join(',');
    // Two broken lines in 300: 0.67% over all files, within the 1% budget (2% of March alone).
    const bad2 = march[80]!.split(',');
    const lost2 = cents(bad2[7]!);
    const customer2 = bad2[3]!;
    bad2[2] = '2024-02-30';
    march[80] = bad2.join(',');
    const dir = makeWorkspace({
      'worth.yaml': yaml('[exports/jan.csv, exports/feb.csv, exports/mrt.csv]'),
      'exports/jan.csv': file(x.months[0]!),
      'exports/feb.csv': file(x.months[1]!),
      'exports/mrt.csv': file(march),
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    // The clean months load in one pass each; March, with its broken lines, is read again and numbered.
    expect(report.sources.map((s) => [s.file, s.path === 'typed' && s.onePass === true])).toEqual([
      ['exports/jan.csv', true],
      ['exports/feb.csv', true],
      ['exports/mrt.csv', false],
    ]);
    expect(report.tables.order_lines!.rowsRead).toBe(300);
    expect(report.tables.order_lines!.rowsRejected).toBe(2);
    expect(report.tables.order_lines!.sources).toEqual([
      'exports/jan.csv',
      'exports/feb.csv',
      'exports/mrt.csv',
    ]);
    const rejects = readRejects(report.rejectsFile).map((r) => [r.file, r.line, r.column, r.code]);
    expect(rejects).toEqual([
      ['exports/mrt.csv', '38', 'amount', 'not_a_number'],
      ['exports/mrt.csv', '82', 'invoice_date', 'not_a_date'],
    ]);
    const expected = new Map(x.perCustomer);
    expected.set(customer, expected.get(customer)! - lost);
    expected.set(customer2, expected.get(customer2)! - lost2);
    const rows = await queryDb(
      dir,
      'SELECT customer_id, CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines GROUP BY customer_id',
    );
    expect(new Map(rows.map((r) => [String(r.customer_id), cents(r.g)]))).toEqual(
      new Map([...expected].filter(([, v]) => v !== 0n)),
    );
  }, 60_000);

  it('a file whose columns differ from the first file is refused, naming both files and the column', async () => {
    const x = monthlyExports(13, 2, 20);
    const dir = makeWorkspace({
      'worth.yaml': yaml('exports/*.csv'),
      'exports/a.csv': file(x.months[0]!),
      'exports/b.csv': `${MONTHLY_HEADER.replace('stock_code', 'artikel')}\n${x.months[1]!.join('\n')}\n`,
    });
    const err = await ingestWorkspace(loadWorkspace(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorthError);
    const message = (err as WorthError).message;
    expect(message).toContain('exports/b.csv');
    expect(message).toContain('exports/a.csv');
    expect(message).toContain('column "artikel" only in exports/b.csv');
    expect(message).toContain('column "stock_code" only in exports/a.csv');
  });

  it('a file named twice (a path and a pattern) is refused; a pattern that matches nothing too', async () => {
    const x = monthlyExports(14, 2, 20);
    const files = { 'exports/a.csv': file(x.months[0]!), 'exports/b.csv': file(x.months[1]!) };
    const twice = makeWorkspace({ 'worth.yaml': yaml('[exports/a.csv, "exports/*.csv"]'), ...files });
    const err = await ingestWorkspace(loadWorkspace(twice)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorthError);
    expect((err as WorthError).message).toContain('exports/a.csv');
    expect((err as WorthError).message).toContain('is named twice (exports/a.csv and exports/*.csv)');
    const none = makeWorkspace({ 'worth.yaml': yaml('exports/2023-*.csv'), ...files });
    const err2 = await ingestWorkspace(loadWorkspace(none)).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(WorthError);
    expect((err2 as WorthError).message).toContain('exports/2023-*.csv');
    expect((err2 as WorthError).message).toContain('matches no file');
  });

  it('the same order lines in two files are rejected in the later file, naming the first file and line; never counted twice', async () => {
    const x = monthlyExports(15, 2, 200);
    // February's export repeats January's last two lines (a download that overlaps).
    const overlap = x.months[0]!.slice(-2);
    // The key as rejects.csv shows it: invoice number / line, from the file's own text.
    const overlapKey = (i: number) => overlap[i]!.split(',').slice(0, 2).join(' / ');
    const dir = makeWorkspace({
      'worth.yaml': yaml('[exports/jan.csv, exports/feb.csv]'),
      'exports/jan.csv': file(x.months[0]!),
      'exports/feb.csv': file([...overlap, ...x.months[1]!]),
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    // Each file is clean on its own: both load in one pass, and the check across the files
    // still finds the repeated lines by the row ids and lines the pass gives them.
    expect(report.sources).toEqual([
      { file: 'exports/jan.csv', path: 'typed', onePass: true },
      { file: 'exports/feb.csv', path: 'typed', onePass: true },
    ]);
    expect(report.tables.order_lines!.rowsLoaded).toBe(400);
    const rejects = readRejects(report.rejectsFile);
    expect(rejects.map((r) => [r.file, r.line, r.code, r.value])).toEqual([
      ['exports/feb.csv', '2', 'duplicate_key', overlapKey(0)],
      ['exports/feb.csv', '3', 'duplicate_key', overlapKey(1)],
    ]);
    // January's file has 200 data lines: its last two are lines 200 and 201.
    expect(rejects[0]!.reason).toContain('already in exports/jan.csv on line 200');
    expect(rejects[1]!.reason).toContain('already in exports/jan.csv on line 201');
    const total = [...x.perCustomer.values()].reduce((a, b) => a + b, 0n);
    const [sum] = await queryDb(dir, 'SELECT CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines');
    expect(cents(sum!.g)).toBe(total);
  });

  it('without line numbers, an order met again in a later file (at other lines) is rejected there, naming the first file', async () => {
    const x = monthlyExports(17, 2, 200);
    // No line column: line_no is the physical line, which differs between the two files.
    const noLine = (l: string) =>
      l
        .split(',')
        .filter((_, i) => i !== 1)
        .join(',');
    const header = MONTHLY_HEADER.replace(',line,', ',');
    // February's download starts with January's last order again (its lines at February's lines 2.., not January's).
    const jan = x.months[0]!;
    const lastOrder = jan[jan.length - 1]!.split(',')[0]!;
    const repeated = jan.filter((l) => l.startsWith(`${lastOrder},`));
    const firstLine = jan.findIndex((l) => l.startsWith(`${lastOrder},`)) + 2;
    const dir = makeWorkspace({
      'worth.yaml': yaml('exports/*.csv', 'max_rejected_share: 0.5\n').replace('line_no: line, ', ''),
      'exports/2024-01.csv': `${[header, ...jan.map(noLine)].join('\n')}\n`,
      'exports/2024-02.csv': `${[header, ...[...repeated, ...x.months[1]!].map(noLine)].join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsLoaded).toBe(400);
    const rejects = readRejects(report.rejectsFile);
    expect(rejects.map((r) => [r.file, r.line, r.column, r.value, r.code])).toEqual(
      repeated.map((_, i) => [
        'exports/2024-02.csv',
        String(i + 2),
        'order_id',
        lastOrder,
        'order_in_two_files',
      ]),
    );
    expect(rejects[0]!.reason).toBe(
      `the order is also in exports/2024-01.csv (from line ${firstLine}): the same order in two files`,
    );
    const total = [...x.perCustomer.values()].reduce((a, b) => a + b, 0n);
    const [sum] = await queryDb(dir, 'SELECT CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines');
    expect(cents(sum!.g)).toBe(total);
  });

  it('a copy of a whole month under another name is over the reject budget: refused, the previous load kept', async () => {
    const x = monthlyExports(16, 2, 100);
    const dir = makeWorkspace({
      'worth.yaml': yaml('exports/*.csv'),
      'exports/2024-01.csv': file(x.months[0]!),
      'exports/2024-02.csv': file(x.months[1]!),
    });
    await ingestWorkspace(loadWorkspace(dir));
    writeFileSync(path.join(dir, 'exports/2024-01 (1).csv'), file(x.months[0]!));
    const err = await ingestWorkspace(loadWorkspace(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadRefused);
    const refused = (err as LoadRefused).report;
    expect(refused.rejectSummary.tables.find((t) => t.table === 'order_lines')!.rowsRejected).toBe(100);
    const [kept] = await queryDb(
      dir,
      'SELECT count(*) AS n, CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines',
    );
    expect(kept!.n).toBe(200);
    expect(decimal(cents(kept!.g))).toBe(decimal([...x.perCustomer.values()].reduce((a, b) => a + b, 0n)));
  });
});
