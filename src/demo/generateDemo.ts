/**
 * The generator's main loop: draws customers one at a time from one seeded stream and
 * writes each one's whole history, so memory does not grow with the number of customers.
 */
import type { Progress } from '../core/index.ts';
import { makeCalendar } from './calendar.ts';
import { makeCatalog } from './catalog.ts';
import { DEMO_TABLES, type DemoTable } from './columns.ts';
import { csvFormat } from './csvFormat.ts';
import { drawCustomer, TraitSequence } from './customerProfile.ts';
import { writeCustomerHistory } from './customerHistory.ts';
import type { DemoContext } from './demoContext.ts';
import { DemoRows } from './demoRows.ts';
import type { DemoOptions } from './options.ts';
import { Rng } from './rng.ts';
import type { TableSink } from './tableSink.ts';
import type { DemoTotals } from './totals.ts';

/** Customers between two checks for backpressure and progress. */
const BATCH = 256;

/** Generates the demo into the sinks (header rows included), closes them, and returns the totals. */
export async function generateDemo(
  o: DemoOptions,
  sinks: Record<DemoTable, TableSink>,
  progress?: Progress,
): Promise<DemoTotals> {
  const calendar = makeCalendar(o.lastYear, o.years);
  const rows = new DemoRows(sinks, csvFormat(o.format, calendar));
  const ctx: DemoContext = {
    rng: new Rng(o.seed),
    calendar,
    catalog: makeCatalog(),
    rows,
    ids: { order: 0, shipment: 0, invoice: 0, return: 0, contact: 0, feedback: 0 },
  };
  const idWidth = Math.max(6, String(o.customers).length);
  const all = DEMO_TABLES.map((t) => sinks[t]);
  const traits = new TraitSequence(ctx.rng);
  rows.headers();
  progress?.start('customers', o.customers);
  for (let i = 1; i <= o.customers; i++) {
    writeCustomerHistory(ctx, drawCustomer(ctx.rng, traits, i, idWidth, calendar));
    if (i % BATCH === 0) {
      for (const s of all) if (s.blocked) await s.drain();
      progress?.update(i);
    }
  }
  await Promise.all(all.map((s) => s.close()));
  progress?.update(o.customers);
  progress?.stop();
  return rows.totals.result();
}
