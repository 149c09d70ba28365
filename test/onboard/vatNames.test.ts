/**
 * The names of VAT amounts and rates, amounts including or excluding VAT, and WooCommerce's
 * columns are recognised: "Item #" is never the product, an e-mail is the customer only
 * without an id column.
 */
import { describe, expect, it } from 'vitest';
import { recognise, type ColumnProfile } from '../../src/onboard/index.ts';

const profile = (name: string): ColumnProfile => ({
  name,
  kind: 'text',
  present: 1,
  missing: 0,
  unreadable: 0,
  negatives: 0,
  positives: 0,
  distinct: 0,
  examples: [],
});

function roles(names: string[]): Record<string, string> {
  const r = recognise(names.map(profile));
  return Object.fromEntries(Object.entries(r.columns).map(([role, c]) => [role, c!.name]));
}

describe('VAT columns', () => {
  it('AFAS: an amount including VAT and its VAT amount', () => {
    expect(roles(['Debiteur', 'Factuurnummer', 'Factuurdatum', 'Aantal', 'Bedrag incl. btw', 'Btw'])).toEqual(
      {
        order_id: 'Factuurnummer',
        customer_id: 'Debiteur',
        order_date: 'Factuurdatum',
        quantity: 'Aantal',
        amount_incl: 'Bedrag incl. btw',
        vat_amount: 'Btw',
      },
    );
  });

  it('incl. and excl. by the shape of the name, in either language, with or without brackets', () => {
    const r = roles(['Totaal excl. BTW', 'Totaal (incl. BTW)', 'BTW-tarief']);
    expect(r).toEqual({
      amount: 'Totaal excl. BTW',
      amount_incl: 'Totaal (incl. BTW)',
      vat_rate: 'BTW-tarief',
    });
    expect(roles(['Line total (incl. tax)', 'Tax rate'])).toEqual({
      amount_incl: 'Line total (incl. tax)',
      vat_rate: 'Tax rate',
    });
    expect(roles(['Amount incl. VAT', 'VAT', 'Btw %'])).toEqual({
      amount_incl: 'Amount incl. VAT',
      vat_amount: 'VAT',
      vat_rate: 'Btw %',
    });
    // A name that only ends like one is no amount: "Prijs incl. btw" is a unit price, "Code incl. btw" nothing.
    expect(roles(['Code incl. btw'])).toEqual({});
    expect(roles(['Prijs incl. btw']).amount_incl).toBeUndefined();
  });

  it('SnelStart: Relatiecode is the id, Relatie the name, the amount excluding VAT is the amount', () => {
    expect(
      roles([
        'Relatiecode',
        'Relatie',
        'Prijs per eenheid',
        'Bedrag excl. BTW',
        'BTW bedrag',
        'Bedrag incl. BTW',
      ]),
    ).toEqual({
      customer_id: 'Relatiecode',
      customer_name: 'Relatie',
      unit_price: 'Prijs per eenheid',
      amount: 'Bedrag excl. BTW',
      amount_incl: 'Bedrag incl. BTW',
      vat_amount: 'BTW bedrag',
    });
  });
});

describe('WooCommerce', () => {
  it('English: SKU over Item #, Customer User ID over Billing Email, company and person names', () => {
    const r = roles([
      'Order Number',
      'Order Date',
      'Billing Email',
      'Customer User ID',
      'Billing First Name',
      'Billing Last Name',
      'Billing Company',
      'Item #',
      'Item Name',
      'SKU',
      'Quantity',
      'Item Cost',
      'Item Total',
      'Item Tax',
    ]);
    expect(r).toMatchObject({
      customer_id: 'Customer User ID',
      customer_name: 'Billing Company',
      first_name: 'Billing First Name',
      last_name: 'Billing Last Name',
      product_id: 'SKU',
      amount: 'Item Total',
      vat_amount: 'Item Tax',
    });
    expect(Object.values(r)).not.toContain('Item #');
  });

  it('Dutch: SKU over Artikel #; without SKU a "#" column is still no product', () => {
    expect(
      roles(['Bestelnummer', 'Klant-ID', 'Bedrijf', 'Artikel #', 'SKU', 'Regeltotaal', 'Btw']),
    ).toMatchObject({
      customer_id: 'Klant-ID',
      customer_name: 'Bedrijf',
      product_id: 'SKU',
      amount: 'Regeltotaal',
      vat_amount: 'Btw',
    });
    expect(roles(['Order Number', 'Line item #', '#', 'Quantity']).product_id).toBeUndefined();
    expect(roles(['Order Number', 'Item #', 'Product ID']).product_id).toBe('Product ID');
  });

  it('an e-mail column is the customer when there is no id column, wherever it stands', () => {
    expect(roles(['Billing Email', 'Order Number']).customer_id).toBe('Billing Email');
    expect(roles(['Email', 'Customer ID']).customer_id).toBe('Customer ID');
  });
});
