/**
 * The words catalogue and the formats: every key has both languages, Dutch numbers and dates
 * read as a Dutch reader writes them (worked out by hand), a bilingual text picks its side.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatShare } from '../../src/charts/index.ts';
import {
  CHART_WORDS,
  CLI_WORDS,
  DASHBOARD_WORDS,
  REPORT_WORDS,
  localText,
  rejectReason,
  textNumbers,
  type Catalogue,
} from '../../src/words/index.ts';

describe('the words catalogue', () => {
  it('has a non-empty Dutch and English text for every key of every part', () => {
    const parts: Record<string, Catalogue> = { DASHBOARD_WORDS, REPORT_WORDS, CHART_WORDS, CLI_WORDS };
    for (const [part, words] of Object.entries(parts)) {
      for (const [key, w] of Object.entries(words)) {
        expect(w.nl.trim(), `${part}.${key} nl`).not.toBe('');
        expect(w.en.trim(), `${part}.${key} en`).not.toBe('');
        // The same placeholders on both sides: a Dutch text cannot drop a figure the English one shows.
        const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(holes(w.nl), `${part}.${key}`).toEqual(holes(w.en));
      }
    }
  });

  it('picks a side of a bilingual text, and shows a plain one in every language', () => {
    expect(
      localText({ nl: 'Kleine klanten naar de webshop', en: 'Move small customers to the web shop' }, 'nl'),
    ).toBe('Kleine klanten naar de webshop');
    expect(
      localText({ nl: 'Kleine klanten naar de webshop', en: 'Move small customers to the web shop' }, 'en'),
    ).toBe('Move small customers to the web shop');
    expect(localText('Eigen initiatief', 'en')).toBe('Eigen initiatief');
  });
});

describe('formats in nl-NL and en-GB', () => {
  it('writes dates with the month in words: 5 dec 2026 (nl), 5 Dec 2026 (en)', () => {
    expect(formatDate('2026-12-05', 'nl')).toBe('5 dec 2026');
    expect(formatDate('2026-12-05', 'en')).toBe('5 Dec 2026');
    expect(formatDate('2024-03-31', 'nl')).toBe('31 mrt 2024');
  });

  it('groups thousands with a point and writes a decimal comma in Dutch', () => {
    // Intl puts a (narrow) no-break space after the euro sign in Dutch: compare without it.
    expect(formatMoney('1234.56', 'nl').replace(/\s/g, ' ')).toBe('€ 1.234,56');
    expect(formatMoney('1234.56', 'en')).toBe('€1,234.56');
    expect(formatShare(0.4533, 'nl')).toBe('45,3%');
    const nl = textNumbers('nl');
    expect([
      nl.int(1234567),
      nl.money('-1234567.89'),
      nl.pct(0.125),
      nl.fixed(-0.004, 2),
      nl.pct(null),
    ]).toEqual(['1.234.567', '-1.234.567,89', '12,5%', '0,00', 'n.v.t.']);
    const en = textNumbers('en');
    expect([en.int(1234567), en.money('-1234567.89'), en.pct(0.125), en.fixed(2.5, 1)]).toEqual([
      '1,234,567',
      '-1,234,567.89',
      '12.5%',
      '2.5',
    ]);
  });
});

describe('a reject reason in the user language', () => {
  it('joins the date layouts of date_format with the language word for or', () => {
    const r = { code: 'not_a_date', vars: { format: 'dd-mm-yyyy or yyyy-mm-dd' } } as const;
    expect(rejectReason('nl', r)).toBe('geen datum (verwacht dd-mm-yyyy of yyyy-mm-dd)');
    expect(rejectReason('en', r)).toBe('not a date (expected dd-mm-yyyy or yyyy-mm-dd)');
  });
});
