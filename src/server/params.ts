/**
 * Every request parameter of the API, parsed once by a zod schema into a fully defaulted
 * type. Sorts and filters are enums mapped to known column names: nothing a client sends
 * reaches SQL as text (search terms and filter values are bound parameters).
 */
import { z } from 'zod';
import {
  CUSTOMER_SORTS,
  MATRIX_QUADRANTS,
  VOC_QUADRANTS,
  type CustomerSort,
  type CustomersQuery,
} from '../readmodel/index.ts';
import { HttpError } from './httpError.ts';

const sortKeys = Object.keys(CUSTOMER_SORTS) as [CustomerSort, ...CustomerSort[]];

/** Query of `GET /api/customers` (the read model's {@link CustomersQuery}): page (1-based), page size (1-500, default 50), sort, direction, search, filters. */
export const customersQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(sortKeys).default('contribution'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  q: z.string().trim().max(100).optional(),
  segment: z.string().max(200).optional(),
  lossMaking: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  vocQuadrant: z.enum(VOC_QUADRANTS).optional(),
  matrixQuadrant: z.enum(MATRIX_QUADRANTS).optional(),
}) satisfies z.ZodType<CustomersQuery, unknown>;

/** Query of `GET /api/whale`: how many points of the curve to send (2-2000, default 200). */
export const whaleQuery = z.object({ points: z.coerce.number().int().min(2).max(2000).default(200) });

/** Query of `GET /api/rollups`: the customer attribute to roll up by (a name; checked against the stored attributes). */
export const rollupQuery = z.object({
  attribute: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('segment'),
});

/** Path parameter of `GET /api/customers/:id`. */
export const customerIdParam = z.string().min(1).max(200);

/** Query of `GET /api/report` style endpoints that take a language. */
export const langQuery = z.object({ lang: z.enum(['nl', 'en']).default('en') });

/** Parses `input` with `schema` or throws a 400 naming the parameter, the bad value and the expectation. */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = issue.path.join('.') || 'parameter';
  const value = issue.path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    input,
  );
  const shown = value === undefined ? '' : `${JSON.stringify(value)} `;
  throw new HttpError(400, `${name}: ${shown}is not valid (${issue.message})`);
}
