/**
 * `worth.yaml`, parsed once by this zod schema into a fully defaulted, typed value.
 * The descriptions here are the documentation: `worth init` and error messages use them.
 */
import { z } from 'zod';
import { TABLE_NAMES } from '../core/index.ts';
import { ENGINES, findEngine, type EngineDescriptor, type EngineKind } from '../warehouse/index.ts';
import { fill, SETTING_WORDS } from '../words/index.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, SETTING_WORDS.settingIsoDate.en)
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    SETTING_WORDS.settingRealDate.en,
  )
  .meta({ description: 'a date as yyyy-mm-dd' });

/**
 * A date of the analysis period: a real date in 1900-2199. Outside it nothing a company exports
 * falls, and the engine's date arithmetic on the period (months before year 1) fails.
 */
const periodDate = isoDate.refine(
  (s) => s >= '1900-01-01' && s <= '2199-12-31',
  SETTING_WORDS.settingPeriodDate.en,
);

/** The language of a worth.yaml that names none (the demo company's too). */
export const DEFAULT_LANGUAGE = 'nl' as const;
/** How a source file is written. Defaults: comma, point decimals, ISO dates, UTF-8, a header row. */
export const formatSchema = z
  .object({
    delimiter: z
      .string()
      .length(1, SETTING_WORDS.settingDelimiter.en)
      .default(',')
      .meta({ description: 'field separator' }),
    decimal: z.enum(['.', ',']).default('.').meta({ description: 'decimal mark: "." or ","' }),
    thousands: z
      .enum(['', '.', ',', ' ', "'"])
      .optional()
      .meta({ description: 'thousands separator; default "." when decimal is ",", none otherwise' }),
    date_format: z.string().min(1).default('yyyy-mm-dd').meta({
      description:
        'date layout, e.g. dd-mm-yyyy, d/m/yyyy, yyyymmdd, or several tried in order (mm/dd/yyyy or yyyy-mm-dd); a time after the date is accepted',
    }),
    encoding: z.enum(['utf-8', 'windows-1252', 'latin-1', 'mac-roman', 'utf-16']).default('utf-8').meta({
      description:
        'text encoding (a UTF-8 byte order mark is accepted; a UTF-16 one, as Excel writes "Unicode text", is read as UTF-16 whatever is set here; mac-roman is what Excel on a Mac saves as "CSV (Macintosh)")',
    }),
    header: z.boolean().default(true).meta({ description: 'first line holds the column names' }),
    quote: z.string().length(1).default('"').meta({ description: 'quote character' }),
    skip_lines: z.number().int().min(0).default(0).meta({ description: 'lines to skip before the header' }),
    footer_lines: z.number().int().min(0).max(50).optional().meta({
      description:
        "lines (XLSX: rows) at the end of the file or sheet that are no data (a report's footer: eBay's Seller Summary, a record count, a time stamp), blank lines (empty rows) not counted; left out and counted with the lines your rules leave out, never rejects",
    }),
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
    when: z
      .string()
      .min(1)
      .meta({ description: "formula over source columns, e.g. Quantity < 0 or starts_with(InvoiceNo, 'C')" }),
    to: z.enum(TABLE_NAMES),
    columns: columnsSchema,
  })
  .strict();

/** A source's file entry: one path or pattern, or a list of them (one export per month). */
const filesSchema = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1, SETTING_WORDS.settingFiles.en)])
  .meta({
    description:
      'path relative to the workspace (CSV, CSV.gz, Parquet, XLSX); a pattern (exports/verkoop-2024-*.csv) or a list of paths and patterns loads several files with the same columns as one source',
  });

/**
 * A second file joined to a source's lines on a key: an ERP's order lines carry the order number,
 * its orders file the customer and the date. Each line takes the named columns of the orders
 * file's row with its number, and the source's formulas name them as if the lines had them.
 */
export const lookupSchema = z
  .object({
    file: z
      .string()
      .min(1)
      .meta({ description: 'the orders file, relative to the workspace (CSV, CSV.gz, Parquet, XLSX)' }),
    format: formatSchema
      .default(formatSchema.parse({}))
      .meta({ description: "the orders file's own format" }),
    on: z.string().min(1).meta({
      description:
        "the column both files hold (the order number): a line takes the columns of the orders file's row with its value; each value once in the orders file",
    }),
    columns: z.array(z.string().min(1)).min(1).meta({
      description:
        "the orders file's columns the source's mapping may name (Debiteur, Orderdatum), as if the lines' file had them",
    }),
  })
  .strict();

/** One source (one file, or several with the same columns) mapped onto one canonical table. */
export const sourceSchema = z
  .object({
    file: filesSchema,
    format: formatSchema.default(formatSchema.parse({})),
    columns: columnsSchema,
    split: splitSchema.optional(),
    exclude_when: z.string().min(1).optional().meta({
      description:
        "formula over source columns; a line where it holds is left out of the load (a cancelled order: in_list(lower(Status), 'cancelled', 'geannuleerd')), counted with its money per source, never a reject; read after fill_down",
    }),
    group_heading: z.string().min(1).optional().meta({
      description:
        "a report grouped under headings (QuickBooks' Sales by Customer Detail: the customer's name on a line of its own, its lines beneath with that column empty): the column whose empty values take the value of the nearest line above that has one; read before fill_down and exclude_when",
    }),
    lookup: lookupSchema.optional().meta({
      description:
        'an orders file joined on a key (order lines in one file, the orders with customer and date in another): { file, format, on, columns }',
    }),
    fill_down: z.array(z.string().min(1)).optional().meta({
      description:
        "order-level columns a web-shop export writes on an order's first line only (Email, Created at, ...): an empty value takes the first line's, within the same order (consecutive lines with the same order_id column), never across orders; a value a line has is kept",
    }),
  })
  .strict();

/** The attributes a customer may take from its order lines when there is no customers file. */
export const DERIVED_CUSTOMER_COLUMNS = ['name', 'segment', 'region', 'channel'] as const;

/**
 * The customers: a file like any source, or `from: order_lines` (customers derived from the
 * transactions, with attributes taken from columns of the order lines' file). Leaving the
 * section out derives them too, without attributes.
 */
export const customersSourceSchema = z
  .object({
    file: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'path relative to the workspace (CSV, CSV.gz, Parquet, XLSX)' }),
    from: z
      .literal('order_lines')
      .optional()
      .meta({ description: 'derive customers from the order lines instead of a file' }),
    format: formatSchema.default(formatSchema.parse({})),
    columns: columnsSchema,
    split: splitSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.file === undefined) === (c.from === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: SETTING_WORDS.settingCustomersFrom.en,
      });
    }
    if (c.from === undefined) return;
    if (c.split) ctx.addIssue({ code: 'custom', path: ['split'], message: SETTING_WORDS.settingNoSplit.en });
    for (const key of Object.keys(c.columns)) {
      if (!(DERIVED_CUSTOMER_COLUMNS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', key],
          message: fill(SETTING_WORDS.settingDerivedColumn.en, {
            columns: DERIVED_CUSTOMER_COLUMNS.join(', '),
          }),
        });
      }
    }
  });

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

/** What `missing_values` is when worth.yaml does not say. */
export const DEFAULT_MISSING_VALUES = ['', 'NA', 'N/A', 'NULL', '#N/A', '-'] as const;

/** When `worth serve` holds every customer's page in memory (see `serve.hold_pages`). */
export const HOLD_PAGES = ['auto', 'always', 'never'] as const;
/** A `serve.hold_pages` setting. */
export type HoldPages = (typeof HOLD_PAGES)[number];

/** Settings of `worth serve`. */
export const serveSchema = z
  .object({
    hold_pages: z.enum(HOLD_PAGES).default('auto').meta({
      description:
        "hold every customer's page in memory (always: fast pages, about 0.6 GB more at 1,000,000 customers), read each from the database (never: about 0.1 s of CPU a page at 1,000,000), or auto: hold them up to 1,000,000 customers",
    }),
  })
  .strict();

/** The engines worth.yaml may name: every descriptor of src/warehouse's `ENGINES`. */
export const ENGINE_KINDS: readonly EngineKind[] = ENGINES.map((e) => e.kind);

/**
 * worth.yaml's `engine` section for the engines `engines`: `kind` (one of theirs, the first by
 * default) and every engine's own settings, each checked as its descriptor says; a kind's
 * required settings (a server's `url`) are errors at their path when missing. The password is
 * never in worth.yaml: a server engine names the environment variable that holds it.
 */
export function engineSchemaOf(engines: readonly EngineDescriptor[]) {
  const [first, ...rest] = engines.map((e) => e.kind);
  if (first === undefined) throw new Error('engineSchemaOf: no engines');
  const shape: z.ZodRawShape = Object.assign({}, ...engines.map((e) => e.settings));
  return z
    .object({
      kind: z
        .enum([first, ...rest])
        .default(first)
        .meta({ description: engines.map((e) => `${e.kind} (${e.summary})`).join(' or ') }),
      ...shape,
    })
    .strict()
    .superRefine((section, ctx) => {
      const descriptor = findEngine(engines, section.kind);
      for (const key of descriptor?.requiredSettings ?? [])
        if ((section as Record<string, unknown>)[key] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: fill(SETTING_WORDS.settingEngineNeeds.en, { key, kind: section.kind }),
          });
    });
}

/** Where the canonical tables live: DuckDB in the workspace (the default), or another engine of `ENGINES`. */
export const engineSchema = engineSchemaOf(ENGINES);
/** The `engine` section, fully defaulted. */
export type EngineConfig = z.infer<typeof engineSchema>;

/** The whole `worth.yaml`. */
export const workspaceSchema = z
  .object({
    // No default: without a name the report and dashboard show none (a folder name is not a company's).
    company: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'company name, shown on the report and the dashboard' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, SETTING_WORDS.settingCurrency.en)
      .default('EUR'),
    language: z
      .enum(['nl', 'en'])
      .default(DEFAULT_LANGUAGE)
      .meta({ description: 'language of reports and the dashboard' }),
    period: z
      .object({ start: periodDate, end: periodDate })
      .strict()
      .refine((p) => p.start <= p.end, { message: SETTING_WORDS.settingPeriodOrder.en, path: ['end'] })
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
    missing_values: z
      .array(z.string())
      .default([...DEFAULT_MISSING_VALUES])
      .meta({
        description:
          'values that mean "missing" in any column of any source (compared trimmed, case-insensitively); a missing customer id is unattributed, never a customer',
      }),
    sources: z
      .object({
        customers: customersSourceSchema.optional(),
        order_lines: sourceSchema.optional(),
        returns: sourceSchema.optional(),
        shipments: sourceSchema.optional(),
        service_contacts: sourceSchema.optional(),
        invoices: sourceSchema.optional(),
        rebates: sourceSchema.optional(),
        feedback: sourceSchema.optional(),
      } satisfies Record<(typeof TABLE_NAMES)[number], z.ZodType>)
      .strict()
      .refine((s) => s.order_lines !== undefined, {
        message: SETTING_WORDS.settingOrderLines.en,
        path: ['order_lines'],
      }),
    cogs: cogsSchema.optional(),
    max_rejected_share: z.number().min(0).max(1).default(0.01).meta({
      description:
        "reject budget: the share of a table's lines, or of its money, that may be rejected before a load fails and keeps the previous one (0.01 = 1%)",
    }),
    reject_floor: z.number().int().min(0).default(5).meta({
      description:
        'reject budget floor: rejected lines a small table may always have (with the money of as many average lines), while max_rejected_share allows fewer; from reject_floor / max_rejected_share lines on (500 at the defaults) the share alone decides (0 = no floor; none with a max_rejected_share of 0)',
    }),
    serve: serveSchema.default(serveSchema.parse({})).meta({ description: 'settings of `worth serve`' }),
    engine: engineSchema.optional().meta({
      description: 'where the tables live: duckdb in the workspace (default) or a clickhouse server',
    }),
    // Sections validated by the stage that owns them (src/costing), listed here so that a key
    // worth.yaml does not know is an error with a did-you-mean, not silently ignored.
    cost_model: z
      .unknown()
      .optional()
      .meta({ description: 'activities and drivers of the cost to serve (validated by costing)' }),
    clv: z.unknown().optional().meta({
      description:
        'lifetime value: customer column for per-segment fits, minimum group size, holdout, candidate models (validated by value)',
    }),
  })
  .strict();

/** A source's file format, fully defaulted. */
export type SourceFormat = z.infer<typeof formatSchema>;
/** A source, fully defaulted. */
export type SourceConfig = z.infer<typeof sourceSchema>;
/** The customers section: a file, or derived from the order lines. */
export type CustomersSourceConfig = z.infer<typeof customersSourceSchema>;
/** A source's lookup file (an orders file joined on the order number). */
export type LookupConfig = z.infer<typeof lookupSchema>;
/** The split rule of a source. */
export type SplitConfig = z.infer<typeof splitSchema>;
/** The cost-of-goods estimation rules. */
export type CogsConfig = z.infer<typeof cogsSchema>;
/** The parsed `worth.yaml`. Sections validated by later stages (`cost_model`, `clv`) are kept as-is in `raw`. */
export type WorkspaceConfig = z.infer<typeof workspaceSchema>;
