/**
 * The demo's options, parsed once into a fully defaulted value with clear errors.
 */
import { WorthError } from '../core/index.ts';
import type { DemoFormat } from './csvFormat.ts';

/** What to generate. */
export interface DemoOptions {
  /** Number of customers (1 .. 50,000,000); default 2,000 (about 10 order lines each). */
  customers: number;
  /** Whole calendar years in the period (1 .. 10); default 3. */
  years: number;
  /** Seed of the random stream (0 .. 2^32 - 1); default 42. Same seed, same files. */
  seed: number;
  /** File format: `standard` (`,` `.` yyyy-mm-dd) or `dutch` (`;` `,` dd-mm-yyyy); default standard. */
  format: DemoFormat;
  /** Last year of the period (it ends on 31 December); default 2025. */
  lastYear: number;
}

/** The defaults: 2,000 customers, 3 years ending 2025, seed 42, standard format. */
export const DEMO_DEFAULTS: Readonly<DemoOptions> = {
  customers: 2_000,
  years: 3,
  seed: 42,
  format: 'standard',
  lastYear: 2025,
};

function integerIn(name: string, value: number, lo: number, hi: number): number {
  if (!Number.isInteger(value) || value < lo || value > hi) {
    throw new WorthError('input', { path: name }, value, `a whole number from ${lo} to ${hi}`);
  }
  return value;
}

/** Fills in defaults and checks every option; throws a {@link WorthError} naming the bad one. */
export function demoOptions(input: Partial<DemoOptions> = {}): DemoOptions {
  const o = { ...DEMO_DEFAULTS, ...input };
  if (o.format !== 'standard' && o.format !== 'dutch') {
    throw new WorthError('input', { path: 'format' }, o.format, '"standard" or "dutch"');
  }
  return {
    customers: integerIn('customers', o.customers, 1, 50_000_000),
    years: integerIn('years', o.years, 1, 10),
    seed: integerIn('seed', o.seed, 0, 2 ** 32 - 1),
    format: o.format,
    lastYear: integerIn('lastYear', o.lastYear, 1990, 2100),
  };
}
