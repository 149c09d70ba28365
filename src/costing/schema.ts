/**
 * The `cost_model` section of `worth.yaml`, parsed once by this zod schema into a fully
 * defaulted value. The descriptions are the documentation of each setting.
 */
import { z } from 'zod';

/** An amount of money as written in YAML: a number or a decimal string with at most two decimals. */
const money = z
  .union([z.number(), z.string()])
  .transform((v) => String(v).trim())
  .refine(
    (s) => /^\d+(\.\d{1,2})?$/.test(s),
    'expected an amount >= 0 with at most two decimals, e.g. 125000 or 125000.50',
  )
  .meta({ description: 'money in the period, e.g. 125000.00' });

/** Activity ids become column names (`cost_<id>`): lower case letters, digits and `_`. */
const activityId = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,40}$/,
    'expected an id of lower-case letters, digits and _ starting with a letter, e.g. order_handling',
  );

/** How an activity's cost behaves when volume changes (the scenario engine relies on it). */
export const BEHAVIOURS = ['variable', 'capacity', 'fixed'] as const;

/** The event tables an activity can be driven by: the canonical tables plus `orders` (order lines grouped per order). */
export const DRIVER_TABLES = [
  'orders',
  'order_lines',
  'shipments',
  'returns',
  'service_contacts',
  'invoices',
] as const;

const common = {
  id: activityId.meta({ description: 'identifier; the P&L column is cost_<id>' }),
  name: z.string().min(1).optional().meta({ description: 'name shown in reports (default: the id)' }),
  behaviour: z
    .enum(BEHAVIOURS)
    .meta({ description: 'variable (per event), capacity (stays until cut) or fixed' }),
};

/** Time-driven: a pool spread over practical capacity minutes; customers pay rate x minutes. */
const timeActivity = z
  .object({
    ...common,
    kind: z.literal('time'),
    pool: money,
    capacity_minutes: z
      .number()
      .positive()
      .meta({ description: 'practical capacity in minutes in the period (usually 80-85% of theoretical)' }),
    driver: z.enum(DRIVER_TABLES).meta({ description: 'the event table the activity is consumed by' }),
    minutes: z
      .string()
      .min(1)
      .meta({ description: 'time equation in minutes per event, e.g. 4 + 0.8 * lines + if(express, 6, 0)' }),
    direct_cost: z.string().min(1).optional().meta({
      description: 'money per event paid on top of the time (e.g. freight_cost); its total joins the pool',
    }),
    when: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "condition on the event, e.g. channel = 'phone' (default: every event)" }),
  })
  .strict();

/** Direct: a money amount per event (e.g. a shipment's freight_cost); its pool is the sum. */
const directActivity = z
  .object({
    ...common,
    kind: z.literal('direct'),
    driver: z.enum(DRIVER_TABLES),
    cost: z.string().min(1).meta({ description: 'money per event, e.g. freight_cost' }),
    when: z.string().min(1).optional(),
  })
  .strict();

/** Fixed per customer: an amount per matching customer per year (e.g. an account manager per key account). */
const fixedActivity = z
  .object({
    ...common,
    kind: z.literal('fixed'),
    per_customer_per_year: money,
    customers: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "which customers, e.g. segment = 'Key accounts' (default: all)" }),
  })
  .strict();

/** Cost of credit: days an invoice is paid late (or still outstanding at period end) x amount x cost of capital / 365. */
const creditActivity = z
  .object({
    ...common,
    kind: z.literal('credit'),
    cost_of_capital: z
      .number()
      .min(0)
      .lt(1)
      .optional()
      .meta({ description: 'yearly rate (default: the workspace cost_of_capital)' }),
  })
  .strict();

/** One activity of the cost model. */
export const activitySchema = z.discriminatedUnion('kind', [
  timeActivity,
  directActivity,
  fixedActivity,
  creditActivity,
]);

/** The whole `cost_model` section. */
export const costModelSchema = z
  .object({
    activities: z
      .array(activitySchema)
      .min(1, 'expected at least one activity')
      .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'expected every activity id once'),
    satisfied_from: z.number().min(0).max(1).default(0.7).meta({
      description: 'satisfaction (0-1, feedback score / scale) from which a customer counts as satisfied',
    }),
  })
  .strict();

/** One activity as written (validated, defaulted). */
export type ActivityConfig = z.infer<typeof activitySchema>;
/** The cost model as written (validated, defaulted). */
export type CostModelConfig = z.infer<typeof costModelSchema>;
/** A driver table name. */
export type DriverTable = (typeof DRIVER_TABLES)[number];
/** A cost behaviour. */
export type Behaviour = (typeof BEHAVIOURS)[number];
