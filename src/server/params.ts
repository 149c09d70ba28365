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
import { WorthError } from '../core/index.ts';
import { notValidText, SETTING_WORDS } from '../words/index.ts';
import { issueExpectation } from '../workspace/index.ts';

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
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, SETTING_WORDS.settingAttributeName.en)
    .default('segment'),
});

/** Path parameter of `GET /api/customers/:id`. */
export const customerIdParam = z.string().min(1).max(200);

/**
 * Parses `input` with `schema`, or throws an `input` WorthError (answered 400) naming the
 * parameter (`name` for a path parameter, which has none of its own), the bad value and what
 * was expected, in words said in the request's language (zod's own English is never shown: it
 * said `received NaN` of a page that was not a number).
 */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown, name = 'parameter'): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const at = issue.path.join('.') || name;
  const value = issue.path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    input,
  );
  const expected = issueExpectation(issue);
  const said = notValidText(value, expected);
  throw new WorthError('input', { path: at }, value, issue.message, undefined, said);
}
