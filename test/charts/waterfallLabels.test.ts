/**
 * The waterfall's labels add up as its bars do: rounded on the running level, so the shown
 * steps between two totals sum to the shown difference of those totals (values worked out by
 * hand), and each label is shown exactly by the compact money format.
 */
import { describe, expect, it } from 'vitest';
import {
  formatMoneyCompact,
  labelUnit,
  waterfallLabelValues,
  waterfallOption,
  type WaterfallStep,
} from '../../src/charts/index.ts';

const total = (key: string, amount: string): WaterfallStep => ({ key, label: key, kind: 'total', amount });
const step = (key: string, amount: string): WaterfallStep => ({ key, label: key, kind: 'step', amount });

describe('waterfall labels', () => {
  it('round the running level, so steps sum to the totals they lead to', () => {
    // Level 1,249,990 -> 1,200,000 shown (unit 100,000); three steps of -49,990 each: levels
    // 1,200,000 / 1,150,010 / 1,100,020 rounded 1.2M / 1.2M / 1.1M; the steps show 0, 0, -0.1M
    // where rounding each on its own would show -0.0M three times and not reach 1.1M.
    const steps = [
      total('a', '1249990.00'),
      step('b', '-49990.00'),
      step('c', '-49990.00'),
      step('d', '-49990.00'),
      total('e', '1100020.00'),
    ];
    expect(labelUnit(steps)).toBe(100_000);
    const shown = waterfallLabelValues(steps, 100_000);
    expect(shown).toEqual([1_200_000, 0, 0, -100_000, 1_100_000]);
    expect(shown[0]! + shown[1]! + shown[2]! + shown[3]!).toBe(shown[4]);
  });

  it('sum on a customer-sized waterfall with costs, at a tenth of a thousand', () => {
    const steps = [
      total('gross', '12345.67'),
      step('disc', '-1234.56'),
      step('ret', '-99.99'),
      total('net', '11011.12'),
      step('cogs', '-6543.21'),
      total('gm', '4467.91'),
      step('c1', '-1049.99'),
      step('c2', '-2050.01'),
      total('contribution', '1367.91'),
    ];
    expect(labelUnit(steps)).toBe(100);
    const shown = waterfallLabelValues(steps, 100);
    // Levels in hundreds: 123.4567 -> 123, 111.1111 -> 111, 110.1112 -> 110, 44.6791 -> 45, 34.1792 -> 34, 13.6791 -> 14.
    expect(shown).toEqual([12300, -1200, -100, 11000, -6500, 4500, -1100, -2000, 1400]);
    expect(shown[0]! + shown[1]! + shown[2]!).toBe(shown[3]);
    expect(shown[3]! + shown[4]!).toBe(shown[5]);
    expect(shown[5]! + shown[6]! + shown[7]!).toBe(shown[8]);
  });

  it("are the option's label texts, each a compact amount shown exactly", () => {
    const steps = [
      total('gross', '12345.67'),
      step('disc', '-1234.56'),
      step('ret', '-99.99'),
      total('net', '11011.12'),
    ];
    const option = waterfallOption(steps, 'nl');
    const series = option.series as { data?: { label?: { formatter?: string } }[] }[];
    const labels = series[1]!.data!.map((d) => d.label!.formatter!);
    expect(labels).toEqual([12300, -1200, -100, 11000].map((v) => formatMoneyCompact(v, 'nl')));
    // As Intl writes them in nl-NL (one decimal in compact notation): each is the rounded value exactly.
    expect(labels.map((l) => l.replace(/\s/g, ' '))).toEqual(['€ 12,3K', '-€ 1,2K', '€ -100,0', '€ 11,0K']);
  });
});
