/**
 * Scenario benchmark: an initiative targeting 100,000 customers (BG/NBD histories drawn with
 * a seeded generator), 10,000 Monte Carlo draws over three uncertain effects. Timed apart:
 * the baseline (per-customer monthly curves summed once) and the simulation with tornado
 * and break-even. Histories lie on a day grid as in a workspace; customers with the same
 * history share their forecast curves.
 */
import os from 'node:os';
import { FORECASTERS, simulateBgnbd } from '../src/clv/index.ts';
import { initiativeSchema, scenarioResult, sumCurves, type GroupBaseline } from '../src/scenario/index.ts';
import type { BenchRow, BenchSection } from './report.ts';
import type { Suite } from './suites.ts';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CUSTOMERS = 100_000;
const DRAWS = 10_000;
const YEARS = 5;

function baseline(): GroupBaseline {
  const sim = simulateBgnbd(BG, CUSTOMERS, { tMin: 27, tMax: 39 }, 17);
  // Summaries in weeks come from dates, so t_x and T lie on a day grid (1/7 week), as in a workspace.
  const day = (w: number) => Math.round(w * 7) / 7;
  const spend = Float64Array.from({ length: CUSTOMERS }, (_, i) => 40 + (i % 20));
  const margin = new Float64Array(CUSTOMERS).fill(0.3);
  const g = sumCurves(
    FORECASTERS['bgnbd'],
    BG,
    { x: sim.x, tx: sim.tx.map(day), T: sim.T.map(day), spend, marginRate: margin },
    YEARS * 12,
  );
  return {
    ...g,
    unvalued: 0,
    ordersPerPurchase: 1.1,
    contactsPerPurchase: 0.4,
    returnsPerPurchase: 3,
    marginRate: 0.3,
    lines: [
      { id: 'delivery', name: 'Delivery', behaviour: 'variable', driver: 'purchases', perUnit: 6 },
      { id: 'picking', name: 'Picking', behaviour: 'capacity', driver: 'purchases', perUnit: 3 },
      { id: 'returns_handling', name: 'Returns', behaviour: 'capacity', driver: 'returns', perUnit: 1.5 },
      { id: 'service', name: 'Service', behaviour: 'capacity', driver: 'contacts', perUnit: 2 },
      { id: 'account', name: 'Account management', behaviour: 'fixed', driver: 'customers', perUnit: 20 },
    ],
  };
}

const INITIATIVE = initiativeSchema.parse({
  name: 'bench',
  costs: {
    one_off: 250000,
    per_customer_per_year: 1,
    activities: [{ activity: 'returns_handling', volume: 30 }],
  },
  effects: {
    retention: { value: { triangular: { min: 0, mode: 1.5, max: 4 } }, basis: 'judgment' },
    frequency: { value: { uniform: { min: 0, max: 6 } }, basis: 'judgment' },
    returns: { value: { normal: { mean: 30, sd: 8 } }, basis: 'measured' },
  },
  break_even: 'retention',
});

async function run(): Promise<BenchSection> {
  const load = os.loadavg()[0]!.toFixed(1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const b = baseline();
  const t1 = performance.now();
  const c1 = process.cpuUsage(c0);
  const r = scenarioResult(b, INITIATIVE, { discountRate: 0.08, draws: DRAWS, seed: 1 });
  const t2 = performance.now();
  const c2 = process.cpuUsage(c0);
  const cpu = (c: NodeJS.CpuUsage) => `CPU ${((c.user + c.system) / 1e6).toFixed(2)} s`;
  const total = (t2 - t0) / 1000;
  const rows: BenchRow[] = [
    {
      what: `baseline curves, ${CUSTOMERS.toLocaleString('en-US')} customers x ${YEARS * 12} months (BG/NBD)`,
      figure: `${((t1 - t0) / 1000).toFixed(2)} s (${cpu(c1)})`,
    },
    {
      what: `${DRAWS.toLocaleString('en-US')} draws + tornado + break-even`,
      figure: `${((t2 - t1) / 1000).toFixed(2)} s`,
    },
    {
      what: `scenario run: ${DRAWS.toLocaleString('en-US')} draws x ${CUSTOMERS.toLocaleString('en-US')} targeted customers`,
      figure: `${total.toFixed(2)} s (${cpu(c2)})`,
      target: '< 10 s',
      met: total < 10,
    },
  ];
  const notes = [
    `load average ${load} at the start; NPV mean ${r.npv.mean}, P5 ${r.npv.p5}, P95 ${r.npv.p95}, P(NPV > 0) ${r.probPositive.toFixed(3)}; the curve generation of the simulated histories is included in the baseline time.`,
  ];
  return { id: 'scenario', title: 'Scenarios (src/scenario)', rows, notes };
}

/** The scenario suite for `npm run bench -- scenario`. */
export const scenarioSuite: Suite = { name: 'scenario', run };
