/** The starter cost model sized on an export: an activity the export has no events for is written commented out, not as a pool of unused capacity. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { starterCapacity, starterCostModel } from '../../src/workspace/index.ts';

const ids = (yaml: string) =>
  (parse(yaml) as { cost_model: { activities: { id: string; capacity_minutes?: number }[] } }).cost_model
    .activities;

describe('the starter cost model on an export', () => {
  it('leaves returns handling out (commented) when the export has no credit lines', () => {
    const yaml = starterCostModel({
      orderMinutes: 1700,
      pickingMinutes: 850,
      returnMinutes: 0,
      serviceContacts: false,
    });
    expect(ids(yaml).map((a) => a.id)).toEqual(['order_handling', 'picking', 'delivery']);
    expect(yaml).toContain('# Returns handling: the export has no returns; when it has, add:');
  });
  it('sizes it at 85% when there are returns: 170 minutes -> 200 of capacity', () => {
    const yaml = starterCostModel({
      orderMinutes: 1700,
      pickingMinutes: 850,
      returnMinutes: 170,
      serviceContacts: false,
    });
    // 1700 / 0.85 = 2000; 850 / 0.85 = 1000; 170 / 0.85 = 200 (exactly: no rounding up).
    expect(ids(yaml).map((a) => [a.id, a.capacity_minutes])).toEqual([
      ['order_handling', 2000],
      ['picking', 1000],
      ['returns_handling', 200],
      ['delivery', undefined],
    ]);
  });
  it('a 16-line export: the capacity is its minutes at 85%, not 100 minutes each (usage 84-85%, not 10-50%)', () => {
    // The minutes of a small Dutch export (49.5 / 16.9 / 10 used 49.5%, 16.9% and 10% of 100 before).
    const yaml = starterCostModel(
      { orderMinutes: 49.5, pickingMinutes: 16.9, returnMinutes: 10, serviceContacts: false },
      'nl',
    );
    // 49.5 / 0.85 = 58.2 -> 59; 16.9 / 0.85 = 19.9 -> 20; 10 / 0.85 = 11.8 -> 12 (whole minutes, rounded up).
    expect(ids(yaml).map((a) => [a.id, a.capacity_minutes])).toEqual([
      ['order_handling', 59],
      ['picking', 20],
      ['returns_handling', 12],
      ['delivery', undefined],
    ]);
    expect(yaml).toContain(
      '# capaciteit: de minuten die uw export gebruikt bij 85% bezetting (naar boven afgerond op drie cijfers)',
    );
  });
  it('a large export: three figures, rounded up (1,234,567 minutes -> 1,460,000 at 84.6%)', () => {
    const yaml = starterCostModel({
      orderMinutes: 1_234_567,
      pickingMinutes: 987_654.3,
      returnMinutes: 4321,
      serviceContacts: false,
    });
    // 1,234,567 / 0.85 = 1,452,432 -> 1,460,000; 987,654.3 / 0.85 = 1,161,946 -> 1,170,000; 4,321 / 0.85 = 5,083.5 -> 5,090.
    expect(ids(yaml).map((a) => [a.id, a.capacity_minutes])).toEqual([
      ['order_handling', 1_460_000],
      ['picking', 1_170_000],
      ['returns_handling', 5090],
      ['delivery', undefined],
    ]);
    for (const [used, capacity] of [
      [49.5, starterCapacity(49.5)],
      [1_234_567, starterCapacity(1_234_567)],
      [35, starterCapacity(35)],
    ] as const) {
      expect(used / capacity).toBeLessThanOrEqual(0.85);
      expect(used / capacity).toBeGreaterThan(0.8);
    }
  });
});
