/**
 * The waterfall's labels add up as its bars do: rounded on the running level, so the shown
 * steps between two totals sum to the shown difference of those totals (values worked out by
 * hand), and each label is shown exactly by the compact money format.
 */
import { describe, expect, it } from 'vitest';
import {
  labelUnit,
  waterfallLabelText,
  waterfallLabelValues,
  waterfallNote,
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
    // The unit is three significant digits of the largest bar (1,249,990 -> 10,000); at a
    // coarser unit the running-level rounding is what keeps the sums.
    expect(labelUnit(steps)).toBe(10_000);
    expect(waterfallLabelValues(steps, 10_000)).toEqual([1_250_000, -50_000, -50_000, -50_000, 1_100_000]);
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
    // The largest bar, 12,345.67, sets the unit: hundreds.
    expect(labelUnit(steps)).toBe(100);
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
    // Unit: hundreds (three digits of 12,345.67). Levels 123.4567 -> 123, 111.1111 -> 111,
    // 110.1112 -> 110: labels 12.3K, -1.2K, -100, 11.0K, each with the decimals the unit needs
    // and the minus before the euro sign on every label.
    expect(labels.map((l) => l.replace(/\s/g, ' '))).toEqual(['€ 12,3K', '-€ 1,2K', '-€ 100', '€ 11,0K']);
  });

  it("label a small bar beside a large one with its own amount, not the large one's rounding", () => {
    // An earlier report: a 44,054 return beside 2,039,738 cost of goods was labelled -€ 100,0K.
    const steps = [
      total('gross', '2500000.00'),
      step('ret', '-44054.00'),
      step('cogs', '-2039738.00'),
      total('gm', '416208.00'),
    ];
    // Unit 10,000; levels 250, 245.5946 -> 246, 41.6208 -> 42 (in tens of thousands).
    expect(labelUnit(steps)).toBe(10_000);
    const option = waterfallOption(steps, 'en');
    const series = option.series as { data?: { label?: { formatter?: string } }[] }[];
    expect(series[1]!.data!.map((d) => d.label!.formatter!)).toEqual(['€2.50M', '-€40K', '-€2.04M', '€420K']);
  });

  it("label a company's waterfall compactly, adding up, with one sign position", () => {
    // The stranger's Dutch report: "€ 19,52874 mln.", "-€ 670,07K", "€ -970" beside "-€ 1,42K".
    const steps = [
      total('gross', '19528743.57'),
      step('ret', '-670071.58'),
      total('net', '18858671.99'),
      step('cogs', '-13578680.37'),
      total('gm', '5279991.62'),
      step('order', '-1420.00'),
      step('pick', '-970.00'),
      total('contribution', '5277601.62'),
    ];
    // Unit 100,000 (three digits of 19.5 mln). Levels in units: 195.29 -> 195, 188.59 -> 189,
    // 52.80 -> 53, 52.79 -> 53, 52.78 -> 53: returns -6, cost of goods -136, the costs 0.
    expect(labelUnit(steps)).toBe(100_000);
    const option = waterfallOption(steps, 'nl');
    const series = option.series as { data?: { label?: { formatter?: string } }[] }[];
    const labels = series[1]!.data!.map((d) => d.label!.formatter!.replace(/\s/g, ' '));
    expect(labels).toEqual([
      '€ 19,5 mln',
      '-€ 600K',
      '€ 18,9 mln',
      '-€ 13,6 mln',
      '€ 5,3 mln',
      // Not zero, but less than the unit: said so, never "€ 0".
      '< € 100K',
      '< € 100K',
      '€ 5,3 mln',
    ]);
    // 19.5 - 0.6 = 18.9; 18.9 - 13.6 = 5.3: the labels add up as the bars do.
    const note = (option.title as { subtext?: string }).subtext!.replace(/\s/g, ' ');
    expect(note).toContain('Labels afgerond op € 100K');
  });

  it("say a small customer's rounding step as it is (€ 0,1, € 0,01), never € 0", () => {
    // A lunchroom with € 51,35 net sales: unit 0.1 (three digits of 51.4), labels like € 51,4.
    const small = [total('gross', '51.35'), step('cogs', '-35.95'), total('gm', '15.40')];
    expect(labelUnit(small)).toBe(0.1);
    const note = (o: ReturnType<typeof waterfallOption>) =>
      (o.title as { subtext?: string }).subtext!.replace(/\s/g, ' ');
    expect(note(waterfallOption(small, 'nl'))).toContain('Labels afgerond op € 0,1,');
    expect(note(waterfallOption(small, 'en'))).toContain('Labels rounded to €0.1,');
    expect(waterfallNote(0.1, 'nl', 'EUR', 'table').replace(/\s/g, ' ')).toContain('afgerond op € 0,1,');
    // A bar under the step (a 4-cent rebate beside € 51): "< € 0,1".
    expect(waterfallLabelText(0, -0.04, 0.1, 'nl').replace(/\s/g, ' ')).toBe('< € 0,1');
    // A customer of a few euros: unit 0.01.
    const tiny = [total('gross', '5.35'), step('ret', '-0.20'), total('net', '5.15')];
    expect(labelUnit(tiny)).toBe(0.01);
    expect(note(waterfallOption(tiny, 'nl'))).toContain('Labels afgerond op € 0,01,');
  });
});
