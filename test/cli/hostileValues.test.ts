import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, readRejects } from '../ingest/helpers.ts';

const BIN = path.resolve('bin/worth.js');

function worth(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What must never reach a user: stack frames, engine messages, SQL text. */
const ENGINE_WORDS = [
  /^\s+at /m,
  /Out of Range Error/,
  /Conversion Error/,
  /\bSELECT\b/,
  /\bCAST\(/,
  /TRY_CAST/,
  /NaN|Infinity|undefined/,
];

// Mostly bad lines on purpose: the reject budget is lifted to see every reason.
const HEAD =
  'company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nunattributed: load\nmax_rejected_share: 1\n';

describe("worth ingest on hostile values: rejects in the user's words, never an engine error", () => {
  it('loads the good lines and names every bad one; the terminal shows no stack, SQL or engine message', () => {
    const lines = [
      'Order,Customer,Date,Qty,Price,Pack,Paid', //          line 1
      'A1,C1,2024-03-01,3,1.335,1,4.01', //                  line 2: good
      'A2,NA,2024-03-01,2000000,1.25,1,1.00', //             line 3: good, unattributed
      'A3,C1,2024-03-01,999999999999,999999999999,1,1.00', // line 4: overflow of the formula
      'A4,C1,2024-03-01,1,5.00,0,1.00', //                   line 5: division by zero
      'A5,C1,0001-01-01,1,5.00,1,1.00', //                   line 6: implausible date
      'A6,C1,2024-03-01,1,5.00,1,1e20', //                   line 7: amount far too large
      'A7,C1,2024-03-01,1,5.00,1,12.345', //                 line 8: digits beyond cents
    ];
    const yaml = `${HEAD}sources:
  order_lines:
    file: data/orders.csv
    columns: { order_id: Order, customer_id: Customer, order_date: Date, quantity: Qty, gross_amount: Qty * Price / Pack, cogs_amount: Paid }
`;
    const dir = makeWorkspace({ 'worth.yaml': yaml, 'data/orders.csv': `${lines.join('\n')}\n` });
    const run = worth(['ingest', dir]);
    expect(run.status, run.stderr).toBe(0);
    for (const w of ENGINE_WORDS) expect(`${run.stdout}\n${run.stderr}`).not.toMatch(w);
    expect(run.stdout).toMatch(/order_lines\s+7\s+2\s+5\s+1/);
    const rejects = readRejects(path.join(dir, 'rejects.csv')).map((r) => [
      r.line,
      r.column,
      r.reason.split(' (')[0],
    ]);
    expect(rejects).toEqual([
      ['4', 'gross_amount', 'out of range'],
      ['5', 'gross_amount', 'division by zero'],
      ['6', 'Date', 'date outside 1974-01-01 to 2025-12-31'],
      ['7', 'Paid', 'amount out of range'],
      ['8', 'Paid', 'more decimals than cents'],
    ]);
  });

  it('a key mapped to a constant is one paragraph naming the setting, exit code not 0', () => {
    const dir = makeWorkspace({
      'worth.yaml': `${HEAD}sources:\n  order_lines:\n    file: data/orders.csv\n    columns: { line_no: '7' }\n`,
      'data/orders.csv':
        'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,C1,2024-01-05,1,10.00,5.00\n',
    });
    const run = worth(['ingest', dir]);
    expect(run.status).not.toBe(0);
    for (const w of ENGINE_WORDS) expect(run.stderr).not.toMatch(w);
    expect(run.stderr).toContain('sources.order_lines.columns.line_no: "7" is the same on every line');
  });
});
