import { describe, expect, it } from 'vitest';
import { project } from '../../src/scenario/index.ts';
import { initiative, syntheticBaseline } from './fixtures.ts';

const RATE = 0.08;
/** Sums of a few hundred doubles: agreement to 1e-9 of the amount. */
const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe('letting a group go: only variable costs are saved', () => {
  const b = syntheticBaseline();

  it('saves variable costs, strands capacity and fixed costs, loses the margin', () => {
    const p = project(b, initiative({ exit: true }), {}, RATE);
    const byId = new Map(p.lines.map((l) => [l.id, l]));
    const delivery = byId.get('delivery')!;
    close(delivery.saved, delivery.baseline);
    expect(delivery.stranded).toBe(0);
    for (const id of ['picking', 'service', 'returns_handling', 'account']) {
      const l = byId.get(id)!;
      expect(l.saved).toBe(0);
      close(l.stranded, l.baseline);
    }
    const margin = b.margin.reduce((s, x) => s + x, 0);
    close(p.marginChange, -margin);
    const monthlySum = p.monthly.reduce((s, x) => s + x, 0);
    close(monthlySum, -margin + delivery.baseline);
    close(
      p.strandedYearly.reduce((s, x) => s + x, 0),
      ['picking', 'service', 'returns_handling', 'account'].reduce((s, id) => s + byId.get(id)!.baseline, 0),
    );
  });

  it('an explicit capacity cut moves money from stranded to saved, from its month on', () => {
    const without = project(b, initiative({ exit: true }), {}, RATE);
    const cut = project(
      b,
      initiative({
        exit: true,
        costs: { capacity_cuts: [{ activity: 'picking', per_year: 120, from_month: 13 }] },
      }),
      {},
      RATE,
    );
    const p0 = without.lines.find((l) => l.id === 'picking')!;
    const p1 = cut.lines.find((l) => l.id === 'picking')!;
    // 48 months x 10 a month, each below the picking cost freed in that month (checked: freed >= 10 until month 60)
    close(p1.cut, 480);
    close(p1.saved, 480);
    close(p1.stranded, p0.stranded - 480);
    expect(cut.monthly[11]).toBe(without.monthly[11]);
    close(cut.monthly[12]! - without.monthly[12]!, 10);
    expect(cut.npv).toBeGreaterThan(without.npv);
  });

  it('a rate cut on a capacity activity frees cost but saves none', () => {
    const p = project(
      b,
      initiative({ costs: { activities: [{ activity: 'picking', rate: -50 }] } }),
      {},
      RATE,
    );
    const l = p.lines.find((x) => x.id === 'picking')!;
    expect(l.saved).toBe(0);
    close(l.stranded, l.baseline / 2);
    expect(p.npv).toBe(0);
  });

  it('a volume rise on a capacity activity is paid at its rate', () => {
    const p = project(
      b,
      initiative({ costs: { activities: [{ activity: 'returns_handling', volume: 30 }] } }),
      {},
      RATE,
    );
    const l = p.lines.find((x) => x.id === 'returns_handling')!;
    close(-l.saved, 0.3 * l.baseline);
    expect(l.stranded).toBe(0);
  });
});
