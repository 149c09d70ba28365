/**
 * Product group x customer margin on the reader's connections: a customer's margin by product
 * group (a `not_found` WorthError for an unknown customer) and a product group's customers by margin (`input` for a
 * group without lines, from the read model's `WorthError`), and the line roll-ups under the global filters.
 */
import {
  readCustomerProducts,
  readProductGroupCustomers,
  type CustomerProducts,
  type ProductGroupCustomers,
} from './productMargin.ts';
import { filtersKey, isFiltered, type Filters } from './filters.ts';
import { keptAnswers } from './keptAnswers.ts';
import { heldLineRollups, loadHeldLines, type HeldLines } from './heldLines.ts';
import { checkAttributes, customerColumns, readFilteredLines, type LineRollups } from './lineFilters.ts';
import { notAnalysed, notInPnl } from './readErrors.ts';
import { readOnServer, readOneCustomer } from './serverReader.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/**
 * `GET /api/customers/:id/products?from&to`: narrowed to the global filters' period (one
 * customer's segment, channel and region do not narrow its own lines).
 */
export function customerProductsOf(
  reader: WorkspaceReader,
  customerId: string,
  f: Filters = {},
): Promise<CustomerProducts> {
  if (!reader.analysed) return Promise.reject(notAnalysed());
  return readOneCustomer(reader, customerId, async (engine) => {
    const found = await readCustomerProducts(engine, customerId, { from: f.from, to: f.to });
    if (!found) throw notInPnl(customerId);
    return found;
  });
}

/** A product group's customers kept per generation: a read groups every order line by customer (seconds at 1,000,000 customers), and there are few groups. */
const keep = keptAnswers(64);

/** `GET /api/product-groups/:group/customers` under the global filters (kept per generation, group and filter). */
export function productGroupCustomersOf(
  reader: WorkspaceReader,
  group: string,
  f: Filters = {},
): Promise<ProductGroupCustomers> {
  return keep(reader, JSON.stringify([group, filtersKey(f)]), () =>
    readOnServer(reader, (engine) => readProductGroupCustomers(engine, group, f)),
  );
}

/** Line roll-ups kept per generation and filter where the cube is not held: each sums the stored cube in SQL (or, before the cube, groups every order line). */
const keepLines = keptAnswers(256);

/** The lines cube held per generation, with the customer columns a filter is checked against. */
const heldLines = new WeakMap<
  WorkspaceReader,
  Promise<{ held: HeldLines | null; columns: string[] | null }>
>();

function heldLinesOf(reader: WorkspaceReader) {
  let found = heldLines.get(reader);
  if (!found) {
    // A cube that cannot be read leaves the roll-ups to SQL, which says what is wrong.
    found = reader
      .read(async (engine) => ({ held: await loadHeldLines(engine), columns: await customerColumns(engine) }))
      .catch(() => ({ held: null, columns: null }));
    heldLines.set(reader, found);
  }
  return found;
}

/** `GET /api/lines`: invoiced sales and margin by product group and order channel, stored, or under the global filters (from the held cube, else SQL). */
export async function linesOf(reader: WorkspaceReader, f: Filters): Promise<LineRollups> {
  if (!isFiltered(f)) return reader.lines();
  const { held, columns } = await heldLinesOf(reader);
  if (held) {
    checkAttributes(f, columns);
    return heldLineRollups(held, f);
  }
  return keepLines(reader, filtersKey(f), () => reader.read((engine) => readFilteredLines(engine, f)));
}
