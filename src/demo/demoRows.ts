/**
 * Writes rows of the canonical tables in one format and counts them: every row the demo
 * produces goes through here, so the file text and the returned totals cannot disagree.
 */
import type { CsvFormat } from './csvFormat.ts';
import { DEMO_COLUMNS, DEMO_TABLES, type DemoTable } from './columns.ts';
import type { TableSink } from './tableSink.ts';
import { TotalsCounter, type CentSum } from './totals.ts';

/** A paid day meaning "not paid" (empty `paid_date`). */
export const UNPAID = -1_000_000;

/** Row writers for every table, with running totals. */
export class DemoRows {
  /** Rows and money written so far. */
  readonly totals = new TotalsCounter();
  private readonly d: string;
  private readonly lineSums: [CentSum, CentSum, CentSum];
  private readonly returnSums: [CentSum, CentSum];
  private readonly freightSum: CentSum;
  private readonly invoiceSum: CentSum;
  private readonly rebateSum: CentSum;

  constructor(
    private readonly sinks: Record<DemoTable, TableSink>,
    private readonly f: CsvFormat,
  ) {
    this.d = f.delimiter;
    const s = this.totals.sums;
    this.lineSums = [s.order_lines.gross_amount!, s.order_lines.discount_amount!, s.order_lines.cogs_amount!];
    this.returnSums = [s.returns.credited_amount!, s.returns.cogs_recovered!];
    this.freightSum = s.shipments.freight_cost!;
    this.invoiceSum = s.invoices.amount!;
    this.rebateSum = s.rebates.amount!;
  }

  /** Writes the header row of every table. */
  headers(): void {
    for (const t of DEMO_TABLES) this.sinks[t].add(`${DEMO_COLUMNS[t].join(this.d)}\n`);
  }

  /** One customer. */
  customer(
    id: string,
    name: string,
    segment: string,
    channel: string,
    region: string,
    acquired: number,
  ): void {
    const d = this.d;
    this.totals.rows.customers++;
    this.sinks.customers.add(
      `${id}${d}${name}${d}${segment}${d}${channel}${d}${region}${d}${this.f.date(acquired)}\n`,
    );
  }

  /** One order line; amounts in cents. */
  orderLine(
    orderId: string,
    lineNo: number,
    customerId: string,
    day: number,
    productId: string,
    group: string,
    quantity: number,
    gross: number,
    discount: number,
    cogs: number,
    channel: string,
  ): void {
    const d = this.d;
    const f = this.f;
    this.totals.rows.order_lines++;
    this.lineSums[0].add(gross);
    this.lineSums[1].add(discount);
    this.lineSums[2].add(cogs);
    this.sinks.order_lines.add(
      `${orderId}${d}${lineNo}${d}${customerId}${d}${f.date(day)}${d}${productId}${d}${group}${d}${quantity}${d}${f.money(gross)}${d}${f.money(discount)}${d}${f.money(cogs)}${d}${channel}\n`,
    );
  }

  /** One return; amounts in cents. */
  returned(
    returnId: string,
    orderId: string,
    customerId: string,
    day: number,
    credited: number,
    recovered: number,
    lines: number,
    reason: string,
  ): void {
    const d = this.d;
    const f = this.f;
    this.totals.rows.returns++;
    this.returnSums[0].add(credited);
    this.returnSums[1].add(recovered);
    this.sinks.returns.add(
      `${returnId}${d}${orderId}${d}${customerId}${d}${f.date(day)}${d}${f.money(credited)}${d}${f.money(recovered)}${d}${lines}${d}${reason}\n`,
    );
  }

  /** One shipment; freight in cents, weight in tenths of a kg. */
  shipment(
    shipmentId: string,
    orderId: string,
    customerId: string,
    day: number,
    freight: number,
    weightTenths: number,
    express: boolean,
  ): void {
    const d = this.d;
    const f = this.f;
    this.totals.rows.shipments++;
    this.freightSum.add(freight);
    this.sinks.shipments.add(
      `${shipmentId}${d}${orderId}${d}${customerId}${d}${f.date(day)}${d}${f.money(freight)}${d}${f.tenths(weightTenths)}${d}${express}\n`,
    );
  }

  /** One service contact. */
  contact(
    contactId: string,
    customerId: string,
    day: number,
    channel: string,
    minutes: number,
    reason: string,
  ): void {
    const d = this.d;
    this.totals.rows.service_contacts++;
    this.sinks.service_contacts.add(
      `${contactId}${d}${customerId}${d}${this.f.date(day)}${d}${channel}${d}${minutes}${d}${reason}\n`,
    );
  }

  /** One invoice; `paid` is a day index or {@link UNPAID}; amount in cents. */
  invoice(
    invoiceId: string,
    customerId: string,
    day: number,
    due: number,
    paid: number,
    amount: number,
  ): void {
    const d = this.d;
    const f = this.f;
    this.totals.rows.invoices++;
    this.invoiceSum.add(amount);
    const paidText = paid === UNPAID ? '' : f.date(paid);
    this.sinks.invoices.add(
      `${invoiceId}${d}${customerId}${d}${f.date(day)}${d}${f.date(due)}${d}${paidText}${d}${f.money(amount)}\n`,
    );
  }

  /** One year-end rebate; amount in cents. */
  rebate(customerId: string, periodEnd: number, amount: number): void {
    const d = this.d;
    this.totals.rows.rebates++;
    this.rebateSum.add(amount);
    this.sinks.rebates.add(`${customerId}${d}${this.f.date(periodEnd)}${d}${this.f.money(amount)}\n`);
  }

  /** One feedback answer; `text` may be empty. */
  feedback(
    feedbackId: string,
    customerId: string,
    day: number,
    kind: string,
    score: number,
    scaleMax: number,
    text: string,
  ): void {
    const d = this.d;
    this.totals.rows.feedback++;
    this.sinks.feedback.add(
      `${feedbackId}${d}${customerId}${d}${this.f.date(day)}${d}${kind}${d}${score}${d}${scaleMax}${d}${text}\n`,
    );
  }
}
