/**
 * Service contacts: questions around orders (phone, email, chat), contacts about returns
 * and complaints, and account managers' visits to key accounts.
 */
import type { CustomerProfile } from './customerProfile.ts';
import type { DemoContext } from './demoContext.ts';
import { cumulative } from './rng.ts';
import { CONTACT_CHANNELS, SEGMENTS } from './segments.ts';
import { CONTACT_REASONS } from './texts.ts';

const CHANNEL_CUM = SEGMENTS.map((s) => cumulative(s.contactChannels));
/** Typical minutes per contact channel: a floor plus an exponential mean. */
const MINUTES: readonly [number, number][] = [
  [2, 6],
  [3, 7],
  [2, 6],
  [20, 40],
];

/** Writes one contact on `day` (clamped to the period); `reason` undefined draws a common one. */
export function writeContact(
  ctx: DemoContext,
  c: CustomerProfile,
  day: number,
  reason?: string,
  channel?: number,
): void {
  const { rng, calendar } = ctx;
  const ch = channel ?? rng.pickCumulative(CHANNEL_CUM[c.segment]!);
  const [floor, mean] = MINUTES[ch]!;
  const scale = c.pampered ? 1.6 : c.unhappy ? 1.3 : 1;
  const minutes = floor + Math.round(rng.exponential(1 / mean) * scale);
  const d = Math.min(calendar.days - 1, Math.max(0, day));
  ctx.rows.contact(
    ++ctx.ids.contact,
    c.id,
    d,
    CONTACT_CHANNELS[ch]!,
    minutes,
    reason ?? rng.pick(CONTACT_REASONS),
  );
}

/** Writes the contacts around one order: Poisson(contacts per order) around its day. */
export function writeOrderContacts(
  ctx: DemoContext,
  c: CustomerProfile,
  day: number,
  returned: boolean,
): void {
  const { rng } = ctx;
  const n = rng.poisson(c.contactsPerOrder);
  for (let i = 0; i < n; i++) writeContact(ctx, c, day + rng.between(-2, 10));
  if (returned && rng.chance(0.5)) writeContact(ctx, c, day + rng.between(5, 20), 'retour');
}

/** Writes account managers' visits between `from` and `to` (day indexes): Poisson per 30 days. */
export function writeVisits(ctx: DemoContext, c: CustomerProfile, from: number, to: number): void {
  const perMonth = c.profile.visitsPerMonth;
  if (perMonth <= 0) return;
  const { rng } = ctx;
  for (let start = from; start <= to; start += 30) {
    const n = rng.poisson(perMonth * (c.unhappy ? 0.7 : c.demanding ? 2 : 1));
    for (let i = 0; i < n; i++) {
      const day = Math.min(to, start + rng.int(30));
      writeContact(ctx, c, day, 'accountoverleg', 3);
    }
  }
}
