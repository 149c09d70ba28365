/**
 * Product group x customer margin on the reader's connections: a customer's margin by product
 * group (a `not_found` WorthError for an unknown customer) and a product group's customers by margin (`input` for a
 * group without lines, from the read model's `WorthError`).
 */
import {
  readCustomerProducts,
  readProductGroupCustomers,
  type CustomerProducts,
  type ProductGroupCustomers,
} from './productMargin.ts';
import { keptAnswers } from './keptAnswers.ts';
import { notInPnl } from './readErrors.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/** `GET /api/customers/:id/products`. */
export function customerProductsOf(reader: WorkspaceReader, customerId: string): Promise<CustomerProducts> {
  return reader.read(async (engine) => {
    const found = await readCustomerProducts(engine, customerId);
    if (!found) throw notInPnl(customerId);
    return found;
  });
}

/** A product group's customers kept per generation: a read groups every order line by customer (seconds at 1,000,000 customers), and there are few groups. */
const keep = keptAnswers(64);

/** `GET /api/product-groups/:group/customers` (kept per generation and group). */
export function productGroupCustomersOf(
  reader: WorkspaceReader,
  group: string,
): Promise<ProductGroupCustomers> {
  return keep(reader, group, () => reader.read((engine) => readProductGroupCustomers(engine, group)));
}
