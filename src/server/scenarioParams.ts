/**
 * Parameters of the scenario routes, parsed by zod into fully defaulted types (clear 400s
 * through `parseParams`). The initiative id is a plain name, matched against the files in
 * DIR/scenarios/, never used as a path.
 */
import { z } from 'zod';
import { EFFECTS, type EffectName } from '../scenario/index.ts';
import { LANGS, SETTING_WORDS } from '../words/index.ts';
import { EFFECT_RANGE } from '../readmodel/index.ts';

/** Most Monte Carlo draws one request may ask for (interactive use; `worth scenario run` has no cap). */
export const MAX_DRAWS = 5000;
/** Draws when the request names none. */
export const DEFAULT_DRAWS = 1000;

/** Path parameter of `GET /api/scenarios/:id`: the initiative's file name without `.yaml`. */
export const initiativeIdParam = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, SETTING_WORDS.settingFileStem.en);

const effectValue = z.coerce.number().min(EFFECT_RANGE.min).max(EFFECT_RANGE.max);

/** Query of `GET /api/scenarios/:id`: draws (0-5000, default 1000), seed (0-2^31-1, default 1), the language of the result's texts (nl, en; absent: the request's language, as its errors) and any effect's mean (points or %, -100 to 500). */
export const scenarioRunQuery = z.object({
  draws: z.coerce.number().int().min(0).max(MAX_DRAWS).default(DEFAULT_DRAWS),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  lang: z.enum(LANGS).optional(),
  ...(Object.fromEntries(EFFECTS.map((e) => [e, effectValue.optional()])) as Record<
    EffectName,
    z.ZodOptional<typeof effectValue>
  >),
});

/** Parsed `GET /api/scenarios/:id` query. */
export type ScenarioRunQuery = z.infer<typeof scenarioRunQuery>;
