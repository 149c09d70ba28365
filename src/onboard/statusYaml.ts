/**
 * The worth.yaml lines for an export's status and refunds: an `exclude_when` rule leaving out
 * cancelled lines (with the count and money per status value as its comment), and a returns
 * source over the same file for refunds, either an order-level refund amount (a money-only
 * return against the order) or the lines of a refunded order. The rule between them: a
 * refunded order is a sale and a return, never left out; a cancelled one is left out, and
 * never returned (its refund, if any, is left out with it). So nothing counts twice.
 */
import { term, yamlFormula } from './exportYaml.ts';
import type { OrderLevel } from './orderLevel.ts';
import type { StatusFacts } from './statusRule.ts';

/** What the lines are written from: the order lines' own formulas and source lines. */
export interface StatusYamlInput {
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
  const rule = excludeRule(s, i.terms.status);
  const per = s.values
    .slice(0, 12)
    .map((v) => `${v.value} ${v.lines.toLocaleString('en-US')} (${v.amount})`)
    .join(', ');
  const out = [
    `    # ${s.column} per value, lines (${s.money}): ${per}${s.values.length > 12 ? ', ...' : ''}`,
  ];
  if (!rule) {
    out.push(`    # no ${s.column} value says cancelled: every line loads`);
    return out;
  }
  out.push(
    `    exclude_when: ${yamlFormula(rule)}   # cancelled: no sale. Left out of the load (not rejects); ingest counts them with their money`,
  );
  return out;
}

/**
 * A returns source for the refunds, over the same file: the order-level refund amount when
 * the export has one on an order's first line, else the lines of orders whose status says
 * refunded. Empty when there is neither.
 */
export function refundsYaml(i: StatusYamlInput): string[] {
  const t = i.terms;
  const cancel = excludeRule(i.status, t.status);
  const refunded = i.level?.refunded;
  const columns = (credited: string, why: string, cogs?: string) => [
    '    columns:',
    `      return_id: ${yamlFormula("concat('refund ', line_number())")}`,
    `      order_id: ${yamlFormula(t.order)}`,
    `      customer_id: ${yamlFormula(t.customer)}`,
    `      return_date: ${yamlFormula(t.date)}     # the order's date: the export has no date of the refund`,
    `      credited_amount: ${yamlFormula(credited)}     # ${why}`,
    ...(cogs
      ? [`      cogs_recovered: ${yamlFormula(cogs)}     # the cost of the goods that came back`]
      : []),
  ];
  // Repeated on every line of its order (WooCommerce), a refund amount cannot be summed per line:
  // not loaded; a refunded status still returns the order's lines.
  const repeated = refunded?.repeated
    ? [
        `  # ${refunded.column} is repeated on every line of its order, so it cannot be summed per line: not loaded`,
      ]
    : [];
  if (refunded && refunded.orders > 0 && !refunded.repeated) {
    const amount = term(refunded.column);
    const keep = `coalesce(${amount}, 0) = 0`;
    return [
      `  returns:                        # refunds: ${refunded.column}, ${refunded.total} on ${refunded.orders.toLocaleString('en-US')} orders, ${refunded.perLine ? 'on the lines refunded' : "on an order's first line"}`,
      "    # Each refund is a money-only return against its order: charged to the order's customer on the",
      "    # order's date, with no product or quantity (the export does not say which lines came back).",
      `    # A cancelled order's refund is left out with the order (the same rule): never a sale and a return twice.`,
      ...i.sourceLines,
      `    exclude_when: ${yamlFormula(cancel ? `${cancel} or ${keep}` : keep)}`,
      ...columns(`abs(${amount})`, 'the amount paid back'),
    ];
  }
  const refundedValues = i.status?.values.filter((v) => v.kind === 'refunded') ?? [];
  if (!refundedValues.length || !t.status) return repeated;
  const isRefunded = `in_list(lower(trim(${t.status})), ${[...new Set(refundedValues.map((v) => quoted(v.value.trim())))].join(', ')})`;
  const lines = refundedValues.reduce((a, v) => a + v.lines, 0);
  const skip = [`is_empty(${t.status})`, `not ${isRefunded}`, ...(i.creditWhen ? [i.creditWhen] : [])];
  return [
    ...repeated,
    `  returns:                        # refunds: ${lines.toLocaleString('en-US')} lines of orders whose ${i.status!.column} says ${refundedValues.map((v) => v.value).join('/')}`,
    '    # A refunded order is a sale and a return of each of its lines (net 0 for the customer);',
    "    # it is never left out by the order lines' exclude_when, so it does not count twice.",
    ...i.sourceLines,
    `    exclude_when: ${yamlFormula(skip.join(' or '))}   # every line that is not a refunded order's sale`,
    ...columns(i.lineNet, "the line's net amount", i.lineCogs),
  ];
}
