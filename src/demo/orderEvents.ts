/**
 * One order and everything it causes: its lines (list price, discount, cost of goods), its
 * shipment(s), its invoice (due in 30 days, paid on time, late or never) and possibly a
 * return of some of its lines.
 */
import { PRODUCT_GROUPS } from './catalog.ts';
import type { CustomerProfile } from './customerProfile.ts';
import type { DemoContext } from './demoContext.ts';
import { UNPAID } from './demoRows.ts';
import { nextWorkingDay } from './purchaseDays.ts';
import { cumulative } from './rng.ts';
import { ORDER_CHANNELS, SEGMENTS } from './segments.ts';
import { RETURN_REASONS } from './texts.ts';

const GROUP_CUM = SEGMENTS.map((s) => cumulative(s.groups));
const CHANNEL_CUM = SEGMENTS.map((s) => cumulative(s.channels));
const GROUP_NAMES = PRODUCT_GROUPS.map((g) => g.name);
const MAX_LINES = 60;
/** Payment term in days. */
export const PAYMENT_DAYS = 30;
/** Above this weight (kg) an order ships in two loads. */
const SPLIT_KG = 1_500;
/** Web shop share of orders with a 10% promotion code. */
const WEB_PROMO = 0.12;

/** What an order left behind, for the customer's totals. */
export interface OrderResult {
  /** Invoiced amount (gross - discount), cents. */
  net: number;
  /** Whether it was returned (partly). */
  returned: boolean;
}

const lineNet = new Float64Array(MAX_LINES);
const lineCogs = new Float64Array(MAX_LINES);
const lineGroup = new Uint8Array(MAX_LINES);
const lineQty = new Float64Array(MAX_LINES);

/** Writes one order of customer `c` on `day`; `unpaidFrom` is the day from which a defaulter stops paying. */
export function writeOrder(
  ctx: DemoContext,
  c: CustomerProfile,
  day: number,
  unpaidFrom: number,
): OrderResult {
  const { rng, catalog, rows, calendar, ids } = ctx;
  const p = c.profile;
  const orderId = ++ids.order;
  const channel = ORDER_CHANNELS[rng.chance(0.85) ? c.channel : rng.pickCumulative(CHANNEL_CUM[c.segment]!)]!;
  const discountRate = p.weekdaysOnly ? c.discount : rng.chance(WEB_PROMO) ? 0.1 : 0;
  const n = Math.min(MAX_LINES, 1 + rng.poisson(p.linesPerOrder - 1));
  const groupCum = GROUP_CUM[c.segment]!;
  const qtyScale = p.quantity - 1;
  let net = 0;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    const g = rng.pickCumulative(groupCum);
    const inGroup = catalog.byGroup[g]!;
    const u = rng.next();
    const product = inGroup[Math.floor(inGroup.length * u * u)]!;
    const qty = 1 + Math.floor(-Math.log(1 - rng.next()) * qtyScale);
    const gross = catalog.priceCents[product]! * qty;
    const discount = Math.round(gross * discountRate);
    const cogs = Math.round(catalog.unitCost[product]! * qty);
    rows.orderLine(
      orderId,
      i + 1,
      c.id,
      day,
      catalog.ids[product]!,
      GROUP_NAMES[g]!,
      qty,
      gross,
      discount,
      cogs,
      channel,
    );
    lineNet[i] = gross - discount;
    lineCogs[i] = cogs;
    lineGroup[i] = g;
    lineQty[i] = qty;
    net += gross - discount;
    weight += catalog.weightKg[product]! * qty;
  }

  // Shipment: next working day, express the same day.
  const express = rng.chance(c.express);
  let shipDay = express ? day : p.weekdaysOnly ? nextWorkingDay(calendar, day + 1) : day + 1;
  if (shipDay >= calendar.days) shipDay = calendar.days - 1;
  const loads = weight > SPLIT_KG ? 2 : 1;
  const loadKg = weight / loads;
  const freight = Math.round(p.freight.base + p.freight.perKg * loadKg + (express ? p.freight.express : 0));
  for (let k = 0; k < loads; k++) {
    rows.shipment(
      ++ids.shipment,
      orderId,
      c.id,
      shipDay,
      freight,
      Math.max(1, Math.round(loadKg * 10)),
      express,
    );
  }

  // Invoice on the ship day; web shop orders are invoiced and paid when placed.
  const invoiceDay = p.weekdaysOnly ? shipDay : day;
  const due = invoiceDay + PAYMENT_DAYS;
  let paid: number;
  if (!p.weekdaysOnly) paid = day;
  else if (c.defaulter && day >= unpaidFrom) paid = UNPAID;
  else if (c.lateDays > 0 && rng.chance(0.8)) paid = due + 1 + Math.floor(rng.exponential(1 / c.lateDays));
  else if (rng.chance(0.04)) paid = due + rng.between(1, 12);
  else paid = shipDay + rng.between(7, PAYMENT_DAYS);
  if (paid >= calendar.days) paid = UNPAID; // still outstanding at the end of the period
  rows.invoice(++ids.invoice, c.id, invoiceDay, due, paid, net);

  // A return of some lines: web consumers send back whole lines, businesses part of one.
  let returned = false;
  if (rng.chance(c.returnRate)) {
    const returnDay = shipDay + rng.between(3, 28);
    if (returnDay < calendar.days) {
      returned = true;
      const first = rng.int(n);
      const count = p.weekdaysOnly ? 1 : 1 + rng.int(n);
      let credited = 0;
      let recovered = 0;
      for (let j = 0; j < count; j++) {
        const i = (first + j) % n;
        const share = p.weekdaysOnly ? rng.between(1, lineQty[i]!) / lineQty[i]! : 1;
        credited += Math.round(lineNet[i]! * share);
        recovered += Math.round(lineCogs[i]! * share * PRODUCT_GROUPS[lineGroup[i]!]!.recovery);
      }
      const reason = rng.pick(RETURN_REASONS[c.segment]!);
      rows.returned(++ids.return, orderId, c.id, returnDay, credited, recovered, count, reason);
    }
  }
  return { net, returned };
}
