import { describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { WorthError, WorthErrors } from '../../src/core/index.ts';
import { duckdbDialect } from '../../src/warehouse/index.ts';
import { parseWorkspace } from '../../src/workspace/index.ts';
import { COST_MODEL, FILES, ingested, query, runAnalyze, yaml } from '../profit/fixture.ts';

function load(costModel: string) {
  return loadCostModel(parseWorkspace(yaml(costModel), '/tmp/ws'), duckdbDialect);
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WorthError || e instanceof WorthErrors) return e.message;
    throw e;
  }
  throw new Error('expected an error');
}

const one = (minutes: string) => `cost_model:
  activities:
    - id: order_handling
      kind: time
      behaviour: capacity
      driver: orders
      pool: 300
      capacity_minutes: 100
      minutes: ${minutes}
`;

describe('cost model: formula and config errors give one clear message', () => {
  it('an unknown column in a time equation names the activity, the formula and the position', () => {
    const msg = messageOf(() => load(one('2 + 1 * linez')));
    // "linez" starts at character 9 of the formula.
    expect(msg).toContain('activity order_handling (minutes), formula "2 + 1 * linez", position 9');
    expect(msg).toContain('unknown name "linez"');
    expect(msg).toContain('lines'); // the names that do exist are listed
    expect(msg).toMatch(/worth\.yaml line \d+/);
  });

  it('a syntax error names the activity and the position', () => {
    const msg = messageOf(() => load(one('"4 + * 3"')));
    expect(msg).toContain('activity order_handling (minutes), formula "4 + * 3", position 5');
  });

  it('an unknown function and a name in the wrong driver are errors too', () => {
    const msg = messageOf(() => load(one('sqrt(lines)')));
    expect(msg).toContain(
      'activity order_handling (minutes), formula "sqrt(lines)", position 1: unknown function sqrt()',
    );
    // freight_cost exists on orders (per order), weight_kg too; but returns have no express.
    const returns = one('10 + if(express, 5, 0)').replace('driver: orders', 'driver: returns');
    expect(messageOf(() => load(returns))).toContain('unknown name "express"');
  });

  it('schema problems carry their config path and line', () => {
    const bad = `cost_model:
  activities:
    - id: picking
      kind: time
      behaviour: sometimes
      driver: order_lines
      pool: 12.345
      minutes: quantity
`;
    const msg = messageOf(() => load(bad));
    expect(msg).toContain('cost_model.activities.0.behaviour');
    expect(msg).toContain('expected one of "variable", "capacity", "fixed"');
    expect(msg).toContain('cost_model.activities.0.pool');
    expect(msg).toContain('at most two decimals');
    expect(msg).toContain('cost_model.activities.0.capacity_minutes');
    expect(msg).toMatch(/worth\.yaml line 21/); // the line of behaviour: in the generated yaml
  });

  it('duplicate ids, unknown kinds and an empty activity list are refused; a missing section is a model without activities', () => {
    expect(
      messageOf(() => load(`${COST_MODEL}    - id: credit\n      kind: credit\n      behaviour: variable\n`)),
    ).toContain('expected every activity id once');
    expect(
      messageOf(() => load('cost_model:\n  activities:\n    - { id: x, kind: magic, behaviour: fixed }\n')),
    ).toContain('cost_model.activities.0.kind');
    expect(messageOf(() => load('cost_model:\n  activities: []\n'))).toContain(
      'expected at least one activity',
    );
    // No cost_model at all: the P&L stops at gross margin (analyze says how to add cost to serve).
    const none = loadCostModel(parseWorkspace(yaml(''), '/tmp/ws'), duckdbDialect);
    expect([none.activities.length, none.costToServe]).toEqual([0, false]);
  });

  it('a time equation that goes negative is an error at run time, and the previous analysis stays', async () => {
    const dir = await ingested();
    await runAnalyze(dir);
    const before = await query(dir, 'SELECT CAST(sum(contribution) AS VARCHAR) AS c FROM customer_pnl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/worth.yaml`, yaml(one('lines - 2')));
    // O1 has 2 lines (0 min), O2 1 line (-1 min): negative.
    await expect(runAnalyze(dir)).rejects.toThrow(
      'activity order_handling, formula "lines - 2": gives -1 minutes for some orders (expected >= 0 for every event)',
    );
    expect(await query(dir, 'SELECT CAST(sum(contribution) AS VARCHAR) AS c FROM customer_pnl')).toEqual(
      before,
    );
    expect(before).toEqual([{ c: '115.25' }]);
    expect(FILES['data/customers.csv']).toBeDefined();
  });
});
