/** The starter cost model sized on an export: an activity the export has no events for is written commented out, not as a pool of unused capacity. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { starterCostModel } from '../../src/workspace/index.ts';

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
    // 1700 / 0.85 = 2000; 850 / 0.85 = 1000; 170 / 0.85 = 200 (rounded up to whole hundreds).
    expect(ids(yaml).map((a) => [a.id, a.capacity_minutes])).toEqual([
      ['order_handling', 2000],
      ['picking', 1000],
      ['returns_handling', 200],
      ['delivery', undefined],
    ]);
  });
});
