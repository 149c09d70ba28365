/**
 * The optional `clv` section of worth.yaml: how customers are grouped for the purchase-model
 * fits, when a group is big enough for a fit of its own, the holdout used to check and choose
 * the model, and the candidates. Parsed once into a fully defaulted value.
 */
import { z } from 'zod';
import { validateSection, type Workspace } from '../workspace/index.ts';
import type { GroupRule } from './fitGroups.ts';

import { PURCHASE_MODEL_IDS, type PurchaseModelId } from '../core/index.ts';

/** The purchase models a workspace can be valued with (each has a per-customer forecaster), declared in src/core. */
export { PURCHASE_MODEL_IDS, type PurchaseModelId };

/** The `clv` section's schema (every field defaulted). */
export const clvSectionSchema = z
  .object({
    segment_by: z.string().min(1).default('segment').meta({
      description:
        'customer column whose values get a purchase-model fit of their own (segment, channel, region or any customer column)',
    }),
    min_group_customers: z.number().int().min(2).optional().meta({
      description:
        'customers a group needs for a fit of its own; smaller groups use the pooled fit (default 5 with shrinkage, 50 with shrinkage_sd: off)',
    }),
    min_group_repeat_buyers: z.number().int().min(1).optional().meta({
      description:
        'repeat buyers a group needs for a fit of its own (default 3 with shrinkage, 30 with shrinkage_sd: off)',
    }),
    shrinkage_sd: z
      .union([z.number().positive().max(10), z.literal('off'), z.literal('estimate')])
      .default('estimate')
      .meta({
        description:
          "how far a group's own fit may stray from the pooled fit: the prior standard deviation of its log-parameters around the pooled fit's (1: a factor e at one standard deviation); 'estimate' (default) chooses it from the data (the width under which the groups' data are most likely); 'off' for each group's own maximum-likelihood fit",
      }),
    holdout_weeks: z.number().positive().max(260).optional().meta({
      description:
        'weeks at the end of the period held out to check the models (default: a third of the data span, at most 52)',
    }),
    covariates: z.array(z.string().min(1)).default([]).meta({
      description:
        "customer columns whose values scale the purchase and drop-out rates of Pareto/NBD and BG/NBD (CLVTools' time-invariant covariates): levels as dummies against the largest level, numbers standardised; the models are fitted with and without them and compared on BIC and the holdout",
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

/** Minimum group sizes when a group's fit is shrunk toward the pooled one: the prior keeps a small group's fit near the pooled fit, so a handful of customers can have one. */
export const SHRUNK_GROUP_MINIMUM = { customers: 5, repeatBuyers: 3 } as const;
/** Minimum group sizes for a group's own maximum-likelihood fit (`shrinkage_sd: off`): below them a fit is mostly noise. */
export const OWN_GROUP_MINIMUM = { customers: 50, repeatBuyers: 30 } as const;

/** The group rule of the settings: prior standard deviation (null: no shrinkage) and minimum sizes, defaulted by whether fits are shrunk. */
export function groupRuleOf(settings: ClvSettings): GroupRule {
  const priorSd = settings.shrinkage_sd === 'off' ? null : settings.shrinkage_sd;
  const min = priorSd === null ? OWN_GROUP_MINIMUM : SHRUNK_GROUP_MINIMUM;
  return {
    minCustomers: settings.min_group_customers ?? min.customers,
    minRepeatBuyers: settings.min_group_repeat_buyers ?? min.repeatBuyers,
    priorSd,
  };
}

/** The workspace's `clv` section (defaults when absent), with config paths and lines on every mistake. */
export function clvSettings(ws: Workspace): ClvSettings {
  return validateSection(clvSectionSchema, ws.raw.clv ?? {}, ['clv'], ws.configFile, ws.lineOf);
}
