/**
 * The wholesaler's assortment: five product groups with their own margins, and a fixed
 * list of products with a list price, a unit cost and a weight. The same for every seed,
 * so prices and margins are a property of the company, not of the random draw.
 */
import { Rng } from './rng.ts';

/** A product group with its typical cost ratio (cost / list price). */
export interface ProductGroup {
  /** Name as written in `product_group`. */
  name: string;
  /** Cost of goods as a share of list price; 1 - this is the list margin. */
  costRatio: number;
  /** List price range per unit, in cents. */
  priceCents: [number, number];
  /** Weight range per unit, in kg. */
  weightKg: [number, number];
  /** Share of a returned item's cost that is recovered (perishables cannot be resold). */
  recovery: number;
}

/** The product groups: Dranken, Zuivel, Droogwaren, Non-food, Vers. */
export const PRODUCT_GROUPS: readonly ProductGroup[] = [
  { name: 'Dranken', costRatio: 0.76, priceCents: [95, 2_495], weightKg: [0.4, 9], recovery: 0.9 },
  { name: 'Zuivel', costRatio: 0.8, priceCents: [89, 1_295], weightKg: [0.2, 2.5], recovery: 0.2 },
  { name: 'Droogwaren', costRatio: 0.7, priceCents: [79, 1_595], weightKg: [0.2, 5], recovery: 0.85 },
  { name: 'Non-food', costRatio: 0.6, priceCents: [149, 5_995], weightKg: [0.1, 4], recovery: 0.75 },
  { name: 'Vers', costRatio: 0.72, priceCents: [199, 2_995], weightKg: [0.3, 3], recovery: 0 },
];

/** One product: the arrays of {@link Catalog} indexed by product number. */
export interface Catalog {
  /** `product_id` per product as bytes, e.g. `P20017`. */
  ids: Uint8Array[];
  /** Group index per product (into {@link PRODUCT_GROUPS}). */
  group: Uint8Array;
  /** List price per unit in cents. */
  priceCents: Int32Array;
  /** Cost per unit in cents (fractional; a line's cost is rounded once). */
  unitCost: Float64Array;
  /** Weight per unit in kg. */
  weightKg: Float64Array;
  /** Product numbers of each group, most popular first. */
  byGroup: number[][];
}

/** Products per group. */
export const PRODUCTS_PER_GROUP = 80;

/** Builds the assortment (fixed: independent of the demo's seed). */
export function makeCatalog(): Catalog {
  const rng = new Rng(20_240_101);
  const n = PRODUCT_GROUPS.length * PRODUCTS_PER_GROUP;
  const cat: Catalog = {
    ids: [],
    group: new Uint8Array(n),
    priceCents: new Int32Array(n),
    unitCost: new Float64Array(n),
    weightKg: new Float64Array(n),
    byGroup: PRODUCT_GROUPS.map(() => []),
  };
  let p = 0;
  PRODUCT_GROUPS.forEach((g, gi) => {
    for (let k = 0; k < PRODUCTS_PER_GROUP; k++, p++) {
      // Log-uniform prices: many cheap items, a few expensive ones.
      const [lo, hi] = g.priceCents;
      const price = Math.round(lo * Math.pow(hi / lo, rng.next()));
      cat.ids.push(Buffer.from(`P${gi + 1}${String(k + 1).padStart(4, '0')}`, 'latin1'));
      cat.group[p] = gi;
      cat.priceCents[p] = price;
      cat.unitCost[p] = price * g.costRatio * rng.uniform(0.9, 1.1);
      cat.weightKg[p] = g.weightKg[0] + (g.weightKg[1] - g.weightKg[0]) * rng.next() * rng.next();
      cat.byGroup[gi]!.push(p);
    }
  });
  return cat;
}
