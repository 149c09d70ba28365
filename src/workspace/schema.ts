/**
 * `worth.yaml`, parsed once by this zod schema into a fully defaulted, typed value.
 * The descriptions here are the documentation: `worth init` and error messages use them.
 */
import { z } from 'zod';
import { TABLE_NAMES } from '../core/index.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-mm-dd')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'expected a real calendar date')
  .meta({ description: 'a date as yyyy-mm-dd' });

/** How a source file is written. Defaults: comma, point decimals, ISO dates, UTF-8, a header row. */
export const formatSchema = z
  .object({
    delimiter: z
      .string()
      .length(1, 'expected one character, e.g. "," or ";" (use "\\t" for tab)')
      .default(',')
      .meta({ description: 'field separator' }),
    decimal: z.enum(['.', ',']).default('.').meta({ description: 'decimal mark: "." or ","' }),
    thousands: z
      .enum(['', '.', ',', ' ', "'"])
      .optional()
      .meta({ description: 'thousands separator; default "." when decimal is ",", none otherwise' }),
    date_format: z
      .string()
      .min(1)
      .default('yyyy-mm-dd')
      .meta({ description: 'date layout, e.g. dd-mm-yyyy, d/m/yyyy, yyyymmdd; a time after the date is accepted' }),
    encoding: z
      .enum(['utf-8', 'windows-1252', 'latin-1'])
      .default('utf-8')
      .meta({ description: 'text encoding (a UTF-8 byte order mark is accepted)' }),
    header: z.boolean().default(true).meta({ description: 'first line holds the column names' }),
    quote: z.string().length(1).default('"').meta({ description: 'quote character' }),
    skip_lines: z.number().int().min(0).default(0).meta({ description: 'lines to skip before the header' }),
    sheet: z.string().optional().meta({ description: 'XLSX only: the worksheet name (default: the first)' }),
  })
  .strict();

/** A mapping from canonical column names to a source column name or a formula over source columns. */
const columnsSchema = z
  .record(z.string(), z.string().min(1))
  .default({})
  .meta({ description: 'canonical column: source column name, or a formula over source columns' });

/** Rows of this source that go to another canonical table (e.g. credit lines to returns). */
export const splitSchema = z
  .object({
    when: z.string().min(1).meta({ description: "formula over source columns, e.g. Quantity < 0 or starts_with(InvoiceNo, 'C')" }),
    to: z.enum(TABLE_NAMES),
    columns: columnsSchema,
  })
  .strict();

/** One source file mapped onto one canonical table. */
export const sourceSchema = z
  .object({
    file: z.string().min(1).meta({ description: 'path relative to the workspace (CSV, CSV.gz, Parquet, XLSX)' }),
    format: formatSchema.default(formatSchema.parse({})),
    columns: columnsSchema,
    split: splitSchema.optional(),
  })
  .strict();

/** A product cost table for estimating missing cost of goods. */
const productCostsSchema = z
  .object({
    file: z.string().min(1),
    format: formatSchema.default(formatSchema.parse({})),
    product_id: z.string().default('product_id').meta({ description: 'source column with the product code' }),
    unit_cost: z.string().default('unit_cost').meta({ description: 'source column with the cost per unit' }),
  })
  .strict();

/** How to estimate cost of goods where the source has none. Figures built on it are marked estimated. */
export const cogsSchema = z
  .object({
    product_costs: productCostsSchema.optional(),
    margin_rates: z
      .record(z.string(), z.number().gt(-1).lt(1))
      .default({})
      .meta({ description: 'assumed gross margin rate per product group (0.3 = 30%)' }),
    default_margin: z.number().gt(-1).lt(1).optional().meta({ description: 'margin rate for other groups' }),
  })
  .strict();

/** The whole `worth.yaml`. */
export const workspaceSchema = z
  .object({
    company: z.string().min(1).meta({ description: 'company name' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR')
      .default('EUR'),
    language: z.enum(['nl', 'en']).default('nl').meta({ description: 'language of reports and the dashboard' }),
    period: z
      .object({ start: isoDate, end: isoDate })
      .strict()
      .refine((p) => p.start <= p.end, { message: 'expected start on or before end', path: ['end'] })
      .meta({ description: 'the analysis period' }),
    cost_of_capital: z
      .number()
      .min(0)
      .lt(1)
      .default(0.08)
      .meta({ description: 'yearly rate for discounting and cost of credit (0.08 = 8%)' }),
    unattributed: z
      .enum(['load', 'reject'])
      .default('reject')
      .meta({ description: 'lines without a customer: load them as unattributed, or reject them' }),
    sources: z
      .partialRecord(z.enum(TABLE_NAMES), sourceSchema)
      .refine((s) => s.customers !== undefined, { message: 'expected a source for customers', path: ['customers'] })
      .refine((s) => s.order_lines !== undefined, { message: 'expected a source for order_lines', path: ['order_lines'] }),
    cogs: cogsSchema.optional(),
    max_rejected_share: z
      .number()
      .min(0)
      .max(1)
      .default(0.01)
      .meta({ description: "reject budget: the share of a table's lines, or of its money, that may be rejected before a load fails and keeps the previous one (0.01 = 1%)" }),
  })
  .passthrough();

/** A source's file format, fully defaulted. */
export type SourceFormat = z.infer<typeof formatSchema>;
/** A source, fully defaulted. */
export type SourceConfig = z.infer<typeof sourceSchema>;
/** The split rule of a source. */
export type SplitConfig = z.infer<typeof splitSchema>;
/** The cost-of-goods estimation rules. */
export type CogsConfig = z.infer<typeof cogsSchema>;
/** The parsed `worth.yaml`. Sections added by later stages (costing, clv) are kept as-is. */
export type WorkspaceConfig = z.infer<typeof workspaceSchema>;
