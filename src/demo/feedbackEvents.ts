/**
 * Feedback driven by the customer's hidden satisfaction: reviews after web orders (1-5),
 * a yearly NPS question (0-10), surveys of business customers (1-5), and complaints
 * (scored 1-2 on 5), which unhappy customers file far more often.
 */
import type { CustomerProfile } from './customerProfile.ts';
import type { DemoContext } from './demoContext.ts';
import { writeContact } from './serviceEvents.ts';
import { COMPLAINT_TEXTS, REVIEW_TEXTS } from './texts.ts';

/** Complaints per year of unhappy and of other customers, and the cap on the chance per order. */
const COMPLAINTS_UNHAPPY = { perYear: 3, cap: 0.25 };
const COMPLAINTS_OTHER = { perYear: 0.15, cap: 0.01 };

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Writes the feedback following one order on `day`. */
export function writeOrderFeedback(ctx: DemoContext, c: CustomerProfile, day: number): void {
  const { rng, calendar, rows, ids } = ctx;
  const last = calendar.days - 1;
  if (rng.chance(c.profile.reviewPerOrder)) {
    const d = day + rng.between(2, 14);
    if (d <= last) {
      const score = clamp(Math.round(1 + 4 * c.satisfaction + 0.7 * rng.normal()), 1, 5);
      const texts = score >= 4 ? REVIEW_TEXTS.good : score === 3 ? REVIEW_TEXTS.neutral : REVIEW_TEXTS.bad;
      rows.feedback(++ids.feedback, c.id, d, 'review', score, 5, rng.pick(texts));
    }
  }
  const complaints = c.unhappy ? COMPLAINTS_UNHAPPY : COMPLAINTS_OTHER;
  if (rng.chance(Math.min(complaints.cap, complaints.perYear / (c.ratePerDay * 365)))) {
    const d = day + rng.between(1, 7);
    if (d <= last) {
      rows.feedback(++ids.feedback, c.id, d, 'complaint', rng.between(1, 2), 5, rng.pick(COMPLAINT_TEXTS));
      writeContact(ctx, c, d, 'klacht');
    }
  }
}

/** Writes the yearly NPS answer and survey for each year the customer was active in [from, to]. */
export function writeYearlyFeedback(ctx: DemoContext, c: CustomerProfile, from: number, to: number): void {
  const { rng, calendar, rows, ids } = ctx;
  const starts = calendar.yearStarts;
  for (let y = 0; y + 1 < starts.length; y++) {
    const lo = Math.max(from, starts[y]!);
    const hi = Math.min(to, starts[y + 1]! - 1, calendar.days - 1);
    if (hi < lo) continue;
    if (rng.chance(c.profile.npsPerYear)) {
      const score = clamp(Math.round(10 * c.satisfaction + 1.2 * rng.normal()), 0, 10);
      rows.feedback(++ids.feedback, c.id, rng.between(lo, hi), 'nps', score, 10, '');
    }
    if (c.profile.weekdaysOnly && rng.chance(0.3)) {
      const score = clamp(Math.round(1 + 4 * c.satisfaction + 0.6 * rng.normal()), 1, 5);
      rows.feedback(++ids.feedback, c.id, rng.between(lo, hi), 'survey', score, 5, '');
    }
  }
}
