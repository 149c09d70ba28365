/**
 * The waterfall's labels add up as its bars do: rounded on the running level, so the shown
 * steps between two totals sum to the shown difference of those totals (values worked out by
 * hand), and each label is shown exactly by the compact money format.
 */
import { describe, expect, it } from 'vitest';
import {
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
    // The unit is a tenth of the smallest bar's leading digit (49,990 -> 1,000); at a coarser
    // unit the running-level rounding is what keeps the sums.
    expect(labelUnit(steps)).toBe(1000);
    expect(waterfallLabelValues(steps, 1000)).toEqual([1_250_000, -50_000, -50_000, -50_000, 1_100_000]);
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
    // The smallest bar, 99.99, sets the unit: whole euros.
    expect(labelUnit(steps)).toBe(1);
    expect(waterfallLabelValues(steps, 1)).toEqual([
      12346, -1235, -100, 11011, -6543, 4468, -1050, -2050, 1368,
    ]);
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
    // Unit: whole euros (the smallest bar is 99.99); each label shows its rounded value exactly,
    // with the decimals its compact scale needs (as Intl writes them in nl-NL).
    expect(labels.map((l) => l.replace(/\s/g, ' '))).toEqual([
      '€ 12,346K',
      '-€ 1,235K',
      '€ -100',
      '€ 11,011K',
    ]);
  });

  it("label a small bar beside a large one with its own amount, not the large one's rounding", () => {
    // The stranger's report: a 44,054 return beside 2,039,738 cost of goods was labelled -€ 100,0K.
    const steps = [
      total('gross', '2500000.00'),
      step('ret', '-44054.00'),
      step('cogs', '-2039738.00'),
      total('gm', '416208.00'),
    ];
    expect(labelUnit(steps)).toBe(1000);
    const option = waterfallOption(steps, 'en');
    const series = option.series as { data?: { label?: { formatter?: string } }[] }[];
    expect(series[1]!.data!.map((d) => d.label!.formatter!)).toEqual([
      '€2.500m',
      '-€44k',
      '-€2.040m',
      '€416k',
    ]);
  });
});
