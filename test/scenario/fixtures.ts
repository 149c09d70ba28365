/** Synthetic baselines and initiatives for the scenario tests (no database). */
import { initiativeSchema, type GroupBaseline, type Initiative } from '../../src/scenario/index.ts';

/** A group of 100 customers over `years`: 5% monthly dropout, 1 purchase a month per active customer, margin 30 a purchase. */
export function syntheticBaseline(years = 5): GroupBaseline {
  const months = years * 12;
  const alive = new Float64Array(months + 1);
  const purchases = new Float64Array(months);
  const margin = new Float64Array(months);
  const revenue = new Float64Array(months);
  alive[0] = 100;
  for (let k = 1; k <= months; k++) {
    alive[k] = alive[k - 1]! * 0.95;
    purchases[k - 1] = (alive[k - 1]! + alive[k]!) / 2;
    revenue[k - 1] = purchases[k - 1]! * 100;
    margin[k - 1] = purchases[k - 1]! * 30;
  }
  return {
    customers: 100,
    unvalued: 0,
    months,
    alive,
    purchases,
    margin,
    revenue,
    ordersPerPurchase: 1.25,
    contactsPerPurchase: 0.5,
    returnsPerPurchase: 8,
    marginRate: 0.3,
    lines: [
      { id: 'delivery', name: 'Delivery', behaviour: 'variable', driver: 'purchases', perUnit: 6 },
      { id: 'picking', name: 'Picking', behaviour: 'capacity', driver: 'purchases', perUnit: 4 },
      { id: 'service', name: 'Service', behaviour: 'capacity', driver: 'contacts', perUnit: 2 },
      { id: 'returns_handling', name: 'Returns', behaviour: 'capacity', driver: 'returns', perUnit: 1 },
      { id: 'account', name: 'Account management', behaviour: 'fixed', driver: 'customers', perUnit: 120 },
    ],
  };
}

/** An initiative from a partial YAML-shaped object, defaulted by the schema. */
export function initiative(raw: Record<string, unknown>): Initiative {
  return initiativeSchema.parse({ name: 'test', ...raw });
}
