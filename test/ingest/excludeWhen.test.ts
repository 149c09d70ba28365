/**
 * A source's `exclude_when` rule: the lines where it holds are left out of the load, counted
 * with their money and first line (per table of a split source), stored for the data-quality
 * read, and never rejects (a zero reject budget still loads). The status is on an order's
 * first line only and reaches its other lines through fill_down. A rule naming a missing
 * column is a formula error naming worth.yaml's line.
 */
import { describe, expect, it } from 'vitest';
import { ingestWorkspace, formatReconciliation } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { statusOrdersWorkspace, statusOrdersYaml } from '../fixtures/statusOrders.ts';
import { makeWorkspace, queryDb } from './helpers.ts';

// The export and its figures: test/fixtures/statusOrders.ts.
const workspace = (rule: string) => statusOrdersWorkspace(statusOrdersYaml(rule));

describe('exclude_when', () => {
  it('leaves out the cancelled lines, counts them with their money and first line, and they are not rejects', async () => {
    const rule = "in_list(lower(Status), 'cancelled', 'geannuleerd')";
    const dir = workspace(rule);
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.order_lines!.rowsLoaded).toBe(2);
    expect(report.tables.order_lines!.amounts.gross_amount!.loaded).toBe('25.50');
    expect(report.tables.returns!.amounts.credited_amount!.loaded).toBe('10.00');
    expect(report.rejects).toBe(0);
    expect(report.excluded).toEqual([
      {
        table: 'order_lines',
        file: 'orders.csv',
        rule,
        lines: 3,
        amountColumn: 'net',
        amount: '122.00',
        example: { file: 'orders.csv', line: 4 },
      },
      {
        table: 'returns',
        file: 'orders.csv',
        rule,
        lines: 1,
        amountColumn: 'credited_amount',
        amount: '8.00',
        example: { file: 'orders.csv', line: 8 },
      },
    ]);
    const text = formatReconciliation(report);
    expect(text).toContain(
      `order_lines (orders.csv): 3 lines (122.00 net) left out by your rule \`${rule}\` (first: line 4); not rejects`,
    );
    expect(text).toContain('returns (orders.csv): 1 line (8.00 credited_amount) left out by your rule');
    // Stored with the load for the data-quality page.
    const stored = await queryDb(
      dir,
      'SELECT table_name, lines, CAST(amount AS VARCHAR) AS amount, example_line FROM ingest_exclusions ORDER BY position',
    );
    expect(stored).toEqual([
      { table_name: 'order_lines', lines: 3, amount: '122.00', example_line: 4 },
      { table_name: 'returns', lines: 1, amount: '8.00', example_line: 8 },
    ]);
  });

  it('a rule on a number column of a clean file (the typed read) reads it as the text path does', async () => {
    // Lines with an empty quantity are notes, left out by the rule; the others are clean, so the
    // file could be read with declared types. The rule reads quantity as text: it must stay text
    // (typed as a number it failed the run with an engine error, an internal error to the user).
    const lines = ['order_id,customer_id,order_date,quantity,gross_amount'];
    for (let i = 0; i < 40; i++)
      lines.push(
        `O${i},C${(i % 3) + 1},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 10 === 9 ? '' : '1.5'},10.25`,
      );
    const dir = makeWorkspace({
      'worth.yaml': [
        'company: T',
        'language: en',
        'period: { start: 2024-01-01, end: 2024-12-31 }',
        'sources:',
        '  customers:',
        '    from: order_lines',
        '  order_lines:',
        '    file: data/order_lines.csv',
        '    columns: { cogs_amount: "gross_amount * 0.6" }',
        '    exclude_when: is_empty(quantity)',
        '',
      ].join('\n'),
      'data/order_lines.csv': `${lines.join('\n')}\n`,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.rejects).toBe(0);
    // Lines 11, 21, 31 and 41 of the file (i = 9, 19, 29, 39) have no quantity: 4 x 10.25 left out.
    expect(report.tables.order_lines!.rowsLoaded).toBe(36);
    expect(report.excluded).toEqual([
      {
        table: 'order_lines',
        file: 'data/order_lines.csv',
        rule: 'is_empty(quantity)',
        lines: 4,
        amountColumn: 'net',
        amount: '41.00',
        example: { file: 'data/order_lines.csv', line: 11 },
      },
    ]);
  });

  it('a rule naming a column the file lacks is a formula error naming worth.yaml and its line', async () => {
    const dir = workspace("in_list(lower(Statuz), 'cancelled')");
    // worth.yaml: the rule is on line 9 (see yaml above).
    await expect(ingestWorkspace(loadWorkspace(dir))).rejects.toThrow(
      /^worth\.yaml line 9, sources\.order_lines\.exclude_when, formula .*unknown name "Statuz"/,
    );
  });
});
