/**
 * Summary files turned into model data: the lifetimes-style customer summary
 * (`customer_id, frequency, recency, T[, monetary_value][, weight]`, CDNOW names `ID, x,
 * t_x, zbar` accepted), the BG/BB pattern file (`frequency, recency, periods, weights`) and
 * the sBG cohort file (`period, alive`).
 */
import { WorthError } from '../core/index.ts';
import type { DiscreteData } from './models/bgbb.ts';
import type { CohortData } from './models/sbg.ts';
import { spendData, type SpendData } from './models/gammaGamma.ts';
import { compressRfm, type RfmData } from './rfm.ts';
import { checkRow, numberColumn, type SummaryTable } from './summaryTable.ts';

const FREQ = ['frequency', 'x'] as const;
const REC = ['recency', 't_x', 't.x'] as const;
const AGE = ['T', 'T.cal', 'T_cal'] as const;
const SPEND = ['monetary_value', 'zbar', 'm.x', 'monetary'] as const;
const WEIGHT = ['weight', 'weights', 'custs', 'count'] as const;

/** Customer summaries as columns: frequency, recency, T, optional spend, weights. */
export interface CustomerSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean repeat spend (0 where absent or x = 0). */
  m: Float64Array | null;
  w: Float64Array;
}

/**
 * The largest frequency, recency or age accepted: a million time units is over 2,700 years in
 * days, so anything beyond it is a broken file (T = 1e308 once slipped through and gave
 * estimates at the edge of the parameter space).
 */
export const MAX_SUMMARY_VALUE = 1_000_000;

/**
 * Reads and validates a customer summary (recency ≤ T, recency = 0 when frequency = 0; T = 0 is
 * a customer first seen at the end of the period, as `worth clv` produces). The spend column is
 * read only when `needSpend`: a purchase model does not use it, so a bad value there is not its
 * business.
 */
export function readCustomerSummary(t: SummaryTable, needSpend: boolean): CustomerSummary {
  const x = numberColumn(t, FREQ, { integer: true, min: 0, max: MAX_SUMMARY_VALUE });
  const tx = numberColumn(t, REC, { min: 0, max: MAX_SUMMARY_VALUE });
  const T = numberColumn(t, AGE, { min: 0, max: MAX_SUMMARY_VALUE });
  const w = numberColumn(t, WEIGHT, { min: 0 }, 1);
  // (checkRow only on a failure: a call and a closure per row cost more than the test itself)
  for (let i = 0; i < x.length; i++) {
    if (!(tx[i]! <= T[i]!)) checkRow(t, i, REC, false, tx[i]!, `recency <= T (${T[i]})`);
    if (!(x[i]! > 0 || tx[i]! === 0)) checkRow(t, i, REC, false, tx[i]!, 'recency 0 when frequency is 0');
  }
  let m: Float64Array | null = null;
  if (needSpend) {
    m = numberColumn(t, SPEND, { min: 0 });
    checkSpend(t, x, m);
  }
  requireCustomers(t, x.length);
  return { x, tx, T, m, w };
}

/** Every customer with repeat purchases has a mean spend above zero (Gamma-Gamma models positive amounts). */
function checkSpend(t: SummaryTable, x: Float64Array, m: Float64Array): void {
  for (let i = 0; i < x.length; i++) if (!(x[i]! === 0 || m[i]! > 0)) refuseSpend(t, i, m[i]!);
}

/** Refuses row i's mean spend m: a customer with repeat purchases needs one above zero. */
function refuseSpend(t: SummaryTable, i: number, m: number): never {
  checkRow(
    t,
    i,
    SPEND,
    false,
    m,
    'a mean spend > 0 for customers with repeat purchases (Gamma-Gamma models positive amounts)',
  );
  throw new Error('checkRow returned on a refused value');
}

/** A summary file with no customer is refused, at its first data line. */
function requireCustomers(t: SummaryTable, customers: number): void {
  if (customers === 0)
    throw new WorthError(
      'input',
      { file: t.file, line: 2 },
      undefined,
      'at least one customer',
      `${t.file}: no customers in the file`,
    );
}

/** Compressed RFM rows for BG/NBD, MBG/NBD and Pareto/NBD. */
export function rfmFromTable(t: SummaryTable): RfmData {
  const s = readCustomerSummary(t, false);
  return compressRfm(s.x, s.tx, s.T, s.w);
}

/**
 * Spend rows (customers with x ≥ 1) for Gamma-Gamma. It reads only what it uses (frequency,
 * mean spend, weights): recency and T are the purchase model's business, so a bad value there is
 * no error here, as a bad spend is none for a purchase model.
 */
export function spendFromTable(t: SummaryTable): SpendData {
  const x = numberColumn(t, FREQ, { integer: true, min: 0, max: MAX_SUMMARY_VALUE });
  const w = numberColumn(t, WEIGHT, { min: 0 }, 1);
  const m = numberColumn(t, SPEND, { min: 0 });
  // (the spend check in spendData's first pass over the rows, not a pass of its own)
  const d = spendData(x, m, w, (i) => refuseSpend(t, i, m[i]!));
  requireCustomers(t, x.length);
  if (d.xm.length === 0)
    throw new WorthError(
      'input',
      { file: t.file },
      0,
      'customers with at least one repeat purchase',
      `${t.file}: no customer has a repeat purchase; Gamma-Gamma needs some`,
    );
  return d;
}

/** BG/BB patterns: frequency, recency (opportunity of last purchase), periods, weights. */
export function discreteFromTable(t: SummaryTable): DiscreteData {
  const x = numberColumn(t, FREQ, { integer: true, min: 0 });
  const tx = numberColumn(t, REC, { integer: true, min: 0 });
  const n = numberColumn(t, ['periods', 'n', 'n.cal', 'T'], { integer: true, min: 1 });
  const w = numberColumn(t, WEIGHT, { min: 0 }, 1);
  for (let i = 0; i < x.length; i++) {
    if (!(x[i]! <= tx[i]! || (x[i]! === 0 && tx[i]! === 0)))
      checkRow(t, i, FREQ, false, x[i]!, `frequency <= recency (${tx[i]})`);
    if (!(x[i]! > 0 || tx[i]! === 0)) checkRow(t, i, FREQ, false, tx[i]!, 'recency 0 when frequency is 0');
    if (!(tx[i]! <= n[i]!)) checkRow(t, i, REC, false, tx[i]!, `recency <= periods (${n[i]})`);
  }
  // one row per customer (e.g. the expanded donations file) collapses to the few patterns
  const c = compressRfm(x, tx, n, w);
  return { x: c.x, tx: c.tx, n: c.T, w: c.w };
}

/** sBG cohort: `period, alive` with periods 0, 1, 2, … and non-increasing alive counts. */
export function cohortFromTable(t: SummaryTable): CohortData {
  const period = numberColumn(t, ['period'], { integer: true, min: 0 });
  const alive = numberColumn(t, ['alive'], { min: 0 });
  for (let i = 0; i < period.length; i++) {
    if (period[i] !== i)
      checkRow(
        t,
        i,
        ['period'],
        false,
        period[i]!,
        `period ${i} (periods 0, 1, 2, … in order; 0 = the cohort)`,
      );
    if (i > 0 && !(alive[i]! <= alive[i - 1]!))
      checkRow(
        t,
        i,
        ['alive'],
        false,
        alive[i]!,
        `at most ${alive[i - 1]} (customers alive cannot increase)`,
      );
  }
  if (alive.length < 2 || !(alive[0]! > 0))
    throw new WorthError(
      'input',
      { file: t.file },
      alive.length,
      'a cohort (period 0, alive > 0) and at least one later period',
    );
  return { alive };
}
