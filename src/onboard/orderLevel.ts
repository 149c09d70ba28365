/**
 * Order-level fields of a web-shop export (Shopify, WooCommerce, Magento, Lightspeed): one row
 * per order line, with the order's customer, date, status and money (shipping, the order's
 * discount, refunds) often on its first line only. Read in SQL over the staged export, orders
 * being runs of consecutive lines with the same order number (as ingest's fill_down reads them).
 */
import type { Engine } from '../warehouse/index.ts';
import { normaliseName, type Recognised, type Role } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** An order-level money column and its total over the orders that carry it (first lines). */
export interface OrderMoney {
  column: string;
  /** Sum over the lines that carry it, as a decimal text with cents. */
  total: string;
  /** Orders with a value other than zero. */
  orders: number;
  /** Whether later lines of an order repeat it (WooCommerce): then it cannot be summed per line. */
  repeated?: boolean;
  /** Whether later lines of an order carry their own amount (Magento's per item): each line's is summed. */
  perLine?: boolean;
}

/** What is known about the order-level fields of an export. */
export interface OrderLevel {
  /** Mapped columns that some later line of an order lacks while its first line has them: ingest fills them down. */
  fillDown: string[];
  /** The order's status (Financial Status, Order Status, ...), with the orders whose status says the sale did not happen. */
  status?: { column: string; voidedOrders: number; values: string[] };
  /** The delivery fee charged to the customer (not a sale of goods: not loaded). */
  shipping?: OrderMoney;
  /** A discount on the delivery fee (not loaded, as the fee is not); its total as an amount off (the export may write it below zero). */
  shippingDiscount?: OrderMoney;
  /** Refunds (Worth cannot tell which lines came back: not loaded as returns). */
  refunded?: OrderMoney;
  /**
   * The recognised amount column when it is an order's (Shopify's `Total`: on an order's first
   * line only), so not a line's net amount: init then prices lines from quantity x unit price.
   */
  orderAmount?: string;
}

/** Statuses (compared lower-case) that mean the order was not a sale. */
export const VOIDED_STATUSES = ['voided', 'cancelled', 'canceled', 'geannuleerd', 'vervallen'] as const;

// A plain "Status" is left alone: it is a wholesale export's line status as often as an order's.
const STATUS = ['financialstatus', 'orderstatus', 'paymentstatus', 'bestelstatus', 'betaalstatus'];
const SHIPPING = [
  'shipping',
  'shippingcost',
  'shippingamount',
  'shippingtotal',
  'ordershippingamount',
  // Amazon's All Orders report: the delivery charged per item.
  'shippingprice',
  'shippingcharge',
  'deliverycharge',
  'verzendkosten',
  'verzending',
];
/** A promotion off the delivery fee (Amazon's `ship-promotion-discount`): it lowers shipping, not the goods. */
const SHIPPING_DISCOUNT = [
  'shippromotiondiscount',
  'shippingdiscount',
  'shippingpromotiondiscount',
  'verzendkorting',
];
const REFUNDED = [
  'refundedamount',
  'refunded',
  'refundamount',
  'orderrefundamount',
  'amountrefunded',
  'terugbetaald',
  'terugbetaaldbedrag',
];

/** Roles whose column is an order's (never money: an amount filled down would count once per line). */
const FILLED_ROLES: Role[] = ['customer_id', 'order_date', 'customer_name', 'country', 'segment', 'channel'];

/** Reads the order-level fields; the order number's column is known to be recognised. */
export async function orderLevel(engine: Engine, p: ExportProfile, r: Recognised): Promise<OrderLevel> {
  const q = engine.dialect.quoteIdent;
  const t = q(p.table);
  const used = new Set(Object.values(r.columns).map((c) => c.name));
  const find = (names: string[]) =>
    p.columns.find((c) => !used.has(c.name) && names.includes(normaliseName(c.name)))?.name;
  // The status may already be recognised (a wholesale export's status role): an order status name is still the order's.
  const recognisedStatus = r.columns.status?.name;
  const status =
    recognisedStatus && STATUS.includes(normaliseName(recognisedStatus)) ? recognisedStatus : find(STATUS);
  const shipping = find(SHIPPING);
  const shippingDiscount = find(SHIPPING_DISCOUNT);
  const refunded = find(REFUNDED);
  // A plain status (a wholesale invoice's) is filled too where an order's later lines lack it.
  const anyStatus = status ?? recognisedStatus;
  const filled = [
    ...FILLED_ROLES.flatMap((role) => (r.columns[role] ? [r.columns[role].name] : [])),
    ...(anyStatus ? [anyStatus] : []),
    // The e-mail beside the account number: a guest order's customer (guestCustomers.ts) on every line.
    ...(r.email ? [r.email.name] : []),
  ];
  // The amount column is checked the same way (never filled down: money would count once per line).
  const amount = r.columns.amount?.name;
  const candidates = [...filled, ...(amount && !filled.includes(amount) ? [amount] : [])];
  const missing = (v: string) =>
    `(${v} IS NULL OR upper(trim(${v})) IN ('', 'NA', 'N/A', 'NULL', '#N/A', '-'))`;
  const qty = r.columns.quantity?.name;
  const key = `trim(${q(r.columns.order_id!.name)})`;
  // Only the columns read below go through the window functions: each one carries every column
  // it is given through its sort (a 1,000,000-line export's nine text columns: most of the cost).
  const read = [
    ...new Set(
      [r.columns.order_id!.name, ...candidates, qty, shipping, shippingDiscount, refunded, status].filter(
        (c) => c !== undefined,
      ),
    ),
  ];
  // Blocks of consecutive lines with the same order number. A block's first line is one that
  // starts a new number, or the very first line (`_top`: its number may be empty, as the next ones).
  const running = 'OVER (ORDER BY _rn ROWS UNBOUNDED PRECEDING)';
  // Whether the block's first line has each field: carried down from that line in the same ordered
  // pass as the block number (one sort of the lines, not a partition per block: 4.4 -> 2.5 CPU-s
  // on a 1,000,000-line export). A flag is never NULL, so IGNORE NULLS skips exactly the later lines.
  const firsts = candidates.map(
    (c, i) =>
      `last_value(CASE WHEN _new = 1 OR _top THEN NOT ${missing(q(c))} END IGNORE NULLS) ${running} AS f${i}`,
  );
  const blocks = `SELECT *, sum(_new) ${running} AS _block${firsts.length ? `, ${firsts.join(', ')}` : ''} FROM (
      SELECT *, CASE WHEN ${key} IS DISTINCT FROM lag(${key}) OVER (ORDER BY _rn) THEN 1 ELSE 0 END AS _new,
        lag(_rn) OVER (ORDER BY _rn) IS NULL AS _top
      FROM (SELECT _rn, ${read.map(q).join(', ')} FROM ${t}) c) a`;
  const refundFirst = refunded
    ? `, first_value(${numberValueSql(engine.dialect, q(refunded), p.decimal)}) OVER (PARTITION BY _block ORDER BY _rn ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS f_refund`
    : '';
  // A later line without an amount is an order's total only where it has a quantity: a comment line
  // under an invoice (Business Central: a description only) has neither.
  const sold = (c: string) => (c === amount && qty ? ` AND NOT ${missing(q(qty))}` : '');
  const fills = candidates.map(
    (c, i) => `count(*) FILTER (WHERE _new = 0 AND f${i} AND ${missing(q(c))}${sold(c)}) AS n${i}`,
  );
  const voidedList = VOIDED_STATUSES.map((s) => `'${s}'`).join(', ');
  const money = (c: string) => numberValueSql(engine.dialect, q(c), p.decimal);
  const sums = [
    ...(shipping
      ? [
          `CAST(sum(${money(shipping)}) AS ${engine.dialect.decimalType(38, 2)}) AS ship, count(*) FILTER (WHERE ${money(shipping)} <> 0) AS ship_n`,
        ]
      : []),
    ...(shippingDiscount
      ? [
          `CAST(sum(abs(${money(shippingDiscount)})) AS ${engine.dialect.decimalType(38, 2)}) AS ship_off, ${engine.dialect.countWhere(`${money(shippingDiscount)} <> 0`)} AS ship_off_n`,
        ]
      : []),
    ...(refunded
      ? [
          `CAST(sum(${money(refunded)}) AS ${engine.dialect.decimalType(38, 2)}) AS refund, count(DISTINCT _block) FILTER (WHERE ${money(refunded)} <> 0) AS refund_n`,
          // Repeated when later lines carry their order's first value (WooCommerce), not their own (Magento's per item).
          `count(*) FILTER (WHERE _new = 0 AND ${money(refunded)} <> 0 AND ${money(refunded)} = f_refund) AS refund_later`,
          `count(*) FILTER (WHERE _new = 0 AND ${money(refunded)} <> 0 AND ${money(refunded)} IS DISTINCT FROM f_refund) AS refund_own`,
        ]
      : []),
    ...(status
      ? [
          `count(DISTINCT _block) FILTER (WHERE lower(trim(${q(status)})) IN (${voidedList})) AS voided`,
          `${engine.dialect.distinctValues(`CASE WHEN lower(trim(${q(status)})) IN (${voidedList}) THEN lower(trim(${q(status)})) END`)} AS voided_values`,
        ]
      : []),
  ];
  const select = [...fills, ...sums];
  if (!select.length) return { fillDown: [] };
  const row = (
    await engine.query(`SELECT ${select.join(', ')} FROM (SELECT *${refundFirst} FROM (${blocks}) b) x`)
  )[0]!;
  const orderMoney = (column: string | undefined, total: string, n: string): OrderMoney | undefined =>
    column === undefined
      ? undefined
      : { column, total: String(row[total] ?? '0.00'), orders: Number(row[n] ?? 0) };
  return {
    fillDown: filled.filter((_, i) => Number(row[`n${i}`]) > 0),
    ...(amount && candidates.length > filled.length && Number(row[`n${filled.length}`]) > 0
      ? { orderAmount: amount }
      : {}),
    ...(status
      ? {
          status: {
            column: status,
            voidedOrders: Number(row.voided),
            values: (Array.isArray(row.voided_values) ? row.voided_values : []).map(String).sort(),
          },
        }
      : {}),
    ...(shipping ? { shipping: orderMoney(shipping, 'ship', 'ship_n') } : {}),
    ...(shippingDiscount ? { shippingDiscount: orderMoney(shippingDiscount, 'ship_off', 'ship_off_n') } : {}),
    ...(refunded
      ? {
          refunded: {
            ...orderMoney(refunded, 'refund', 'refund_n')!,
            repeated: Number(row.refund_later) > Number(row.refund_own),
            perLine: Number(row.refund_own) >= Number(row.refund_later) && Number(row.refund_own) > 0,
          },
        }
      : {}),
  };
}
