/**
 * What the whole export says beyond its column kinds: the period it covers, whether credit
 * notes carry a letter prefix, and the volumes that size the starter cost model. Read in
 * SQL over the staged export (every row, as text), missing values and unreadable ones left out.
 */
import type { Engine } from '../warehouse/index.ts';
import type { ExportFacts } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** Reads the facts; the required columns are known to be recognised. */
export async function exportFacts(engine: Engine, p: ExportProfile, r: Recognised): Promise<ExportFacts> {
  const q = engine.dialect.quoteIdent;
  const c = r.columns;
  const t = q(p.table);
  const dateCol = c.order_date!;
  const formats = dateCol.dateFormats ?? ['%Y-%m-%d', '%Y-%m-%d %H:%M:%S'];
  const date = engine.dialect.tryDate(`trim(${q(dateCol.name)})`, formats);
  const num = (name: string) => numberValueSql(q(name), p.decimal);
  const qty = num(c.quantity!.name);
  const negative = c.quantity!.negatives > 0 || !c.amount ? `${qty} < 0` : `${num(c.amount.name)} < 0`;
  const prefix = c.order_id!.prefix?.text;
  const order = `trim(${q(c.order_id!.name)})`;
  const credit = prefix ? `(${negative} OR starts_with(${order}, $1))` : `(${negative})`;
  const params = prefix ? [prefix] : [];
  const row = (
    await engine.query(
      `SELECT CAST(min(${date}) AS VARCHAR) AS start, CAST(max(${date}) AS VARCHAR) AS "end",
         count(*) FILTER (WHERE ${negative}) AS negatives,
         ${prefix ? `count(*) FILTER (WHERE starts_with(${order}, $1))` : '0'} AS prefixed,
         ${prefix ? `count(*) FILTER (WHERE starts_with(${order}, $1) AND ${negative})` : '0'} AS prefixed_negative,
         count(*) FILTER (WHERE NOT ${credit} AND ${qty} IS NOT NULL) AS lines,
         count(DISTINCT ${order}) FILTER (WHERE NOT ${credit} AND ${qty} IS NOT NULL) AS orders,
         coalesce(sum(${qty}) FILTER (WHERE NOT ${credit}), 0) AS quantity,
         count(*) FILTER (WHERE ${credit}) AS credits
       FROM ${t}`,
      params,
    )
  )[0]!;
  const lines = Number(row.lines);
  // A prefix counts as a credit-note mark when most lines that carry it are negative.
  const creditPrefix =
    prefix && Number(row.prefixed) > 0 && Number(row.prefixed_negative) >= 0.5 * Number(row.prefixed)
      ? prefix
      : undefined;
  return {
    period: { start: String(row.start ?? '2025-01-01'), end: String(row.end ?? row.start ?? '2025-12-31') },
    creditPrefix,
    negativeLines: Number(row.negatives),
    volumes: {
      orderMinutes: 3 * Number(row.orders) + 0.5 * lines,
      pickingMinutes: lines + 0.02 * Number(row.quantity),
      returnMinutes: 10 * Number(row.credits),
      serviceContacts: false,
    },
  };
}
