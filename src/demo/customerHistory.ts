/**
 * Everything one customer does in the period, written as rows: the customer itself, its
 * orders with their shipments, invoices and returns, its service contacts and visits, its
 * feedback and its year-end rebates.
 */
import type { CustomerProfile } from './customerProfile.ts';
import type { DemoContext } from './demoContext.ts';
import { writeOrderFeedback, writeYearlyFeedback } from './feedbackEvents.ts';
import { writeOrder } from './orderEvents.ts';
import { purchaseDays } from './purchaseDays.ts';
import { ORDER_CHANNELS, REGIONS } from './segments.ts';
import { writeOrderContacts, writeVisits } from './serviceEvents.ts';

/** Days a defaulter keeps ordering after it stopped paying. */
const DEFAULT_WINDOW = 75;
/** A year-end rebate is only earned on a year's invoiced sales of at least this many cents. */
const REBATE_THRESHOLD = 250_000;
/** Days after its last order a customer still counts as active (visits, surveys). */
const ACTIVE_AFTER = 45;

const days: number[] = [];

/** Writes all rows of customer `c`. */
export function writeCustomerHistory(ctx: DemoContext, c: CustomerProfile): void {
  const { rows, calendar } = ctx;
  rows.customer(c.id, c.name, c.profile.name, ORDER_CHANNELS[c.channel]!, REGIONS[c.region]!, c.acquired);
  const n = purchaseDays(ctx.rng, c, calendar, days);
  if (n === 0) return;
  const lastOrder = days[n - 1]!;
  const unpaidFrom = lastOrder - DEFAULT_WINDOW;
  const years = calendar.yearStarts.length - 1;
  const yearNet = new Array<number>(years).fill(0);
  let y = 0;
  for (let i = 0; i < n; i++) {
    const day = days[i]!;
    const { net, returned } = writeOrder(ctx, c, day, unpaidFrom);
    while (day >= calendar.yearStarts[y + 1]!) y++;
    yearNet[y]! += net;
    writeOrderContacts(ctx, c, day, returned);
    writeOrderFeedback(ctx, c, day);
  }
  const activeFrom = c.preExisting ? 0 : c.acquired;
  const activeTo = Math.min(calendar.days - 1, lastOrder + ACTIVE_AFTER);
  writeVisits(ctx, c, activeFrom, activeTo);
  writeYearlyFeedback(ctx, c, activeFrom, activeTo);
  if (c.rebate > 0) {
    for (let k = 0; k < years; k++) {
      if (yearNet[k]! < REBATE_THRESHOLD) continue;
      const amount = Math.round(yearNet[k]! * c.rebate);
      rows.rebate(c.id, calendar.yearStarts[k + 1]! - 1, amount);
    }
  }
}
