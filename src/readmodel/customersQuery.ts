/**
 * What a page of the customer table asks for: page, size, sort, direction, search and the
 * list's own filters. Plain typed values: the server parses them from a query string (zod, in
 * src/server/params.ts), other callers build them.
 */
import { MATRIX_QUADRANTS, VOC_QUADRANTS } from '../profit/index.ts';

/** Sortable columns of the customer table (name -> column of the query). */
export const CUSTOMER_SORTS = {
  customerId: 'customer_id',
  name: 'name',
  segment: 'segment',
  netSales: 'net_sales',
  grossMargin: 'gross_margin',
  costToServe: 'cost_to_serve',
  contribution: 'contribution',
} as const;

/** Sort keys of the customer table. */
export type CustomerSort = keyof typeof CUSTOMER_SORTS;

// The quadrants a list can be filtered on are the analyses' own (src/profit).
export { MATRIX_QUADRANTS, VOC_QUADRANTS };

/** One page of the customer table: page (1-based), page size (1-500), sort, direction, search, filters. */
export interface CustomersQuery {
  page: number;
  pageSize: number;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  /** Search words over id and name (any order); absent: none. */
  q?: string | undefined;
  segment?: string | undefined;
  lossMaking?: boolean | undefined;
  vocQuadrant?: (typeof VOC_QUADRANTS)[number] | undefined;
  matrixQuadrant?: (typeof MATRIX_QUADRANTS)[number] | undefined;
}
