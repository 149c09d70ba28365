/**
 * Product group x customer margin, from the order lines: a customer's margin per product group
 * (what it bought, less discounts and cost of goods), and a product group's customers by
 * margin. Returns and rebates are not booked per product (a return names its order, not its
 * lines; a rebate is per customer), so a customer's groups are followed by a returns row and a
 * rebates row, and together they add up to the customer's gross margin in the P&L to the cent.
 */
import { fromScaled, toScaled, WorthError, type MoneyString } from '../core/index.ts';
import { notValidText } from '../words/index.ts';
import { NamedBinder, type Engine } from '../warehouse/index.ts';
import { isFiltered, type Filters } from './filters.ts';
import { orderLineFilter } from './lineFilters.ts';

/** The group of order lines without a product group. */
export const NO_PRODUCT_GROUP = '(none)';

/** One product group of a customer, or one customer of a product group: invoiced sales and margin from the order lines. */
export interface ProductMarginRow {
  /** Order lines. */
  lines: number;
  /** Gross less discounts. */
  invoicedSales: MoneyString;
  cogs: MoneyString;
  /** Invoiced sales less cost of goods. */
  margin: MoneyString;
}

/** A customer's margin by product group, bridged to its gross margin. */
export interface CustomerProducts {
  customerId: string;
  /** The period the rows are narrowed to (`YYYY-MM` months, either open), or null: the whole analysed period. */
  period: { from: string | null; to: string | null } | null;
  groups: (ProductMarginRow & { productGroup: string })[];
  /** Credited on returns less the cost of goods they took back (a negative margin). */
  returnsMargin: MoneyString;
  /** Rebates (a negative margin). */
  rebatesMargin: MoneyString;
  /** The customer's gross margin in the P&L (with a period, its months in it): the groups, returns and rebates add up to it. */
  grossMargin: MoneyString;
}

/** A product group's customers by margin (the top ones), the rest and the lines without a customer. */
export interface ProductGroupCustomers {
  productGroup: string;
  customers: (ProductMarginRow & { customerId: string; name: string | null })[];
  /** Customers beyond the top ones: how many, and their margin together. */
  others: { customers: number; margin: MoneyString };
  /** Lines of the group without a customer. */
  unattributed: MoneyString;
  /** Every line of the group: the top customers, the others and the unattributed add up to it. */
  total: MoneyString;
}

/** Most customers listed for a product group. */
export const TOP_CUSTOMERS = 20;

const money = (v: unknown): MoneyString => fromScaled(toScaled(String(v ?? '0')));

/**
 * A customer's margin by product group (largest margin first), or null when the customer is not
 * in the customer P&L. With a period (`from` / `to` months of `period`, either open) only the
 * rows dated in its months count (order lines by order date, returns by return date, rebates by
 * period end, as `pnl_monthly` dates them), and the gross margin they bridge to is the
 * customer's months of `pnl_monthly` in the period summed.
 */
export async function readCustomerProducts(
  engine: Engine,
  customerId: string,
  period: Pick<Filters, 'from' | 'to'> = {},
): Promise<CustomerProducts | null> {
  const [pnl] = await engine.query(
    'SELECT CAST(gross_margin AS VARCHAR) AS gross_margin FROM customer_pnl WHERE customer_id = $1',
    [customerId],
  );
  if (!pnl) return null;
  // One statement per table, each with the customer's id and the period's months bound by name.
  const read = (select: (where: string) => string, date: string) => {
    const binder = new NamedBinder('p');
    const bind = binder.bind.bind(binder);
    return engine.query(
      select(`customer_id = ${bind(customerId)}${periodWhere(engine, period, date, bind)}`),
      binder.values,
    );
  };
  const groups = await read(
    (where) =>
      `SELECT coalesce(product_group, '${NO_PRODUCT_GROUP}') AS product_group, count(*) AS lines, ` +
      'CAST(sum(gross_amount - coalesce(discount_amount, 0)) AS VARCHAR) AS sales, CAST(sum(coalesce(cogs_amount, 0)) AS VARCHAR) AS cogs, ' +
      'CAST(sum(gross_amount - coalesce(discount_amount, 0) - coalesce(cogs_amount, 0)) AS VARCHAR) AS margin ' +
      `FROM order_lines WHERE ${where} GROUP BY coalesce(product_group, '${NO_PRODUCT_GROUP}') ` +
      `ORDER BY sum(gross_amount - coalesce(discount_amount, 0) - coalesce(cogs_amount, 0)) DESC, 1`,
    'order_date',
  );
  const [ret] = await read(
    (where) =>
      `SELECT CAST(coalesce(sum(coalesce(cogs_recovered, 0) - credited_amount), 0) AS VARCHAR) AS m FROM returns WHERE ${where}`,
    'return_date',
  );
  const [reb] = await read(
    (where) => `SELECT CAST(coalesce(-sum(amount), 0) AS VARCHAR) AS m FROM rebates WHERE ${where}`,
    'period_end',
  );
  const narrowed = period.from !== undefined || period.to !== undefined;
  const grossMargin = narrowed
    ? (
        await read(
          (where) =>
            `SELECT CAST(coalesce(sum(gross_margin), 0) AS VARCHAR) AS m FROM pnl_monthly WHERE ${where}`,
          'month',
        )
      )[0]?.m
    : pnl.gross_margin;
  return {
    customerId,
    period: narrowed ? { from: period.from ?? null, to: period.to ?? null } : null,
    groups: groups.map((r) => ({
      productGroup: String(r.product_group),
      lines: Number(r.lines),
      invoicedSales: money(r.sales),
      cogs: money(r.cogs),
      margin: money(r.margin),
    })),
    returnsMargin: money(ret?.m),
    rebatesMargin: money(reb?.m),
    grossMargin: money(grossMargin),
  };
}

/** ` AND` the conditions of a period on a date column (its month's first day compared as text), or nothing without one. */
function periodWhere(
  engine: Engine,
  period: Pick<Filters, 'from' | 'to'>,
  date: string,
  bind: (v: string) => string,
): string {
  const month = `CAST(${engine.dialect.monthStart(date)} AS VARCHAR)`;
  let where = '';
  if (period.from !== undefined) where += ` AND ${month} >= ${bind(`${period.from}-01`)}`;
  if (period.to !== undefined) where += ` AND ${month} <= ${bind(`${period.to}-01`)}`;
  return where;
}

/**
 * A product group's top customers by margin, the others and the unattributed lines, under the
 * global filters `f` (a period: the lines ordered in its months; an attribute: the lines of
 * customers with it, so none unattributed). A group without any order line is a `WorthError`; a
 * group without lines under the filters has no customers and a total of zero.
 */
export async function readProductGroupCustomers(
  engine: Engine,
  productGroup: string,
  f: Filters = {},
): Promise<ProductGroupCustomers> {
  const binder = new NamedBinder('g');
  const bind = binder.bind.bind(binder);
  const group = `coalesce(l.product_group, '${NO_PRODUCT_GROUP}') = ${bind(productGroup)}`;
  const filter = await orderLineFilter(engine, f, bind);
  const hasName =
    (await engine.tableExists('customers')) && (await engine.columns('customers')).includes('name');
  const rows = await engine.query(
    `SELECT l.customer_id, count(*) AS lines, CAST(sum(l.gross_amount - coalesce(l.discount_amount, 0)) AS VARCHAR) AS sales, ` +
      'CAST(sum(coalesce(l.cogs_amount, 0)) AS VARCHAR) AS cogs, ' +
      'CAST(sum(l.gross_amount - coalesce(l.discount_amount, 0) - coalesce(l.cogs_amount, 0)) AS VARCHAR) AS margin ' +
      `FROM order_lines l ${filter.join} WHERE ${[group, ...filter.where].join(' AND ')} GROUP BY l.customer_id`,
    binder.values,
  );
  const known =
    rows.length > 0 ||
    (isFiltered(f) &&
      (
        await engine.query(
          `SELECT 1 AS found FROM order_lines l WHERE coalesce(l.product_group, '${NO_PRODUCT_GROUP}') = $1 LIMIT 1`,
          [productGroup],
        )
      ).length > 0);
  if (!known)
    throw new WorthError(
      'input',
      { path: 'productGroup' },
      productGroup.slice(0, 40),
      'a product group of the order lines',
      undefined,
      notValidText(productGroup.slice(0, 40), { key: 'expectedProductGroup' }),
    );
  const attributed = rows
    .filter((r) => r.customer_id !== null && r.customer_id !== undefined)
    .map((r) => ({
      customerId: String(r.customer_id),
      lines: Number(r.lines),
      invoicedSales: money(r.sales),
      cogs: money(r.cogs),
      margin: money(r.margin),
      cents: toScaled(String(r.margin ?? '0')),
    }))
    .sort((a, b) =>
      a.cents === b.cents ? a.customerId.localeCompare(b.customerId) : a.cents > b.cents ? -1 : 1,
    );
  const top = attributed.slice(0, TOP_CUSTOMERS);
  const names = new Map<string, string | null>();
  if (hasName && top.length) {
    const found = await engine.query(
      `SELECT customer_id, name FROM customers WHERE customer_id IN (${top.map((_, i) => `$${i + 1}`).join(', ')})`,
      top.map((t) => t.customerId),
    );
    for (const r of found) names.set(String(r.customer_id), r.name === null ? null : String(r.name));
  }
  const rest = attributed.slice(TOP_CUSTOMERS);
  const none = rows.find((r) => r.customer_id === null || r.customer_id === undefined);
  const sum = (xs: { cents: bigint }[]) => xs.reduce((s, x) => s + x.cents, 0n);
  const unattributed = toScaled(String(none?.margin ?? '0'));
  return {
    productGroup,
    customers: top.map((t) => ({
      customerId: t.customerId,
      name: names.get(t.customerId) ?? null,
      lines: t.lines,
      invoicedSales: t.invoicedSales,
      cogs: t.cogs,
      margin: t.margin,
    })),
    others: { customers: rest.length, margin: fromScaled(sum(rest)) },
    unattributed: fromScaled(unattributed),
    total: fromScaled(sum(attributed) + unattributed),
  };
}
