/**
 * The period the data covers, against the period worth.yaml sets. Ingest loads lines up to a
 * year after the set period's end (only later ones are rejected), so a reload can bring lines
 * the set period does not cover: they count in every total and month, while the cost pools
 * are the set period's money. Every output says so, with the lines' count and money.
 */
import type { MoneyString } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Order lines dated outside the set period: how many, their net sales (gross - discount) and their first and last date. */
export interface OutsidePeriod {
  lines: number;
  netSales: MoneyString;
  /** yyyy-mm-dd. */
  first: string;
  /** yyyy-mm-dd. */
  last: string;
}

/** The first and last order date in the data (yyyy-mm-dd; null without order lines) and the lines outside the set period (null: none). */
export interface DataPeriod {
  start: string | null;
  end: string | null;
  outside: OutsidePeriod | null;
}

/** Reads the data's period and the order lines outside `period` (worth.yaml's), every line counted, with or without a customer. */
export async function readDataPeriod(
  engine: Engine,
  period: { start: string; end: string },
): Promise<DataPeriod> {
  const [span] = await engine.query(
    'SELECT CAST(min(order_date) AS VARCHAR) AS first, CAST(max(order_date) AS VARCHAR) AS last FROM order_lines',
  );
  const [out] = await engine.query(
    'SELECT count(*) AS n, CAST(coalesce(sum(gross_amount - coalesce(discount_amount, 0)), 0) AS VARCHAR) AS net, ' +
      'CAST(min(order_date) AS VARCHAR) AS first, CAST(max(order_date) AS VARCHAR) AS last FROM order_lines ' +
      'WHERE order_date < CAST($1 AS DATE) OR order_date > CAST($2 AS DATE)',
    [period.start, period.end],
  );
  const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
  const lines = Number(out?.n ?? 0);
  return {
    start: day(span?.first),
    end: day(span?.last),
    outside:
      lines > 0
        ? {
            lines,
            netSales: String(out?.net ?? '0'),
            first: day(out?.first) ?? '',
            last: day(out?.last) ?? '',
          }
        : null,
  };
}
