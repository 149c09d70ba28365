/**
 * A Dutch export's total per order or payment (Mollie's `Bedrag`, a fulfilment tool's `Totaal`)
 * with no unit price and no VAT column beside it: whether it includes btw cannot be read from the
 * file (a consumer's payment does, a business invoice's total may not). Worth loads it as written
 * and init says so in one line, with the formula to write when it includes btw. Dutch exports
 * only: a Dutch sale to consumers is priced with btw, where an English export's total usually
 * has its sales tax apart.
 */
import type { Bilingual } from '../words/index.ts';
import { initText } from '../words/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';

/** Neutral Dutch names of a total (normalised: lower case, letters only): no word says excl., net or revenue. */
const TOTAL_NAMES = new Set([
  'bedrag',
  'totaal',
  'totaalbedrag',
  'ordertotaal',
  'orderbedrag',
  'bestelbedrag',
  'betaald',
  'betaaldbedrag',
  'totaalprijs',
]);

/** The line that says a Dutch total's btw is not known, or undefined when the export says it (or is no such total). */
export function totalVat(r: Recognised): Bilingual | undefined {
  const c = r.columns;
  if (r.language !== 'nl' || !c.amount || c.unit_price || c.amount_incl || c.vat_amount || c.vat_rate)
    return undefined;
  if (!TOTAL_NAMES.has(c.amount.name.toLowerCase().replace(/[^a-z]/g, ''))) return undefined;
  return initText('totalVatUnknown', {
    column: c.amount.name,
    formula: `round(${term(c.amount.name)} / 1.21, 2)`,
  });
}
