/**
 * The four customer segments and how each behaves: how many there are, how often they buy
 * and how soon they stop, what they buy, the discounts they get, how they are delivered,
 * served and invoiced, and how satisfied they are. These numbers carry the story the
 * analyses must find (see the comments on each segment).
 */

/** Order channels, as written in `channel`. */
export const ORDER_CHANNELS = ['field sales', 'phone', 'web shop', 'EDI'] as const;
/** Service contact channels (canonical values). */
export const CONTACT_CHANNELS = ['phone', 'email', 'chat', 'visit'] as const;
/** Regions, as written in `region`. */
export const REGIONS = ['Noord', 'Oost', 'Zuid', 'West', 'Randstad'] as const;
/** Share of customers per region (same order as {@link REGIONS}). */
export const REGION_WEIGHTS = [0.12, 0.18, 0.22, 0.1, 0.38];

/** How deliveries of a segment are priced by the carrier (the company's cost), in cents. */
export interface FreightTariff {
  base: number;
  perKg: number;
  express: number;
}

/** The behaviour of one segment. Rates are per year, probabilities per event. */
export interface SegmentProfile {
  /** Name as written in `segment`. */
  name: string;
  /** Share of customers. */
  share: number;
  /** Weights over {@link ORDER_CHANNELS} for the customer's main channel. */
  channels: number[];
  /** Share of customers already a customer before the period (alive at its start). */
  preExisting: number;
  /** Years before the period start over which old customers were acquired. */
  yearsBack: number;
  /** Orders per year: gamma with this shape and mean (heterogeneous purchase rates). */
  orderRate: { shape: number; mean: number };
  /** Chance to drop out after each order: beta(a, b) per customer (buy till you die). */
  dropout: { a: number; b: number };
  /** Order lines per order: 1 + Poisson(mean - 1). */
  linesPerOrder: number;
  /** Quantity per line: 1 + exponential with mean (mean - 1), rounded down. */
  quantity: number;
  /** Weights over the product groups. */
  groups: number[];
  /** On-invoice discount range (share of list price) for a normal / an unhappy customer. */
  discount: [number, number];
  /** Discount range of unhappy customers (they are the ones who complain about price). */
  unhappyDiscount: [number, number];
  /** Chance an order goes express; pampered customers get it far more often. */
  express: number;
  /** Service contacts per order (Poisson mean). */
  contactsPerOrder: number;
  /** Weights over {@link CONTACT_CHANNELS} (visits are only account-management visits when 0). */
  contactChannels: number[];
  /** Account manager visits per month while the customer is active. */
  visitsPerMonth: number;
  /** Return rate per order: beta(a, b) per customer. */
  returns: { a: number; b: number };
  /** Share of customers that pay late as a habit, and their mean days past due. */
  late: { share: number; days: number };
  /** Share of customers that stop paying their last invoices (bad debt). */
  defaulters: number;
  /** Share getting a year-end rebate, and its range as a share of the year's invoiced sales. */
  rebate: { share: number; range: [number, number] };
  /** Base satisfaction on 0-1. */
  satisfaction: number;
  /** Share of pampered customers: free express, lots of service, very satisfied (over-served). */
  pampered: number;
  /** Share of unhappy customers: complaints, low scores, low discounts (at risk when profitable). */
  unhappy: number;
  /** Share of demanding customers: top discounts, express, late payment, much service (loss-making). */
  demanding: number;
  /** Whether the segment only orders on working days (B2B). */
  weekdaysOnly: boolean;
  /** Chance an order is reviewed (review on 1-5). */
  reviewPerOrder: number;
  /** Chance per active year of an NPS answer (0-10). */
  npsPerYear: number;
  /** Carrier tariff. */
  freight: FreightTariff;
}

/**
 * Key accounts: few and large; heavy discounts, year-end rebates, frequent express, an
 * account manager, many contacts, some pay late -> big revenue, thin or negative profit.
 * A third are unhappy with low discounts: profitable but at risk.
 */
const keyAccounts: SegmentProfile = {
  name: 'Key accounts',
  share: 0.004,
  channels: [0.45, 0.05, 0, 0.5],
  preExisting: 0.85,
  yearsBack: 10,
  orderRate: { shape: 4, mean: 22 },
  dropout: { a: 1, b: 150 },
  linesPerOrder: 8,
  quantity: 60,
  groups: [3, 2, 3, 1, 2],
  discount: [0.12, 0.17],
  unhappyDiscount: [0.1, 0.12],
  express: 0.18,
  contactsPerOrder: 0.7,
  contactChannels: [5, 4, 0.5, 0],
  visitsPerMonth: 1.2,
  returns: { a: 1, b: 30 },
  late: { share: 0.45, days: 28 },
  defaulters: 0,
  rebate: { share: 1, range: [0.02, 0.05] },
  satisfaction: 0.72,
  pampered: 0,
  unhappy: 0.35,
  demanding: 0.3,
  weekdaysOnly: true,
  reviewPerOrder: 0,
  npsPerYear: 1,
  freight: { base: 3_800, perKg: 4, express: 6_500 },
};

/** Retail: shops and small chains; mid-sized orders, modest discounts, some rebates. */
const retail: SegmentProfile = {
  name: 'Retail',
  share: 0.04,
  channels: [0.35, 0.3, 0.1, 0.25],
  preExisting: 0.6,
  yearsBack: 8,
  orderRate: { shape: 2, mean: 4.5 },
  dropout: { a: 1.2, b: 40 },
  linesPerOrder: 5,
  quantity: 16,
  groups: [3, 1, 3, 2, 1],
  discount: [0.03, 0.1],
  unhappyDiscount: [0.02, 0.05],
  express: 0.04,
  contactsPerOrder: 0.25,
  contactChannels: [5, 4, 1, 0.2],
  visitsPerMonth: 0,
  returns: { a: 1, b: 25 },
  late: { share: 0.2, days: 20 },
  defaulters: 0.01,
  rebate: { share: 0.25, range: [0.01, 0.02] },
  satisfaction: 0.76,
  pampered: 0.08,
  unhappy: 0.15,
  demanding: 0,
  weekdaysOnly: true,
  reviewPerOrder: 0,
  npsPerYear: 0.6,
  freight: { base: 2_400, perKg: 4, express: 4_500 },
};

/**
 * Horeca: many small, frequent orders of few lines -> high handling cost per euro. A quarter
 * are pampered (free express, lots of phone time): satisfied and unprofitable (over-served).
 */
const horeca: SegmentProfile = {
  name: 'Horeca',
  share: 0.04,
  channels: [0.2, 0.45, 0.3, 0.05],
  preExisting: 0.5,
  yearsBack: 6,
  orderRate: { shape: 2, mean: 13 },
  dropout: { a: 1.5, b: 60 },
  linesPerOrder: 3,
  quantity: 6,
  groups: [4, 2, 1, 1, 3],
  discount: [0, 0.05],
  unhappyDiscount: [0, 0.02],
  express: 0.05,
  contactsPerOrder: 0.3,
  contactChannels: [7, 1.5, 1, 0.3],
  visitsPerMonth: 0,
  returns: { a: 1, b: 20 },
  late: { share: 0.25, days: 25 },
  defaulters: 0.03,
  rebate: { share: 0, range: [0, 0] },
  satisfaction: 0.72,
  pampered: 0.3,
  unhappy: 0.08,
  demanding: 0,
  weekdaysOnly: true,
  reviewPerOrder: 0,
  npsPerYear: 0.5,
  freight: { base: 1_250, perKg: 5, express: 2_200 },
};

/**
 * Web shop consumers: the long tail; one to three small orders, some return a lot, parcel
 * freight on every order -> many small loss-makers. Pampered ones get free express.
 */
const webConsumers: SegmentProfile = {
  name: 'Web shop consumers',
  share: 0.916,
  channels: [0, 0, 1, 0],
  preExisting: 0.25,
  yearsBack: 3,
  orderRate: { shape: 1.5, mean: 1.6 },
  dropout: { a: 2, b: 4 },
  linesPerOrder: 2.4,
  quantity: 3.2,
  groups: [2, 0, 3, 4, 0],
  discount: [0, 0],
  unhappyDiscount: [0, 0],
  express: 0.05,
  contactsPerOrder: 0.15,
  contactChannels: [2, 4, 4, 0],
  visitsPerMonth: 0,
  returns: { a: 0.6, b: 2.4 },
  late: { share: 0, days: 0 },
  defaulters: 0.003,
  rebate: { share: 0, range: [0, 0] },
  satisfaction: 0.64,
  pampered: 0.12,
  unhappy: 0.08,
  demanding: 0,
  weekdaysOnly: false,
  reviewPerOrder: 0.15,
  npsPerYear: 0.1,
  freight: { base: 545, perKg: 12, express: 850 },
};

/** The segments, largest customers first. */
export const SEGMENTS: readonly SegmentProfile[] = [keyAccounts, retail, horeca, webConsumers];
