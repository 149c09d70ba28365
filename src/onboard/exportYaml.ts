/**
 * The worth.yaml for an export: one order-lines source with the recognised columns, credit
 * lines split off to returns, customers derived from the lines, an assumed margin when the
 * export has no cost of goods, and the starter cost model. Every guess is a comment that says
 * what was seen.
 */
import type { ShippingLines } from './shippingLines.ts';
import type { Ledger } from './debitCredit.ts';
import type { GroupHeadings } from './groupHeadings.ts';
import { WorthError } from '../core/index.ts';
import { DEFAULT_MISSING_VALUES, starterCostModel, type StarterVolumes } from '../workspace/index.ts';
import type { OrderLevel, OrderMoney } from './orderLevel.ts';
import type { StatusFacts } from './statusRule.ts';
import { excludeYaml, refundsYaml, type StatusYamlInput } from './statusYaml.ts';
import type { FillerRows } from './fillerRows.ts';
import type { TextLines } from './textLines.ts';
import type { OrderSummaries } from './orderSummary.ts';
import type { PaymentRows } from './paymentRows.ts';
import { currencyGuessText, type CurrencyGuess } from './currency.ts';
import type { CustomerSplit } from './customerSplit.ts';
import type { GuestCustomers } from './guestCustomers.ts';
import type { CreditType } from './creditType.ts';
import type { VatFacts } from './vat.ts';
import { isFeeColumn, normaliseName, parentOrderColumn, type Recognised, type Role } from './recognise.ts';
import type { ColumnProfile, ExportProfile } from './sniffExport.ts';
import { initAmount, initWord, type InitVars, type InitWord, type Lang } from '../words/index.ts';

/** What the file says beyond its columns: period, credit notes, volumes for the cost model. */
export interface ExportFacts {
  /** First and last date in the file (yyyy-mm-dd). */
  period: { start: string; end: string };
  /**
   * Totals lines among the profiled rows (`Totaal;;;...` at the end of a short export) without a
   * customer: not order lines, so not counted as lines without a customer.
   */
  totalsLines: number;
  /** Credit-note prefix of the order number whose lines are mostly negative ("C"), if any. */
  creditPrefix?: string;
  /** Lines with a negative quantity (or amount). */
  negativeLines: number;
  /** The currency, why, and whether it is a guess. */
  currency: CurrencyGuess;
  /**
   * Lines without a discount whose net amount differs from quantity x unit price by more than a
   * cent (absent when they agree or the export has not both): the count and the first line's
   * number in the file.
   */
  netMismatch?: { lines: number; firstLine: number };
  /** Lines whose status column says cancelled or voided (absent when none): the count and the values seen. */
  cancelled?: { lines: number; column: string; values: string[] };
  /** How amounts including VAT are made net (absent: no amount column says it includes VAT). */
  vat?: VatFacts;
  /** The customer column combines a code and a name (absent: it does not). */
  customerSplit?: CustomerSplit;
  /** Guest orders with customer number 0 are their e-mail's customer (absent: none). */
  guests?: GuestCustomers;
  /** A document-type column whose values say which lines are credit notes (absent: none). */
  creditType?: CreditType;
  /** The status column's values with their lines and money (absent without one): cancelled lines are left out, refunded orders returned. */
  status?: StatusFacts;
  volumes: StarterVolumes;
}

/** Everything the worth.yaml is written from. */
export interface ExportYamlInput {
  /** The company's name; absent: a commented line for the user to fill in (no name is shown until then). */
  company?: string;
  /** The file's path relative to the workspace; several monthly files: a pattern over data/ or their list. */
  file: string | string[];
  profile: ExportProfile;
  recognised: Recognised;
  facts: ExportFacts;
  /** Order-level fields of a web-shop export (orderLevel.ts); absent: none. */
  orderLevel?: OrderLevel;
  /** A report grouped by customer (groupHeadings.ts); absent: one line per sale with its customer. */
  groupHeadings?: GroupHeadings;
  /** The order column of an export of grouped rows, its number on an invoice's first line only (groupedOrders.ts). */
  groupedOrders?: string;
  /** A till's walk-in placeholders in the customer column (walkIns.ts), added to `missing_values`; absent: none. */
  walkIns?: string[];
  /** Placeholder ids that are no word (a till's `0`): the customer id's formula reads them as missing; absent: none. */
  walkInIds?: string[];
  /** Lines with a walk-in placeholder (0 without). */
  walkInLines?: number;
  /** A spreadsheet's empty rows and notes (fillerRows.ts); absent: none. */
  fillerRows?: FillerRows;
  /** An order's summary row above its items (orderSummary.ts); absent: none. */
  orderSummaries?: OrderSummaries;
  /** Comment lines under a document (textLines.ts); absent: none. */
  textLines?: TextLines;
  /**
   * Files of the export named as credit memos (Business Central's "Posted Sales Credit Memo
   * Lines" beside its invoice lines), relative to the workspace: a returns source of their own,
   * `file` then naming the other files; absent: none.
   */
  creditFiles?: string[];
  /** Payments among the invoices by a document-type column (paymentRows.ts); absent: none. */
  paymentRows?: PaymentRows;
  /** A general-ledger export with debit and credit columns (debitCredit.ts); absent: not one. */
  ledger?: Ledger;
  /** Shipping charged as lines of their own (shippingLines.ts); absent: none. */
  shippingLines?: ShippingLines;
  /** The order key of an export without an order number (orderByDay.ts); absent: the order column. */
  orderFormula?: string;
  /** The order date as a formula (Excel day numbers in delimited text, excelSerialDates.ts); absent: the date column. */
  dateFormula?: string;
  /** The customer id as a formula over the customer column (an e-mail in lower case, companyCustomers.ts); absent: the column. */
  customerKey?: string;
  /**
   * The orders export joined to the lines on the order number (`init --from lines --from
   * orders`, twoExports.ts): worth.yaml's `lookup` block; `profile` is then the joined one, its
   * columns the lines' and these `columns` of the orders file; absent: one export.
   */
  lookup?: LookupYaml;
}

/** The `lookup` block of an order-lines source (see {@link ExportYamlInput.lookup}). */
export interface LookupYaml {
  /** The orders file relative to the workspace (`data/orders.csv`). */
  file: string;
  /** The orders file's own profile (its format block). */
  profile: ExportProfile;
  /** The order number's column, the same name in both files. */
  on: string;
  /** The orders file's columns the mapping uses. */
  columns: string[];
}

const REQUIRED = ['order_id', 'customer_id', 'order_date'] as const;

/** The words naming a required role in the message of {@link requireColumns}. */
const ROLE_WORDS = {
  order_id: 'roleOrder',
  customer_id: 'roleCustomer',
  order_date: 'roleDate',
} as const satisfies Record<(typeof REQUIRED)[number], InitWord>;

/** A column name as a formula term: bare when it is a plain identifier, else `col("...")`. */
export function term(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^(and|or|not|true|false|null)$/i.test(name)
    ? name
    : `col(${JSON.stringify(name)})`;
}

/**
 * A formula as a YAML value: plain where YAML reads it back unchanged, else single-quoted. A
 * column name such as `Artikel #` gives `col("Artikel #")`, whose ` #` would start a YAML comment
 * (and `: ` a mapping), so worth.yaml would not read back what init wrote.
 */
export function yamlFormula(formula: string): string {
  // A number alone (`quantity: 1`) would read back as a number, not as a formula's text.
  const plain =
    formula !== '' &&
    !/^[-+]?[0-9.]+$/.test(formula) &&
    !/^([\s,[\]{}#&*!|>'"%@`]|[-?:](\s|$))|\s#|:\s|:$|\s$/.test(formula);
  return plain ? formula : `'${formula.replaceAll("'", "''")}'`;
}

/**
 * Checks that the export has what an order-lines source needs (order, customer, date, and a
 * unit price with a quantity or an amount); a WorthError names what is missing, the columns seen
 * and what to write instead, in the export's language.
 */
export function requireColumns(p: ExportProfile, r: Recognised, file: string): 'price' | 'amount' {
  const c = r.columns;
  const missing = REQUIRED.filter((role) => !c[role]);
  const amountBasis = c.quantity && c.unit_price ? 'price' : c.amount || c.amount_incl ? 'amount' : null;
  // Without a quantity column, an amount per line is enough: each line counts as one (a payment, an order).
  if (missing.length || !amountBasis) {
    const lang = r.votes === 0 ? habitLanguage(p) : r.language;
    const need = [
      ...missing.map((m) => initWord(lang, ROLE_WORDS[m])),
      ...(amountBasis ? [] : [initWord(lang, 'roleAmount')]),
    ];
    const columns = p.columns.map((x) => x.name).join(', ');
    // Order lines with an order number and money but no customer and date: the other half of an
    // export in two files (orders, order lines), which init does not read yet: said so, with the
    // ways out (worth.yaml's `lookup`, which ingest joins, or the columns added by hand).
    const halfOfTwo = c.order_id && amountBasis && !c.customer_id && !c.order_date;
    throw new WorthError(
      'input',
      { file },
      columns,
      `columns for ${need.join(', ')}`,
      halfOfTwo
        ? initWord(lang, 'linesWithoutOrders', { columns, order: c.order_id!.name, file })
        : initWord(lang, 'notRecognised', { roles: need.join(', '), columns }),
    );
  }
  return amountBasis;
}

/**
 * The language of an export whose column names matched no name of either language (a fallback
 * such as `Ref` does not tell): Dutch when
 * it is written the Dutch way (`;` between fields or a decimal comma), else English, so the
 * message and its examples are in the language the user reads.
 */
function habitLanguage(p: ExportProfile): Lang {
  return p.delimiter === ';' || p.decimal === ',' ? 'nl' : 'en';
}

/** Writes the YAML text; throws a WorthError naming what could not be recognised. */
export function exportYaml(i: ExportYamlInput): string {
  const { profile: p, recognised: r, facts } = i;
  const c = r.columns;
  const shownFile = typeof i.file === 'string' ? i.file : i.file.join(', ');
  const amountBasis = requireColumns(p, r, shownFile);
  const name = (role: Role) =>
    role === 'order_id' && i.orderFormula
      ? i.orderFormula
      : role === 'order_date' && i.dateFormula
        ? i.dateFormula
        : term(c[role]!.name);
  const level = i.orderLevel;
  const qty = c.quantity ? name('quantity') : '1';
  // A ledger's sale is Credit - Debit on a revenue account (debitCredit.ts), a credit note the other way.
  const money: MoneyFormulas = i.ledger
    ? { gross: i.ledger.amount, credited: i.ledger.credited }
    : moneyFormulas(r, amountBasis, facts.vat, r.language);
  const gross = money.gross;
  // A credit written as a negative amount beside a positive quantity (`(12,50)`, `-12,50`) is
  // told by the amount, also when the money comes from quantity x price.
  const lineAmount = c.amount ?? c.amount_incl;
  const negCol =
    c.quantity && c.quantity.negatives > 0
      ? qty
      : amountBasis === 'amount' || (lineAmount && lineAmount.negatives > 0)
        ? name(c.amount ? 'amount' : 'amount_incl')
        : qty;
  const customer = c.customer_id!;
  const split = facts.customerSplit;
  const customerId = customerIdFormula(i);
  const statusInput = statusYamlInput(i, money, negCol);
  const out: string[] = [];
  const why = (text: string) => `# ${text}`;
  // Every comment in the export's language (the formulas and the keys are the same in both).
  const lang = r.language;
  const say = (key: InitWord, vars: InitVars = {}) => initWord(lang, key, vars);
  const walkIns = i.walkIns ?? [];
  // A totals line has no customer but is no order line: counted neither way.
  const withoutCustomer = customer.missing - facts.totalsLines;
  const noCustomer = withoutCustomer + (i.walkInLines ?? 0);
  out.push(
    why(say('yamlHead', { file: i.lookup ? `${shownFile} --from ${i.lookup.file}` : shownFile })),
    why(say('yamlHead2')),
    ...p.reasons.map((x) => why(x[lang])),
    '',
    i.company === undefined
      ? `# company: "${lang === 'nl' ? 'Uw Bedrijf B.V.' : 'Your Company Ltd'}"   # ${say('company')}`
      : `company: ${JSON.stringify(i.company)}`,
    `currency: ${facts.currency.code}                     # ${facts.currency.guess ? currencyGuessText(facts.currency, lang, 'yaml') : facts.currency.why[lang]}`,
    `language: ${r.language}                      # ${say(r.language === 'nl' ? 'languageNl' : 'languageEn')}`,
    `period:                           # ${say('period')}`,
    `  start: ${facts.period.start}`,
    `  end: ${facts.period.end}`,
    `cost_of_capital: 0.08             # ${say('costOfCapital')}`,
    `unattributed: load                # ${withoutCustomer && facts.guests?.kind === 'empty' ? say('guestsUnattributed', { n: withoutCustomer - facts.guests.lines, column: customer.name, email: i.recognised.email?.name ?? say('emailWord') }) : noCustomer ? say('unattributedCount', { missing: noCustomer, lines: withoutCustomer + customer.present, column: customer.name }) : say('unattributed')}`,
    `missing_values: [${[...DEFAULT_MISSING_VALUES, ...walkIns].map((v) => JSON.stringify(v)).join(', ')}]   # ${say('missingValues')}`,
    '',
    'sources:',
    '  order_lines:',
    `    file: ${JSON.stringify(i.file)}${typeof i.file === 'string' && i.file.includes('*') ? `   # ${say('fileGlob')}` : ''}`,
    `    format: { ${formatYaml(ownFormat(i))} }`,
    ...lookupYaml(i.lookup, lang),
    ...fillDownYaml(level, lang),
    ...(i.groupedOrders
      ? [
          `    group_heading: ${JSON.stringify(i.groupedOrders)}   # ${initWord(lang, 'groupedOrdersYaml', { column: i.groupedOrders })}`,
        ]
      : []),
    ...(i.groupHeadings
      ? groupHeadingYaml(i.groupHeadings, lang)
      : excludeLines(excludeYaml(statusInput), i)),
    '    columns:',
    `      order_id: ${yamlFormula(name('order_id'))}`,
  );
  if (c.line_no) out.push(`      line_no: ${yamlFormula(name('line_no'))}`);
  else out.push(`      # ${say('lineNo')}`);
  if (split) out.push(`      # ${split.why[lang]}`);
  else if (facts.guests) out.push(`      # ${facts.guests.why[lang]}`);
  out.push(
    `      customer_id: ${yamlFormula(customerId)}`,
    `      order_date: ${yamlFormula(name('order_date'))}`,
  );
  if (c.product_id) out.push(`      product_id: ${yamlFormula(name('product_id'))}`);
  if (c.product_group) out.push(`      product_group: ${yamlFormula(name('product_group'))}`);
  out.push(
    `      quantity: ${yamlFormula(qty)}${c.quantity ? '' : `     # ${say('noQuantity')}`}`,
    `      gross_amount: ${yamlFormula(gross)}${money.listed ? `     # ${say('grossListPrice')}` : ''}`,
  );
  if (facts.vat) out.push(`      # ${facts.vat.why[lang]}`);
  for (const fee of r.unused.filter(isFeeColumn)) out.push(`      # ${say('feeColumn', { column: fee })}`);
  if (money.discount)
    out.push(`      discount_amount: ${yamlFormula(money.discount.formula)}     # ${money.discount.why}`);
  if (facts.netMismatch)
    out.push(
      `      # ${say('netMismatch', { lines: facts.netMismatch.lines, amount: c.amount!.name, quantity: c.quantity!.name, price: c.unit_price!.name, first: String(facts.netMismatch.firstLine) })}`,
    );
  if (money.cogs)
    out.push(
      `      cogs_amount: ${yamlFormula(money.cogs.sold)}${money.cogs.why ? `     # ${money.cogs.why}` : ''}`,
    );
  if (c.channel) out.push(`      channel: ${yamlFormula(name('channel'))}`);

  // Credit notes printed with positive amounts, said by their type (Soort: Creditnota), are credit lines too.
  const ct = facts.creditType && facts.creditType.positive > 0 ? facts.creditType : undefined;
  const byType = ct
    ? ct.values.map((v) => ` or ${term(ct.column)} = '${v.replaceAll("'", "''")}'`).join('')
    : '';
  const creditWhen = i.ledger
    ? i.ledger.creditWhen
    : facts.creditPrefix
      ? `${negCol} < 0 or starts_with(${name('order_id')}, ${JSON.stringify(facts.creditPrefix).replace(/"/g, "'")})${byType}`
      : `${negCol} < 0${byType}`;
  // A credit line printed positive credits its amount as printed: abs() reads both signs.
  const credited = ct ? `abs(${money.credited})` : money.credited;
  // A refund stored as an order of its own (WooCommerce) credits the order its Parent Order names.
  const parent = parentOrderColumn(r);
  const recovered = money.cogs && (ct ? `abs(${money.cogs.recovered})` : money.cogs.recovered);
  if (facts.negativeLines > 0 || facts.creditPrefix || ct || i.ledger) {
    out.push(
      `    split:                        # ${i.ledger ? (i.ledger.splitWhy?.[lang] ?? say('ledgerSplit')) : ct && facts.negativeLines === 0 && !facts.creditPrefix ? say('splitHeadType', { column: ct.column }) : say('splitHead', { n: facts.negativeLines, column: c.quantity && c.quantity.negatives > 0 ? c.quantity.name : say('splitAmount'), prefix: facts.creditPrefix ? say('splitPrefix', { prefix: facts.creditPrefix }) : '' })}`,
      ...(ct
        ? [
            `      # ${say('creditType', { column: ct.column, values: ct.values.map((v) => JSON.stringify(v)).join(', '), n: ct.positive })}`,
          ]
        : []),
      `      when: ${yamlFormula(creditWhen)}`,
      '      to: returns',
      '      columns:',
      `        # ${say('returnId')}`,
      ...(parent ? [`        # ${say('parentOrder', { column: parent })}`] : []),
      `        order_id: ${yamlFormula(parent ? `coalesce(${term(parent)}, ${name('order_id')})` : name('order_id'))}`,
      `        customer_id: ${yamlFormula(customerId)}`,
      `        return_date: ${yamlFormula(name('order_date'))}`,
      `        credited_amount: ${yamlFormula(credited)}`,
      ...(recovered
        ? [`        cogs_recovered: ${yamlFormula(recovered)}     # ${say('cogsRecovered')}`]
        : []),
    );
  } else if (!i.creditFiles?.length) {
    out.push(`    # ${say('noCreditLines')}`);
  }
  const refunds = refundsYaml(statusInput);
  // Credit memo files are the returns; a refund rule over the same lines would be a second returns source.
  out.push(...(i.creditFiles?.length ? creditFilesYaml(i, money, customerId) : refunds));
  const attrs: [string, Role][] = [
    ['name', 'customer_name'],
    ['segment', 'segment'],
    ['region', 'country'],
    ['channel', 'channel'],
  ];
  // Attributes name a column, or are a text formula (the name part of a combined column, a first and last name).
  const shown: [string, string][] = attrs
    .filter(([, role]) => c[role])
    .map(([k, role]) => [k, c[role]!.name]);
  const personal = personName(r);
  if (!c.customer_name && (split || personal)) shown.unshift(['name', split ? split.name : personal!]);
  else if (c.customer_name && personal)
    shown[0] = ['name', `coalesce(${term(c.customer_name.name)}, ${personal})`];
  if (shown.length) {
    out.push(
      `  customers:                      # ${say('customersFromLines')}`,
      `    from: order_lines             # ${say('customersLatestLine')}`,
      `    columns: { ${shown.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }`,
    );
  } else {
    out.push(`  # ${say('customersNone')}`);
  }
  out.push('', ...orderMoneyYaml(level, lang));
  if (!money.cogs) {
    out.push(
      `# ${say('cogsEstimated1')}`,
      `# ${say('cogsEstimated2')}`,
      `# ${say('cogsEstimated3')}`,
      'cogs:',
      '  default_margin: 0.30',
      '',
    );
  }
  out.push(starterCostModel(facts.volumes, lang));
  return `${out.join('\n')}`;
}

/**
 * A person's name from a first and a last name column (WooCommerce's Billing First Name and
 * Billing Last Name), joined by a space; absent without both.
 */
function personName(r: Recognised): string | undefined {
  const { first_name: first, last_name: last } = r.columns;
  return first && last ? `trim(concat(${term(first.name)}, ' ', ${term(last.name)}))` : undefined;
}

/** The money formulas of the order lines and of their credit lines. */
interface MoneyFormulas {
  gross: string;
  /** Gross is list price x quantity (absent: an amount, e.g. a till's price including VAT gives the net amount). */
  listed?: true;
  discount?: { formula: string; why: string };
  /** The credited amount of a credit line (positive for a negative line). */
  credited: string;
  /** Cost of goods of a sale and cost recovered on a credit line, from the same column. */
  cogs?: { sold: string; recovered: string; why?: string };
}

/**
 * Gross is list price x quantity where the export has both (else its amount); a net amount
 * column next to them makes the discount (gross - net, whatever the discount column says, so
 * net sales are the file's own), else a discount percentage or amount does; credit lines
 * credit the net amount when there is one. A cost column is a unit cost when the export
 * prices per unit, and a line's cost amount when it gives line amounts only (Twinfield's
 * "Kostprijs", "Cost"); credit lines take back cost from the same column.
 */
export function moneyFormulas(
  r: Recognised,
  basis: 'price' | 'amount',
  vat?: VatFacts,
  lang: Lang = 'en',
): MoneyFormulas {
  const c = r.columns;
  const say = (key: InitWord, vars: InitVars = {}) => initWord(lang, key, vars);
  const name = (role: Role) => term(c[role]!.name);
  const qty = c.quantity ? name('quantity') : '1';
  const listed = basis === 'price' ? listPrice(r, vat) : undefined;
  const net = c.amount ? name('amount') : c.amount_incl ? netOfVat(r, vat) : undefined;
  const netName = c.amount
    ? c.amount.name
    : c.amount_incl
      ? say('netExclVat', { column: c.amount_incl.name })
      : '';
  let discount: MoneyFormulas['discount'];
  if (listed && net)
    discount = {
      // Rounded to cents first: 2.5 x 1724.51 is 4311.275, invoiced as 4311.28.
      formula: `${listed.startsWith('round(') ? listed : `round(${listed}, 2)`} - ${net}`,
      why: say('discountNet', { net: netName }),
    };
  else if (listed && c.discount_rate)
    discount = {
      formula: `round(${listed} * coalesce(${name('discount_rate')}, 0) / 100, 2)`,
      why: say('discountRate', { column: c.discount_rate.name }),
    };
  else if (c.discount_amount)
    // Written below zero on most lines that have one (Amazon's item-promotion-discount, Square's
    // Discounts, given back above zero on a refund): the amount off is its opposite.
    discount =
      c.discount_amount.negatives > c.discount_amount.positives
        ? {
            formula: `-${name('discount_amount')}`,
            why: say('discountBelowZero', {
              negatives: c.discount_amount.negatives,
              positives: c.discount_amount.positives,
            }),
          }
        : { formula: name('discount_amount'), why: say('discountPerLine') };
  const costAmount = c.cogs_amount ?? (basis === 'amount' ? c.unit_cost : undefined);
  const cogs = costAmount
    ? {
        sold: term(costAmount.name),
        recovered: `-${term(costAmount.name)}`,
        why: c.cogs_amount ? undefined : say('cogsLineCost', { column: costAmount.name }),
      }
    : c.unit_cost
      ? { sold: `${qty} * ${name('unit_cost')}`, recovered: `-(${qty} * ${name('unit_cost')})` }
      : undefined;
  // A net amount (Square's Net Sales, or an amount proven after the discount by its total) is after
  // the discount: gross is it plus the amount off, so the net stays the export's.
  const off =
    !listed && c.amount && (r.amountAfterDiscount || NET_NAMES.test(normaliseName(c.amount.name)))
      ? discount
      : undefined;
  return {
    gross: off
      ? `${net} + ${off.formula.startsWith('-') ? `(${off.formula})` : off.formula}`
      : (listed ?? net!),
    ...(!off && listed ? { listed: true as const } : {}),
    discount: off
      ? {
          ...off,
          why: say('discountBeforeNet', { why: off.why, amount: c.amount!.name }),
        }
      : discount,
    credited: net ? `-${net}` : `-(${listed!})`,
    cogs,
  };
}

/** Amount names that say the amount is after the discount (Net Sales, Net amount, Netto). */
const NET_NAMES = /^(net|netto)/;

/**
 * List price x quantity, excluding VAT: as it is, or when the unit price includes VAT (vat.ts),
 * divided by 1 + the rate and rounded to cents per line (the net amount's own rounding, so a
 * line without a discount has none); with a VAT amount and no rate, undefined (gross is then
 * the net amount: the VAT of the list price is not known).
 */
function listPrice(r: Recognised, vat: VatFacts | undefined): string | undefined {
  const c = r.columns;
  const listed = `${term(c.quantity!.name)} * ${term(c.unit_price!.name)}`;
  if (!vat?.priceIncludesVat) return listed;
  switch (vat.basis) {
    case 'rate': {
      const rate = term(c.vat_rate!.name);
      return `round(${listed} / (1 + coalesce(${rate}, 0)${vat.rateScale === 100 ? ' / 100' : ''}), 2)`;
    }
    case 'minus':
    case 'excl':
    case 'included':
      return undefined;
    default: {
      const never: never = vat.basis;
      return never;
    }
  }
}

/**
 * The net line amount from an amount including VAT (see vat.ts): less the VAT amount, or
 * divided by 1 + the rate and rounded to cents per line; as it is when no VAT was found (the
 * comment warns). A line without a VAT amount or rate has none.
 */
function netOfVat(r: Recognised, vat: VatFacts | undefined): string {
  const c = r.columns;
  const incl = term(c.amount_incl!.name);
  if (vat === undefined) return incl;
  switch (vat.basis) {
    case 'minus':
      return `(${incl} - coalesce(${term(c.vat_amount!.name)}, 0))`;
    case 'rate': {
      const rate = term(c.vat_rate!.name);
      return `round(${incl} / (1 + coalesce(${rate}, 0)${vat.rateScale === 100 ? ' / 100' : ''}), 2)`;
    }
    case 'excl':
    case 'included':
      return incl;
    default: {
      const never: never = vat.basis;
      return never;
    }
  }
}

function formatYaml(p: ExportProfile): string {
  const dated = p.columns.find((x: ColumnProfile) => x.kind === 'date');
  // ISO dates among another layout's (a second system's rows) are read as a second layout.
  const layout = `${dated?.dateLayout ?? 'yyyy-mm-dd'}${dated?.isoDates ? ' or yyyy-mm-dd' : ''}`;
  // A layout with a comma (`mmm d, yyyy`) would end the value in a flow mapping: quoted then.
  const date = /[,{}[\]:#]/.test(layout) ? JSON.stringify(layout) : layout;
  const parts = [
    // JSON's escapes are YAML's in double quotes: a tab is written "\t".
    `delimiter: ${JSON.stringify(p.delimiter)}`,
    `decimal: ${JSON.stringify(p.decimal)}`,
    ...(p.thousands ? [`thousands: ${JSON.stringify(p.thousands)}`] : []),
    `date_format: ${date}`,
    `encoding: ${p.encoding}`,
  ];
  if (!p.header) parts.push('header: false');
  if (p.skipLines) parts.push(`skip_lines: ${p.skipLines}`);
  if (p.footerLines) parts.push(`footer_lines: ${p.footerLines}`);
  if (p.quote !== '"') parts.push(`quote: ${JSON.stringify(p.quote)}`);
  if (p.kind !== 'csv')
    return `${p.sheet === undefined ? '' : `sheet: ${JSON.stringify(p.sheet)}, `}date_format: ${date}${p.decimal === ',' ? ', decimal: ","' : ''}${p.skipLines ? `, skip_lines: ${p.skipLines}` : ''}${p.footerLines ? `, footer_lines: ${p.footerLines}` : ''}`;
  return parts.join(', ');
}

/** The customer id as every source over the export reads it: the code of a split, a guest's e-mail, else the column. */
function customerIdFormula(i: ExportYamlInput): string {
  const { customerSplit: split, guests } = i.facts;
  if (split) return split.id;
  // A web shop's guest account (0) is each guest by e-mail (guestCustomers.ts), never a missing customer.
  if (guests) return guests.id;
  const id = i.customerKey ?? term(i.recognised.columns.customer_id!.name);
  // A till's placeholder id (0 for a walk-in) is a missing customer, not one.
  return (i.walkInIds ?? []).reduce((f, v) => `nullif(${f}, '${v.replaceAll("'", "''")}')`, id);
}

/** What the status rule and the refunds are written from (statusYaml.ts). */
function statusYamlInput(i: ExportYamlInput, money: MoneyFormulas, negCol: string): StatusYamlInput {
  const c = i.recognised.columns;
  const name = (role: Role) => term(c[role]!.name);
  const status = i.facts.status;
  const credits = i.facts.negativeLines > 0 || i.facts.creditPrefix !== undefined;
  return {
    lang: i.recognised.language,
    status,
    level: i.orderLevel,
    terms: {
      order: name('order_id'),
      customer: customerIdFormula(i),
      date: name('order_date'),
      quantity: c.quantity ? name('quantity') : '1',
      ...(status ? { status: term(status.column) } : {}),
    },
    // A net amount column is the line's net as the export says it; else list price less discount.
    lineNet: c.amount
      ? name('amount')
      : money.discount
        ? `round(${money.gross}, 2) - (${money.discount.formula})`
        : money.gross,
    ...(money.cogs ? { lineCogs: money.cogs.sold } : {}),
    ...(i.shippingLines ? { otherRules: [i.shippingLines.rule] } : {}),
    ...(credits
      ? {
          creditWhen: i.facts.creditPrefix
            ? `${negCol} < 0 or starts_with(${name('order_id')}, ${JSON.stringify(i.facts.creditPrefix).replace(/"/g, "'")})`
            : `${negCol} < 0`,
        }
      : {}),
    sourceLines: [
      `    file: ${JSON.stringify(i.file)}`,
      `    format: { ${formatYaml(ownFormat(i))} }`,
      ...lookupYaml(i.lookup, i.recognised.language),
      ...fillDownYaml(i.orderLevel, i.recognised.language),
    ],
  };
}

/**
 * The status's `exclude_when` lines with the filler rows' rule joined in (`or`): a spreadsheet's
 * empty rows and notes are left out, counted, not rejected.
 */
function excludeLines(status: string[], i: ExportYamlInput): string[] {
  const lang = i.recognised.language;
  const f = i.fillerRows;
  const pay = i.paymentRows;
  const extra = [
    ...(pay
      ? [
          {
            rule: pay.rule,
            comment: initWord(lang, pay.kind === 'payments' ? 'paymentRows' : 'movementRows', {
              column: pay.column,
              values: pay.values.join(', '),
              lines: pay.lines,
            }),
          },
        ]
      : []),
    ...(f
      ? [{ rule: f.rule, comment: initWord(lang, 'fillerRows', { lines: f.lines, first: f.firstLine }) }]
      : []),
    ...(i.orderSummaries
      ? [
          {
            rule: i.orderSummaries.rule,
            comment: initWord(lang, 'orderSummaries', {
              lines: i.orderSummaries.lines,
              first: i.orderSummaries.firstLine,
            }),
          },
        ]
      : []),
    ...(i.textLines
      ? [
          {
            rule: i.textLines.rule,
            comment: initWord(lang, 'textLines', { lines: i.textLines.lines, first: i.textLines.firstLine }),
          },
        ]
      : []),
    ...ledgerRule(i.ledger, lang),
    ...(i.shippingLines
      ? [
          {
            rule: i.shippingLines.rule,
            comment: initWord(lang, 'shippingLines', {
              column: i.shippingLines.column,
              values: i.shippingLines.values.join(', '),
              lines: i.shippingLines.lines,
            }),
          },
        ]
      : []),
  ];
  if (!extra.length) return status;
  const comments = extra.map((x) => `    # ${x.comment}`);
  const at = status.findIndex((l) => l.startsWith('    exclude_when: '));
  if (at < 0)
    return [...status, ...comments, `    exclude_when: ${yamlFormula(joinRules(extra.map((x) => x.rule)))}`];
  const line = status[at]!;
  const m = /^ {4}exclude_when: (.*?)( {3}#.*)?$/.exec(line)!;
  const rule = m[1]!.startsWith("'") ? m[1]!.slice(1, -1).replace(/''/g, "'") : m[1]!;
  const joined = `    exclude_when: ${yamlFormula(joinRules([rule, ...extra.map((x) => x.rule)]))}${m[2] ?? ''}`;
  return [...status.slice(0, at), ...comments, joined, ...status.slice(at + 1)];
}

/**
 * The returns source over the files named as credit memos: the same columns as the sales, each
 * line credited at its amount as printed (`abs`: positive in Business Central's credit memo lines),
 * comment and filler lines left out by the same rules.
 */
function creditFilesYaml(i: ExportYamlInput, money: MoneyFormulas, customerId: string): string[] {
  const lang = i.recognised.language;
  const c = i.recognised.columns;
  const files = i.creditFiles!;
  const rules = excludeLines([], { ...i, paymentRows: undefined, ledger: undefined }).filter((l) =>
    l.startsWith('    exclude_when: '),
  );
  return [
    `  returns:                        # ${initWord(lang, 'creditFilesHead')}`,
    `    file: ${JSON.stringify(files.length === 1 ? files[0] : files)}`,
    `    format: { ${formatYaml(i.profile)} }`,
    ...rules,
    '    columns:',
    `      # ${initWord(lang, 'returnId')}`,
    `      order_id: ${yamlFormula(i.orderFormula ?? term(c.order_id!.name))}`,
    `      customer_id: ${yamlFormula(customerId)}`,
    `      return_date: ${yamlFormula(i.dateFormula ?? term(c.order_date!.name))}`,
    `      credited_amount: ${yamlFormula(`abs(${money.credited})`)}`,
    ...(money.cogs
      ? [
          `      cogs_recovered: ${yamlFormula(`abs(${money.cogs.recovered})`)}     # ${initWord(lang, 'cogsRecovered')}`,
        ]
      : []),
  ];
}

/** A ledger's rule leaving out the bookings on other accounts than revenue (none for one account's card). */
function ledgerRule(ledger: Ledger | undefined, lang: Lang): { rule: string; comment: string }[] {
  if (!ledger?.rule || !ledger.account) return [];
  const comment = initWord(lang, 'ledgerLeftOut', {
    column: ledger.account,
    cls: ledger.revenueClass,
    lines: ledger.otherLines,
  });
  return [{ rule: ledger.rule, comment }];
}

/** Rules joined by `or`, each in brackets when there are several. */
function joinRules(rules: string[]): string {
  return rules.length === 1 ? rules[0]! : rules.map((x) => `(${x})`).join(' or ');
}

/** The `group_heading` and `exclude_when` lines of a report grouped by customer (groupHeadings.ts). */
function groupHeadingYaml(g: GroupHeadings, lang: Lang): string[] {
  return [
    `    group_heading: ${JSON.stringify(g.column.name)}   # ${initWord(lang, 'groupHeading', { column: g.column.name })}`,
    `    exclude_when: ${yamlFormula(g.exclude)}   # ${initWord(lang, 'groupHeadingExclude', { headings: g.headings, totals: g.totals })}`,
  ];
}

/** The lines file's own profile: without the orders file's columns a lookup joins (their dates are the lookup's format). */
function ownFormat(i: ExportYamlInput): ExportProfile {
  const joined = new Set(i.lookup?.columns ?? []);
  return joined.size
    ? { ...i.profile, columns: i.profile.columns.filter((c) => !joined.has(c.name)) }
    : i.profile;
}

/** The `lookup` block: the orders file, its own format, the shared column and the columns the mapping takes from it. */
function lookupYaml(l: LookupYaml | undefined, lang: Lang): string[] {
  if (!l) return [];
  return [
    `    lookup:                       # ${initWord(lang, 'lookupYaml', { on: l.on, columns: l.columns.join(', ') })}`,
    `      file: ${JSON.stringify(l.file)}`,
    `      format: { ${formatYaml(l.profile)} }   # ${initWord(lang, 'lookupFormatYaml', { file: l.file })}`,
    `      on: ${JSON.stringify(l.on)}`,
    `      columns: [${l.columns.map((c) => JSON.stringify(c)).join(', ')}]`,
  ];
}

/** The `fill_down` line: the order-level columns an export writes on an order's first line only. */
function fillDownYaml(level: OrderLevel | undefined, lang: Lang): string[] {
  if (!level?.fillDown.length) return [];
  return [
    `    fill_down: [${level.fillDown.map((c) => JSON.stringify(c)).join(', ')}]   # ${initWord(lang, 'fillDown')}`,
  ];
}

/** Comments naming the order-level money Worth does not load, with the export's own totals. */
function orderMoneyYaml(level: OrderLevel | undefined, lang: Lang): string[] {
  if (!level) return [];
  const out: string[] = [];
  const money = (m: OrderMoney) => ({
    column: m.column,
    total: initAmount(lang, m.total),
    orders: m.orders,
  });
  if (level.shipping) {
    out.push(`# ${initWord(lang, 'shipping1', money(level.shipping))}`, `# ${initWord(lang, 'shipping2')}`);
  }
  if (level.shippingDiscount) {
    out.push(
      `# ${initWord(lang, 'shippingDiscount1', money(level.shippingDiscount))}`,
      `# ${initWord(lang, 'shippingDiscount2')}`,
    );
  }
  return out.length ? [...out, ''] : [];
}
