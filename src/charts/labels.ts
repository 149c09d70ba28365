/** The words the charts show, in Dutch and English (the waterfall's lines, axis names). */
import { formatNumber, type Lang } from './format.ts';

const WORDS = {
  grossSales: { en: 'Gross sales', nl: 'Brutomzet' },
  discounts: { en: 'Discounts', nl: 'Kortingen' },
  returns: { en: 'Returns', nl: 'Retouren' },
  rebates: { en: 'Rebates', nl: 'Bonussen' },
  netSales: { en: 'Net sales', nl: 'Netto-omzet' },
  cogs: { en: 'Cost of goods', nl: 'Inkoopwaarde' },
  grossMargin: { en: 'Gross margin', nl: 'Brutomarge' },
  costToServe: { en: 'Cost to serve', nl: 'Kosten van bediening' },
  contribution: { en: 'Contribution', nl: 'Winstbijdrage' },
  customersShare: { en: 'Share of customers (most profitable first)', nl: 'Aandeel klanten (meest winstgevend eerst)' },
  contributionShare: { en: 'Cumulative contribution (% of total)', nl: 'Cumulatieve winstbijdrage (% van totaal)' },
  whale: { en: 'Whale curve', nl: 'Walviscurve' },
  peak: { en: 'Peak', nl: 'Top' },
  total: { en: 'Total', nl: 'Totaal' },
  clvProfit: { en: 'Lifetime value on profit', nl: 'Klantwaarde op winst' },
  customersCount: { en: 'Customers', nl: 'Klanten' },
  actual: { en: 'Actual', nl: 'Werkelijk' },
  model: { en: 'Model', nl: 'Model' },
  repeatPurchases: { en: 'Repeat purchases in the period', nl: 'Herhaalaankopen in de periode' },
  weekSinceStart: { en: 'Weeks since the first purchase in the data', nl: 'Weken sinds de eerste aankoop in de data' },
  cumulativeRepeat: { en: 'Cumulative repeat purchases', nl: 'Cumulatieve herhaalaankopen' },
  pAlive: { en: 'Chance still a customer (P(alive))', nl: 'Kans nog klant (P(alive))' },
  clvDecile: { en: 'Decile of lifetime value (1 = highest)', nl: 'Deciel klantwaarde (1 = hoogste)' },
  year: { en: 'Year', nl: 'Jaar' },
  cumulativeCash: { en: 'Cumulative extra cash (undiscounted)', nl: 'Cumulatieve extra kasstroom (niet verdisconteerd)' },
  expectedCash: { en: 'Expected (effects at their means)', nl: 'Verwacht (effecten op hun gemiddelde)' },
  cashBand: { en: 'P5–P95 of the draws', nl: 'P5–P95 van de trekkingen' },
  breakEven: { en: 'Break-even', nl: 'Break-even' },
  npv: { en: 'NPV', nl: 'NCW' },
  npvAtLow: { en: 'effect at its P10', nl: 'effect op zijn P10' },
  npvAtHigh: { en: 'effect at its P90', nl: 'effect op zijn P90' },
  costNote: {
    en: 'Only variable activities save money when volume falls. Capacity and fixed activities keep their cost (staff, equipment, contracts): the freed part is shown as stranded cost, not as a saving, unless the initiative cuts capacity explicitly (capacity_cuts: amount per year and first month).',
    nl: 'Alleen variabele activiteiten besparen geld als het volume daalt. Capaciteits- en vaste activiteiten houden hun kosten (personeel, middelen, contracten): het vrijgekomen deel staat als achterblijvende kosten, niet als besparing, tenzij het initiatief capaciteit expliciet schrapt (capacity_cuts: bedrag per jaar en eerste maand).',
  },
} as const;

/** A chart word's key. */
export type ChartWord = keyof typeof WORDS;

/** The chart word `key` in `lang`. */
export function chartWord(key: ChartWord, lang: Lang): string {
  return WORDS[key][lang];
}

/** Dutch names of the demo's standard activities (others keep their configured name). */
const ACTIVITY_NL: Record<string, string> = {
  order_handling: 'Orderverwerking',
  picking: 'Orderpicken',
  delivery: 'Bezorging',
  returns_handling: 'Retourverwerking',
  service_phone: 'Klantenservice: telefoon',
  service_written: 'Klantenservice: e-mail en chat',
  field_visits: 'Bezoeken buitendienst',
  account_management: 'Accountmanagement',
  cost_of_credit: 'Kosten van krediet',
};

/** An activity's name in `lang`: the configured name, or a Dutch name for the standard activities. */
export function activityName(id: string, name: string, lang: Lang): string {
  return lang === 'nl' ? (ACTIVITY_NL[id] ?? name) : name;
}

/** A P&L line's name in `lang`: `gross_margin`, `cost_<activity id>` (named by `activities`), else the line as stored. */
export function pnlLineName(line: string, activities: readonly { id: string; name: string }[], lang: Lang): string {
  const a = activities.find((x) => `cost_${x.id}` === line);
  if (a) return activityName(a.id, a.name, lang);
  return line === 'gross_margin' ? chartWord('grossMargin', lang) : line;
}

const QUADRANT_NL: Record<string, string> = {
  champions: 'kampioenen',
  'at risk': 'in gevaar',
  'over-served': 'overbediend',
  rest: 'overig',
  'no feedback': 'geen feedback',
  'carriage trade': 'veeleisend en goed betalend',
  passive: 'passief',
  'bargain basement': 'koopjesjagers',
  aggressive: 'agressief',
  'no net sales': 'geen netto-omzet',
};

/** A profitability-matrix or voice-of-customer quadrant's name in `lang` (stored names are English). */
export function quadrantName(quadrant: string, lang: Lang): string {
  return lang === 'nl' ? (QUADRANT_NL[quadrant] ?? quadrant) : quadrant;
}

const EFFECT_WORDS = {
  retention: { en: 'Retention (points per year)', nl: 'Klantbehoud (procentpunten per jaar)' },
  frequency: { en: 'Purchase frequency (%)', nl: 'Aankoopfrequentie (%)' },
  spend: { en: 'Spend per purchase (%)', nl: 'Besteding per aankoop (%)' },
  returns: { en: 'Returned value (%)', nl: 'Geretourneerde waarde (%)' },
  contacts: { en: 'Service contacts (%)', nl: 'Klantcontacten (%)' },
} as const;

/** A scenario effect's name with its unit in `lang` (`retention`, `frequency`, `spend`, `returns`, `contacts`; others as given). */
export function effectName(effect: string, lang: Lang): string {
  return (EFFECT_WORDS as Record<string, Record<Lang, string>>)[effect]?.[lang] ?? effect;
}

/** A scenario's break-even as the result gives it: the value, its rule (decided by the scenario library), the mean as entered. */
export interface BreakEvenFigures {
  effect: string | null;
  value: number | null;
  rule: 'mustRise' | 'mayFall' | 'mayRise' | 'mustFall' | null;
  assumed: number | null;
}

const BREAK_EVEN_RULES: Record<NonNullable<BreakEvenFigures['rule']>, Record<Lang, string>> = {
  mustRise: { en: 'must rise by at least {v}', nl: 'moet met minstens {v} stijgen' },
  mayFall: { en: 'may fall by at most {v}', nl: 'mag met hoogstens {v} dalen' },
  mayRise: { en: 'may rise by at most {v}', nl: 'mag met hoogstens {v} stijgen' },
  mustFall: { en: 'must fall by at least {v}', nl: 'moet met minstens {v} dalen' },
};

/**
 * The break-even in words, by its rule (the side on which the initiative pays, the sign of the value):
 * "Retention (points per year) must rise by at least 1.80 for the expected NPV to be positive
 * (assumed: +2.00; the other effects at their means)". Empty when there is no effect.
 */
export function breakEvenPhrase(b: BreakEvenFigures, lang: Lang): string {
  if (!b.effect) return '';
  const name = effectName(b.effect, lang);
  const num = (x: number) => `${x > 0 ? '+' : ''}${formatNumber(x, lang, 2)}`;
  if (b.value === null || b.rule === null) {
    return lang === 'nl' ? `Geen waarde van ${name} binnen bereik maakt de verwachte NCW nul.` : `No value of ${name} within range makes the expected NPV zero.`;
  }
  const text = BREAK_EVEN_RULES[b.rule][lang].replace('{v}', formatNumber(Math.abs(b.value), lang, 2));
  const assumed = b.assumed === null ? '' : lang === 'nl' ? `aangenomen: ${num(b.assumed)}; ` : `assumed: ${num(b.assumed)}; `;
  return lang === 'nl'
    ? `${name} ${text} voor een positieve verwachte NCW (${assumed}de andere effecten op hun gemiddelde).`
    : `${name} ${text} for the expected NPV to be positive (${assumed}the other effects at their means).`;
}

/** When an initiative pays back, in words: "in year 3", "immediately", "not within the horizon". */
export function paybackPhrase(year: number | null, lang: Lang): string {
  if (year === null) return lang === 'nl' ? 'niet binnen de horizon' : 'not within the horizon';
  if (year === 0) return lang === 'nl' ? 'direct' : 'immediately';
  return lang === 'nl' ? `in jaar ${year}` : `in year ${year}`;
}

const MODEL_NAMES: Record<string, string> = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', 'pareto-nbd': 'Pareto/NBD', 'gamma-gamma': 'Gamma-Gamma', bgbb: 'BG/BB', sbg: 'sBG' };

/** A CLV model's usual name (`bgnbd` -> `BG/NBD`); unknown ids as given. */
export function modelName(id: string): string {
  return MODEL_NAMES[id] ?? id;
}
