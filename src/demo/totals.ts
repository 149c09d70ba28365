/**
 * Exact totals of what the demo wrote: rows per table and money per money column. Cents
 * are summed as integers in a float-free way: a Number holds a running sum far below 2^53
 * (exact), and is moved into a BigInt before it could lose a cent.
 */
import { fromScaled, type MoneyString } from '../core/index.ts';
import { DEMO_MONEY_COLUMNS, DEMO_TABLES, type DemoTable } from './columns.ts';
import { ActivityMinutes, type TimeActivity } from './costModelYaml.ts';

const FLUSH_AT = 2 ** 50;

/** An exact running sum of integer cents. */
export class CentSum {
  private small = 0;
  private big = 0n;

  /** Adds integer cents (must be a safe integer). */
  add(cents: number): void {
    this.small += cents;
    if (this.small > FLUSH_AT || this.small < -FLUSH_AT) this.flush();
  }

  /** Adds a BigInt of cents (another sum's result). */
  addCents(cents: bigint): void {
    this.big += cents;
  }

  /** The sum in cents as a BigInt. */
  cents(): bigint {
    this.flush();
    return this.big;
  }

  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }
}

/** Rows and money totals of one table; amounts are exact decimal strings like `"1234.50"`. */
export interface TableTotals {
  rows: number;
  amounts: Record<string, MoneyString>;
}

/** Rows and money totals of every table the demo wrote. */
export type DemoTotals = Record<DemoTable, TableTotals>;

/** Totals as plain data that can cross threads: rows, and cents as BigInt per money column. */
export interface RawTotals {
  rows: Record<DemoTable, number>;
  cents: Record<DemoTable, Record<string, bigint>>;
  /** Thousandths of a minute per time-driven activity (see {@link ActivityMinutes}). */
  minutes: Record<TimeActivity, number>;
}

/** Running counters for every table: rows and one {@link CentSum} per money column. */
export class TotalsCounter {
  /** Rows per table. */
  readonly rows: Record<DemoTable, number>;
  /** Money sums per table and column. */
  readonly sums: Record<DemoTable, Record<string, CentSum>>;
  /** Minutes the rows use per time-driven activity of the demo's cost model. */
  readonly minutes = new ActivityMinutes();

  constructor() {
    this.rows = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
    this.sums = Object.fromEntries(
      DEMO_TABLES.map((t) => [t, Object.fromEntries(DEMO_MONEY_COLUMNS[t].map((c) => [c, new CentSum()]))]),
    ) as Record<DemoTable, Record<string, CentSum>>;
  }

  /** The totals as plain data (to send to another thread). */
  raw(): RawTotals {
    const cents = {} as Record<DemoTable, Record<string, bigint>>;
    for (const t of DEMO_TABLES) {
      cents[t] = {};
      for (const c of DEMO_MONEY_COLUMNS[t]) cents[t][c] = this.sums[t][c]!.cents();
    }
    return { rows: { ...this.rows }, cents, minutes: { ...this.minutes.milli } };
  }

  /** Adds another counter's totals. */
  add(other: RawTotals): void {
    for (const t of DEMO_TABLES) {
      this.rows[t] += other.rows[t];
      for (const c of DEMO_MONEY_COLUMNS[t]) this.sums[t][c]!.addCents(other.cents[t][c]!);
    }
    this.minutes.add(other.minutes);
  }

  /** The totals as exact decimal strings. */
  result(): DemoTotals {
    const out = {} as DemoTotals;
    for (const t of DEMO_TABLES) {
      const amounts: Record<string, MoneyString> = {};
      for (const c of DEMO_MONEY_COLUMNS[t]) amounts[c] = fromScaled(this.sums[t][c]!.cents());
      out[t] = { rows: this.rows[t], amounts };
    }
    return out;
  }
}
