/**
 * The usual column names of web-shop order exports (Shopify, WooCommerce, Magento, Lightspeed,
 * in English and Dutch) are recognised; Shopify's "Name" is the order number only beside its
 * "Lineitem ..." columns.
 */
import { describe, expect, it } from 'vitest';
import { recognise } from '../../src/onboard/index.ts';
import type { ColumnProfile } from '../../src/onboard/index.ts';

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

describe('web-shop order export names', () => {
  it('Shopify', () => {
    expect(
      roles([
        'Name',
        'Email',
        'Financial Status',
        'Created at',
        'Lineitem quantity',
        'Lineitem name',
        'Lineitem price',
        'Lineitem sku',
        'Discount Amount',
        'Billing Name',
        'Billing Country',
      ]),
    ).toEqual({
      order_id: 'Name',
      customer_id: 'Email',
      customer_name: 'Billing Name',
      order_date: 'Created at',
      product_id: 'Lineitem sku',
      description: 'Lineitem name',
      quantity: 'Lineitem quantity',
      unit_price: 'Lineitem price',
      discount_amount: 'Discount Amount',
      country: 'Billing Country',
    });
  });

  it('"Name" is not an order number without the Lineitem columns', () => {
    expect(roles(['Name', 'Customer', 'Date', 'Quantity', 'Price']).order_id).toBeUndefined();
  });

  it('WooCommerce and Magento', () => {
    expect(
      roles(['Order Number', 'Order Date', 'Billing Email', 'Item Name', 'Quantity', 'Item Cost', 'SKU']),
    ).toEqual({
      order_id: 'Order Number',
      customer_id: 'Billing Email',
      order_date: 'Order Date',
      product_id: 'SKU',
      description: 'Item Name',
      quantity: 'Quantity',
      unit_price: 'Item Cost',
    });
    expect(
      roles(['Order #', 'Purchase Date', 'Customer Email', 'Bill-to Name', 'Qty Ordered', 'Price']),
    ).toEqual({
      order_id: 'Order #',
      customer_id: 'Customer Email',
      customer_name: 'Bill-to Name',
      order_date: 'Purchase Date',
      quantity: 'Qty Ordered',
      unit_price: 'Price',
    });
  });

  it('a Dutch web shop (Lightspeed, WooCommerce in Dutch)', () => {
    const r = recognise(
      ['Bestelnummer', 'Besteldatum', 'Klant e-mail', 'Aantal', 'Stukprijs', 'Verzendkosten', 'Korting'].map(
        profile,
      ),
    );
    expect(Object.fromEntries(Object.entries(r.columns).map(([role, c]) => [role, c!.name]))).toEqual({
      order_id: 'Bestelnummer',
      customer_id: 'Klant e-mail',
      order_date: 'Besteldatum',
      quantity: 'Aantal',
      unit_price: 'Stukprijs',
      discount_amount: 'Korting',
    });
    expect(r.language).toBe('nl');
    expect(r.unused).toEqual(['Verzendkosten']);
  });
});
