/**
 * The optional `clv` section of worth.yaml: how customers are grouped for the purchase-model
 * fits, when a group is big enough for a fit of its own, the holdout used to check and choose
 * the model, and the candidates. Parsed once into a fully defaulted value.
 */
import { z } from 'zod';
import { validateSection, type Workspace } from '../workspace/index.ts';

/** The purchase models a workspace can be valued with (each has a per-customer forecaster). */
export const PURCHASE_MODEL_IDS = ['bgnbd', 'mbgnbd', 'pareto-nbd'] as const;
/** One of {@link PURCHASE_MODEL_IDS}. */
export type PurchaseModelId = (typeof PURCHASE_MODEL_IDS)[number];

/** The `clv` section's schema (every field defaulted). */
export const clvSectionSchema = z
  .object({
    segment_by: z.string().min(1).default('segment').meta({
      description:
        'customer column whose values get a purchase-model fit of their own (segment, channel, region or any customer column)',
    }),
    min_group_customers: z.number().int().min(10).default(50).meta({
      description: 'customers a group needs for a fit of its own; smaller groups use the pooled fit',
    }),
    min_group_repeat_buyers: z
      .number()
      .int()
      .min(5)
      .default(30)
      .meta({ description: 'repeat buyers a group needs for a fit of its own' }),
    holdout_weeks: z.number().positive().max(260).optional().meta({
      description:
        'weeks at the end of the period held out to check the models (default: a third of the data span, at most 52)',
    }),
    models: z
      .array(z.enum(PURCHASE_MODEL_IDS))
      .min(1)
      .default([...PURCHASE_MODEL_IDS])
      .meta({ description: 'candidate purchase models compared on the holdout and BIC' }),
  })
  .strict();

/** The `clv` section, fully defaulted. */
export type ClvSettings = z.infer<typeof clvSectionSchema>;

/** The workspace's `clv` section (defaults when absent), with config paths and lines on every mistake. */
export function clvSettings(ws: Workspace): ClvSettings {
  return validateSection(clvSectionSchema, ws.raw.clv ?? {}, ['clv'], ws.configFile, ws.lineOf);
}
