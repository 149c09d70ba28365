/**
 * Stored values shown to people: activity ids, quadrant names, scenario effects, cost
 * behaviours, an effect's basis. They are stored in English (ids and SQL stay the same in
 * every workspace) and named here in both languages.
 */
import type { Bilingual } from './catalogue.ts';

/** Dutch and English names of the standard activities (the demo's and `worth init`'s); others keep their configured name. */
export const ACTIVITY_WORDS: Readonly<Record<string, Bilingual>> = {
  order_handling: { en: 'Order handling', nl: 'Orderverwerking' },
  picking: { en: 'Picking', nl: 'Orderpicken' },
  delivery: { en: 'Delivery', nl: 'Bezorging' },
  returns_handling: { en: 'Returns handling', nl: 'Retourverwerking' },
  service_phone: { en: 'Customer service: phone', nl: 'Klantenservice: telefoon' },
  service_written: { en: 'Customer service: e-mail and chat', nl: 'Klantenservice: e-mail en chat' },
  field_visits: { en: 'Field visits', nl: 'Bezoeken buitendienst' },
  account_management: { en: 'Account management', nl: 'Accountmanagement' },
  cost_of_credit: { en: 'Cost of credit', nl: 'Kosten van krediet' },
};

/** An activity's name in `lang`: a standard activity's Dutch name in Dutch, otherwise the name configured in the cost model. */
export function activityName(id: string, configured: string, lang: 'en' | 'nl'): string {
  return lang === 'nl' && Object.hasOwn(ACTIVITY_WORDS, id) ? ACTIVITY_WORDS[id]!.nl : configured;
}

/** The profitability matrix's and the voice of the customer's quadrants (stored in English). */
export const QUADRANT_WORDS = {
  champions: { en: 'champions', nl: 'kampioenen' },
  'at risk': { en: 'at risk', nl: 'in gevaar' },
  'over-served': { en: 'over-served', nl: 'overbediend' },
  rest: { en: 'rest', nl: 'overig' },
  'no feedback': { en: 'no feedback', nl: 'geen feedback' },
  'carriage trade': { en: 'carriage trade', nl: 'veeleisend en goed betalend' },
  passive: { en: 'passive', nl: 'passief' },
  'bargain basement': { en: 'bargain basement', nl: 'koopjesjagers' },
  aggressive: { en: 'aggressive', nl: 'agressief' },
  'no net sales': { en: 'no net sales', nl: 'geen netto-omzet' },
} as const satisfies Readonly<Record<string, Bilingual>>;

/** A scenario effect's name with its unit. */
export const EFFECT_WORDS = {
  retention: { en: 'Retention (points per year)', nl: 'Klantbehoud (procentpunten per jaar)' },
  frequency: { en: 'Purchase frequency (%)', nl: 'Aankoopfrequentie (%)' },
  spend: { en: 'Spend per purchase (%)', nl: 'Besteding per aankoop (%)' },
  returns: { en: 'Returned value (%)', nl: 'Geretourneerde waarde (%)' },
  contacts: { en: 'Service contacts (%)', nl: 'Klantcontacten (%)' },
} as const satisfies Readonly<Record<string, Bilingual>>;

/** An activity's cost behaviour (costing's `BEHAVIOURS`). */
export const BEHAVIOUR_WORDS = {
  variable: { en: 'variable', nl: 'variabel' },
  capacity: { en: 'capacity', nl: 'capaciteit' },
  fixed: { en: 'fixed', nl: 'vast' },
} as const satisfies Readonly<Record<string, Bilingual>>;

/** Where a scenario effect's number comes from (the initiative schema's `basis`). */
export const BASIS_WORDS = {
  measured: { en: 'measured', nl: 'gemeten' },
  judgment: { en: 'management judgment', nl: 'inschatting management' },
} as const satisfies Readonly<Record<string, Bilingual>>;

/** A break-even's rule in words, `{v}` the value. */
export const BREAK_EVEN_WORDS = {
  mustRise: { en: 'must rise by at least {v}', nl: 'moet met minstens {v} stijgen' },
  mayFall: { en: 'may fall by at most {v}', nl: 'mag met hoogstens {v} dalen' },
  mayRise: { en: 'may rise by at most {v}', nl: 'mag met hoogstens {v} stijgen' },
  mustFall: { en: 'must fall by at least {v}', nl: 'moet met minstens {v} dalen' },
} as const satisfies Readonly<Record<string, Bilingual>>;

/** The customer attributes of the data contract, as a roll-up names them ("Uitsplitsing naar kanaal"); other attributes keep the column's own name. */
export const ATTRIBUTE_WORDS = {
  segment: { en: 'segment', nl: 'segment' },
  channel: { en: 'channel', nl: 'kanaal' },
  region: { en: 'region', nl: 'regio' },
  name: { en: 'name', nl: 'naam' },
  acquired_on: { en: 'first order date', nl: 'datum eerste order' },
} as const satisfies Readonly<Record<string, Bilingual>>;

/** The word for `value` from `table` in `lang`; a value the table does not know is shown as it is. */
export function enumWord(
  table: Readonly<Record<string, Bilingual>>,
  value: string,
  lang: 'nl' | 'en',
): string {
  return Object.hasOwn(table, value) ? table[value]![lang] : value;
}
