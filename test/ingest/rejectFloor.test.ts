/**
 * The reject budget's floor (`reject_floor`, default 5): a small table may always reject a few
 * lines, with the money of as many average lines, while `max_rejected_share` (1%) allows fewer;
 * from reject_floor / max_rejected_share lines on (500 at the defaults) the share alone decides.
 * Both sides of the floor, on real loads into DuckDB; every expected share is worked out by hand
 * from the fixture's lines of 10.00 each.
 */
import { describe, expect, it } from 'vitest';
import { formatReconciliation, ingestWorkspace, LoadRefused } from '../../src/ingest/index.ts';
import { floorEnds, floorFor, overBudget } from '../../src/ingest/budget.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { CUSTOMERS, makeWorkspace, yamlFor } from './helpers.ts';

const HEADER = 'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount';

/** `n` order lines of 10.00 each, the first `bad` of them with quantity "?" (rejected: not a number). */
function orders(n: number, bad: number): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `O${i},C${(i % 3) + 1},2024-01-05,${i < bad ? '?' : '1'},10.00,5.00`,
  );
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function workspace(n: number, bad: number, extra = ''): string {
  return makeWorkspace({
    'worth.yaml': yamlFor(['customers', 'order_lines'], extra),
    'data/customers.csv': CUSTOMERS,
    'data/order_lines.csv': orders(n, bad),
  });
}

async function outcome(dir: string): Promise<{ refused: string[] } | { loaded: number; text: string }> {
  try {
    const report = await ingestWorkspace(loadWorkspace(dir));
    return { loaded: report.tables.order_lines!.rowsLoaded, text: formatReconciliation(report) };
  } catch (e) {
    if (e instanceof LoadRefused) return { refused: e.problems };
    throw e;
  }
}

describe('reject budget floor', () => {
  it('a 113-line export with 2 broken lines loads (1.8% of lines and money, within the floor), and the summary says so', async () => {
    const r = await outcome(workspace(113, 2));
    expect(r).toMatchObject({ loaded: 111 });
    const text = (r as { text: string }).text;
    expect(text).toContain(
      "Reject budget 1% of a table's lines or money (max_rejected_share), and at least 5 lines (with their money) in a table under 500 lines (reject_floor):",
    );
    expect(text).toContain('order_lines: 1.8% of lines, 1.8% of gross_amount');
    expect(text).not.toContain('over the budget');
  });

  it('the same export with 6 broken lines is refused, naming the share and the floor', async () => {
    const r = await outcome(workspace(113, 6));
    expect(r).toEqual({
      refused: [
        'order_lines: 6 of 113 lines rejected (5.3%) and 5.3% of gross_amount (60.00 of 1,130.00), over the reject budget of 1% (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv. The floor of 5 lines (with their money) that a table this small may always reject (reject_floor) is passed too.',
      ],
    });
  });

  it('reject_floor: 0 takes the floor away: 2 of 113 are over 1%', async () => {
    const r = await outcome(workspace(113, 2, 'reject_floor: 0\n'));
    expect(r).toEqual({
      refused: [
        'order_lines: 2 of 113 lines rejected (1.8%) and 1.8% of gross_amount (20.00 of 1,130.00), over the reject budget of 1% (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv.',
      ],
    });
  });

  it('a file of real size keeps the 1%: 5 of 500 load, 7 of 600 are refused without a floor in the message', async () => {
    expect(await outcome(workspace(500, 5))).toMatchObject({ loaded: 495 });
    // 600 x 1% = 6 lines allowed; 7 is over, and 5 (the floor) is no help at this size.
    expect(await outcome(workspace(600, 7))).toEqual({
      refused: [
        'order_lines: 7 of 600 lines rejected (1.2%) and 1.2% of gross_amount (70.00 of 6,000.00), over the reject budget of 1% (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv.',
      ],
    });
  }, 60_000);

  it('decides on integers at the edges: where the floor ends, and the money of the floor lines', () => {
    const limits = { share: 0.01, floor: 5 };
    expect([floorFor(499, limits), floorFor(500, limits), floorFor(0, limits)]).toEqual([5, 0, 5]);
    // A share of 0 asks for no rejects: no floor either.
    expect(floorFor(10, { share: 0, floor: 5 })).toBe(0);
    expect(overBudget({ lines: 1n, money: 0n }, { lines: 10n, money: 100n }, { share: 0, floor: 5 })).toBe(
      true,
    );
    expect(floorEnds(0.01, 5)).toBe(500);
    expect(floorEnds(0.03, 5)).toBe(167); // 5 / 0.03 = 166.7: a table of 166 lines is under it
    expect(floorEnds(0, 5)).toBeUndefined();
    const read = { lines: 100n, money: 100_000n };
    // 5 of 100 lines and 5% of the money: exactly the floor, not over; a cent more is.
    expect(overBudget({ lines: 5n, money: 5_000n }, read, limits)).toBe(false);
    expect(overBudget({ lines: 5n, money: 5_001n }, read, limits)).toBe(true);
    expect(overBudget({ lines: 6n, money: 0n }, read, limits)).toBe(true);
    // One line holding most of the money is over, floor or not.
    expect(overBudget({ lines: 1n, money: 90_000n }, read, limits)).toBe(true);
    expect(overBudget({ lines: 0n, money: 0n }, { lines: 0n, money: 0n }, limits)).toBe(false);
  });
});
