/**
 * One customer's hidden traits, drawn from its segment: who it is, when it came, how often
 * it buys and how likely it stops after each order, and how it is treated and paid.
 */
import type { Calendar } from './calendar.ts';
import { customerName } from './names.ts';
import { nextWorkingDay } from './purchaseDays.ts';
import { cumulative, type Rng } from './rng.ts';
import type { TraitSequence } from './traitSequence.ts';
import { REGION_WEIGHTS, SEGMENTS, type SegmentProfile } from './segments.ts';

/** A customer's drawn traits (never written as such; they shape its rows). */
export interface CustomerProfile {
  /** `customer_id` as UTF-8 bytes, e.g. `C000123`. */
  id: Uint8Array;
  name: string;
  /** Index into {@link SEGMENTS}. */
  segment: number;
  profile: SegmentProfile;
  /** Index into ORDER_CHANNELS. */
  channel: number;
  /** Index into REGIONS. */
  region: number;
  /** Day index of acquisition (negative: before the period). */
  acquired: number;
  /** True when acquired before the period (alive at its start). */
  preExisting: boolean;
  /** Orders per day while alive. */
  ratePerDay: number;
  /** Chance to stop after each order. */
  dropout: number;
  /** On-invoice discount as a share of list price. */
  discount: number;
  /** Chance an order goes express. */
  express: number;
  /** Service contacts per order. */
  contactsPerOrder: number;
  /** Chance an order has a return. */
  returnRate: number;
  /** Mean days paid past due (0: pays on time). */
  lateDays: number;
  /** Stops paying its invoices in its last months. */
  defaulter: boolean;
  /** Year-end rebate as a share of the year's invoiced sales (0: none). */
  rebate: number;
  /** Satisfaction on 0-1. */
  satisfaction: number;
  /** Free express and much service: satisfied, often unprofitable (over-served). */
  pampered: boolean;
  /** Complains, scores low, gets low discounts: at risk when profitable. */
  unhappy: boolean;
  /** Top discounts, express, late payment, much service: big but loss-making. */
  demanding: boolean;
}

/** Discount range of demanding key accounts. */
const DEMANDING_DISCOUNT: [number, number] = [0.19, 0.25];

const REGION_CUM = cumulative(REGION_WEIGHTS);
const CHANNEL_CUM = SEGMENTS.map((s) => cumulative(s.channels));
/** Draws customer number `n` (1-based) with an id of `idWidth` digits. */
export function drawCustomer(
  rng: Rng,
  traits: TraitSequence,
  n: number,
  idWidth: number,
  calendar: Calendar,
): CustomerProfile {
  const segment = traits.segment();
  const p = SEGMENTS[segment]!;
  const region = rng.pickCumulative(REGION_CUM);
  const preExisting = rng.chance(p.preExisting);
  let acquired = preExisting ? -rng.between(1, Math.round(365 * p.yearsBack)) : rng.int(calendar.days);
  if (!preExisting && p.weekdaysOnly) {
    acquired = nextWorkingDay(calendar, acquired);
    if (acquired >= calendar.days) acquired -= 7;
  }
  const t = traits.trait(segment);
  const pampered = t < p.pampered;
  const unhappy = !pampered && t < p.pampered + p.unhappy;
  const demanding = !pampered && !unhappy && t < p.pampered + p.unhappy + p.demanding;
  const [dLo, dHi] = unhappy ? p.unhappyDiscount : demanding ? DEMANDING_DISCOUNT : p.discount;
  const late = demanding || rng.chance(p.late.share);
  const rate = rng.gamma(p.orderRate.shape, p.orderRate.mean / p.orderRate.shape);
  let satisfaction = p.satisfaction + 0.08 * rng.normal();
  if (pampered) satisfaction += 0.2;
  if (demanding) satisfaction += 0.05;
  if (unhappy) satisfaction = 0.28 + 0.1 * rng.normal();
  if (late) satisfaction -= 0.04;
  return {
    id: Buffer.from(`C${String(n).padStart(idWidth, '0')}`, 'latin1'),
    name: customerName(rng, segment, region),
    segment,
    profile: p,
    channel: rng.pickCumulative(CHANNEL_CUM[segment]!),
    region,
    acquired,
    preExisting,
    ratePerDay: Math.max(rate, 0.05) / 365,
    dropout: rng.beta(p.dropout.a, p.dropout.b),
    discount: rng.uniform(dLo, dHi),
    express: pampered ? rng.uniform(0.5, 0.8) : p.express * rng.uniform(0.5, 1.5) * (demanding ? 2.5 : 1),
    contactsPerOrder:
      p.contactsPerOrder * (pampered ? 4 : unhappy || demanding ? 2 : 1) * rng.uniform(0.5, 1.5),
    returnRate: rng.beta(p.returns.a, p.returns.b),
    lateDays: late ? rng.exponential(1 / p.late.days) * (demanding ? 1.5 : 1) + 3 : 0,
    defaulter: rng.chance(p.defaulters),
    rebate: rng.chance(p.rebate.share) ? rng.uniform(p.rebate.range[0], p.rebate.range[1]) : 0,
    satisfaction: Math.min(1, Math.max(0, satisfaction)),
    pampered,
    unhappy,
    demanding,
  };
}
