/**
 * The worth.yaml lines for an export's status and refunds: an `exclude_when` rule leaving out
 * cancelled lines (with the count and money per status value as its comment), and a returns
 * source over the same file for refunds, either an order-level refund amount (a money-only
 * return against the order) or the lines of a refunded order. The rule between them: a
 * refunded order is a sale and a return, never left out; a cancelled one is left out, and
 * never returned (its refund, if any, is left out with it). So nothing counts twice.
 */
import {
  initAmount,
  initWord,
  textNumbers,
  type InitWord,
  type InitVars,
  type Lang,
} from '../words/index.ts';
import { term, yamlFormula } from './exportYaml.ts';
import type { OrderLevel } from './orderLevel.ts';
import { returnsOrderLines, type StatusFacts } from './statusRule.ts';

/** What the lines are written from: the order lines' own formulas and source lines. */
export interface StatusYamlInput {
  /** The language of the comments (the export's). */
  lang: Lang;
  status?: StatusFacts;
  level?: OrderLevel;
  /** Formula terms of the order number, customer, date and quantity columns. */
  terms: { order: string; customer: string; date: string; quantity: string; status?: string };
  /** A sale line's net amount (formula). */
  lineNet: string;
  /** The cost of goods of a sale line (formula), when the export has one. */
  lineCogs?: string;
  /** The credit-line condition of the order lines' split, when there is one (those lines are returns already). */
  creditWhen?: string;
  /** The `file:`, `format:` and `fill_down:` lines of the order lines source, indented for a source. */
  sourceLines: string[];
  /** Rules of lines that are no sale (shipping lines), left out of the refunded lines too. */
  otherRules?: string[];
}

const quoted = (v: string) => `'${v.toLowerCase().replaceAll("'", "''")}'`;

/** The rule leaving out cancelled lines, or undefined when no status value says cancelled. */
export function excludeRule(status: StatusFacts | undefined, term: string | undefined): string | undefined {
  const cancelled = status?.values.filter((v) => v.kind === 'cancelled') ?? [];
  if (!status || !term || !cancelled.length) return undefined;
  return `in_list(lower(trim(${term})), ${[...new Set(cancelled.map((v) => quoted(v.value.trim())))].join(', ')})`;
}

/** The `exclude_when` line of the order lines, with the status values as its comment. */
export function excludeYaml(i: StatusYamlInput): string[] {
  const s = i.status;
  if (!s) return [];
  const say = sayIn(i.lang);
  const rule = excludeRule(s, i.terms.status);
  const per = s.values
    .slice(0, 12)
    .map((v) => `${v.value} ${say.n(v.lines)} (${initAmount(i.lang, v.amount)})`)
    .join(', ');
  const out = [
    `    # ${say('statusPerValue', { column: s.column, money: s.money, values: per })}${s.values.length > 12 ? ', ...' : ''}`,
  ];
  if (!rule) {
    out.push(`    # ${say('statusNoCancel', { column: s.column })}`);
    return out;
  }
  out.push(`    exclude_when: ${yamlFormula(rule)}   # ${say('statusExclude')}`);
  return out;
}

/**
 * A returns source for the refunds, over the same file: the order-level refund amount when
 * the export has one on an order's first line, else the lines of orders whose status says
 * refunded. Empty when there is neither.
 */
export function refundsYaml(i: StatusYamlInput): string[] {
  const t = i.terms;
  const say = sayIn(i.lang);
  const cancel = excludeRule(i.status, t.status);
  const refunded = i.level?.refunded;
  const columns = (credited: string, why: string, cogs?: string) => [
    '    columns:',
    `      return_id: ${yamlFormula("concat('refund ', line_number())")}`,
    `      order_id: ${yamlFormula(t.order)}`,
    `      customer_id: ${yamlFormula(t.customer)}`,
    `      return_date: ${yamlFormula(t.date)}     # ${say('refundReturnDate')}`,
    `      credited_amount: ${yamlFormula(credited)}     # ${why}`,
    ...(cogs ? [`      cogs_recovered: ${yamlFormula(cogs)}     # ${say('cogsRecovered')}`] : []),
  ];
  // Repeated on every line of its order (WooCommerce), a refund amount cannot be summed per line:
  // not loaded; a refunded status still returns the order's lines.
  const repeated = refunded?.repeated ? [`  # ${say('refundRepeated', { column: refunded.column })}`] : [];
  if (refunded && refunded.orders > 0 && !refunded.repeated) {
    const amount = term(refunded.column);
    const keep = `coalesce(${amount}, 0) = 0`;
    return [
      `  returns:                        # ${say('refundAmountHead', { column: refunded.column, total: initAmount(i.lang, refunded.total), orders: refunded.orders, where: say(refunded.perLine ? 'refundOnLines' : 'refundOnFirstLine') })}`,
      `    # ${say('refundAmount1')}`,
      `    # ${say('refundAmount2')}`,
      `    # ${say('refundAmount3')}`,
      ...i.sourceLines,
      `    exclude_when: ${yamlFormula(cancel ? `${cancel} or ${keep}` : keep)}`,
      ...columns(`abs(${amount})`, say('refundPaidBack')),
    ];
  }
  // A refunded value on negative rows only (a refund as a row of its own) is returned by the credit split.
  const refundedValues = i.status?.values.filter(returnsOrderLines) ?? [];
  if (!refundedValues.length || !t.status) return repeated;
  const isRefunded = `in_list(lower(trim(${t.status})), ${[...new Set(refundedValues.map((v) => quoted(v.value.trim())))].join(', ')})`;
  const lines = refundedValues.reduce((a, v) => a + v.lines, 0);
  const skip = [
    `is_empty(${t.status})`,
    `not ${isRefunded}`,
    ...(i.creditWhen ? [i.creditWhen] : []),
    ...(i.otherRules ?? []),
  ];
  return [
    ...repeated,
    `  returns:                        # ${say('refundLinesHead', { lines, column: i.status!.column, values: refundedValues.map((v) => v.value).join('/') })}`,
    `    # ${say('refundLines1')}`,
    `    # ${say('refundLines2')}`,
    ...i.sourceLines,
    `    exclude_when: ${yamlFormula(skip.join(' or '))}   # ${say('refundLinesExclude')}`,
    ...columns(i.lineNet, say('refundLineNet'), i.lineCogs),
  ];
}

/** The init words in `lang`, and a count written as that language writes it. */
function sayIn(lang: Lang) {
  const say = (key: InitWord, vars: InitVars = {}) => initWord(lang, key, vars);
  return Object.assign(say, { n: textNumbers(lang).int });
}
