/**
 * Writes rows of the canonical tables in one format and counts them: every row the demo
 * produces goes through here, so the file bytes and the returned totals cannot disagree.
 * Ids are written from their running numbers (`O` + 8 digits), amounts from integer cents.
 */
import { DEMO_TABLES, perTable, type DemoTable } from './columns.ts';
import { DATE_BYTES, type CsvFormat } from './csvFormat.ts';
import { RowBuffer } from './rowBuffer.ts';
import type { TableSink } from './tableSink.ts';
import { TotalsCounter, type CentSum } from './totals.ts';

/** A paid day meaning "not paid" (empty `paid_date`). */
export const UNPAID = -1_000_000;
/** Digits of the running number in generated ids. */
const ID_DIGITS = 8;
const NL = 10;
const [O, R, S, K, F, B] = ['O', 'R', 'S', 'K', 'F', 'B'].map((c) => c.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
  number,
  number,
];
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/** Row writers for every table, with running totals. */
export class DemoRows {
  /** Rows and money written so far. */
  readonly totals = new TotalsCounter();
  private readonly out: Record<DemoTable, RowBuffer>;
  private readonly d: number;
  private readonly mark: number;
  private readonly dates: Uint8Array;
  private readonly lineSums: [CentSum, CentSum, CentSum];
  private readonly returnSums: [CentSum, CentSum];
  private readonly freightSum: CentSum;
  private readonly invoiceSum: CentSum;
  private readonly rebateSum: CentSum;
  private lastOrder = -1;
  private readonly orderId = new Uint8Array(24);
  private orderIdLength = 0;

  constructor(
    sinks: Record<DemoTable, TableSink>,
    private readonly f: CsvFormat,
  ) {
    this.out = perTable((t) => new RowBuffer((chunk) => sinks[t].write(chunk)));
    this.d = f.delimiter.charCodeAt(0);
    this.mark = f.decimal.charCodeAt(0);
    this.dates = f.dates;
    const s = this.totals.sums;
    this.lineSums = [s.order_lines.gross_amount!, s.order_lines.discount_amount!, s.order_lines.cogs_amount!];
    this.returnSums = [s.returns.credited_amount!, s.returns.cogs_recovered!];
    this.freightSum = s.shipments.freight_cost!;
    this.invoiceSum = s.invoices.amount!;
    this.rebateSum = s.rebates.amount!;
  }

  /** Hands every buffered row to its sink. */
  flush(): void {
    for (const t of DEMO_TABLES) this.out[t].flush();
  }

  private date(o: RowBuffer, day: number): void {
    o.slice(this.dates, this.f.dateAt(day), DATE_BYTES);
  }

  private id(o: RowBuffer, prefix: number, n: number): void {
    o.byte(prefix);
    o.padded(n, ID_DIGITS);
  }

  /** The current order's id, formatted once per order rather than once per line. */
  private orderBytes(order: number): void {
    if (order !== this.lastOrder) {
      this.lastOrder = order;
      const text = `O${String(order).padStart(ID_DIGITS, '0')}`;
      for (let i = 0; i < text.length; i++) this.orderId[i] = text.charCodeAt(i);
      this.orderIdLength = text.length;
    }
  }

  /** One customer; `id` is the customer id's bytes. */
  customer(
    id: Uint8Array,
    name: string,
    segment: string,
    channel: string,
    region: string,
    acquired: number,
  ): void {
    const o = this.out.customers;
    const d = this.d;
    this.totals.rows.customers++;
    o.row();
    o.bytes(id);
    o.byte(d);
    o.text(name);
    o.byte(d);
    o.text(segment);
    o.byte(d);
    o.text(channel);
    o.byte(d);
    o.text(region);
    o.byte(d);
    this.date(o, acquired);
    o.byte(NL);
  }

  /** One order line; amounts in cents. */
  orderLine(
    order: number,
    lineNo: number,
    customer: Uint8Array,
    day: number,
    productId: Uint8Array,
    group: string,
    quantity: number,
    gross: number,
    discount: number,
    cogs: number,
    channel: string,
  ): void {
    const o = this.out.order_lines;
    const d = this.d;
    const mark = this.mark;
    this.totals.rows.order_lines++;
    if (lineNo === 1) this.totals.minutes.order(channel);
    this.totals.minutes.orderLine(quantity);
    this.lineSums[0].add(gross);
    this.lineSums[1].add(discount);
    this.lineSums[2].add(cogs);
    o.row();
    this.orderBytes(order);
    o.slice(this.orderId, 0, this.orderIdLength);
    o.byte(d);
    o.uint(lineNo);
    o.byte(d);
    o.bytes(customer);
    o.byte(d);
    this.date(o, day);
    o.byte(d);
    o.bytes(productId);
    o.byte(d);
    o.text(group);
    o.byte(d);
    o.uint(quantity);
    o.byte(d);
    o.cents(gross, mark);
    o.byte(d);
    o.cents(discount, mark);
    o.byte(d);
    o.cents(cogs, mark);
    o.byte(d);
    o.text(channel);
    o.byte(NL);
  }

  /** One return; amounts in cents. */
  returned(
    returnNo: number,
    order: number,
    customer: Uint8Array,
    day: number,
    credited: number,
    recovered: number,
    lines: number,
    reason: string,
  ): void {
    const o = this.out.returns;
    const d = this.d;
    this.totals.rows.returns++;
    this.totals.minutes.returned(lines);
    this.returnSums[0].add(credited);
    this.returnSums[1].add(recovered);
    o.row();
    this.id(o, R, returnNo);
    o.byte(d);
    this.id(o, O, order);
    o.byte(d);
    o.bytes(customer);
    o.byte(d);
    this.date(o, day);
    o.byte(d);
    o.cents(credited, this.mark);
    o.byte(d);
    o.cents(recovered, this.mark);
    o.byte(d);
    o.uint(lines);
    o.byte(d);
    o.text(reason);
    o.byte(NL);
  }

  /** One shipment; freight in cents, weight in tenths of a kg. */
  shipment(
    shipmentNo: number,
    order: number,
    customer: Uint8Array,
    day: number,
    freight: number,
    weightTenths: number,
    express: boolean,
  ): void {
    const o = this.out.shipments;
    const d = this.d;
    this.totals.rows.shipments++;
    this.totals.minutes.shipment(weightTenths, express);
    this.freightSum.add(freight);
    o.row();
    this.id(o, S, shipmentNo);
    o.byte(d);
    this.id(o, O, order);
    o.byte(d);
    o.bytes(customer);
    o.byte(d);
    this.date(o, day);
    o.byte(d);
    o.cents(freight, this.mark);
    o.byte(d);
    o.tenths(weightTenths, this.mark);
    o.byte(d);
    o.bytes(express ? TRUE : FALSE);
    o.byte(NL);
  }

  /** One service contact. */
  contact(
    contactNo: number,
    customer: Uint8Array,
    day: number,
    channel: string,
    minutes: number,
    reason: string,
  ): void {
    const o = this.out.service_contacts;
    const d = this.d;
    this.totals.rows.service_contacts++;
    this.totals.minutes.contact(channel, minutes);
    o.row();
    this.id(o, K, contactNo);
    o.byte(d);
    o.bytes(customer);
    o.byte(d);
    this.date(o, day);
    o.byte(d);
    o.text(channel);
    o.byte(d);
    o.uint(minutes);
    o.byte(d);
    o.text(reason);
    o.byte(NL);
  }

  /** One invoice; `paid` is a day index or {@link UNPAID}; amount in cents. */
  invoice(
    invoiceNo: number,
    customer: Uint8Array,
    day: number,
    due: number,
    paid: number,
    amount: number,
  ): void {
    const o = this.out.invoices;
    const d = this.d;
    this.totals.rows.invoices++;
    this.invoiceSum.add(amount);
    o.row();
    this.id(o, F, invoiceNo);
    o.byte(d);
    o.bytes(customer);
    o.byte(d);
    this.date(o, day);
    o.byte(d);
    this.date(o, due);
    o.byte(d);
    if (paid !== UNPAID) this.date(o, paid);
    o.byte(d);
    o.cents(amount, this.mark);
    o.byte(NL);
  }

  /** One year-end rebate; amount in cents. */
  rebate(customer: Uint8Array, periodEnd: number, amount: number): void {
    const o = this.out.rebates;
    const d = this.d;
    this.totals.rows.rebates++;
    this.rebateSum.add(amount);
    o.row();
    o.bytes(customer);
    o.byte(d);
    this.date(o, periodEnd);
    o.byte(d);
    o.cents(amount, this.mark);
    o.byte(NL);
  }

  /** One feedback answer; `text` may be empty. */
  feedback(
    feedbackNo: number,
    customer: Uint8Array,
    day: number,
    kind: string,
    score: number,
    scaleMax: number,
    text: string,
  ): void {
    const o = this.out.feedback;
    const d = this.d;
    this.totals.rows.feedback++;
    o.row();
    this.id(o, B, feedbackNo);
    o.byte(d);
    o.bytes(customer);
    o.byte(d);
    this.date(o, day);
    o.byte(d);
    o.text(kind);
    o.byte(d);
    o.uint(score);
    o.byte(d);
    o.uint(scaleMax);
    o.byte(d);
    o.text(text);
    o.byte(NL);
  }
}
