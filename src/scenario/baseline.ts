/**
 * The baseline of a targeted group: per-customer CLV curves summed once into monthly group
 * curves (typed arrays), plus the group's cost lines per unit of volume. Every projection
 * and every Monte Carlo draw works on these sums only, so a draw costs O(months x lines).
 */
import type { Behaviour } from '../costing/index.ts';

/** What drives an activity's volume in the projection. */
export type VolumeDriver = 'purchases' | 'returns' | 'contacts' | 'customers';

/** One activity's cost for the group, per unit of its driver. */
export interface CostLine {
  id: string;
  name: string;
  behaviour: Behaviour;
  driver: VolumeDriver;
  /** Cost per purchase (purchases, returns, contacts drivers) or per active customer-year (customers). */
  perUnit: number;
}

/** Monthly baseline of a targeted group; index k = 0..months (alive) or 1..months (flows). */
export interface GroupBaseline {
  /** Targeted customers. */
  customers: number;
  /** Customers matching the target without a lifetime value (no purchase to project from): not in the projection, said in a note. */
  unvalued: number;
  /**
   * Customers matching the target (or whose match rests on an empty CLV figure) whose lifetime
   * value is undetermined (`customer_clv.clv_undetermined`): not in the projection, said in a
   * note with the reason. Absent: none.
   */
  undetermined?: { customers: number; reasons: string[] };
  /** Months in the horizon (12 x years). */
  months: number;
  /** Expected customers alive at the end of month k (k = 0: now); length months + 1. */
  alive: Float64Array;
  /** Expected purchases (transactions) in month k (index k - 1); length months. */
  purchases: Float64Array;
  /** Expected gross margin in month k (spend x margin rate summed per customer); length months. */
  margin: Float64Array;
  /** Expected revenue in month k; length months. */
  revenue: Float64Array;
  /** Orders per purchase (a purchase is a customer-day; several orders on a day count once). */
  ordersPerPurchase: number;
  /** Service contacts per purchase in the analysis period. */
  contactsPerPurchase: number;
  /** Returned value per purchase in the analysis period. */
  returnsPerPurchase: number;
  /** Gross margin per euro of revenue of the group (for the margin lost on returns). */
  marginRate: number;
  /** Cost-to-serve lines of the group. */
  lines: CostLine[];
}

/** The monthly curves of a group, filled customer by customer with {@link addCustomer}. */
export type GroupCurves = Pick<
  GroupBaseline,
  'customers' | 'months' | 'alive' | 'purchases' | 'margin' | 'revenue'
>;

/** Empty group curves over `months` months. */
export function emptyCurves(months: number): GroupCurves {
  return {
    customers: 0,
    months,
    alive: new Float64Array(months + 1),
    purchases: new Float64Array(months),
    margin: new Float64Array(months),
    revenue: new Float64Array(months),
  };
}

/**
 * Adds one customer: `cumulative[k]` expected purchases by the end of month k + 1, `alive[k]`
 * P(alive) then, `aliveNow` P(alive) today, spend per purchase and margin per euro of revenue.
 */
export function addCustomer(
  g: GroupCurves,
  cumulative: Float64Array,
  alive: Float64Array,
  aliveNow: number,
  spend: number,
  marginRate: number,
): void {
  g.customers++;
  g.alive[0] = g.alive[0]! + aliveNow;
  let prev = 0;
  for (let k = 0; k < g.months; k++) {
    const cum = cumulative[k]!;
    const d = cum - prev;
    prev = cum;
    g.purchases[k] = g.purchases[k]! + d;
    g.revenue[k] = g.revenue[k]! + d * spend;
    g.margin[k] = g.margin[k]! + d * spend * marginRate;
    g.alive[k + 1] = g.alive[k + 1]! + alive[k]!;
  }
}
