/**
 * A scenario's result in its stable JSON shape (money as decimal strings in cents):
 * `npv {mean, p5, p50, p95}`, `probPositive`, `paybackYear`, `breakEven {effect, value}`,
 * plus the expected projection's yearly cash curve, cost lines, stranded cost and tornado.
 */
import {
  activityName,
  CHART_WORDS,
  clvUndeterminedText,
  fill,
  localText,
  type Catalogue,
  type Lang,
} from '../words/index.ts';
import type { GroupBaseline } from './baseline.ts';
import { breakEvenRule, solveBreakEven, type BreakEvenRule } from './breakEven.ts';
import { describeDistribution, isUncertain } from './distribution.ts';
import { cents } from './money.ts';
import { meanEffects, simulate, tornado } from './monteCarlo.ts';
import { project } from './project.ts';
import { EFFECTS, EFFECT_UNITS, type EffectName, type Initiative } from './schema.ts';

/** Settings of a scenario run. */
export interface ScenarioOptions {
  /** Yearly discount rate (the workspace's cost of capital), e.g. 0.08. */
  discountRate: number;
  /** Monte Carlo draws (default 10,000; 0 skips the simulation). */
  draws?: number;
  /** Seed of the draws (default 1). */
  seed?: number;
  /** Language of the initiative's name and description in the result (default en). */
  lang?: Lang;
}

/** The stable result of `worth scenario run --json`. */
export interface ScenarioResult {
  initiative: string;
  description: string;
  targets: string;
  targetedCustomers: number;
  horizonYears: number;
  discountRate: number;
  draws: number;
  seed: number;
  npv: { mean: string; p5: string; p50: string; p95: string };
  /** NPV with every effect at its mean. */
  expectedNpv: string;
  probPositive: number;
  paybackYear: number | null;
  /**
   * The effect value at which the expected NPV is 0; `paysAbove`: the initiative pays above
   * that value (true) or below it (false); `rule`: what that asks of the effect (the words of
   * the CLI, the dashboard and the report); `assumed`: the effect's mean as entered.
   */
  breakEven: {
    effect: EffectName | null;
    unit: string | null;
    value: number | null;
    paysAbove: boolean | null;
    rule: BreakEvenRule | null;
    assumed: number | null;
  };
  years: { year: number; incremental: string; cumulative: string; stranded: string }[];
  costLines: {
    id: string;
    name: string;
    behaviour: string;
    baseline: string;
    initiative: string;
    saved: string;
    stranded: string;
    cut: string;
  }[];
  initiativeCosts: { oneOff: string; perCustomer: string; perOrder: string; perContact: string };
  marginChange: string;
  stranded: string;
  purchases: { baseline: number; initiative: number };
  inputs: {
    effect: EffectName;
    unit: string;
    basis: string;
    note: string;
    distribution: string;
    mean: number;
  }[];
  tornado: { effect: EffectName; low: number; high: number; npvLow: string; npvHigh: string }[];
  notes: string[];
}

/** The effect solved for break-even: the chosen one, else the first uncertain, else the first. */
function breakEvenEffect(ini: Initiative): EffectName | null {
  if (ini.break_even) return ini.break_even;
  const present = EFFECTS.filter((n) => ini.effects[n]);
  return present.find((n) => isUncertain(ini.effects[n]!.value)) ?? present[0] ?? null;
}

/** The notes a result may carry besides the cost note, in both languages. */
const SCENARIO_NOTES = {
  cutExceedsFreed: {
    en: 'The capacity cut on {name} ({cut}) exceeds the cost the initiative frees there ({freed}): it removes capacity other customers use.',
    nl: 'De capaciteitsverlaging op {name} ({cut}) is groter dan de kosten die het initiatief daar vrijmaakt ({freed}): ze haalt capaciteit weg die andere klanten gebruiken.',
  },
  noTargets: {
    en: 'No customer matches the target ({targets}): the figures are only what the initiative itself costs.',
    nl: 'Geen enkele klant valt binnen de doelgroep ({targets}): de cijfers zijn alleen wat het initiatief zelf kost.',
  },
  unvalued: {
    en: '{count} of the customers matching the target have no lifetime value (no purchase in the calibration period to project from) and are left out of the projection.',
    nl: '{count} van de klanten in de doelgroep hebben geen klantwaarde (geen aankoop in de kalibratieperiode om vanuit te projecteren) en tellen niet mee in de projectie.',
  },
  undetermined: {
    en: '{count} of the customers matching the target have a lifetime value that is {why}, so they are left out of the projection (their figures are empty, not a number).',
    nl: '{count} van de klanten in de doelgroep hebben een klantwaarde die {why}, dus zij tellen niet mee in de projectie (hun cijfers zijn leeg, geen getal).',
  },
  noDraws: {
    en: 'No simulation was run (--draws 0): the NPV figures are the expected projection.',
    nl: 'Er is niet gesimuleerd (--draws 0): de NCW-cijfers zijn de verwachte projectie.',
  },
} as const satisfies Catalogue;

/** Words every result carries: what moves, what stays (the classic mistake, avoided). */
export const COST_NOTE =
  'Only variable activities save money when volume falls. Capacity and fixed activities keep their cost (staff, equipment, contracts): the freed part is shown as stranded cost, not as a saving, unless the initiative cuts capacity explicitly (capacity_cuts: amount per year and first month).';

/** Projects, simulates and solves break-even for an initiative on a group's baseline. */
export function scenarioResult(b: GroupBaseline, ini: Initiative, o: ScenarioOptions): ScenarioResult {
  const draws = o.draws ?? 10_000;
  const seed = o.seed ?? 1;
  const expected = project(b, ini, meanEffects(ini), o.discountRate);
  const sim = simulate(b, ini, o.discountRate, draws, seed);
  const effect = breakEvenEffect(ini);
  const point = effect ? solveBreakEven(b, ini, effect, o.discountRate) : null;
  const totalStranded = expected.strandedYearly.reduce((s, x) => s + x, 0);
  const lang = o.lang ?? 'en';
  const notes = [lang === 'en' ? COST_NOTE : CHART_WORDS.costNote[lang]];
  for (const l of expected.lines) {
    const freed = l.baseline - l.initiative;
    const name = activityName(l.id, l.name, lang);
    if (l.cut > 0 && l.cut > freed + 0.005)
      notes.push(
        fill(SCENARIO_NOTES.cutExceedsFreed[lang], {
          name,
          cut: cents(l.cut),
          freed: cents(Math.max(0, freed)),
        }),
      );
  }
  if (b.customers === 0) notes.push(fill(SCENARIO_NOTES.noTargets[lang], { targets: ini.targets }));
  if (b.unvalued > 0) notes.push(fill(SCENARIO_NOTES.unvalued[lang], { count: String(b.unvalued) }));
  if (b.undetermined && b.undetermined.customers > 0)
    notes.push(
      fill(SCENARIO_NOTES.undetermined[lang], {
        count: String(b.undetermined.customers),
        why: b.undetermined.reasons.map((r) => clvUndeterminedText(lang, r)).join('; '),
      }),
    );
  if (draws === 0) notes.push(SCENARIO_NOTES.noDraws[lang]);
  const npvOr = (x: number) => cents(draws === 0 ? expected.npv : x);
  return {
    initiative: localText(ini.name, o.lang ?? 'en'),
    description: localText(ini.description, o.lang ?? 'en'),
    targets: ini.targets,
    targetedCustomers: b.customers,
    horizonYears: b.months / 12,
    discountRate: o.discountRate,
    draws,
    seed,
    npv: { mean: npvOr(sim.mean), p5: npvOr(sim.p5), p50: npvOr(sim.p50), p95: npvOr(sim.p95) },
    expectedNpv: cents(expected.npv),
    probPositive: draws === 0 ? (expected.npv > 0 ? 1 : 0) : sim.probPositive,
    paybackYear: expected.paybackYear,
    breakEven: {
      effect,
      unit: effect ? EFFECT_UNITS[effect] : null,
      value: point ? Math.round(point.value * 1e4) / 1e4 : null,
      paysAbove: point ? point.paysAbove : null,
      rule: point ? breakEvenRule(point.value, point.paysAbove) : null,
      // An effect the initiative does not list is assumed unchanged (0), never undefined.
      assumed: effect ? (meanEffects(ini)[effect] ?? 0) : null,
    },
    years: expected.yearly.map((y, i) => ({
      year: i + 1,
      incremental: cents(y),
      cumulative: cents(expected.cumulative[i]!),
      stranded: cents(expected.strandedYearly[i]!),
    })),
    costLines: expected.lines.map((l) => ({
      id: l.id,
      name: l.name,
      behaviour: l.behaviour,
      baseline: cents(l.baseline),
      initiative: cents(l.initiative),
      saved: cents(l.saved),
      stranded: cents(l.stranded),
      cut: cents(l.cut),
    })),
    initiativeCosts: {
      oneOff: cents(expected.costs.oneOff),
      perCustomer: cents(expected.costs.perCustomer),
      perOrder: cents(expected.costs.perOrder),
      perContact: cents(expected.costs.perContact),
    },
    marginChange: cents(expected.marginChange),
    stranded: cents(totalStranded),
    purchases: expected.purchases,
    inputs: EFFECTS.filter((n) => ini.effects[n]).map((n) => {
      const e = ini.effects[n]!;
      return {
        effect: n,
        unit: EFFECT_UNITS[n],
        basis: e.basis,
        note: localText(e.note, o.lang ?? 'en'),
        distribution: describeDistribution(e.value),
        mean: meanEffects(ini)[n]!,
      };
    }),
    tornado: tornado(b, ini, o.discountRate, sim).map((t) => ({
      effect: t.effect,
      low: t.low,
      high: t.high,
      npvLow: cents(t.npvLow),
      npvHigh: cents(t.npvHigh),
    })),
    notes,
  };
}
