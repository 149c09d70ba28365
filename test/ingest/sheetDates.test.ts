/** The layout a sheet shows its dates in, from the cell's Excel number format (src/ingest/sheetDates.ts). */
import { describe, expect, it } from 'vitest';
import { shownDateFormat, shownDateLayout } from '../../src/ingest/sheetDates.ts';

describe('shownDateLayout', () => {
  it('reads a plain date layout, with a locale tag, a text section, escapes or a time', () => {
    expect(shownDateLayout('d-m-yyyy')).toBe('d-m-yyyy');
    expect(shownDateLayout('DD/MM/YYYY')).toBe('dd/mm/yyyy');
    expect(shownDateLayout('[$-413]dd-mm-yyyy;@')).toBe('dd-mm-yyyy');
    expect(shownDateLayout('dd\\-mm\\-yyyy')).toBe('dd-mm-yyyy');
    expect(shownDateLayout('dd-mm-yyyy hh:mm')).toBe('dd-mm-yyyy hh:mm');
  });

  it('names no layout for the regional short date, a month name, a number format or none', () => {
    expect(shownDateLayout('mm-dd-yy')).toBeUndefined();
    expect(shownDateLayout('d mmmm yyyy')).toBeUndefined();
    expect(shownDateLayout('dddd d mmmm yyyy')).toBeUndefined();
    expect(shownDateLayout('0.00')).toBeUndefined();
    expect(shownDateLayout('General')).toBeUndefined();
    expect(shownDateLayout(undefined)).toBeUndefined();
  });

  it("a reject names the sheet's layout for its column, worth.yaml's for the others", () => {
    const route = { shownDates: { Boekingsdatum: 'd-m-yyyy' }, format: { date_format: 'yyyy-mm-dd' } };
    expect(shownDateFormat(route, 'Boekingsdatum')).toBe('d-m-yyyy');
    expect(shownDateFormat(route, 'Vervaldatum')).toBe('yyyy-mm-dd');
  });
});
