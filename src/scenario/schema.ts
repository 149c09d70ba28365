/**
 * The initiative YAML: one zod schema that carries each setting's description and unit, so
 * validation, `--help` and error messages come from one place. Parsed once, fully defaulted.
 */
import { z } from 'zod';
import type { Distribution } from './distribution.ts';

const finite = z.number().refine(Number.isFinite, 'a finite number');

/** A number or a distribution (uniform, triangular, normal, a fixed list). */
export const distributionSchema: z.ZodType<Distribution> = z.union([
  finite,
  z.strictObject({
    uniform: z.strictObject({ min: finite, max: finite }).refine((u) => u.min <= u.max, 'min <= max'),
  }),
  z.strictObject({
    triangular: z
      .strictObject({ min: finite, mode: finite, max: finite })
      .refine((t) => t.min <= t.mode && t.mode <= t.max, 'min <= mode <= max'),
  }),
  z.strictObject({ normal: z.strictObject({ mean: finite, sd: finite.refine((v) => v >= 0, 'sd >= 0') }) }),
  z.strictObject({ list: z.array(finite).min(1) }),
]);

/** The behaviour levers an initiative can move. */
export const EFFECTS = ['retention', 'frequency', 'spend', 'returns', 'contacts'] as const;
/** One of {@link EFFECTS}. */
export type EffectName = (typeof EFFECTS)[number];

/** Unit of each effect, for messages and output. */
export const EFFECT_UNITS: Record<EffectName, string> = {
  retention: 'points of yearly retention',
  frequency: '% purchase rate',
  spend: '% spend per purchase',
  returns: '% returned value',
  contacts: '% service contacts',
};

/** A text written once (every language shows it) or in both languages, as the shipped templates are. */
function localText(min: number) {
  return z.union([z.string().min(min), z.strictObject({ nl: z.string().min(min), en: z.string().min(min) })]);
}

const effectSchema = z.strictObject({
  value: distributionSchema.meta({ description: 'the effect: a number or a distribution' }),
  basis: z
    .enum(['measured', 'judgment'])
    .meta({ description: 'measured (a test, data) or management judgment' }),
  note: localText(0)
    .default('')
    .meta({ description: 'where the number comes from: a text, or {nl: ..., en: ...}' }),
});

const activityChangeSchema = z.strictObject({
  activity: z.string().min(1).meta({ description: 'activity id of the cost model' }),
  volume: finite
    .default(0)
    .meta({ description: 'change of the activity volume in % (e.g. 30 = +30%)', unit: '%' }),
  rate: finite
    .default(0)
    .meta({ description: 'change of the cost per unit in % (e.g. -40 = 40% cheaper)', unit: '%' }),
});

const capacityCutSchema = z.strictObject({
  activity: z.string().min(1).meta({ description: 'capacity or fixed activity id whose capacity is cut' }),
  per_year: finite
    .refine((v) => v >= 0, '>= 0')
    .meta({ description: 'money saved per year by the cut', unit: 'currency' }),
  from_month: z
    .number()
    .int()
    .min(1)
    .max(120)
    .default(1)
    .meta({ description: 'first month (1 = first month of the horizon) the cut saves money' }),
});

const money = finite.refine((v) => v >= 0, '>= 0');

/** The initiative as written in YAML. */
export const initiativeSchema = z
  .strictObject({
    name: localText(1).meta({
      description: 'name shown in the output: a text, or {nl: ..., en: ...} for both languages',
    }),
    description: localText(0)
      .default('')
      .meta({ description: 'what the initiative does: a text, or {nl: ..., en: ...}' }),
    targets: z.string().default('true').meta({
      description:
        "filter formula over customer attributes, P&L and CLV columns, e.g. segment = 'Retail' and contribution < 0",
    }),
    horizon_years: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(5)
      .meta({ description: 'projection horizon in years (1-10)', unit: 'years' }),
    exit: z
      .boolean()
      .default(false)
      .meta({ description: 'let the targeted customers go at the start of the horizon' }),
    costs: z
      .strictObject({
        one_off: money.default(0).meta({ description: 'one-off cost at the start', unit: 'currency' }),
        per_customer_per_year: money
          .default(0)
          .meta({ description: 'per targeted customer still active, per year', unit: 'currency' }),
        per_order: finite.default(0).meta({
          description: 'per order of the targeted customers (negative: a surcharge earned)',
          unit: 'currency',
        }),
        per_contact: finite
          .default(0)
          .meta({ description: 'per service contact of the targeted customers', unit: 'currency' }),
        activities: z.array(activityChangeSchema).default([]),
        capacity_cuts: z.array(capacityCutSchema).default([]),
      })
      .prefault({}),
    effects: z.partialRecord(z.enum(EFFECTS), effectSchema).default({}),
    break_even: z.enum(EFFECTS).optional().meta({
      description:
        'effect to solve for break-even, one of the effects listed (default: the first uncertain effect)',
    }),
  })
  // A break-even on an effect the initiative does not have has no assumed value to compare
  // with; it is a slip in the file (a template copied and edited), so it is refused here.
  .superRefine((ini, ctx) => {
    if (ini.break_even === undefined || ini.effects[ini.break_even] !== undefined) return;
    const listed = Object.keys(ini.effects);
    ctx.addIssue({
      code: 'custom',
      path: ['break_even'],
      message: listed.length
        ? `an effect listed under effects (${listed.join(', ')}): ${ini.break_even} is not one of them`
        : `no break_even: this initiative lists no effects`,
    });
  });

/** A parsed, fully defaulted initiative. */
export type Initiative = z.infer<typeof initiativeSchema>;
/** One effect of an initiative. */
export type Effect = z.infer<typeof effectSchema>;
