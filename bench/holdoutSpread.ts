/**
 * How far the held-out check of total repeat purchases moves by chance when the model is right,
 * and whether a drop-out at an order nobody sees (a cancelled one) biases it: customers drawn
 * from a seeded BG/NBD-like process (an order, then drop-out with probability p, at every order;
 * an order cancelled with probability c is not a purchase but still carries the drop-out), fitted
 * with MBG/NBD and BG/NBD on 104 calibration weeks, the expected purchases of the next 52 weeks
 * against the drawn ones. By hand: `npx tsx bench/holdoutSpread.ts` (BENCHMARKS.md, issue 13's
 * last open items). Not a suite: it prints its figures.
 */
import { bgnbd, compressRfm, fitModel, FORECASTERS, mbgnbd, Random } from '../src/clv/index.ts';

const CALIBRATION = 104; // weeks
const HOLDOUT = 52;
const TRUTH = { r: 0.5, alpha: 10, a: 0.8, b: 4 };

/** The percentage gap (expected − actual) / actual of each model on one seeded population. */
function gap(customers: number, cancelled: number, seed: number): { bgnbd: number; mbgnbd: number } {
  const rng = new Random(seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  let actual = 0;
  for (let i = 0; i < customers; i++) {
    const rate = rng.gamma(TRUTH.r, TRUTH.alpha);
    const p = rng.beta(TRUTH.a, TRUTH.b);
    const birth = CALIBRATION * rng.uniform();
    let t = birth;
    let last = birth;
    let alive = !(rng.uniform() < p);
    while (alive) {
      t += rng.exponential(rate);
      if (t >= CALIBRATION + HOLDOUT) break;
      if (!(rng.uniform() < cancelled)) {
        if (t < CALIBRATION) {
          x[i]!++;
          last = t;
        } else actual++;
      }
      if (rng.uniform() < p) alive = false;
    }
    tx[i] = last - birth;
    T[i] = CALIBRATION - birth;
  }
  const data = compressRfm(x, tx, T);
  const times = Float64Array.of(HOLDOUT);
  const purchases = new Float64Array(1);
  const aliveAt = new Float64Array(1);
  const expectedOf = (
    fit: ReturnType<typeof fitModel<typeof data, 'bgnbd' | 'mbgnbd'>>,
    id: 'bgnbd' | 'mbgnbd',
  ) => {
    let e = 0;
    for (let i = 0; i < customers; i++) {
      FORECASTERS[id].curves(fit.params, x[i]!, tx[i]!, T[i]!, times, purchases, aliveAt);
      e += purchases[0]!;
    }
    return (100 * (e - actual)) / actual;
  };
  return {
    bgnbd: expectedOf(fitModel(bgnbd, data), 'bgnbd'),
    mbgnbd: expectedOf(fitModel(mbgnbd, data), 'mbgnbd'),
  };
}

function summary(values: number[]): string {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return `mean ${mean.toFixed(1)}%, sd ${sd.toFixed(1)}%, range ${Math.min(...values).toFixed(1)}% to ${Math.max(...values).toFixed(1)}%`;
}

for (const cancelled of [0, 0.06, 0.2]) {
  const g = [1, 2].map((seed) => gap(20_000, cancelled, seed));
  console.log(
    `20,000 customers, ${cancelled * 100}% of orders cancelled: BG/NBD ${g.map((v) => v.bgnbd.toFixed(1)).join('%, ')}%; MBG/NBD ${g.map((v) => v.mbgnbd.toFixed(1)).join('%, ')}% (seeds 1, 2)`,
  );
}
const small = Array.from({ length: 12 }, (_, k) => gap(1_300, 0.06, k + 1));
console.log(`1,300 customers, 6% cancelled, seeds 1-12: MBG/NBD ${summary(small.map((v) => v.mbgnbd))}`);
console.log(`  BG/NBD ${summary(small.map((v) => v.bgnbd))}`);
console.log(`  MBG/NBD by seed: ${small.map((v) => v.mbgnbd.toFixed(1)).join(', ')}`);
